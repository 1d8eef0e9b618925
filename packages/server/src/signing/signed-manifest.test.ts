import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf } from './ed25519.js';
import { MANIFEST_FILE, SIGNATURE_FILE, signManifest, verifyManifest } from './signed-manifest.js';
import { describeVerification, publicKeysFromPem, verifyPath } from './verify-path.js';

const pair = generateKeyPairSync('ed25519');
const key = { id: keyIdOf(pair.publicKey), privateKey: pair.privateKey };
const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const keys = new Map([[key.id, publicPem]]);
const files = [
  { path: 'annex-iv.pdf', bytes: Buffer.from('%PDF-1.7 released bytes') },
  { path: 'annex-iv.docx', bytes: Buffer.from('PK docx bytes') },
  { path: 'annex-iv.md', bytes: Buffer.from('# Technische Dokumentation\n') },
];
const subject = { type: 'document-version', id: 'doc-1', title: 'Technische Dokumentation Anhang IV', version: 2 };
let dir: string;

function writeRelease(target: string) {
  const { manifest, signature } = signManifest({ subject, files, issuedAt: '2026-11-27T08:00:00.000Z' }, key);
  writeFileSync(path.join(target, MANIFEST_FILE), manifest);
  writeFileSync(path.join(target, SIGNATURE_FILE), signature);
  for (const f of files) writeFileSync(path.join(target, f.path), f.bytes);
  return { manifest, signature };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'konform-release-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signed manifests', () => {
  it('verify a release directory, and name the file in which one byte changed', async () => {
    writeRelease(dir);
    const ok = await verifyPath(dir, keys);
    expect(ok).toMatchObject({ ok: true, problem: null });
    expect(ok.files.map((f) => f.status)).toEqual(['ok', 'ok', 'ok']);
    expect(describeVerification(ok).at(-1)).toContain('VERIFIED: Technische Dokumentation Anhang IV (version 2)');

    const bytes = Buffer.from(files[0]!.bytes);
    bytes[3] = bytes[3]! ^ 1;
    writeFileSync(path.join(dir, 'annex-iv.pdf'), bytes);
    const changed = await verifyPath(dir, keys);
    expect(changed.ok).toBe(false);
    expect(changed.files).toContainEqual({ path: 'annex-iv.pdf', status: 'changed' });
    expect(changed.files.filter((f) => f.status === 'ok')).toHaveLength(2);
    expect(describeVerification(changed)).toContain('CHANGED annex-iv.pdf');
    // A single file beside the manifest is checked on its own.
    expect((await verifyPath(path.join(dir, 'annex-iv.md'), keys)).ok).toBe(true);
    expect((await verifyPath(path.join(dir, 'annex-iv.pdf'), keys)).ok).toBe(false);
    writeRelease(dir);
  });

  it('refuses a changed manifest, an unknown key and a missing file', () => {
    const { manifest, signature } = signManifest({ subject, files, issuedAt: '2026-11-27T08:00:00.000Z' }, key);
    const read = (p: string) => files.find((f) => f.path === p)?.bytes ?? null;
    const forged = Buffer.from(manifest.toString('utf8').replace(/"size": \d+/, '"size": 1'));
    expect(verifyManifest(forged, signature, keys, read).problem).toBe('signature-invalid');
    expect(verifyManifest(manifest, signature, new Map(), read).problem).toBe('unknown-key');
    expect(verifyManifest(Buffer.from('{'), signature, keys, read).problem).toBe('malformed-manifest');
    const missing = verifyManifest(manifest, signature, keys, (p) => (p === 'annex-iv.md' ? null : read(p)));
    expect(missing.ok).toBe(false);
    expect(missing.files).toContainEqual({ path: 'annex-iv.md', status: 'missing' });
  });

  it('verifies a ZIP of the release', async () => {
    const { manifest, signature } = signManifest({ subject, files, issuedAt: '2026-11-27T08:00:00.000Z' }, key);
    const zip = new JSZip();
    zip.file(MANIFEST_FILE, manifest);
    zip.file(SIGNATURE_FILE, signature);
    for (const f of files) zip.file(f.path, f.bytes);
    const file = path.join(dir, 'release.zip');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await verifyPath(file, keys)).ok).toBe(true);
    zip.file('annex-iv.docx', Buffer.from('PK other bytes'));
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await verifyPath(file, keys)).files).toContainEqual({ path: 'annex-iv.docx', status: 'changed' });
  });

  it('can be checked with the public key alone (openssl), and keys are read back from PEM by id', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'konform-openssl-'));
    try {
      const { manifest, signature } = writeRelease(work);
      writeFileSync(path.join(work, 'key.pem'), publicPem);
      writeFileSync(path.join(work, 'sig.bin'), Buffer.from(signature, 'base64'));
      const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', MANIFEST_FILE, '-sigfile', 'sig.bin'], { cwd: work }).toString();
      expect(out).toContain('Signature Verified Successfully');
      expect(manifest.toString('utf8')).toContain(key.id);
      expect([...publicKeysFromPem(`# key\n${publicPem}\n# another\n${publicPem}`).keys()]).toEqual([key.id]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('refuses paths that leave the release', () => {
    expect(() => signManifest({ subject, files: [{ path: '../etc/passwd', bytes: Buffer.from('x') }], issuedAt: '2026-11-27T08:00:00.000Z' }, key)).toThrow();
  });
});
