import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { assessmentStatusCounts } from '../../src/modules/conformity/counts.js';
import { insertReleasedAnnexIv, makeHighRisk } from './conformity-support.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let preparer: User;
let signer: User;
let owner: User;
let viewer: User;
let stranger: User;

async function highRiskSystem(name: string) {
  const system = await t.newSystem(preparer.client, unit, { name });
  await makeHighRisk(t, system.id);
  return system.id as string;
}

async function evidenceOf(client: TestClient, systemId: string) {
  const form = new FormData();
  form.append('title', 'QM-Handbuch');
  form.append('systemId', systemId);
  form.append('file', new Blob(['Nachweis\n']), 'nachweis.txt');
  const reply = await client.post('/api/evidence', form);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit(null, 'Referat Konformität');
  preparer = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  signer = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }]);
});
afterAll(async () => {
  await t.close();
});

describe('Annex VI internal control', () => {
  it('is started for high-risk systems only, once at a time, naming bad fields', async () => {
    const minimal = await t.newSystem(preparer.client, unit, { name: 'Minimal' });
    const refused = await preparer.client.post('/api/conformity-assessments', { systemId: minimal.id, procedure: 'annex-vi' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('not-high-risk');
    const bad = await preparer.client.post('/api/conformity-assessments', { systemId: 'nope', procedure: 'annex-vi' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('systemId');
    const systemId = await highRiskSystem('Bescheidprüfung');
    expect((await viewer.client.post('/api/conformity-assessments', { systemId, procedure: 'annex-vi' })).status).toBe(403);
    expect((await stranger.client.post('/api/conformity-assessments', { systemId, procedure: 'annex-vi' })).status).toBe(403);
    expect((await preparer.client.post('/api/conformity-assessments', { systemId, procedure: 'annex-vi' })).status).toBe(201);
    expect((await preparer.client.post('/api/conformity-assessments', { systemId, procedure: 'annex-vii' })).body.code).toBe('assessment-in-progress');
  });

  it('goes through its steps in order, with evidence and four-eyes signatures, to completion, declaration and CE marking', async () => {
    const systemId = await highRiskSystem('Antragsprüfung');
    const evidenceId = await evidenceOf(preparer.client, systemId);
    const created = await owner.client.post('/api/conformity-assessments', { systemId, procedure: 'annex-vi' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    let a = created.body;
    expect(a.steps.map((s: { key: string }) => s.key)).toEqual(['qms', 'technical-documentation', 'consistency']);
    expect(a).toMatchObject({ status: 'in-progress', nextStep: 'qms', checks: { annexIv: null } });
    const id = a.id as string;
    const prepare = (client: TestClient, step: string, body: Record<string, unknown>) => client.request('PUT', `/api/conformity-assessments/${id}/steps/${step}`, body);
    const sign = (client: TestClient, step: string, body: Record<string, unknown>) => client.post(`/api/conformity-assessments/${id}/steps/${step}/sign`, body);

    // Evidence must be the system's; signing needs a prepared step; the owner may prepare but not sign.
    const foreign = await prepare(preparer.client, 'qms', { version: a.version, evidenceIds: ['00000000-0000-4000-8000-000000000000'], notes: '' });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body)).toContain('evidenceIds.0');
    expect((await sign(signer.client, 'qms', { version: a.version, password: TEST_PASSWORD })).body.code).toBe('not-prepared');
    a = (await prepare(preparer.client, 'qms', { version: a.version, evidenceIds: [evidenceId], notes: 'QM-System nach Art. 17 eingeführt' })).body;
    expect(a.steps[0]).toMatchObject({ evidenceIds: [evidenceId], preparedById: preparer.id, signRefusal: null });
    expect((await prepare(preparer.client, 'qms', { version: a.version - 1, evidenceIds: [], notes: '' })).status).toBe(409);
    expect((await sign(owner.client, 'qms', { version: a.version, password: TEST_PASSWORD })).status).toBe(403);

    // Four eyes: the preparer cannot sign; a wrong password names the field.
    expect((await sign(preparer.client, 'qms', { version: a.version, password: TEST_PASSWORD })).body.code).toBe('four-eyes');
    const wrong = await sign(signer.client, 'qms', { version: a.version, password: 'falsch' });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('password');
    a = (await sign(signer.client, 'qms', { version: a.version, password: TEST_PASSWORD })).body;
    expect(a.steps[0].signedBy).toContain(signer.email);
    expect(a.nextStep).toBe('technical-documentation');

    // Order: the third step waits for the second; the second needs a released Annex IV.
    a = (await prepare(preparer.client, 'consistency', { version: a.version, evidenceIds: [], notes: 'Entwicklung und Marktbeobachtung entsprechen der Dokumentation' })).body;
    expect((await sign(signer.client, 'consistency', { version: a.version, password: TEST_PASSWORD })).body.code).toBe('earlier-step-open');
    a = (await prepare(preparer.client, 'technical-documentation', { version: a.version, evidenceIds: [], notes: 'Geprüft' })).body;
    expect((await sign(signer.client, 'technical-documentation', { version: a.version, password: TEST_PASSWORD })).body.code).toBe('annex-iv-not-released');
    const annexIv = await insertReleasedAnnexIv(t, systemId, unit);
    a = (await preparer.client.get(`/api/conformity-assessments/${id}`)).body;
    expect(a.checks.annexIv).toMatchObject({ documentId: annexIv, number: 1 });
    expect(a.checks.qmsCoverage).toMatchObject({ covered: expect.any(Number), total: expect.any(Number) });
    a = (await sign(signer.client, 'technical-documentation', { version: a.version, password: TEST_PASSWORD })).body;
    expect(a.status).toBe('in-progress');
    expect((await preparer.client.post(`/api/conformity-assessments/${id}/declaration`, {})).body.code).toBe('assessment-not-completed');
    a = (await sign(signer.client, 'consistency', { version: a.version, password: TEST_PASSWORD })).body;
    expect(a).toMatchObject({ status: 'completed', nextStep: null });
    expect(a.completedAt).not.toBeNull();
    expect((await prepare(preparer.client, 'qms', { version: a.version, evidenceIds: [], notes: '' })).body.code).toBe('assessment-not-in-progress');

    // Signatures verify against the step as signed.
    const verify = await viewer.client.get(`/api/signatures/${a.steps[0].signatureId}/verify`);
    expect(verify.body.ok).toBe(true);

    // The declaration of conformity is created once through the documents engine, then linked again.
    const declared = await preparer.client.post(`/api/conformity-assessments/${id}/declaration`, { locale: 'de' });
    expect(declared.status, JSON.stringify(declared.body)).toBe(200);
    const docId = declared.body.declarationDocumentId as string;
    expect((await preparer.client.get(`/api/documents/${docId}`)).body.type).toBe('declaration-of-conformity');
    expect((await preparer.client.post(`/api/conformity-assessments/${id}/declaration`, {})).body.declarationDocumentId).toBe(docId);
    a = declared.body;
    const marked = await preparer.client.request('PUT', `/api/conformity-assessments/${id}/marking`, { version: a.version, ceMarkingDate: '2026-11-20', ceMarkingPlace: 'Startseite der Anwendung (digital)', registrationNumber: 'EU-DB-123', registrationDate: '2026-11-21' });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body).toMatchObject({ ceMarking: { date: '2026-11-20' }, registration: { number: 'EU-DB-123', date: '2026-11-21' } });
    expect((await viewer.client.request('PUT', `/api/conformity-assessments/${id}/marking`, { version: marked.body.version })).status).toBe(403);

    const audit = await t.db.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['conformity-assessment.create', 'conformity-assessment.complete', 'conformity-assessment.update']));
  });
});

describe('Annex VII tracking', () => {
  it('records body, entries and the certificate; the certificate completes it and its validity is computed', async () => {
    const systemId = await highRiskSystem('Gesichtsabgleich');
    const created = await preparer.client.post('/api/conformity-assessments', { systemId, procedure: 'annex-vii', bodyKind: 'market-surveillance-authority' });
    expect(created.status).toBe(201);
    let a = created.body;
    expect(a).toMatchObject({ steps: [], nextStep: null, body: { kind: 'market-surveillance-authority' }, certificate: { validity: 'none' } });
    const id = a.id as string;
    expect((await preparer.client.request('PUT', `/api/conformity-assessments/${id}/steps/qms`, { version: a.version, evidenceIds: [], notes: '' })).body.code).toBe('wrong-procedure');
    const entry = await preparer.client.post(`/api/conformity-assessments/${id}/entries`, { kind: 'question', date: '2026-10-05', text: 'Nachfrage zu den Testdaten' });
    expect(entry.status).toBe(201);
    expect(entry.body.entries).toMatchObject([{ kind: 'question', date: '2026-10-05', text: 'Nachfrage zu den Testdaten' }]);
    expect((await preparer.client.post(`/api/conformity-assessments/${id}/entries`, { kind: 'question', date: 'gestern', text: 'x' })).status).toBe(400);
    a = entry.body;
    const period = await preparer.client.patch(`/api/conformity-assessments/${id}/annex-vii`, { version: a.version, validFrom: '2026-05-01', validUntil: '2026-04-30' });
    expect(period.status).toBe(400);
    expect(JSON.stringify(period.body)).toContain('validUntil');
    a = (await preparer.client.patch(`/api/conformity-assessments/${id}/annex-vii`, { version: a.version, bodyName: 'Bundesnetzagentur', bodyNumber: '0000', conditions: 'Jährliche Überwachung' })).body;
    expect(a.status).toBe('in-progress');
    // Expired already: visible as such.
    a = (await preparer.client.patch(`/api/conformity-assessments/${id}/annex-vii`, { version: a.version, certificateNumber: 'C-2020-1', validFrom: '2020-01-01', validUntil: '2024-12-31' })).body;
    expect(a).toMatchObject({ status: 'completed', certificate: { number: 'C-2020-1', validity: 'expired' } });
    const list = await viewer.client.get(`/api/conformity-assessments?systemId=${systemId}`);
    expect(list.body).toMatchObject([{ id, status: 'completed', certificateValidity: 'expired', validUntil: '2024-12-31' }]);
    expect((await stranger.client.get(`/api/conformity-assessments?systemId=${systemId}`)).body).toEqual([]);
    expect((await stranger.client.get(`/api/conformity-assessments/${id}`)).status).toBe(403);

    const counts = await assessmentStatusCounts(t.db.database.db, { scope: new Set([unit]), units: null, systemIds: null, levels: null });
    expect(counts.certificatesExpired).toBe(1);
    expect(counts.completed).toBeGreaterThanOrEqual(2);
    expect((await assessmentStatusCounts(t.db.database.db, { scope: new Set(), units: null, systemIds: null, levels: null })).completed).toBe(0);
  });
});
