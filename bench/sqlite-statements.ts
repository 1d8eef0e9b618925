// Times every statement better-sqlite3 runs in this process, by wrapping the statement methods once. Statements run
// synchronously there, so their time is time the event loop was blocked. Used by the query statistics
// (load-server.ts) and the stall timeline (trace.ts).
import SQLite from 'better-sqlite3';

type Listener = (sql: string, startedAt: number, ms: number) => void;
const listeners: Listener[] = [];
let wrapped = false;

/** Calls `listener` after every SQLite statement of this process with its SQL text, start time and duration. */
export function onSqliteStatement(listener: Listener): void {
  listeners.push(listener);
  if (wrapped) return;
  wrapped = true;
  const probe = new SQLite(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<'all' | 'run' | 'get', (this: { source: string }, ...args: unknown[]) => unknown>;
  probe.close();
  for (const method of ['all', 'run', 'get'] as const) {
    const original = prototype[method];
    prototype[method] = function timed(this: { source: string }, ...args: unknown[]) {
      const at = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - at;
        for (const l of listeners) l(this.source, at, ms);
      }
    };
  }
}
