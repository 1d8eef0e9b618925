import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
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

export interface WorkerModule {
  url: URL;
  /** Code run instead (as `eval`) that registers tsx's loader in the worker, then imports `url`. */
  bootstrap?: string;
}

/**
 * The worker's module next to this one: the built `.js` in dist; under tsx or vitest the `.ts` source, imported after
 * tsx's loader is registered in the worker thread itself (Node 20 does not carry a parent's loader into a worker).
 */
export function workerModule(): WorkerModule {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './chain-worker.ts' : './chain-worker.js', import.meta.url);
  if (!fromSource) return { url };
  try {
    // tsx's ES module API sits next to the CommonJS entry that require resolves (tsx 4).
    const tsx = new URL('index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api'))).href;
    return { url, bootstrap: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });` };
  } catch {
    return { url }; // no tsx: the worker fails to start and the hashing stays inline
  }
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
