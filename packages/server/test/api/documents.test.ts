import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNEX_IV_SECTION_KEYS, addCalendarDays, officeToday, retentionLastDay } from '@konform/core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';
import { labBasics } from '../support/lab-seed.js';
import { pdfText } from '../support/pdf-text.js';
import { publicKeysFromPem, verifyPath } from '../../src/signing/verify-path.js';
import { runRetention } from '../../src/modules/privacy/retention.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let author: User;
let reviewer: User;
let approver: User;
let viewer: User;
let stranger: User;
let systemId: string;
let datasetName: string;
let work: string;
/** A document whose version 1 was superseded by version 2 (set by the release test). */
let supersededDoc: string;

const MARKING = 'VS – NUR FÜR DEN DIENSTGEBRAUCH';

async function docxXml(body: Buffer): Promise<{ document: string; headers: string }> {
  const zip = await JSZip.loadAsync(body);
  const document = await zip.file('word/document.xml')!.async('string');
  const headers = (await Promise.all(Object.keys(zip.files).filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')))).join('\n');
  return { document, headers };
}

async function highRiskSystem(name: string) {
  const system = await t.newSystem(author.client, unit, { name, description: 'Wandelt gesprochene Sprache in Text', autonomy: 'human-in-the-loop' });
  await t.db.database.db.updateTable('ai_system').set({ risk_class: 'high' }).where('id', '=', system.id).execute();
  return system.id as string;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'konform-doc-'));
  t = await startTestApp({ defaultMarking: 'VS-NfD' });
  unit = await t.newUnit(null, 'Referat Spracherkennung');
  author = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  reviewer = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  approver = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }]);
  systemId = await highRiskSystem('Spracherkennung HWS-ASR');
  const basics = await labBasics(reviewer.client, unit);
  const db = t.db.database.db;
  await db.insertInto('system_item_link').values([
    { system_id: systemId, item_type: 'model', version_id: basics.modelVersionId, role: 'core', note: '', position: 0 },
    { system_id: systemId, item_type: 'dataset', version_id: basics.datasetVersionId, role: 'test', note: '', position: 1 },
  ]).execute();
  const dataset = await db.selectFrom('dataset_version').innerJoin('dataset', 'dataset.id', 'dataset_version.item_id').select(['dataset.name', 'dataset_version.label']).where('dataset_version.id', '=', basics.datasetVersionId).executeTakeFirstOrThrow();
  datasetName = `${dataset.name} ${dataset.label}`;
  expect((await author.client.post(`/api/systems/${systemId}/risks`, { title: 'Fehltranskription von Eigennamen' })).status).toBe(201);
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await t.close();
});

const createDoc = (client: TestClient, body: Record<string, unknown>) => client.post('/api/documents', body);

