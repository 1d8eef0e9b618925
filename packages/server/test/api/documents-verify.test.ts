import { createHash, randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNEX_IV_SECTION_KEYS } from '@konform/core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let author: User;
let reviewer: User;
let approver: User;
let viewer: User;
let stranger: User;
let docId: string;
let bundle: Buffer;
let files: { format: string; filename: string; sha256: string }[];

const ZIP = { 'content-type': 'application/zip' };
const OCTETS = { 'content-type': 'application/octet-stream' };
const verify = (client: TestClient, bytes: Uint8Array | string, headers: Record<string, string> = OCTETS) => client.request('POST', '/api/documents/verify', bytes, headers);

/** Releases version 1 of an Annex IV document with three people (author, reviewer, approver), as documents.test.ts does. */
async function releasedDocument(unit: string): Promise<string> {
  const system = await t.newSystem(author.client, unit, { name: 'Verifikation KI', description: 'Prüft Dokumente' });
  await t.db.database.db.updateTable('ai_system').set({ risk_class: 'high' }).where('id', '=', system.id).execute();
  const doc = (await author.client.post('/api/documents', { type: 'annex-iv', systemId: system.id, locale: 'de' })).body;
  for (const key of ANNEX_IV_SECTION_KEYS) expect((await author.client.request('PUT', `/api/documents/${doc.id}/sections/${key}`, { markdown: `Text ${key}`, version: 0 })).status).toBe(200);
  const v = (await author.client.post(`/api/documents/${doc.id}/versions`, {})).body;
  const submitted = await author.client.post(`/api/documents/${doc.id}/versions/1/submit`, { version: v.version });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const reviewed = await reviewer.client.post(`/api/documents/${doc.id}/versions/1/review`, { version: submitted.body.version, password: TEST_PASSWORD });
  expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
  const released = await approver.client.post(`/api/documents/${doc.id}/versions/1/release`, { version: reviewed.body.version, password: TEST_PASSWORD });
  expect(released.status, JSON.stringify(released.body)).toBe(200);
  files = released.body.files;
  return doc.id;
}

beforeAll(async () => {
  t = await startTestApp({ uploadLimitMb: 5 });
  const unit = await t.newUnit(null, 'Referat Prüfung');
  author = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  reviewer = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  approver = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }]);
  docId = await releasedDocument(unit);
  bundle = Buffer.from(await (await viewer.client.fetch(`/api/documents/${docId}/versions/1/bundle`)).arrayBuffer());
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/documents/verify', () => {
  it('verifies an untouched release bundle file by file and names its document', async () => {
    const res = await verify(viewer.client, bundle, ZIP);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ kind: 'bundle', ok: true, problem: null, subject: { version: 1 } });
    expect(res.body.files.map((f: { status: string }) => f.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(res.body.releases).toMatchObject([{ documentId: docId, number: 1, status: 'released', manifestVerified: true }]);
    expect(res.body.releases[0].signoffs.map((s: { meaning: string }) => s.meaning)).toEqual(['reviewed', 'released']);
    // Whoever may not read the document still learns whether the bundle is intact, but not which document it is.
    const foreign = await verify(stranger.client, bundle, ZIP);
    expect(foreign.body).toMatchObject({ ok: true, releases: [] });
  });

  it('names the one file of a bundle in which a byte changed, and a file added afterwards', async () => {
    const zip = await JSZip.loadAsync(bundle);
    const pdfName = files.find((f) => f.format === 'pdf')!.filename;
    const pdf = Buffer.from(await zip.file(pdfName)!.async('uint8array'));
    pdf[200] = pdf[200]! ^ 1;
    zip.file(pdfName, pdf);
    zip.file('extra.txt', 'nachträglich');
    const res = await verify(viewer.client, await zip.generateAsync({ type: 'nodebuffer' }), ZIP);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.files.filter((f: { status: string }) => f.status !== 'ok')).toEqual([{ path: pdfName, status: 'changed' }, { path: 'extra.txt', status: 'unlisted' }]);
    expect(res.body.releases[0].manifestVerified).toBe(true);
  });

  it('refuses a bundle whose manifest was edited', async () => {
    const zip = await JSZip.loadAsync(bundle);
    const manifest = await zip.file('manifest.json')!.async('string');
    zip.file('manifest.json', manifest.replace('"version": 1', '"version": 7'));
    const res = await verify(viewer.client, await zip.generateAsync({ type: 'nodebuffer' }), ZIP);
    expect(res.body).toMatchObject({ kind: 'bundle', ok: false, problem: 'signature-invalid' });
  });

  it('finds a single released PDF among the released versions and checks it against the stored manifest', async () => {
    const pdf = Buffer.from(await (await viewer.client.fetch(`/api/documents/${docId}/versions/1/export?format=pdf`)).arrayBuffer());
    const res = await verify(viewer.client, pdf);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ kind: 'file', ok: true, problem: null, sha256: createHash('sha256').update(pdf).digest('hex') });
    expect(res.body.releases).toMatchObject([{ documentId: docId, number: 1, manifestVerified: true, file: { format: 'pdf' } }]);
    expect(res.body.releases[0].keyId).toBeTruthy();
    // A DOCX is a ZIP without manifest: checked as a single file.
    const docx = Buffer.from(await (await viewer.client.fetch(`/api/documents/${docId}/versions/1/export?format=docx`)).arrayBuffer());
    expect((await verify(viewer.client, docx)).body).toMatchObject({ kind: 'file', ok: true, releases: [{ file: { format: 'docx' } }] });
    // Another unit's user cannot learn of the document through its file.
    expect((await verify(stranger.client, pdf)).body).toMatchObject({ ok: false, problem: 'not-found', releases: [] });
  });

  it('answers a random file with not-found and bad input with a problem, never a 500', async () => {
    expect((await verify(viewer.client, randomBytes(4096))).body).toMatchObject({ kind: 'file', ok: false, problem: 'not-found', releases: [] });
    const empty = await verify(viewer.client, new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('body');
    const garbageZip = await verify(viewer.client, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(100)]), ZIP);
    expect(garbageZip.status).toBe(400);
    const tooLarge = await verify(viewer.client, Buffer.alloc(6 * 1024 * 1024, 1));
    expect(tooLarge.status).toBe(413);
    // A ZIP that would unpack to far more than it weighs is refused before anything is inflated.
    const bomb = new JSZip();
    bomb.file('manifest.json', '{}');
    bomb.file('manifest.sig', 'x');
    bomb.file('zeros.bin', Buffer.alloc(30 * 1024 * 1024));
    const packed = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(packed.length).toBeLessThan(1024 * 1024);
    expect((await verify(viewer.client, packed, ZIP)).status).toBe(413);
    expect((await verify(viewer.client, '{"not":"released"}', { 'content-type': 'application/json' })).body.problem).toBe('not-found');
  });

  it('requires sign-in and writes no audit event', async () => {
    const anonymous = new (viewer.client.constructor as new (url: string) => TestClient)(t.baseUrl);
    expect((await verify(anonymous, randomBytes(10))).status).toBe(401);
    const events = await t.db.database.db.selectFrom('audit_event').select('action').where('action', 'like', '%verify%').execute();
    expect(events).toEqual([]);
  });
});
