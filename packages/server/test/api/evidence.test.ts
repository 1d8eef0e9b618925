import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../src/access/actor.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

let t: TestApp;
let unit: string;
let owner: TestClient;
/** An owner of the same unit cleared for VS-NfD (classified evidence is need-to-know). */
let cleared: TestClient;
let systemId: string;

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** The start of a 64-bit ELF executable. */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);

function pdf(text = 'Prüfbericht'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function form(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return f;
}

function upload(client: TestClient, fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }) {
  return client.post('/api/evidence', form(fields, file));
}

async function download(client: TestClient, id: string, version: number, headers: Record<string, string> = {}) {
  const res = await client.fetch(`/api/evidence/${id}/versions/${version}/content`, headers);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Every file under the app's evidence directory (objects and temporary files). */
function storedFiles(app: TestApp, sub: 'objects' | 'tmp'): string[] {
  const dir = path.join(app.dataDir, 'evidence', sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function auditActions(app: TestApp, entityId: string): Promise<string[]> {
  const rows = await app.db.database.db.selectFrom('audit_event').select('action').where('entity_type', '=', 'evidence').where('entity_id', '=', entityId).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  owner = (await t.newUser([{ orgUnitId: unit, role: 'owner' }])).client;
  cleared = (await t.newUser([{ orgUnitId: unit, role: 'owner' }], { clearance: 'VS-NfD' })).client;
  systemId = (await t.newSystem(owner, unit, { name: 'Sprache-zu-Text' })).id;
});
afterAll(async () => t.close());

describe('evidence uploads', () => {
  it('streams a file into content-addressed storage and serves the identical bytes with safe headers', async () => {
    const bytes = pdf();
    const reply = await upload(owner, { systemId, title: 'Prüfbericht Bias', description: 'Auswertung Q3', owner: 'Dr. Weber', validUntil: '2027-06-30' }, { name: 'Prüfbericht (Q3); 2026.pdf', bytes, type: 'text/html' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const hash = sha256(bytes);
    expect(reply.body).toMatchObject({
      systemId,
      title: 'Prüfbericht Bias',
      owner: 'Dr. Weber',
      validUntil: '2027-06-30',
      classification: 'offen',
      kind: 'file',
      url: null,
      version: 1,
      // The stored content type comes from the checked extension, never from what the client claimed.
      latestVersion: { number: 1, sha256: hash, size: bytes.length, filename: 'Prüfbericht (Q3); 2026.pdf', contentType: 'application/pdf' },
      links: [],
    });
    expect(reply.body.versions).toHaveLength(1);
    const objectPath = path.join(t.dataDir, 'evidence', 'objects', hash.slice(0, 2), hash.slice(2, 4), hash);
    expect(readFileSync(objectPath).equals(bytes)).toBe(true);
    expect(storedFiles(t, 'tmp')).toEqual([]);

    const { res, bytes: downloaded } = await download(owner, reply.body.id, 1);
    expect(res.status).toBe(200);
    expect(downloaded.equals(bytes)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Pr_fbericht (Q3)_ 2026.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%28Q3%29%3B%202026.pdf`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('etag')).toBe(`"${hash}"`);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const again = await download(owner, reply.body.id, 1, { 'if-none-match': `"${hash}"` });
    expect(again.res.status).toBe(304);
    expect(await auditActions(t, reply.body.id)).toEqual(['evidence.create']);
  });

  it('stores identical content once, whoever uploads it', async () => {
    const bytes = pdf('doppelt');
    const first = await upload(owner, { systemId, title: 'Erste' }, { name: 'a.pdf', bytes });
    const second = await upload(owner, { systemId, title: 'Zweite' }, { name: 'b.pdf', bytes });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.latestVersion.sha256).toBe(first.body.latestVersion.sha256);
    expect(storedFiles(t, 'objects').filter((f) => f.endsWith(sha256(bytes)))).toHaveLength(1);
  });

  it('accepts UTF-8 text types and refuses content that does not match its extension with 415 on the field file', async () => {
    const csv = await upload(owner, { systemId, title: 'Messwerte' }, { name: 'werte.csv', bytes: Buffer.from('Merkmal;Wert\nGröße;1\n') });
    expect(csv.status).toBe(201);
    expect(csv.body.latestVersion.contentType).toBe('text/csv; charset=utf-8');
    const objectsBefore = storedFiles(t, 'objects').length;
    for (const file of [
      { name: 'bild.pdf', bytes: PNG },
      { name: 'notiz.txt', bytes: ELF },
      { name: 'programm.pdf', bytes: ELF },
      { name: 'latin1.txt', bytes: Buffer.from([0x47, 0x72, 0xf6, 0xdf, 0x65]) },
      { name: 'setup.exe', bytes: ELF },
      { name: 'ohne-endung', bytes: pdf() },
    ]) {
      const reply = await upload(owner, { systemId, title: 'Falsch' }, file);
      expect(reply.status, file.name).toBe(415);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body.errors[0].path).toBe('file');
    }
    expect(storedFiles(t, 'objects')).toHaveLength(objectsBefore);
    expect(storedFiles(t, 'tmp')).toEqual([]);
    const png = await upload(owner, { systemId, title: 'Screenshot' }, { name: 'screen.PNG', bytes: PNG });
    expect(png.status).toBe(201);
    expect(png.body.latestVersion.contentType).toBe('image/png');
  });

  it('validates the form fields like a JSON body and leaves nothing behind', async () => {
    const missing = await upload(owner, { systemId, title: '' }, { name: 'a.pdf', bytes: pdf('leer') });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['title']);
    const unknown = await upload(owner, { systemId, title: 'x', colour: 'red', validUntil: 'morgen' }, { name: 'a.pdf', bytes: pdf('leer') });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'validUntil']);
    const noFile = await upload(owner, { systemId, title: 'Ohne Datei' });
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors[0].path).toBe('file');
    const noSystem = await upload(owner, { systemId: '00000000-0000-4000-8000-000000000000', title: 'x' }, { name: 'a.pdf', bytes: pdf('leer') });
    expect(noSystem.status).toBe(400);
    expect(noSystem.body.errors[0].path).toBe('systemId');
    const json = await owner.post('/api/evidence', { systemId, title: 'JSON' });
    expect(json.status).toBe(415);
    expect(storedFiles(t, 'objects').some((f) => f.endsWith(sha256(pdf('leer'))))).toBe(false);
    expect(storedFiles(t, 'tmp')).toEqual([]);
  });

  it('keeps old versions when a new file is uploaded', async () => {
    const v1 = pdf('Version 1');
    const v2 = Buffer.from('Zweite Fassung als Text\n');
    const created = await upload(owner, { systemId, title: 'Datenblatt' }, { name: 'datenblatt.pdf', bytes: v1 });
    const id = created.body.id;
    const next = await owner.post(`/api/evidence/${id}/versions`, form({}, { name: 'datenblatt.md', bytes: v2 }));
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.latestVersion).toMatchObject({ number: 2, sha256: sha256(v2), filename: 'datenblatt.md', contentType: 'text/markdown; charset=utf-8' });
    expect(next.body.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(next.body.version).toBe(1);
    expect((await download(owner, id, 1)).bytes.equals(v1)).toBe(true);
    expect((await download(owner, id, 2)).bytes.equals(v2)).toBe(true);
    expect((await download(owner, id, 3)).res.status).toBe(404);
    const extra = await owner.post(`/api/evidence/${id}/versions`, form({ title: 'x' }, { name: 'a.pdf', bytes: v1 }));
    expect(extra.status).toBe(400);
    expect(await auditActions(t, id)).toEqual(['evidence.create', 'evidence.version']);
  });

  it('numbers concurrent new versions one after the other', async () => {
    const created = await upload(owner, { systemId, title: 'Parallel' }, { name: 'p.txt', bytes: Buffer.from('eins\n') });
    const replies = await Promise.all(
      ['zwei', 'drei', 'vier'].map((text) => owner.post(`/api/evidence/${created.body.id}/versions`, form({}, { name: 'p.txt', bytes: Buffer.from(`${text}\n`) }))),
    );
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
    const detail = await owner.get(`/api/evidence/${created.body.id}`);
    expect(detail.body.versions.map((v: { number: number }) => v.number)).toEqual([4, 3, 2, 1]);
  });

  it('records links (http and https only) instead of files; a link has no file versions', async () => {
    const link = await owner.post('/api/evidence/link', { systemId, url: 'https://intranet.example/wiki/dsfa', title: 'DSFA im Wiki' });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    expect(link.body).toMatchObject({ kind: 'link', url: 'https://intranet.example/wiki/dsfa', latestVersion: null, versions: [] });
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.org/x', 'kein link']) {
      const bad = await owner.post('/api/evidence/link', { systemId, url, title: 'x' });
      expect(bad.status, url).toBe(400);
      expect(bad.body.errors[0].path).toBe('url');
    }
    const version = await owner.post(`/api/evidence/${link.body.id}/versions`, form({}, { name: 'a.pdf', bytes: pdf() }));
    expect(version.status).toBe(409);
    expect((await download(owner, link.body.id, 1)).res.status).toBe(404);
  });

  it('changes metadata with the version it was based on and refuses a stale version with 409', async () => {
    const created = await cleared.post('/api/evidence/link', { systemId, url: 'https://example.org/a', title: 'Alt' });
    const id = created.body.id;
    const first = await cleared.patch(`/api/evidence/${id}`, { version: 1, title: 'Neu', validUntil: '2028-01-31', classification: 'VS-NfD', reason: 'Eingestuft' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, title: 'Neu', validUntil: '2028-01-31', classification: 'VS-NfD' });
    const stale = await cleared.patch(`/api/evidence/${id}`, { version: 1, title: 'Überschrieben' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
    const emptied = await cleared.patch(`/api/evidence/${id}`, { version: 2, validUntil: null });
    expect(emptied.body).toMatchObject({ version: 3, validUntil: null, title: 'Neu' });
    expect((await cleared.patch(`/api/evidence/${id}`, { version: 3, kind: 'file' })).status).toBe(400);
    expect(await auditActions(t, id)).toEqual(['evidence.create', 'evidence.update', 'evidence.update']);
  });

  it('carries the classification marking and keeps VS-NfD downloads out of caches', async () => {
    const marked = await upload(cleared, { systemId, title: 'Lagebild', classification: 'VS-NfD' }, { name: 'lage.txt', bytes: Buffer.from('Nur für den Dienstgebrauch\n') });
    expect(marked.status).toBe(201);
    expect(marked.body.classification).toBe('VS-NfD');
    const { res } = await download(cleared, marked.body.id, 1);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bad = await upload(cleared, { systemId, title: 'x', classification: 'geheim' }, { name: 'a.txt', bytes: Buffer.from('x') });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('classification');
  });

  it('lists and searches evidence of a system, newest change first', async () => {
    const sys = (await t.newSystem(owner, unit, { name: 'Liste' })).id;
    await owner.post('/api/evidence/link', { systemId: sys, url: 'https://example.org/1', title: 'Risikoanalyse Übersetzung' });
    await owner.post('/api/evidence/link', { systemId: sys, url: 'https://example.org/2', title: 'Schulungsnachweis', description: 'Art. 4 KI-Kompetenz' });
    const all = await owner.get(`/api/evidence?systemId=${sys}`);
    expect(all.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(all.body.items.map((e: { title: string }) => e.title)).toEqual(['Schulungsnachweis', 'Risikoanalyse Übersetzung']);
    const search = await owner.get(`/api/evidence?systemId=${sys}&q=${encodeURIComponent('ÜBERSETZUNG')}`);
    expect(search.body.items.map((e: { title: string }) => e.title)).toEqual(['Risikoanalyse Übersetzung']);
    expect((await owner.get(`/api/evidence?systemId=${sys}&q=kompetenz`)).body.total).toBe(1);
    expect((await owner.get('/api/evidence?evil=1')).status).toBe(400);
  });
});

describe('evidence scope and where it is used', () => {
  it('keeps evidence to the units of its system: another unit gets 403 on metadata, content and changes', async () => {
    const other = await t.newUnit();
    const stranger = (await t.newUser([{ orgUnitId: other, role: 'owner' }])).client;
    const created = await upload(owner, { systemId, title: 'Intern' }, { name: 'intern.pdf', bytes: pdf('intern') });
    const id = created.body.id;
    expect((await stranger.get(`/api/evidence/${id}`)).status).toBe(403);
    expect((await download(stranger, id, 1)).res.status).toBe(403);
    expect((await stranger.patch(`/api/evidence/${id}`, { version: 1, title: 'x' })).status).toBe(403);
    expect((await stranger.post(`/api/evidence/${id}/versions`, form({}, { name: 'b.pdf', bytes: pdf('fremd') }))).status).toBe(403);
    expect((await upload(stranger, { systemId, title: 'Fremd' }, { name: 'c.pdf', bytes: pdf('fremd') })).status).toBe(403);
    expect((await stranger.post('/api/evidence/link', { systemId, url: 'https://example.org', title: 'x' })).status).toBe(403);
    expect((await stranger.post(`/api/evidence/${id}/links`, { systemId })).status).toBe(403);
    const list = await stranger.get('/api/evidence?limit=500');
    expect(list.body.items.some((e: { id: string }) => e.id === id)).toBe(false);
    expect(storedFiles(t, 'tmp')).toEqual([]);
  });

  it('lets readers of a unit read but not write, and a parent unit reach its sub-units', async () => {
    const viewer = (await t.newUser([{ orgUnitId: unit, role: 'viewer' }])).client;
    const created = await owner.post('/api/evidence/link', { systemId, url: 'https://example.org/v', title: 'Lesbar' });
    expect((await viewer.get(`/api/evidence/${created.body.id}`)).status).toBe(200);
    expect((await viewer.patch(`/api/evidence/${created.body.id}`, { version: 1, title: 'x' })).status).toBe(403);
    expect((await upload(viewer, { systemId, title: 'x' }, { name: 'a.pdf', bytes: pdf('viewer') })).status).toBe(403);
    const child = await t.newUnit(unit);
    const childSystem = (await t.newSystem(owner, child)).id;
    const childEvidence = await owner.post('/api/evidence/link', { systemId: childSystem, url: 'https://example.org/c', title: 'Referat' });
    expect(childEvidence.status).toBe(201);
    expect((await viewer.get(`/api/evidence/${childEvidence.body.id}`)).status).toBe(200);
  });

  it('links evidence to requirement rows and measures, shows where it is used and opens it to readers of the using system', async () => {
    const otherUnit = await t.newUnit();
    const otherOwner = (await t.newUser([{ orgUnitId: otherUnit, role: 'owner' }])).client;
    const otherViewer = (await t.newUser([{ orgUnitId: otherUnit, role: 'viewer' }])).client;
    const otherSystem = (await t.newSystem(otherOwner, otherUnit)).id;
    const governance = (await t.newUser([{ orgUnitId: unit, role: 'governance' }])).client;
    const bytes = pdf('geteilt');
    const created = await upload(owner, { systemId, title: 'Logging-Konzept' }, { name: 'logging.pdf', bytes });
    const id = created.body.id;

    const row = await owner.post(`/api/evidence/${id}/links`, { systemId, requirementKey: 'eu-ai-act:art-26-6' });
    expect(row.status, JSON.stringify(row.body)).toBe(201);
    expect(row.body).toMatchObject({ evidenceId: id, systemId, requirementKey: 'eu-ai-act:art-26-6', measureId: null });
    expect((await owner.post(`/api/evidence/${id}/links`, { systemId, requirementKey: 'eu-ai-act:art-26-6' })).status).toBe(409);
    expect((await owner.post(`/api/evidence/${id}/links`, { systemId, requirementKey: 'Art. 26' })).status).toBe(400);
    // Using it for another unit's system needs evidence.write there too.
    expect((await owner.post(`/api/evidence/${id}/links`, { systemId: otherSystem, measureId: 'logging-retention' })).status).toBe(403);
    expect((await otherViewer.get(`/api/evidence/${id}`)).status).toBe(403);
    const shared = await governance.post(`/api/evidence/${id}/links`, { systemId: otherSystem, measureId: 'logging-retention' });
    expect(shared.status).toBe(201);

    const detail = await owner.get(`/api/evidence/${id}`);
    expect(detail.body.links.map((l: { systemId: string; requirementKey: string | null; measureId: string | null }) => [l.systemId, l.requirementKey, l.measureId])).toEqual([
      [systemId, 'eu-ai-act:art-26-6', null],
      [otherSystem, null, 'logging-retention'],
    ]);
    // Readers of the using system may now read and download it, but not change it.
    expect((await otherViewer.get(`/api/evidence/${id}`)).status).toBe(200);
    expect((await download(otherViewer, id, 1)).bytes.equals(bytes)).toBe(true);
    expect((await otherViewer.get(`/api/evidence?systemId=${otherSystem}`)).body.items.map((e: { id: string }) => e.id)).toEqual([id]);
    expect((await otherOwner.patch(`/api/evidence/${id}`, { version: 1, title: 'x' })).status).toBe(403);

    // The using unit may remove its use; the viewer may not.
    expect((await otherViewer.request('DELETE', `/api/evidence/${id}/links/${shared.body.id}`)).status).toBe(403);
    expect((await otherOwner.request('DELETE', `/api/evidence/${id}/links/${row.body.id}`)).status).toBe(403);
    expect((await otherOwner.request('DELETE', `/api/evidence/${id}/links/${shared.body.id}`)).status).toBe(204);
    expect((await otherViewer.get(`/api/evidence/${id}`)).status).toBe(403);
    expect((await owner.request('DELETE', `/api/evidence/${id}/links/${shared.body.id}`)).status).toBe(404);
    expect((await owner.get(`/api/evidence/${id}`)).body.links).toHaveLength(1);
    expect(await auditActions(t, id)).toEqual(['evidence.create', 'evidence.link', 'evidence.link', 'evidence.unlink']);
  });
});

describe('upload limits and default marking', () => {
  let small: TestApp;
  let client: TestClient;
  let sys: string;
  let userId: string;

  beforeAll(async () => {
    small = await startTestApp({ uploadLimitMb: 0.01, defaultMarking: 'VS-NfD' });
    const u = await small.newUnit();
    const user = await small.newUser([{ orgUnitId: u, role: 'owner' }]);
    client = user.client;
    userId = user.id;
    sys = (await small.newSystem(client, u)).id;
  });
  afterAll(async () => small.close());

  it('refuses a file over the limit with 413 and leaves no stored object or temporary file', async () => {
    const limit = Math.round(0.01 * 1024 * 1024);
    const big = Buffer.alloc(limit + 1, 'a');
    const reply = await upload(client, { systemId: sys, title: 'Zu groß' }, { name: 'gross.txt', bytes: big });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ code: 'too-large', errors: [{ path: 'file' }] });
    expect(storedFiles(small, 'objects')).toEqual([]);
    expect(storedFiles(small, 'tmp')).toEqual([]);
    expect((await client.get(`/api/evidence?systemId=${sys}`)).body.total).toBe(0);
    const two = form({ systemId: sys, title: 'Zwei' }, { name: 'a.txt', bytes: Buffer.from('a') });
    two.append('file', new Blob(['b']), 'b.txt');
    expect((await client.post('/api/evidence', two)).status).toBe(413);
    expect(storedFiles(small, 'tmp')).toEqual([]);
  });

  it('removes the temporary file when the client aborts in the middle of an upload', async () => {
    const { token } = await small.services.tokens.create(systemActor('test'), { name: 'Abbruch', expiresInDays: 1 }, userId);
    const boundary = 'konform-test-boundary';
    const head = [
      `--${boundary}\r\nContent-Disposition: form-data; name="systemId"\r\n\r\n${sys}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nAbgebrochen\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="abbruch.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    ].join('');
    const req = httpRequest(`${small.baseUrl}/api/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': '9000' },
    });
    req.on('error', () => undefined);
    req.write(head + 'x'.repeat(4000));
    await vi.waitFor(() => expect(storedFiles(small, 'tmp')).toHaveLength(1), { timeout: 5000 });
    req.destroy();
    await vi.waitFor(() => expect(storedFiles(small, 'tmp')).toEqual([]), { timeout: 5000 });
    expect(storedFiles(small, 'objects')).toEqual([]);
    // The server is still fine.
    expect((await client.get(`/api/evidence?systemId=${sys}`)).status).toBe(200);
  });

  it('accepts a file at the limit and applies the configured default marking', async () => {
    const limit = Math.round(0.01 * 1024 * 1024);
    const exact = Buffer.alloc(limit, 'b');
    const reply = await upload(client, { systemId: sys, title: 'Genau passend' }, { name: 'passt.txt', bytes: exact });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ classification: 'VS-NfD', latestVersion: { size: limit, sha256: sha256(exact) } });
  });
});
