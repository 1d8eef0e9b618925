import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { insertGate, insertPlan, labBasics } from '../support/lab-seed.js';
import { personActor } from '../support/lab-run-fixtures.js';
import { systemActor } from '../../src/access/actor.js';
import { appendAuditEvent } from '../../src/audit/audit-log.js';
import { writeCheckpoint } from '../../src/audit/checkpoints.js';
import { OrganisationKeys } from '../../src/signing/organisation-keys.js';
import { listPublicKeys } from '../../src/signing/organisation-keys.js';
import { signManifest } from '../../src/signing/signed-manifest.js';
import { describeVerification, verifyPath } from '../../src/signing/verify-path.js';
import { AuditPackageService } from '../../src/modules/audit-package/service.js';
import { LocalFileStorage } from '../../src/storage/local-storage.js';
import type { AuditSlice } from '../../src/signing/audit-slice.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let governance: User;
let auditor: User;
let viewer: User;
let stranger: User;
let systemId: string;
let otherSystemId: string;
let work: string;
let keys: OrganisationKeys;

const EVIDENCE = Buffer.from('%PDF-1.4\n% Datenblatt Prüfbericht\n%%EOF\n', 'utf8');

function form(fields: Record<string, string>, file: { name: string; bytes: Buffer }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(file.bytes)], { type: 'application/pdf' }), file.name);
  return f;
}

/** A released document version of the system, stored and signed as a release is (the full flow is documents.test.ts). */
async function releasedDocument(): Promise<string> {
  const db = t.db.database.db;
  const storage = new LocalFileStorage(path.join(t.dataDir, 'evidence'));
  const bytes = Buffer.from('# Technische Dokumentation\n\nFreigegeben.\n', 'utf8');
  const staged = await storage.put(Readable.from([bytes]));
  await staged.commit();
  const key = await keys.active();
  const now = new Date().toISOString();
  const docId = randomUUID();
  const versionId = randomUUID();
  const { manifest, signature } = signManifest({ subject: { type: 'document', id: docId, title: 'Technische Dokumentation', version: 1 }, files: [{ path: 'technische-dokumentation-v1.md', bytes }], issuedAt: now }, key);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('document').values({ id: docId, type: 'annex-iv', system_id: systemId, model_version_id: null, org_unit_id: unit, title: 'Technische Dokumentation', locale: 'de', version: 1, created_at: now, updated_at: now, created_by_label: 'test' }).execute();
    await trx.insertInto('document_version').values({
      id: versionId, document_id: docId, number: 1, status: 'released', inputs: '{}', completeness: '[]',
      files: JSON.stringify([{ format: 'md', filename: 'technische-dokumentation-v1.md', sha256: staged.sha256, size: bytes.length }]),
      manifest: manifest.toString('utf8'), manifest_signature: signature, key_id: key.id, signoffs: '[]', authors: '[]', version: 1,
      created_at: now, created_by_label: 'test', submitted_at: now, submitted_by_label: 'test', released_at: now, released_by_label: 'test', retain_until: null, superseded_at: null, template: null,
    }).execute();
    await appendAuditEvent(trx, t.db.database.dialect, systemActor('test'), { action: 'document.release', entityType: 'document-version', entityId: versionId, changes: [{ field: 'status', before: 'in-review', after: 'released' }] }, now);
  });
  return versionId;
}

async function download(client: TestClient, id = systemId): Promise<{ status: number; body: Buffer; type: string | null }> {
  const res = await client.fetch(`/api/systems/${id}/audit-package?lang=en`);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

async function extract(zipBytes: Buffer, dir: string) {
  const zip = await JSZip.loadAsync(zipBytes);
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    mkdirSync(path.dirname(path.join(dir, entry.name)), { recursive: true });
    writeFileSync(path.join(dir, entry.name), await entry.async('nodebuffer'));
  }
}

/** Runs the package's own checker in its folder, as an auditor would: only Node.js, no packages. */
function runVerifier(dir: string) {
  const r = spawnSync(process.execPath, ['verify.mjs'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

async function trustedKeys() {
  return new Map((await listPublicKeys(t.db.database.db)).map((k) => [k.id, k.public_key_pem]));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'konform-package-'));
  t = await startTestApp();
  keys = new OrganisationKeys(t.db.database, path.join(t.dataDir, 'keys'));
  unit = await t.newUnit(null, 'Referat Spracherkennung');
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  auditor = await t.newUser([{ orgUnitId: unit, role: 'auditor' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'auditor' }]);
  systemId = (await t.newSystem(governance.client, unit, { name: 'Spracherkennung HWS-ASR' })).id as string;
  // Events of another system fall between this system's events: their payloads must be withheld.
  otherSystemId = (await t.newSystem(governance.client, unit, { name: 'Anderes System' })).id as string;
  expect((await governance.client.post(`/api/systems/${systemId}/risks`, { title: 'Fehltranskription von Eigennamen' })).status).toBe(201);
  await governance.client.request('PATCH', `/api/systems/${otherSystemId}`, { description: 'geändert', version: 1 });
  const evidence = await governance.client.post('/api/evidence', form({ systemId, title: 'Datenblatt' }, { name: 'datenblatt.pdf', bytes: EVIDENCE }));
  expect(evidence.status, JSON.stringify(evidence.body)).toBe(201);
  const basics = await labBasics(governance.client, unit);
  const plan = await insertPlan(t, { unit, systemId, methodId: basics.methodId, cases: [{ key: 'wer', name: 'WER', metric: 'wer', comparator: '<=', threshold: 10 }] });
  await insertGate(t, { unit, systemId, planId: plan.planId, title: 'Freigabe ASR 1.0' });
  await releasedDocument();
  expect(await writeCheckpoint(t.db.database, keys)).not.toBeNull();
  // An event after the checkpoint that does not concern the system.
  await governance.client.request('PATCH', `/api/systems/${otherSystemId}`, { description: 'nochmals geändert', version: 2 });
}, 120_000);

afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('audit package of a system', () => {
  it('holds the records, a signed manifest and the chain slice, and verifies in an empty folder with node alone', async () => {
    const pkg = await download(auditor.client);
    expect(pkg.status, pkg.body.toString('utf8').slice(0, 300)).toBe(200);
    expect(pkg.type).toBe('application/zip');
    const dir = mkdtempSync(path.join(work, 'ok-'));
    await extract(pkg.body, dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { subject: { type: string }; files: { path: string }[] };
    expect(manifest.subject.type).toBe('audit-package');
    const paths = manifest.files.map((f) => f.path);
    const folder = 'Spracherkennung-HWS-ASR';
    expect(paths).toEqual(expect.arrayContaining([
      `${folder}/compliance-matrix.xlsx`, `${folder}/compliance-matrix.csv`, `${folder}/risks/risk-report.pdf`, `${folder}/risks/risks.json`,
      `${folder}/lab/gate-1.pdf`, `${folder}/evidence/index.json`, 'audit-chain.json', 'verify.mjs', 'README.txt', 'public-keys.pem',
    ]));
    expect(paths.some((p) => p.startsWith(`${folder}/evidence/`) && p.endsWith('datenblatt.pdf'))).toBe(true);
    expect(paths.some((p) => p.startsWith(`${folder}/documents/`) && p.endsWith('technische-dokumentation-v1.md'))).toBe(true);
    expect(readFileSync(path.join(dir, paths.find((p) => p.endsWith('datenblatt.pdf'))!))).toEqual(EVIDENCE);

    const slice = JSON.parse(readFileSync(path.join(dir, 'audit-chain.json'), 'utf8')) as AuditSlice;
    const included = slice.events.filter((e) => e.payload !== null);
    expect(included.every((e) => e.payload!.entityId !== otherSystemId)).toBe(true);
    expect(included.some((e) => e.payload!.entityId === systemId)).toBe(true);
    expect(included.some((e) => e.payload!.action === 'document.release')).toBe(true);
    expect(slice.events.some((e) => e.payload === null)).toBe(true);
    expect(slice.checkpoint).not.toBeNull();
    expect(slice.events.at(-1)!.seq).toBe(slice.checkpoint!.seq);

    const run = runVerifier(dir);
    expect(run.out).toContain('VERIFIED: nothing was altered');
    expect(run.code).toBe(0);
    const checked = await verifyPath(dir, await trustedKeys());
    expect(checked.ok, describeVerification(checked).join('\n')).toBe(true);
    expect(checked.chain).toMatchObject({ ok: true, broken: null, checkpoint: { status: 'ok' } });
    const zipFile = path.join(work, 'package.zip');
    writeFileSync(zipFile, pkg.body);
    expect((await verifyPath(zipFile, await trustedKeys())).ok).toBe(true);

    // The OpenSSL alternative of the README checks the manifest signature.
    const decode = spawnSync('openssl', ['base64', '-d', '-A', '-in', 'manifest.sig', '-out', 'manifest.sig.bin'], { cwd: dir, encoding: 'utf8' });
    expect(decode.status).toBe(0);
    const openssl = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-keys.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig.bin'], { cwd: dir, encoding: 'utf8' });
    expect(openssl.stdout).toContain('Signature Verified Successfully');
    rmSync(path.join(dir, 'manifest.sig.bin'));
  }, 60_000);

  it('names the changed file, a changed manifest and the changed event of the chain', async () => {
    const pkg = await download(governance.client);
    expect(pkg.status).toBe(200);
    const dir = mkdtempSync(path.join(work, 'tampered-'));
    await extract(pkg.body, dir);
    const manifestText = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const manifest = JSON.parse(manifestText) as { files: { path: string; sha256: string }[] };
    const trusted = await trustedKeys();

    // One byte of each kind of file.
    for (const name of manifest.files.map((f) => f.path).filter((p) => /evidence\/.*datenblatt\.pdf$|risk-report\.pdf$|compliance-matrix\.xlsx$|\.md$/.test(p))) {
      const file = path.join(dir, name);
      const original = readFileSync(file);
      const changed = Buffer.from(original);
      changed[changed.length - 2] = changed[changed.length - 2]! ^ 1;
      writeFileSync(file, changed);
      const run = runVerifier(dir);
      expect(run.code, name).toBe(1);
      expect(run.out).toContain(`CHANGED ${name}`);
      const result = await verifyPath(dir, trusted);
      expect(result.files).toContainEqual({ path: name, status: 'changed' });
      expect(describeVerification(result)).toContain(`CHANGED ${name}`);
      writeFileSync(file, original);
    }

    // The manifest: a hash replaced, so the signature no longer holds.
    const first = manifest.files[0]!;
    writeFileSync(path.join(dir, 'manifest.json'), manifestText.replace(first.sha256, '0'.repeat(64)));
    const forged = runVerifier(dir);
    expect(forged.code).toBe(1);
    expect(forged.out).toContain('CHANGED manifest.json');
    expect((await verifyPath(dir, trusted)).problem).toBe('signature-invalid');
    writeFileSync(path.join(dir, 'manifest.json'), manifestText);

    // An event of the chain slice: an included payload, then a withheld event's hash.
    const sliceText = readFileSync(path.join(dir, 'audit-chain.json'), 'utf8');
    const slice = JSON.parse(sliceText) as AuditSlice;
    const included = slice.events.find((e) => e.payload !== null && e.payload.entityId === systemId)!;
    included.payload!.actorLabel = 'Jemand anderes';
    writeFileSync(path.join(dir, 'audit-chain.json'), JSON.stringify(slice, null, 2));
    const payloadRun = runVerifier(dir);
    expect(payloadRun.code).toBe(1);
    expect(payloadRun.out).toContain(`CHANGED audit event ${included.seq}: payload does not match its hash`);
    const payloadCheck = await verifyPath(dir, trusted);
    expect(payloadCheck.ok).toBe(false);
    expect(payloadCheck.chain?.broken).toEqual({ seq: included.seq, reason: 'payload-hash-mismatch' });
    expect(describeVerification(payloadCheck)).toContain(`CHANGED audit event ${included.seq} in audit-chain.json (payload-hash-mismatch)`);

    const pristine = JSON.parse(sliceText) as AuditSlice;
    const withheld = pristine.events.find((e) => e.payload === null)!;
    withheld.payloadHash = withheld.payloadHash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    writeFileSync(path.join(dir, 'audit-chain.json'), JSON.stringify(pristine, null, 2));
    const hashRun = runVerifier(dir);
    expect(hashRun.code).toBe(1);
    expect(hashRun.out).toContain(`CHANGED audit event ${withheld.seq}: chain hash does not follow`);
    expect((await verifyPath(dir, trusted)).chain?.broken).toEqual({ seq: withheld.seq, reason: 'chain-hash-mismatch' });
    writeFileSync(path.join(dir, 'audit-chain.json'), sliceText);

    // An added file is named too; the restored folder verifies again.
    writeFileSync(path.join(dir, 'extra.txt'), 'x');
    expect(runVerifier(dir).out).toContain('NOT LISTED extra.txt');
    rmSync(path.join(dir, 'extra.txt'));
    expect(runVerifier(dir).code).toBe(0);

    // The ZIP itself with one changed event: konform verify names the file and the event.
    const zip = await JSZip.loadAsync(pkg.body);
    const zipSlice = JSON.parse(sliceText) as AuditSlice;
    const target = zipSlice.events.find((e) => e.payload !== null)!;
    target.payload!.action = 'system.delete';
    zip.file('audit-chain.json', JSON.stringify(zipSlice, null, 2));
    const zipFile = path.join(work, 'tampered.zip');
    writeFileSync(zipFile, await zip.generateAsync({ type: 'nodebuffer' }));
    const zipCheck = await verifyPath(zipFile, trusted);
    expect(zipCheck.ok).toBe(false);
    expect(zipCheck.files).toContainEqual({ path: 'audit-chain.json', status: 'changed' });
    expect(zipCheck.chain?.broken?.seq).toBe(target.seq);
  }, 60_000);

  it('needs package.export in the system unit', async () => {
    expect((await download(viewer.client)).status).toBe(403);
    expect((await download(stranger.client)).status).toBe(403);
    expect((await download(auditor.client, randomUUID())).status).toBe(404);
  });

  it('refuses a package larger than the configured limit with 413 before sending anything', async () => {
    const tiny = new AuditPackageService(t.db.database, new LocalFileStorage(path.join(t.dataDir, 'evidence')), keys, t.services, 1000);
    expect(t.services.auditPackages.limitBytes).toBe(500 * 1024 * 1024);
    await expect(tiny.forSystem(personActor(auditor, [{ orgUnitId: unit, role: 'auditor' }]), systemId)).rejects.toMatchObject({ status: 413, code: 'package-too-large' });
  });
});
