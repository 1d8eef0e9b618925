import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';
import { pdfText } from '../support/pdf-text.js';

const MARKING = 'VS – NUR FÜR DEN DIENSTGEBRAUCH';

let t: TestApp;
let unit: string;
let admin: { id: string; email: string; client: TestClient };
/** Owners of the same unit: one cleared for VS-NfD, one not (roles alike: only the clearance differs). */
let cleared: { id: string; email: string; client: TestClient };
let uncleared: { id: string; email: string; client: TestClient };
let openSystem: string;
let secretSystem: string;

async function auditOf(entityId: string, action: string) {
  return t.db.database.db.selectFrom('audit_event').selectAll().where('entity_id', '=', entityId).where('action', '=', action).orderBy('seq').execute();
}

async function link(client: TestClient, systemId: string, title: string, classification: 'offen' | 'VS-NfD') {
  const reply = await client.post('/api/evidence/link', { systemId, url: `https://example.org/${encodeURIComponent(title)}`, title, classification });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string };
}

async function upload(client: TestClient, systemId: string, title: string, classification: 'offen' | 'VS-NfD') {
  const form = new FormData();
  form.append('systemId', systemId);
  form.append('title', title);
  form.append('classification', classification);
  form.append('file', new Blob([new Uint8Array(Buffer.from('Lagebild\n'))], { type: 'text/plain' }), 'lage.txt');
  return client.post('/api/evidence', form);
}

beforeAll(async () => {
  // No KONFORM_DEFAULT_MARKING: every marking below comes from the content's own levels.
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }], { clearance: 'VS-NfD' });
  cleared = await t.newUser([{ orgUnitId: unit, role: 'owner' }], { clearance: 'VS-NfD' });
  uncleared = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  openSystem = (await t.newSystem(cleared.client, unit, { name: 'Offenes System' })).id;
  secretSystem = (await t.newSystem(cleared.client, unit, { name: 'Lagebildsystem', classification: 'VS-NfD' })).id;
});
afterAll(async () => t.close());

describe('clearance of users', () => {
  it('is set by administrators only, audited, and shown in the user and in /api/auth/me', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    expect((await user.client.get('/api/auth/me')).body.user.clearance).toBe('offen');
    const before = (await admin.client.get(`/api/users/${user.id}`)).body;
    expect(before.clearance).toBe('offen');
    // An owner, even a cleared one, holds no user.manage.
    expect((await cleared.client.patch(`/api/users/${user.id}`, { version: before.version, clearance: 'VS-NfD' })).status).toBe(403);
    expect((await admin.client.patch(`/api/users/${user.id}`, { version: before.version, clearance: 'geheim' })).body.errors[0].path).toBe('clearance');
    const changed = await admin.client.patch(`/api/users/${user.id}`, { version: before.version, clearance: 'VS-NfD', reason: 'Ermächtigung VS-NfD erteilt' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.clearance).toBe('VS-NfD');
    // Takes effect at once: the actor is resolved per request.
    expect((await user.client.get('/api/auth/me')).body.user.clearance).toBe('VS-NfD');
    const [event] = await auditOf(user.id, 'user.update');
    expect(JSON.parse(event!.changes)).toContainEqual({ field: 'clearance', before: 'offen', after: 'VS-NfD' });
    expect(event!.actor_id).toBe(admin.id);
  });
});

