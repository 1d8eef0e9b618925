/**
 * CPU time read from /proc (Linux): of a process, of its threads, and of the PostgreSQL server's processes when it runs
 * on the same machine. The load benchmark uses them to print what each request class costs. Elsewhere they return null.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;

/** User + system CPU time of a process from /proc/<pid>/stat, in ms (Linux; null elsewhere). */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces, hence from the last ')'): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) of a process's main thread (the event loop) and of its other threads together (V8's garbage-collection
 * helpers, libuv's pool, SQLite's reader thread), from /proc/<pid>/task (Linux; null elsewhere). Node names every
 * thread "node", so they are told apart by id: the main thread's id is the process id.
 */
export function threadCpuMs(pid: number | undefined): { main: number; others: number } | null {
  if (pid === undefined) return null;
  const split = { main: 0, others: 0 };
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      split[Number(tid) === pid ? 'main' : 'others'] += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    }
  } catch {
    return null; // a thread ended between listing and reading, or there is no /proc
  }
  return split;
}

/**
 * CPU time (ms) of each process named `postgres` on this machine (the database server and its backends, when it runs
 * here) by process id, from /proc; null without /proc. See `postgresCpuSince`.
 */
export function postgresCpuMs(): Map<number, number> | null {
  const byPid = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(Number(pid), ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
    } catch {
      // the process ended while the list was read
    }
  }
  return byPid;
}

/** PostgreSQL's CPU time since `before`: a backend started since counts whole, one that ended since is missed. */
export function postgresCpuSince(before: Map<number, number>): number | null {
  const after = postgresCpuMs();
  if (after === null || after.size === 0) return null;
  let used = 0;
  for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0);
  return used;
}
