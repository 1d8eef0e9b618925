import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface WorkerModule {
  url: URL;
  /** Code run instead (as `eval`) that registers tsx's loader in the worker, then imports `url`. */
  bootstrap?: string;
}

/**
 * A worker thread's module `name` next to the module at `besideUrl`: the built `.js` in dist; under tsx or vitest the
 * `.ts` source, imported after tsx's loader is registered in the worker thread itself (Node 20 does not carry a
 * parent's loader into a worker).
 */
export function workerModuleBeside(besideUrl: string, name: string): WorkerModule {
  const fromSource = besideUrl.endsWith('.ts');
  const url = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, besideUrl);
  if (!fromSource) return { url };
  try {
    // tsx's ES module API sits next to the CommonJS entry that require resolves (tsx 4).
    const tsx = new URL('index.mjs', pathToFileURL(createRequire(besideUrl).resolve('tsx/esm/api'))).href;
    return { url, bootstrap: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });` };
  } catch {
    return { url }; // no tsx: the worker fails to start and the caller falls back to its own thread
  }
}
