import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestServer {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  /** The server's data directory (its SQLite file is `konform.sqlite`), for tests that move stored time. */
  dataDir: string;
  close: () => Promise<void>;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not become healthy:\n${log()}`);
}

/**
 * Starts a real Konform server on a fresh SQLite data directory, serving the built web app
 * (packages/web/dist; run `npm run build -w @konform/web` first). Uses the built CLI when present,
 * the TypeScript sources through tsx otherwise.
 */
export async function startTestServer(): Promise<TestServer> {
  const webIndex = path.join(repoRoot, 'packages/web/dist/index.html');
  if (!existsSync(webIndex)) throw new Error('The web app is not built: run `npm run build -w @konform/web`');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'konform-e2e-'));
  const port = await freePort();
  const adminEmail = 'admin@e2e.example';
  const adminPassword = 'E2e-Verwaltung-Passwort-2026';
  const builtCli = path.join(repoRoot, 'packages/server/dist/cli.js');
  const useBuilt = process.env.KONFORM_E2E_SOURCE !== '1' && existsSync(builtCli);
  const args = useBuilt
    ? [builtCli, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir]
    : [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), '--conditions=source', path.join(repoRoot, 'packages/server/src/cli.ts'), 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, KONFORM_ADMIN_EMAIL: adminEmail, KONFORM_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    adminEmail,
    adminPassword,
    dataDir,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
