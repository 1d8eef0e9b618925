// Server-side attribution of the paced run's latency tail (load-server.ts): how long each route took inside the server
// (from Fastify's onRequest to the response), and with KONFORM_BENCH_TRACE=1 a timeline of event-loop stalls and of
// the slow SQLite statements around them. If the server's own p99 is low while the load generator sees a high one,
// the time was spent before the server read the request (queued in the socket behind a blocked loop, or the process
// not scheduled); the stall timeline then says what blocked the loop.
import type { FastifyInstance } from 'fastify';
import { onSqliteStatement } from './sqlite-statements.js';
import { percentile } from './support.js';

interface Stall { at: number; ms: number }
interface SlowStatement { at: number; ms: number; sql: string }

export interface ServerTrace {
  /** Starts a window (the paced run): clears what was recorded. */
  start(): void;
  /** Ends the window and returns the lines to print. */
  stop(): string[];
}

const STALL_MS = 30;
const SLOW_STATEMENT_MS = 10;

export function traceServer(app: FastifyInstance, dialect: 'sqlite' | 'postgres'): ServerTrace {
  const detailed = Boolean(process.env.KONFORM_BENCH_TRACE);
  let recording = false;
  let origin = performance.now();
  const perRoute = new Map<string, number[]>();
  const stalls: Stall[] = [];
  const slow: SlowStatement[] = [];

  app.addHook('onResponse', async (request, reply) => {
    if (!recording) return;
    const key = `${request.method} ${request.routeOptions.url ?? '?'}`;
    let list = perRoute.get(key);
    if (!list) perRoute.set(key, (list = []));
    list.push(reply.elapsedTime);
  });

  if (detailed) {
    // A 1 ms ticker: a gap far above 1 ms between two ticks is a stall of the event loop, recorded with when it began.
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      if (recording && now - last > STALL_MS) stalls.push({ at: last - origin, ms: now - last });
      last = now;
    }, 1).unref();
    if (dialect === 'sqlite') {
      onSqliteStatement((sql, at, took) => {
        if (recording && took >= SLOW_STATEMENT_MS) slow.push({ at: at - origin, ms: took, sql: sql.replace(/\s+/g, ' ').slice(0, 140) });
      });
    }
  }

  return {
    start() {
      perRoute.clear();
      stalls.length = 0;
      slow.length = 0;
      origin = performance.now();
      recording = true;
    },
    stop() {
      recording = false;
      const lines = ['server-side time per route during the paced run (ms, onRequest → response):'];
      for (const [route, samples] of [...perRoute].sort()) {
        const sorted = [...samples].sort((a, b) => a - b);
        lines.push(`  ${route.padEnd(44)} n=${String(sorted.length).padStart(5)} p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} max ${sorted[sorted.length - 1]!.toFixed(1).padStart(6)}`);
      }
      if (detailed) {
        const blocked = stalls.reduce((n, s) => n + s.ms, 0);
        lines.push(`event-loop stalls over ${STALL_MS} ms: ${stalls.length}, ${blocked.toFixed(0)} ms in all`);
        for (const stall of [...stalls].sort((a, b) => b.ms - a.ms).slice(0, 15)) {
          const inside = slow.filter((s) => s.at >= stall.at - 5 && s.at <= stall.at + stall.ms);
          lines.push(`  at ${(stall.at / 1000).toFixed(2)} s: ${stall.ms.toFixed(0)} ms; slow statements in it: ${inside.map((s) => `${s.ms.toFixed(0)} ms ${s.sql}`).join(' | ') || 'none'}`);
        }
        const bySql = new Map<string, { n: number; ms: number; max: number }>();
        for (const s of slow) {
          const entry = bySql.get(s.sql) ?? { n: 0, ms: 0, max: 0 };
          entry.n++;
          entry.ms += s.ms;
          entry.max = Math.max(entry.max, s.ms);
          bySql.set(s.sql, entry);
        }
        if (dialect === 'sqlite') lines.push(`statements of ${SLOW_STATEMENT_MS} ms or more: ${slow.length}`);
        for (const [text, e] of [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) lines.push(`  ${String(e.n).padStart(4)}× ${e.ms.toFixed(0).padStart(5)} ms (max ${e.max.toFixed(0)}) ${text}`);
      }
      return lines;
    },
  };
}
