import { Worker } from 'node:worker_threads';
import { workerModuleBeside, type WorkerModule } from '../worker-module.js';
import { firstPayloadMismatch, flattenRows, type PayloadRow } from './payload-check.js';

export interface HashRequest {
  id: number;
  /** The rows as {@link flattenRows} gives them. */
  flat: unknown[];
}
export interface HashResponse {
  id: number;
  mismatch: number | null;
}

/** Recomputes payload hashes of batches of audit events; answers the seq of each batch's first mismatch, or null. */
export interface PayloadHasher {
  readonly inWorker: boolean;
  check(rows: PayloadRow[]): Promise<number | null>;
  close(): Promise<void>;
}

/** Hashes on the calling thread, at once. */
export function inlineHasher(): PayloadHasher {
  return { inWorker: false, check: async (rows) => firstPayloadMismatch(rows), close: async () => {} };
}

export type { WorkerModule } from '../worker-module.js';

/** The hashing worker's module (chain-worker.ts / .js) next to this one. */
export function workerModule(): WorkerModule {
  return workerModuleBeside(import.meta.url, 'chain-worker');
}

const STARTUP_TIMEOUT_MS = 10_000;

/**
 * Starts a worker thread for the hashing; falls back to {@link inlineHasher} when the worker cannot start (its module
 * or tsx is missing, the platform refuses threads). Should the worker fail later, the batches it still owes are hashed
 * inline and every later batch too, so a verification never fails because of the worker.
 */
export async function startPayloadHasher(module = workerModule()): Promise<PayloadHasher> {
  let worker: Worker;
  try {
    worker = module.bootstrap ? new Worker(module.bootstrap, { eval: true }) : new Worker(module.url);
  } catch {
    return inlineHasher();
  }
  const started = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), STARTUP_TIMEOUT_MS);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onFailure);
      worker.off('exit', onFailure);
      resolve(ok);
    };
    const onMessage = (message: unknown) => done(message === 'ready');
    const onFailure = () => done(false);
    worker.on('message', onMessage);
    worker.on('error', onFailure);
    worker.on('exit', onFailure);
  });
  if (!started) {
    await worker.terminate().catch(() => undefined);
    return inlineHasher();
  }
  return workerHasher(worker);
}

function workerHasher(worker: Worker): PayloadHasher {
  const owed = new Map<number, { rows: PayloadRow[]; resolve: (mismatch: number | null) => void }>();
  let nextId = 0;
  let failed = false;
  let closing = false;
  const failOver = () => {
    if (closing || failed) return;
    failed = true;
    for (const [id, { rows, resolve }] of owed) {
      owed.delete(id);
      resolve(firstPayloadMismatch(rows));
    }
  };
  worker.on('message', (response: HashResponse) => {
    const entry = owed.get(response.id);
    if (!entry) return;
    owed.delete(response.id);
    entry.resolve(response.mismatch);
  });
  worker.on('error', failOver);
  worker.on('exit', failOver);
  return {
    get inWorker() {
      return !failed;
    },
    check(rows) {
      if (failed) return Promise.resolve(firstPayloadMismatch(rows));
      const id = nextId++;
      return new Promise((resolve) => {
        owed.set(id, { rows, resolve });
        const request: HashRequest = { id, flat: flattenRows(rows) };
        worker.postMessage(request);
      });
    },
    async close() {
      closing = true;
      await worker.terminate();
    },
  };
}
