import { Worker } from 'node:worker_threads';
import { workerModuleBeside, type WorkerModule } from '../worker-module.js';

export interface ReadRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}
export type ReadResponse = { id: number; rows: unknown[] } | { id: number; error: { message: string; code?: string } };

/** Runs read-only SQL and answers its rows. */
export type RowReader = (sql: string, parameters: readonly unknown[]) => Promise<unknown[]>;

export interface SqliteReader {
  read: RowReader;
  /** Starts the thread if it is not running; true once reads go to it, false when they stay on the main connection. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 10_000;

export interface SqliteReaderOptions {
  /** The worker's module (tests). */
  module?: WorkerModule;
  /**
   * A nice value above 0 lowers the thread's priority (Linux): the CPU goes first to the threads that answer requests
   * when both want it, as on a two-core machine when a large dashboard is refreshed in the background.
   */
  nice?: number;
}

/**
 * Heavy read-only queries (a text search counted over every live system, a filtered page walked in sort order) take
 * tens of milliseconds on SQLite, and better-sqlite3 runs them on the event loop: every other request of the process
 * waits meanwhile. This reader runs them on a worker thread with its own read-only connection to the same file (WAL
 * lets it read beside the writes), so the event loop stays free and the query runs on another core. The thread is
 * started at the first read; while it is starting, or if it cannot start or fails, the reads run on `inline` (the
 * main connection), so a query never fails because of the thread. Each read sees the latest commit, as a read on the
 * main connection outside a transaction does.
 */
export function sqliteReader(file: string, inline: RowReader, options: SqliteReaderOptions = {}): SqliteReader {
  const module = options.module ?? workerModuleBeside(import.meta.url, 'sqlite-reader-worker');
  const workerData = { file, nice: options.nice ?? 0 };
  let worker: Worker | null = null;
  let state: 'idle' | 'starting' | 'ready' | 'failed' | 'closed' = 'idle';
  const owed = new Map<number, { request: ReadRequest; resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const settled: Array<(ok: boolean) => void> = [];
  const settle = () => {
    for (const resolve of settled.splice(0)) resolve(state === 'ready');
  };

  const failOver = () => {
    if (state === 'closed' || state === 'failed') return;
    state = 'failed';
    settle();
    // A thread that did not start in time or failed is not used again.
    void worker?.terminate();
    for (const [id, { request, resolve, reject }] of owed) {
      owed.delete(id);
      inline(request.sql, request.parameters).then(resolve, reject);
    }
  };

  const start = () => {
    state = 'starting';
    try {
      worker = module.bootstrap ? new Worker(module.bootstrap, { eval: true, workerData }) : new Worker(module.url, { workerData });
    } catch {
      state = 'failed';
      settle();
      return;
    }
    // While it starts and while a read is owed the thread keeps the process alive, or the process could end with a
    // promise pending; once idle it must not (a CLI command, a test would not end).
    const timer = setTimeout(failOver, STARTUP_TIMEOUT_MS).unref();
    worker.on('message', (message: ReadResponse | 'ready') => {
      if (message === 'ready') {
        clearTimeout(timer);
        if (state === 'starting') state = 'ready';
        if (owed.size === 0) worker?.unref();
        settle();
        return;
      }
      const entry = owed.get(message.id);
      if (!entry) return;
      owed.delete(message.id);
      if (owed.size === 0) worker?.unref();
      if ('rows' in message) entry.resolve(message.rows);
      else entry.reject(Object.assign(new Error(message.error.message), message.error.code ? { code: message.error.code } : {}));
    });
    worker.on('error', failOver);
    worker.on('exit', failOver);
  };

  return {
    read(sql, parameters) {
      if (state === 'idle') start();
      if (state !== 'ready') return inline(sql, parameters);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const request: ReadRequest = { id, sql, parameters };
        if (owed.size === 0) worker!.ref();
        owed.set(id, { request, resolve, reject });
        worker!.postMessage(request);
      });
    },
    ready() {
      if (state === 'idle') start();
      if (state !== 'starting') return Promise.resolve(state === 'ready');
      return new Promise((resolve) => settled.push(resolve));
    },
    async close() {
      const running = worker;
      state = 'closed';
      worker = null;
      for (const [id, { request, resolve, reject }] of owed) {
        owed.delete(id);
        inline(request.sql, request.parameters).then(resolve, reject);
      }
      settle();
      await running?.terminate();
    },
  };
}
