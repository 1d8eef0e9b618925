import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/database.js';
import { OrganisationKeys } from '../../src/signing/organisation-keys.js';
import { MANIFEST_FILE, SIGNATURE_FILE, signManifest } from '../../src/signing/signed-manifest.js';

const root = path.resolve(import.meta.dirname, '../../../..');
let db: TestDatabase;
let keyDir: string;

/** Runs `konform …` from the sources on the test database with its own key directory. */
function konform(...args: string[]): { status: number; stdout: string } {
  const env = { ...process.env, DATABASE_URL: TEST_DIALECT === 'postgres' ? db.url : '', KONFORM_KEY_DIR: keyDir };
  const full = ['--conditions=source', path.join(root, 'packages/server/src/cli.ts'), ...args, ...(db.dataDir ? ['--data', db.dataDir] : [])];
  try {
    return { status: 0, stdout: execFileSync(path.join(root, 'node_modules/.bin/tsx'), full, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { status: e.status, stdout: e.stdout };
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  keyDir = mkdtempSync(path.join(tmpdir(), 'konform-cli-keys-'));
});
afterAll(async () => {
  await db.drop();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('konform audit checkpoint, audit verify and keys', () => {
  it('signs the chain head, verifies against it, rotates the key and keeps the old one', () => {
    // Creating the key writes the first audit event, so there is a head to sign.
    const signed = konform('audit', 'checkpoint');
    expect(signed.stdout).toMatch(/Signed the chain head at event \d+ with key [0-9a-f]{32}/);
    const verified = konform('audit', 'verify');
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^OK: \d+ audit events verified, the chain is intact; checked against 1 signed checkpoint/);

    const rotated = konform('keys', 'rotate');
    expect(rotated.stdout).toMatch(/^Rotated: [0-9a-f]{32} retired, [0-9a-f]{32} active/);
    const listed = konform('keys', 'list').stdout.trim().split('\n');
    expect(listed).toHaveLength(2);
    expect(listed[0]).toContain('retired');
    expect(listed[1]).toContain('active');
    const exported = konform('keys', 'export').stdout;
    expect(exported.match(/-----BEGIN PUBLIC KEY-----/g)).toHaveLength(2);
    expect(exported).not.toContain('PRIVATE');
    expect(konform('audit', 'checkpoint').stdout).toContain('Signed the chain head');
    expect(konform('audit', 'verify').stdout).toContain('checked against 2 signed checkpoint(s)');
  }, 180_000); // seven CLI starts

  it('verifies a signed release with the keys from the database or from an exported PEM file, and names a changed file', async () => {
    const release = path.join(keyDir, 'release');
    mkdirSync(release);
    const key = await new OrganisationKeys(db.database, keyDir).active();
    const files = [{ path: 'bericht.pdf', bytes: Buffer.from('%PDF-1.7 Prüfbericht') }, { path: 'bericht.md', bytes: Buffer.from('# Prüfbericht\n') }];
    const { manifest, signature } = signManifest({ subject: { type: 'document-version', id: 'd-1', title: 'Prüfbericht', version: 1 }, files, issuedAt: new Date().toISOString() }, key);
    writeFileSync(path.join(release, MANIFEST_FILE), manifest);
    writeFileSync(path.join(release, SIGNATURE_FILE), signature);
    for (const f of files) writeFileSync(path.join(release, f.path), f.bytes);

    const fromDatabase = konform('verify', release);
    expect(fromDatabase.status).toBe(0);
    expect(fromDatabase.stdout).toContain('VERIFIED: Prüfbericht (version 1)');
    const pem = path.join(keyDir, 'public.pem');
    writeFileSync(pem, konform('keys', 'export').stdout);
    writeFileSync(path.join(release, 'bericht.pdf'), Buffer.from('%PDF-1.7 Prüfbericht!'));
    const changed = konform('verify', release, '--key', pem);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('CHANGED bericht.pdf');
    expect(changed.stdout).toContain('OK      bericht.md');
    expect(readFileSync(pem, 'utf8')).not.toContain('PRIVATE');
  }, 120_000);
});
