/**
 * The server side of the load benchmark, run as a child process of `load.bench.ts` so that the server has an event
 * loop of its own (as in production) and autocannon's client work does not delay it.
 *
 * KONFORM_BENCH_SERVER=app   the real app (`buildApp`, log level `warn`) on the seeded database
 *                            (KONFORM_BENCH_DATA_DIR, and KONFORM_BENCH_SERVER_DATABASE_URL for PostgreSQL);
 * KONFORM_BENCH_SERVER=hello a bare Fastify app with `GET /hello` answering `{"hello":"world"}` (the baseline).
 *
 * Listens on 127.0.0.1 with an ephemeral port, prints `listening <port>` and runs until it is sent SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { PostgresQueryCompiler, type KyselyPlugin, type QueryId } from 'kysely';
import cluster from 'node:cluster';
import { buildApp, openDatabase, runClustered, type Database } from '@konform/server';
import { describePauses, watchPauses } from './pauses.js';
import { traceServer } from './trace.js';
import { onSqliteStatement } from './sqlite-statements.js';

/**
 * KONFORM_BENCH_QUERY_STATS=1: counts every statement and its time by SQL text and prints the costliest to stderr
 * when the server stops. SQLite: the time inside better-sqlite3 (the statement alone, it runs synchronously);
 * PostgreSQL: from compiling to the result, so including the wait for a pooled connection.
 */
function queryStats(database: Database) {
  const totals = new Map<string, { count: number; ms: number }>();
  const add = (text: string, ms: number) => {
    const entry = totals.get(text) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    totals.set(text, entry);
  };
  if (database.dialect === 'sqlite') {
    onSqliteStatement((text, _at, ms) => add(text, ms));
  } else {
    const started = new WeakMap<QueryId, { at: number; sql: string }>();
    const compiler = new PostgresQueryCompiler();
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        started.set(args.queryId, { at: performance.now(), sql: compiler.compileQuery(args.node, args.queryId).sql });
        return args.node;
      },
      transformResult: async (args) => {
        const start = started.get(args.queryId);
        if (start) add(start.sql, performance.now() - start.at);
        return args.result;
      },
    };
    database.db = database.db.withPlugin(plugin);
  }
  return {
    print() {
      for (const [text, t] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40)) console.error(`${t.count}\t${t.ms.toFixed(0)} ms\t${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    },
  };
}

/** The real app on the seeded database, with the server-side measurements; `label` names the process in its lines. */
async function startBenchApp(label: string): Promise<{ port: number; close: () => Promise<void> }> {
  const dataDir = process.env.KONFORM_BENCH_DATA_DIR;
  if (!dataDir) throw new Error('KONFORM_BENCH_DATA_DIR is not set');
  const database = openDatabase({ dataDir, databaseUrl: process.env.KONFORM_BENCH_SERVER_DATABASE_URL || undefined, poolSize: Number(process.env.KONFORM_DATABASE_POOL_SIZE ?? 20) });
  const stats = process.env.KONFORM_BENCH_QUERY_STATS ? queryStats(database) : null;
  const maxActiveRequests = process.env.KONFORM_MAX_ACTIVE_REQUESTS ? Number(process.env.KONFORM_MAX_ACTIVE_REQUESTS) : undefined;
  const maxActiveWrites = process.env.KONFORM_MAX_ACTIVE_WRITES ? Number(process.env.KONFORM_MAX_ACTIVE_WRITES) : undefined;
  // As `konform serve` does (server.ts): on SQLite the WAL checkpoints run on a thread of their own.
  await database.checkpointAside();
  const app = await buildApp({ database, logLevel: 'warn', dataDir, warmUp: true, maxActiveRequests, maxActiveWrites });
  const trace = traceServer(app, database.dialect);
  // The server's own CPU time per answered request, printed when it stops: less sensitive to a busy machine than
  // throughput, so runs can be compared.
  let answered = 0;
  app.addHook('onResponse', async () => {
    answered++;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // SIGUSR2 (sent by load.bench.ts after the warm-up) starts the count afresh, so one-off costs (loading the
  // catalogues, compiling) stay out of it.
  let cpuAtStart = process.cpuUsage();
  process.on('SIGUSR2', () => {
    answered = 0;
    cpuAtStart = process.cpuUsage();
    // The paced run starts now and lasts KONFORM_BENCH_DURATION seconds: report the server's pauses over it.
    const stop = watchPauses();
    trace.start();
    const gate = app.admission;
    const countsAtStart = gate ? { ...gate.counts } : null;
    if (gate) gate.counts.longestQueue = 0;
    setTimeout(() => {
      console.error(describePauses(`${label} during the paced run`, stop()));
      for (const line of trace.stop()) console.error(`${label}: ${line}`);
      if (gate && countsAtStart) {
        console.error(`${label}: admission (at most ${gate.limit} requests worked on at once, ${gate.writeLimit} of them writes): ${gate.counts.waited - countsAtStart.waited} requests waited for a place, longest queue ${gate.counts.longestQueue}, ${gate.counts.turnedAway - countsAtStart.turnedAway} turned away`);
      }
    }, Number(process.env.KONFORM_BENCH_DURATION ?? 30) * 1000).unref();
  });
  const port = (app.server.address() as AddressInfo).port;
  const close = async () => {
    await app.close();
    // Handlers of requests whose sockets the load generator dropped at its end may still be running; let them finish.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await database.close();
    const cpu = process.cpuUsage(cpuAtStart);
    console.error(`${label}: ${answered} requests, ${((cpu.user + cpu.system) / 1000 / Math.max(1, answered)).toFixed(2)} ms CPU per request (user+system, from the end of the warm-up to stopping)`);
    stats?.print();
  };
  return { port, close };
}

async function main() {
  const mode = process.env.KONFORM_BENCH_SERVER;
  let close: () => Promise<void>;
  let port: number;
  if (mode === 'hello') {
    const app = Fastify({ logger: false });
    app.get('/hello', async () => ({ hello: 'world' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
    close = () => app.close();
  } else if (mode === 'app') {
    // KONFORM_BENCH_WORKERS (default 1, as `konform serve`) server processes on one port, as `konform serve` runs them
    // with KONFORM_WORKERS (cluster.ts); 1 runs the app in this process.
    const workers = Number(process.env.KONFORM_BENCH_WORKERS ?? 1);
    if (workers > 1) {
      if (cluster.isPrimary) {
        // The load generator signals the primary; the workers measure.
        process.on('SIGUSR2', () => {
          for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGUSR2');
        });
        let listening = 0;
        cluster.on('listening', (_worker, address) => {
          if (++listening === workers) console.log(`listening ${address.port}`);
        });
      }
      await runClustered({
        workers,
        prepare: async () => {},
        serve: async (index) => (await startBenchApp(`server worker ${index}`)).close,
        log: (line) => console.error(line),
      });
      return;
    }
    ({ port, close } = await startBenchApp('server'));
  } else {
    throw new Error('KONFORM_BENCH_SERVER must be app or hello');
  }
  process.once('SIGTERM', () => {
    void close().then(() => process.exit(0), () => process.exit(1));
  });
  console.log(`listening ${port}`);
}

await main();
