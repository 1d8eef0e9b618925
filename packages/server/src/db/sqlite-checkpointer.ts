import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { workerModuleBeside, type WorkerModule } from '../worker-module.js';
import type { CheckpointWorkerData } from './sqlite-checkpoint-worker.js';

/** SQLite's own default: the committing connection checkpoints once the WAL holds this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

export interface SqliteCheckpointer {
  /** Resolves true once the thread checkpoints (the main connection no longer does), false if it could not start. */
  ready: Promise<boolean>;
  /** Checkpoints of the thread that copied pages into the database file so far (tests). */
  checkpoints(): number;
  close(): Promise<void>;
}

export interface SqliteCheckpointerOptions {
  intervalMs?: number;
  /** The worker's module (tests). */
  module?: WorkerModule;
}

/**
 * In WAL mode SQLite copies committed pages from the WAL into the database file in a checkpoint, which by default the
 * committing connection runs itself once the WAL holds 1,000 pages. In a server that connection is the event loop's:
 * every few seconds under load one request's commit also wrote megabytes and synced the database file (seen as
 * commits of 10–35 ms, during which no other request was served). This moves the checkpoints to a thread with its
 * own connection, at a low priority, every `intervalMs`; the main connection stops checkpointing once the thread
 * runs. If the thread cannot start or ends, the main connection checkpoints by itself again, so the WAL never grows
 * without bound. Durability does not change: a commit is on disk in the WAL before it is acknowledged either way.
 */
export function sqliteCheckpointer(file: string, main: SQLite.Database, options: SqliteCheckpointerOptions = {}): SqliteCheckpointer {
  const module = options.module ?? workerModuleBeside(import.meta.url, 'sqlite-checkpoint-worker');
  const workerData: CheckpointWorkerData = { file, intervalMs: options.intervalMs ?? 500, nice: 10 };
  let checkpoints = 0;
  let closed = false;
  let worker: Worker | null = null;
  const selfCheckpointing = () => {
    if (main.open) main.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  };
  const ready = new Promise<boolean>((resolve) => {
    try {
      worker = module.bootstrap ? new Worker(module.bootstrap, { eval: true, workerData }) : new Worker(module.url, { workerData });
    } catch {
      resolve(false);
      return;
    }
    // The thread never keeps the process alive (a CLI command, a test must end).
    worker.unref();
    worker.on('message', (message: 'ready' | { copied: number }) => {
      if (message === 'ready') {
        if (!closed) main.pragma('wal_autocheckpoint = 0');
        resolve(!closed);
      } else {
        checkpoints++;
      }
    });
    const failed = () => {
      if (!closed) selfCheckpointing();
      resolve(false);
    };
    worker.on('error', failed);
    worker.on('exit', failed);
  });
  return {
    ready,
    checkpoints: () => checkpoints,
    async close() {
      closed = true;
      selfCheckpointing();
      await worker?.terminate();
    },
  };
}
