import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/database.js';

const root = path.resolve(import.meta.dirname, '../../../..');
let db: TestDatabase;
let work: string;

/** Runs `konform …` from the sources on the test database; returns exit status and output. */
function konform(...args: string[]): { status: number; stdout: string; stderr: string } {
  const env = { ...process.env, DATABASE_URL: TEST_DIALECT === 'postgres' ? db.url : '' };
  const full = ['--conditions=source', path.join(root, 'packages/server/src/cli.ts'), ...args, ...(db.dataDir ? ['--data', db.dataDir] : [])];
  try {
    const stdout = execFileSync(path.join(root, 'node_modules/.bin/tsx'), full, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

const rules = (version: string, extra = '') => `id: cli-rules
version: "${version}"
kind: internal
title: { de: CLI-Regeln, en: CLI rules }
publisher: Test
source: Test
licence: intern
requirements:
  - { id: r-1, ref: R 1, title: { de: Eins, en: One } }
${extra}`;

beforeAll(async () => {
  db = await createTestDatabase();
  work = mkdtempSync(path.join(tmpdir(), 'konform-cli-'));
});
afterAll(async () => {
  await db.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('konform catalog', () => {
  it('imports (dry run, then with --accept), diffs and exports like the API', async () => {
    writeFileSync(path.join(work, 'v1.yaml'), rules('1'));
    writeFileSync(path.join(work, 'v2.yaml'), rules('2', '  - { id: r-2, ref: R 2, title: { de: Zwei, en: Two } }\n'));
    writeFileSync(path.join(work, 'bad.yaml'), rules('3').replace('en: One', 'fr: Un'));

    const dry = konform('catalog', 'import', path.join(work, 'v1.yaml'), '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('cli-rules 1 (konform-yaml): 1 requirements');
    const bad = konform('catalog', 'import', path.join(work, 'bad.yaml'), '--dry-run');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/at requirements\[0\]\.title\.\w+ \(line 9\)/);

    expect(konform('catalog', 'import', path.join(work, 'v1.yaml'), '--accept').stdout).toContain('Accepted');
    const second = konform('catalog', 'import', path.join(work, 'v2.yaml'));
    expect(second.stdout).toContain('Stored cli-rules 2 as proposed');
    const again = konform('catalog', 'import', path.join(work, 'v2.yaml'));
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('exists already');

    const diff = konform('catalog', 'diff', 'cli-rules', '--from', '1', '--to', '2');
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('cli-rules: 1 -> 2');
    expect(diff.stdout).toContain('+ r-2 R 2 Two');

    const oscal = konform('catalog', 'export', 'cli-rules', '--format', 'oscal');
    expect(oscal.status, oscal.stderr).toBe(0);
    expect(JSON.parse(oscal.stdout).catalog.metadata).toMatchObject({ title: 'CLI rules', version: '1', 'oscal-version': '1.2.2' });
    const out = path.join(work, 'rules.xlsx');
    expect(konform('catalog', 'export', 'cli-rules', '--format', 'xlsx', '--catalog-version', '2', '--out', out).status).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet('requirements')?.rowCount).toBe(3);
    expect(konform('catalog', 'export', 'nope').stderr).toContain('not found');
    // Each command starts a process that loads the shipped catalogues: about 2–3 s apiece.
  }, 180_000);
});
