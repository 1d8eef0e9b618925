// Runs every test suite and closes with one line "N passed, N failed" summed over all of them.
// Suites whose prerequisites are missing are skipped with the reason; KONFORM_TEST_REQUIRE_ALL=1 turns a skip into a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const requireAll = process.env.KONFORM_TEST_REQUIRE_ALL === '1';
const pgUrl = process.env.KONFORM_TEST_DATABASE_URL;
const chromium = process.env.KONFORM_CHROMIUM ?? '/usr/bin/chromium';
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const runId = randomBytes(3).toString('hex');
const extraArgs = process.argv.slice(2);

const suites = [
  // Built first: the crash-recovery test runs the built server as a separate process (and the browser tests serve the web app).
  { name: 'unit and API tests on SQLite', args: [], env: { KONFORM_TEST_DIALECT: 'sqlite' }, build: true },
  pgUrl
    ? { name: 'API tests on PostgreSQL', args: ['packages/server/test'], env: { KONFORM_TEST_DIALECT: 'postgres', KONFORM_TEST_RUN_ID: runId } }
    : { name: 'API tests on PostgreSQL', skip: 'KONFORM_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)' },
  existsSync(chromium)
    ? { name: 'browser tests in Chromium', args: ['--config', 'e2e/vitest.config.ts'], env: { KONFORM_CHROMIUM: chromium }, build: true }
    : { name: 'browser tests in Chromium', skip: `${chromium} is not installed (apt-get install chromium)` },
];

const results = [];
let passed = 0;
let failed = 0;
for (const suite of suites) {
  if (suite.skip) {
    results.push({ name: suite.name, status: requireAll ? 'MISSING' : 'skipped', detail: suite.skip });
    if (requireAll) failed += 1;
    continue;
  }
  console.log(`\n=== ${suite.name} ===`);
  if (suite.build) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      results.push({ name: suite.name, status: 'FAILED', detail: 'the build failed' });
      failed += 1;
      continue;
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'konform-results-'));
  const out = path.join(dir, 'results.json');
  const run = spawnSync(process.execPath, [vitest, 'run', ...suite.args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extraArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...suite.env },
  });
  let p = 0;
  let f = 0;
  let s = 0;
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    p = report.numPassedTests;
    f = report.numFailedTests;
    s = report.numPendingTests + report.numTodoTests;
    // A file that failed to load counts as a failure even when no test in it ran.
    if (run.status !== 0 && f === 0) f = 1;
  } else {
    f = 1;
  }
  rmSync(dir, { recursive: true, force: true });
  passed += p;
  failed += f;
  results.push({ name: suite.name, status: run.status === 0 && f === 0 ? 'ok' : 'FAILED', detail: `${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}` });
}

console.log('\n=== Summary ===');
for (const r of results) console.log(`${r.status.padEnd(8)} ${r.name}: ${r.detail}`);
if (requireAll && results.some((r) => r.status === 'MISSING')) console.log('KONFORM_TEST_REQUIRE_ALL=1: a missing suite counts as a failure.');
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