describe('technical documentation (Annex IV)', () => {
  it('is created for high-risk systems only, naming the field, and stays in its unit', async () => {
    const other = await t.newSystem(author.client, unit, { name: 'Minimal' });
    expect((await createDoc(author.client, { type: 'annex-iv', systemId: other.id })).body.code).toBe('not-high-risk');
    const bad = await createDoc(author.client, { type: 'annex-iv', systemId: 'nope' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('systemId');
    expect((await createDoc(viewer.client, { type: 'annex-iv', systemId })).status).toBe(403);
    expect((await createDoc(stranger.client, { type: 'annex-iv', systemId })).status).toBe(403);
  });

  it('goes from records and authored text to a released, signed and verifiable version', async () => {
    const created = await createDoc(author.client, { type: 'annex-iv', systemId, locale: 'de' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const doc = created.body;
    expect(doc.title).toBe('Technische Dokumentation – Spracherkennung HWS-ASR');
    expect(doc.sections.map((s: { key: string }) => s.key)).toEqual([...ANNEX_IV_SECTION_KEYS]);
    const section = (d: typeof doc, key: string) => d.sections.find((s: { key: string }) => s.key === key);
    // Live completeness from the records: the model and dataset with digests, the dataset without a datasheet, the risk.
    const dev = section(doc, 'development');
    expect(dev.recordLines.join('\n')).toContain('Whisper large-v3');
    expect(dev.completeness.lacking).toContainEqual({ code: 'no-datasheet', subject: datasetName });
    expect(section(doc, 'risk-management').recordLines.join('\n')).toContain('Fehltranskription von Eigennamen');
    expect(section(doc, 'post-market').completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'text-missing' }] });
    expect((await createDoc(author.client, { type: 'annex-iv', systemId, locale: 'de' })).body.code).toBe('document-exists');
    expect((await stranger.client.get(`/api/documents/${doc.id}`)).status).toBe(403);
    expect((await viewer.client.get(`/api/documents?systemId=${systemId}`)).body.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    expect((await stranger.client.get('/api/documents')).body).toEqual([]);

    // A version with sections that have nothing cannot be submitted.
    const v1 = await author.client.post(`/api/documents/${doc.id}/versions`, {});
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body).toMatchObject({ number: 1, status: 'draft' });
    const early = await author.client.post(`/api/documents/${doc.id}/versions/1/submit`, { version: v1.body.version });
    expect(early.body.code).toBe('incomplete');
    expect(early.body.detail).toContain('post-market');

    // Authored text, version-locked; raw HTML stays text.
    const put = (key: string, markdown: string, version: number, client = author.client) => client.request('PUT', `/api/documents/${doc.id}/sections/${key}`, { markdown, version });
    const saved = await put('post-market', '## Plan\n\nMonatliche Auswertung der **Beschwerden** <script>alert(1)</script>', 0);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(1);
    expect((await put('post-market', 'veraltet', 0)).status).toBe(409);
    expect((await put('unknown', 'x', 0)).status).toBe(400);
    expect((await put('post-market', 'x', 1, viewer.client)).status).toBe(403);
    for (const key of ['changes', 'declaration', 'general', 'monitoring', 'metrics', 'standards']) expect((await put(key, `Text für ${key}`, 0)).status).toBe(200);
    const live = (await author.client.get(`/api/documents/${doc.id}`)).body;
    expect(section(live, 'post-market').completeness.status).toBe('complete');

    const rebuilt = await author.client.post(`/api/documents/${doc.id}/versions`, {});
    expect(rebuilt.body).toMatchObject({ number: 1, status: 'draft' });
    expect(rebuilt.body.completeness.some((c: { status: string }) => c.status === 'missing')).toBe(false);

    // A draft renders on the fly, marked as draft.
    const draftMd = await (await viewer.client.fetch(`/api/documents/${doc.id}/versions/1/export?format=md`)).text();
    expect(draftMd.split('\n')[0]).toContain('ENTWURF');
    expect(draftMd).toContain('&lt;script&gt;');
    expect(draftMd).not.toContain('<script>');

    const submitted = await author.client.post(`/api/documents/${doc.id}/versions/1/submit`, { version: rebuilt.body.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('in-review');
    const sign = (client: TestClient, step: 'review' | 'release', version: number) => client.post(`/api/documents/${doc.id}/versions/1/${step}`, { version, password: TEST_PASSWORD });

    // Four eyes: the author neither reviews nor releases; nobody releases before the review; tokens cannot sign.
    expect((await sign(author.client, 'release', submitted.body.version)).body.code).toBe('not-reviewed');
    expect((await sign(author.client, 'review', submitted.body.version)).body.code).toBe('four-eyes');
    const created2 = await reviewer.client.post('/api/tokens', { name: 'CI', expiresInDays: 1 });
    const token = new TestClient(t.baseUrl);
    token.bearer = created2.body.token;
    const byToken = await sign(token, 'review', submitted.body.version);
    expect(byToken.status).toBe(403);
    expect(byToken.body.code).toBe('reauth-required');
    const reviewed = await sign(reviewer.client, 'review', submitted.body.version);
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body.signoffs).toMatchObject([{ meaning: 'reviewed', signerId: reviewer.id }]);
    expect((await sign(reviewer.client, 'release', reviewed.body.version)).status).toBe(403);
    expect((await sign(author.client, 'release', reviewed.body.version)).body.code).toBe('four-eyes');
    const released = await sign(approver.client, 'release', reviewed.body.version);
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    const v = released.body;
    expect(v.status).toBe('released');
    expect(v.files.map((f: { format: string }) => f.format).sort()).toEqual(['docx', 'json', 'md', 'pdf']);
    // The period of technical documentation starts when a newer version supersedes this one: no date yet.
    expect(v).toMatchObject({ retainUntil: null, retentionMonths: 120 });
    expect(v.signoffs.map((s: { meaning: string }) => s.meaning)).toEqual(['reviewed', 'released']);

    // Released files: DOCX with the nine section headings and the marking, PDF with the title and marking.
    const docx = Buffer.from(await (await viewer.client.fetch(`/api/documents/${doc.id}/versions/1/export?format=docx`)).arrayBuffer());
    const xml = await docxXml(docx);
    for (const heading of ['1. Allgemeine Beschreibung des KI-Systems', '2. Elemente des KI-Systems und Entwicklungsprozess', '5. Risikomanagementsystem', '9. Beobachtung nach dem Inverkehrbringen']) expect(xml.document).toContain(heading);
    expect(xml.document.match(/Heading1/g)?.length ?? 0).toBeGreaterThanOrEqual(9);
    expect(xml.headers).toContain(MARKING);
    expect(xml.headers).not.toContain('ENTWURF');
    const pdfRes = await viewer.client.fetch(`/api/documents/${doc.id}/versions/1/export?format=pdf`);
    const pdf = Buffer.from(await pdfRes.arrayBuffer());
    const text = await pdfText(pdf);
    expect(text).toContain('Technische Dokumentation – Spracherkennung HWS-ASR');
    expect(text).toContain(MARKING);
    expect(v.files.find((f: { format: string }) => f.format === 'pdf').sha256).toBe((await import('node:crypto')).createHash('sha256').update(pdf).digest('hex'));
    const inputs = (await (await viewer.client.fetch(`/api/documents/${doc.id}/versions/1/export?format=json`)).json()) as { system: { name: string } };
    expect(inputs.system.name).toBe('Spracherkennung HWS-ASR');

    // The bundle verifies with verifyPath and with openssl; one flipped byte is named.
    const keys = await viewer.client.get('/api/keys');
    expect(keys.status).toBe(200);
    const pems: string = keys.body.items.map((k: { publicKeyPem: string }) => k.publicKeyPem).join('\n');
    const manifest = await viewer.client.get(`/api/documents/${doc.id}/versions/1/manifest`);
    expect(manifest.body.keyId).toBe(v.keyId);
    const bundle = Buffer.from(await (await viewer.client.fetch(`/api/documents/${doc.id}/versions/1/bundle`)).arrayBuffer());
    const zipPath = path.join(work, 'release.zip');
    writeFileSync(zipPath, bundle);
    const ok = await verifyPath(zipPath, publicKeysFromPem(pems));
    expect(ok.ok).toBe(true);
    expect(ok.files).toHaveLength(4);
    const pemFile = path.join(work, 'key.pem');
    writeFileSync(pemFile, keys.body.items.find((k: { id: string }) => k.id === v.keyId).publicKeyPem);
    writeFileSync(path.join(work, 'manifest.json'), manifest.body.manifest);
    writeFileSync(path.join(work, 'sig.bin'), Buffer.from(manifest.body.signature, 'base64'));
    const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pemFile, '-rawin', '-in', path.join(work, 'manifest.json'), '-sigfile', path.join(work, 'sig.bin')]).toString();
    expect(out).toContain('Signature Verified Successfully');
    const zip = await JSZip.loadAsync(bundle);
    const mdName = v.files.find((f: { format: string }) => f.format === 'md').filename;
    const mdBytes = Buffer.from(await zip.file(mdName)!.async('uint8array'));
    mdBytes[10] = mdBytes[10]! ^ 1;
    zip.file(mdName, mdBytes);
    const tamperedPath = path.join(work, 'tampered.zip');
    writeFileSync(tamperedPath, await zip.generateAsync({ type: 'nodebuffer' }));
    const bad = await verifyPath(tamperedPath, publicKeysFromPem(pems));
    expect(bad.ok).toBe(false);
    expect(bad.files.filter((f) => f.status !== 'ok')).toEqual([{ path: mdName, status: 'changed' }]);

    // A released version never changes: no DELETE, no write.
    expect(t.routes.filter((r) => r.url.startsWith('/api/documents') && r.method === 'DELETE')).toEqual([]);
    expect((await author.client.request('DELETE', `/api/documents/${doc.id}/versions/1`)).status).toBe(404);
    expect((await author.client.post(`/api/documents/${doc.id}/versions/1/submit`, { version: v.version })).body.code).toBe('invalid-transition');
    expect((await author.client.post(`/api/documents/${doc.id}/versions/1/return`, { version: v.version })).body.code).toBe('invalid-transition');
    expect((await sign(approver.client, 'review', v.version)).body.code).toBe('not-in-review');
    const again = await author.client.get(`/api/documents/${doc.id}/versions/1`);
    expect(again.body).toEqual(v);

    // The next version starts at 2 and names the earlier release; its release supersedes version 1.
    const v2 = await author.client.post(`/api/documents/${doc.id}/versions`, {});
    expect(v2.body).toMatchObject({ number: 2, status: 'draft' });
    const s2 = await author.client.post(`/api/documents/${doc.id}/versions/2/submit`, { version: v2.body.version });
    expect(s2.status, JSON.stringify(s2.body)).toBe(200);
    const r2 = await reviewer.client.post(`/api/documents/${doc.id}/versions/2/review`, { version: s2.body.version, password: TEST_PASSWORD });
    const rel2 = await approver.client.post(`/api/documents/${doc.id}/versions/2/release`, { version: r2.body.version, password: TEST_PASSWORD });
    expect(rel2.status, JSON.stringify(rel2.body)).toBe(200);
    const list = (await viewer.client.get(`/api/documents/${doc.id}/versions`)).body;
    expect(list.map((x: { number: number; status: string }) => [x.number, x.status])).toEqual([[2, 'released'], [1, 'superseded']]);
    expect(list[1].files).toEqual(v.files);
    expect(list[0]).toMatchObject({ retainUntil: null, retentionMonths: 120 });
    expect(list[1]).toMatchObject({ supersededAt: rel2.body.releasedAt, retainUntil: retentionLastDay(rel2.body.releasedAt, 120), retentionMonths: 120 });
    expect(list[1].retainUntil.slice(0, 4)).toBe(String(Number(officeToday(new Date(rel2.body.releasedAt)).slice(0, 4)) + 10));
    supersededDoc = doc.id;
    const inputs2 = (await (await viewer.client.fetch(`/api/documents/${doc.id}/versions/2/export?format=json`)).json()) as { earlierReleases: unknown };
    expect(inputs2.earlierReleases).toEqual([{ number: 1, releasedAt: v.releasedAt }]);
    const audit = await t.db.database.db.selectFrom('audit_event').select('action').where('entity_type', 'in', ['document', 'document-version']).execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['document.create', 'document.section.update', 'document.version.create', 'document.version.rebuild', 'document.version.submit', 'document.version.review', 'document.version.release']));
  });

  it('keeps a superseded version for the configured period, by the rule the retention sweep applies', async () => {
    const admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
    const versionOne = async () => (await viewer.client.get(`/api/documents/${supersededDoc}/versions/1`)).body;
    const before = await versionOne();
    const policy = (await admin.client.get('/api/privacy/retention')).body.find((p: { recordType: string }) => p.recordType === 'technical-documentation');
    // A longer period moves the shown date at once (computed on read, not stored at release).
    const longer = await admin.client.request('PUT', '/api/privacy/retention/technical-documentation', { months: 180, version: policy.version });
    expect(longer.status, JSON.stringify(longer.body)).toBe(200);
    const after = await versionOne();
    expect(after).toMatchObject({ retentionMonths: 180, retainUntil: retentionLastDay(before.supersededAt, 180) });
    expect(after.retainUntil.slice(0, 4)).toBe(String(Number(before.retainUntil.slice(0, 4)) + 5));
    const released = (await viewer.client.get(`/api/documents/${supersededDoc}/versions/2`)).body;
    expect(released).toMatchObject({ status: 'released', retainUntil: null, retentionMonths: 180 });

    // The sweep keeps the version through the shown day (noon in Berlin) and erases the names from the day after.
    const label = async () => (await t.db.database.db.selectFrom('document_version').select('released_by_label').where('id', '=', after.id).executeTakeFirstOrThrow()).released_by_label;
    const noonOn = (day: string) => new Date(`${day}T11:00:00Z`);
    await runRetention(t.db.database, noonOn(after.retainUntil));
    expect(await label()).toBe(before.releasedByLabel);
    await runRetention(t.db.database, noonOn(addCalendarDays(after.retainUntil, 1)));
    expect(await label()).not.toBe(before.releasedByLabel);
    // Version 2 has no period running yet: its names stay.
    expect((await viewer.client.get(`/api/documents/${supersededDoc}/versions/2`)).body.releasedByLabel).toBe(released.releasedByLabel);
  });
});
