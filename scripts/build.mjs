// Builds what needs building: core and server with tsc (incremental), the API client with tsc, the web app with Vite.
// With --if-stale it skips a part whose output is newer than every source file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ifStale = process.argv.includes('--if-stale');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

function stale(output, ...sources) {
  if (!ifStale || !existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => newest(path.join(root, s)) > built);
}

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
if (stale(path.join(root, 'packages/server/dist/cli.js'), 'packages/core/src', 'packages/server/src')) {
  console.log('Building core and server …');
  run(process.execPath, [tsc, '-b', 'packages/core', 'packages/server']);
}
if (stale(path.join(root, 'packages/client/dist/index.js'), 'packages/client/src')) {
  console.log('Building the API client …');
  run(process.execPath, [tsc, '-p', 'packages/client']);
}
if (stale(path.join(root, 'packages/web/dist/index.html'), 'packages/core/src', 'packages/web/src', 'packages/web/index.html')) {
  console.log('Building the web app …');
  run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', 'packages/web', '--logLevel', 'warn']);
}
// The SBOM of Konform itself, from package-lock.json (cheap; always rewritten so its timestamp is the build's).
run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/sbom.ts')]);