describe('classified evidence', () => {
  it('stays out of uncleared lists, is refused on detail and download, and every attempt and read is logged', async () => {
    const offen = await link(cleared.client, openSystem, 'Offener Nachweis', 'offen');
    const secret = await upload(cleared.client, openSystem, 'Lagebild Nachweis', 'VS-NfD');
    expect(secret.status, JSON.stringify(secret.body)).toBe(201);
    const id = secret.body.id as string;

    const visible = (await uncleared.client.get(`/api/evidence?systemId=${openSystem}`)).body;
    expect(visible.items.map((e: { id: string }) => e.id)).toEqual([offen.id]);
    expect(visible.total).toBe(1);
    const all = (await cleared.client.get(`/api/evidence?systemId=${openSystem}`)).body;
    expect(all.items.map((e: { id: string }) => e.id).sort()).toEqual([offen.id, id].sort());

    const refused = await uncleared.client.get(`/api/evidence/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('clearance');
    expect(refused.body.detail).toContain('VS-NfD');
    const download = await uncleared.client.fetch(`/api/evidence/${id}/versions/1/content`);
    expect(download.status).toBe(403);
    const refusals = await auditOf(id, 'evidence.read-refused');
    expect(refusals.map((e) => e.actor_id)).toEqual([uncleared.id, uncleared.id]);
    expect(await auditOf(id, 'evidence.read')).toEqual([]);

    expect((await cleared.client.get(`/api/evidence/${id}`)).status).toBe(200);
    const content = await cleared.client.fetch(`/api/evidence/${id}/versions/1/content`);
    expect(content.status).toBe(200);
    expect(await content.text()).toBe('Lagebild\n');
    const reads = await auditOf(id, 'evidence.read');
    expect(reads.map((e) => e.actor_id)).toEqual([cleared.id, cleared.id]);
    expect(JSON.parse(reads[1]!.changes)).toContainEqual({ field: 'read', before: null, after: 'content v1' });
    // Open evidence is read without an event.
    expect((await uncleared.client.get(`/api/evidence/${offen.id}`)).status).toBe(200);
    expect(await auditOf(offen.id, 'evidence.read')).toEqual([]);
  });

  it('cannot be marked VS-NfD by an uncleared user, nor changed by one', async () => {
    const refused = await upload(uncleared.client, openSystem, 'Versuch', 'VS-NfD');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'clearance', errors: [{ path: 'classification' }] });
    const mine = await link(uncleared.client, openSystem, 'Eigener Nachweis', 'offen');
    const raise = await uncleared.client.patch(`/api/evidence/${mine.id}`, { version: 1, classification: 'VS-NfD' });
    expect(raise.status).toBe(403);
    const secret = await link(cleared.client, openSystem, 'Geheimer Link', 'VS-NfD');
    expect((await uncleared.client.patch(`/api/evidence/${secret.id}`, { version: 1, title: 'Umbenannt' })).status).toBe(403);
  });

  it('leaves VS-NfD evidence ids out of the matrix rows of uncleared readers, and marks the matrix export', async () => {
    const matrix = (await cleared.client.get(`/api/systems/${openSystem}/requirements`)).body;
    const key = matrix.items[0].requirementId as string;
    const secret = await link(cleared.client, openSystem, 'Matrix-Nachweis', 'VS-NfD');
    const linked = await cleared.client.post(`/api/evidence/${secret.id}/links`, { systemId: openSystem, requirementKey: key });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    const row = (client: TestClient) => client.get(`/api/systems/${openSystem}/requirements?applies=all`).then((r) => r.body.items.find((i: { requirementId: string }) => i.requirementId === key));
    expect((await row(cleared.client)).evidence).toContain(secret.id);
    expect((await row(uncleared.client)).evidence).not.toContain(secret.id);

    const csv = await (await cleared.client.fetch(`/api/systems/${openSystem}/requirements/export?format=csv`)).text();
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(MARKING);
    expect(lines.at(-1)).toBe(MARKING);
    // The uncleared reader's export lists no classified content, so it carries no marking.
    const plain = await (await uncleared.client.fetch(`/api/systems/${openSystem}/requirements/export?format=csv`)).text();
    expect(plain).not.toContain(MARKING);
    const xlsx = await cleared.client.fetch(`/api/systems/${openSystem}/requirements/export?format=xlsx`);
    const sheet = await (await JSZip.loadAsync(Buffer.from(await xlsx.arrayBuffer()))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain(`<oddHeader>&amp;C${MARKING}</oddHeader>`);
    expect(sheet).toContain(`<oddFooter>&amp;C${MARKING}</oddFooter>`);
  });
});

describe('classified AI systems', () => {
  it('stay out of uncleared lists and are refused with the attempt logged; cleared reads are logged', async () => {
    const names = async (client: TestClient) => (await client.get(`/api/systems?unit=${unit}&limit=100`)).body.items.map((s: { id: string }) => s.id);
    expect(await names(cleared.client)).toContain(secretSystem);
    expect(await names(uncleared.client)).not.toContain(secretSystem);
    expect(await names(uncleared.client)).toContain(openSystem);

    const refused = await uncleared.client.get(`/api/systems/${secretSystem}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('clearance');
    for (const path of ['requirements', 'risks', 'risks/export?format=md', 'requirements/export?format=csv']) {
      const reply = await uncleared.client.get(`/api/systems/${secretSystem}/${path}`);
      expect(reply.status, path).toBe(403);
    }
    expect((await auditOf(secretSystem, 'system.read-refused')).map((e) => e.actor_id)).toEqual([uncleared.id]);

    const read = await cleared.client.get(`/api/systems/${secretSystem}`);
    expect(read.status).toBe(200);
    expect(read.body.classification).toBe('VS-NfD');
    expect((await auditOf(secretSystem, 'system.read')).map((e) => e.actor_id)).toEqual([cleared.id]);
    // Open systems are read without an event.
    await uncleared.client.get(`/api/systems/${openSystem}`);
    expect(await auditOf(openSystem, 'system.read')).toEqual([]);
  });

  it('hides open evidence of a classified system from uncleared readers too', async () => {
    const evidence = await link(cleared.client, secretSystem, 'Offener Nachweis eines VS-Systems', 'offen');
    expect((await uncleared.client.get('/api/evidence?limit=100')).body.items.map((e: { id: string }) => e.id)).not.toContain(evidence.id);
    expect((await uncleared.client.get(`/api/evidence/${evidence.id}`)).body.code).toBe('clearance');
  });

  it('may be marked VS-NfD only by cleared users; the change is audited', async () => {
    const refused = await uncleared.client.post('/api/systems', { name: 'Versuch', purpose: 'Test', orgUnitId: unit, roles: ['deployer'], classification: 'VS-NfD' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'clearance', errors: [{ path: 'classification' }] });
    const own = await t.newSystem(uncleared.client, unit, { name: 'Eigenes System' });
    expect(own.classification).toBe('offen');
    expect((await uncleared.client.patch(`/api/systems/${own.id}`, { version: own.version, classification: 'VS-NfD' })).status).toBe(403);
    const raised = await cleared.client.patch(`/api/systems/${own.id}`, { version: own.version, classification: 'VS-NfD', reason: 'Eingestuft' });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    const [event] = await auditOf(own.id, 'system.update');
    expect(JSON.parse(event!.changes)).toContainEqual({ field: 'classification', before: 'offen', after: 'VS-NfD' });
    // Now its former editor no longer reaches it.
    expect((await uncleared.client.get(`/api/systems/${own.id}`)).status).toBe(403);
  });

  it("carries the VS-NfD marking on every page of a classified system's risk report, without a default marking", async () => {
    await cleared.client.post(`/api/systems/${secretSystem}/risks`, { title: 'Offenlegung des Lagebilds', likelihood: 2, impact: 4 });
    const md = await (await cleared.client.fetch(`/api/systems/${secretSystem}/risks/export?format=md`)).text();
    expect(md).toContain(MARKING);
    expect(md).toContain('Offenlegung des Lagebilds');
    const docx = await cleared.client.fetch(`/api/systems/${secretSystem}/risks/export?format=docx`);
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const parts = await Promise.all(Object.keys(zip.files).filter((f) => /word\/(header|footer)\d*\.xml/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(parts.filter((p) => p.includes(MARKING)).length).toBeGreaterThanOrEqual(2);
    const pdf = await pdfText(Buffer.from(await (await cleared.client.fetch(`/api/systems/${secretSystem}/risks/export?format=pdf`)).arrayBuffer()));
    expect(pdf).toContain('NUR FÜR DEN DIENSTGEBRAUCH');
    const xlsx = await cleared.client.fetch(`/api/systems/${secretSystem}/risks/export?format=xlsx`);
    const sheet = await (await JSZip.loadAsync(Buffer.from(await xlsx.arrayBuffer()))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain(`<oddHeader>&amp;C${MARKING}</oddHeader>`);
    // An open system's report carries none.
    expect(await (await cleared.client.fetch(`/api/systems/${openSystem}/risks/export?format=md`)).text()).not.toContain(MARKING);
  });

  it('lets an API token act with its owner clearance', async () => {
    const created = await uncleared.client.post('/api/tokens', { name: 'CI', expiresInDays: 1 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const machine = new TestClient(t.baseUrl);
    machine.bearer = created.body.token;
    expect((await machine.get(`/api/systems/${secretSystem}`)).body.code).toBe('clearance');
    expect((await machine.get(`/api/systems/${openSystem}`)).status).toBe(200);
    const own = await cleared.client.post('/api/tokens', { name: 'CI', expiresInDays: 1 });
    machine.bearer = own.body.token;
    expect((await machine.get(`/api/systems/${secretSystem}`)).status).toBe(200);
  });
});
