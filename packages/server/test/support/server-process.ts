// A real Konform server in its own process (the built CLI, which `npm test` builds first; the sources through tsx
// otherwise), for tests that need what one process cannot show: SIGKILL, several instances, real start-up.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function serverArgs(port: number, dataDir: string): string[] {
  const built = path.join(root, 'packages/server/dist/cli.js');
  const base = existsSync(built) ? [built] : [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=source', path.join(root, 'packages/server/src/cli.ts')];
  return [...base, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir];
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  /** What the process wrote to stderr so far (for failure messages). */
  errors: () => string;
}

/** Starts `konform serve` and waits until /api/health answers; a process that exits first fails with its stderr. */
export async function startServerProcess(dataDir: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, serverArgs(port, dataDir), { cwd: root, env: { ...process.env, LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (c: Buffer) => (errors += c.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}): ${errors}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { child, baseUrl, errors: () => errors };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`The server did not become healthy: ${errors}`);
}

/** Ends the process with SIGKILL (no clean shutdown) and waits for it to be gone. */
export function killProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export interface HttpSession {
  cookie: string;
  csrf: string;
}

export async function signInOverHttp(baseUrl: string, credentials: { email: string; password: string }): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}
