import cluster, { type Worker } from 'node:cluster';

/**
 * Several server processes on one port (KONFORM_WORKERS): Node's cluster module hands incoming connections to the
 * worker processes in turn, so a machine's cores all serve requests; one Node process uses one core for JavaScript.
 * The workers are independent instances of the same kind as several machines in front of one PostgreSQL (sessions,
 * jobs and files are all in the database or the shared storage); on SQLite they share the database file, whose
 * transactions then run one after the other (`begin immediate`, db/database.ts).
 *
 * The primary process does the one-time start-up work first (migrations, the first administrator, the signing key),
 * so workers never race for it, then starts the workers and starts a worker again when one dies. Worker index 1 runs
 * the background jobs (several would be safe, but one keeps the polling down). SIGINT/SIGTERM to the primary stop the
 * workers gracefully; a worker whose primary is gone (even by SIGKILL) stops by itself.
 */
export const WORKER_INDEX_ENV = 'KONFORM_WORKER_INDEX';

export interface ClusterOptions {
  workers: number;
  /** One-time start-up in the primary, before any worker starts. */
  prepare: () => Promise<void>;
  /** Runs in each worker: starts the server; `index` counts from 1. Resolves to a function that stops it. */
  serve: (index: number) => Promise<() => Promise<void>>;
  log?: (line: string) => void;
}

/** The index of this worker process (1 …), or null when this process is not a worker of `runClustered`. */
export function workerIndex(): number | null {
  const value = process.env[WORKER_INDEX_ENV];
  return cluster.isWorker && value ? Number(value) : null;
}

export async function runClustered(options: ClusterOptions): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const index = workerIndex();
  if (index !== null) {
    const stop = await options.serve(index);
    let stopping = false;
    const shutdown = () => {
      if (stopping) return;
      stopping = true;
      void stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
    // The primary is gone (stopped or killed): this worker must not live on unsupervised.
    process.once('disconnect', shutdown);
    return;
  }
  await options.prepare();
  const byIndex = new Map<number, Worker>();
  let stopping = false;
  const fork = (n: number) => {
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(n) });
    byIndex.set(n, worker);
    worker.on('exit', (code, signal) => {
      if (byIndex.get(n) === worker) byIndex.delete(n);
      if (stopping) return;
      log(`Worker ${n} stopped (${signal ?? `exit code ${code}`}); starting it again`);
      // A worker that dies at once (e.g. a wrong setting) would be restarted in a tight loop: wait a moment.
      setTimeout(() => {
        if (!stopping) fork(n);
      }, 1000).unref();
    });
  };
  for (let n = 1; n <= options.workers; n++) fork(n);
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const running = [...byIndex.values()];
    if (running.length === 0) process.exit(0);
    let left = running.length;
    for (const worker of running) {
      worker.once('exit', () => {
        if (--left === 0) process.exit(0);
      });
      worker.process.kill(signal);
    }
  };
  process.once('SIGTERM', () => stopAll('SIGTERM'));
  process.once('SIGINT', () => stopAll('SIGTERM'));
}
