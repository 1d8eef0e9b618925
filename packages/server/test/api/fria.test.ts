import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { startTestApp, FIXTURE_CATALOGS, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

let t: TestApp;
let unit: string;
let owner: { id: string; email: string; client: TestClient };
let governance: { id: string; email: string; client: TestClient };
let governance2: { id: string; email: string; client: TestClient };
let systemId: string;
let riskId: string;

const CONTENT = {
  processes: 'Vorsortierung eingehender Anträge auf Sozialleistungen nach Dringlichkeit.',
  period: 'Ab 1. März 2027 für zunächst zwei Jahre', frequency: 'werktäglich, etwa 400 Anträge',
  affectedCategories: 'Antragstellende, insbesondere Menschen mit geringen Deutschkenntnissen',
  risksOfHarm: 'Benachteiligung bei der Bearbeitungsreihenfolge', riskIds: [] as string[],
  humanOversight: 'Jede Einstufung wird von einer Sachbearbeiterin bestätigt.',
  materialisationMeasures: 'Rückstufung auf manuelle Bearbeitung', complaintMechanism: 'Beschwerdestelle des Amtes', internalGovernance: 'KI-Koordinierung prüft vierteljährlich',
  dpiaEvidenceId: null,
};

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS, defaultMarking: 'VS-NfD' });
  unit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  const gov = await t.newUnit();
  governance = await t.newUser([{ orgUnitId: gov, role: 'governance' }]);
  governance2 = await t.newUser([{ orgUnitId: gov, role: 'governance' }]);
  systemId = (await t.newSystem(owner.client, unit, { name: 'Antragsvorsortierung Sozialamt', affectedPersons: 'Antragstellende' })).id;
  const decided = await owner.client.request('PUT', `/api/systems/${systemId}/classification`, { facts: { roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } }, answers: {}, note: '' });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  const risk = await owner.client.post(`/api/systems/${systemId}/risks`, { title: 'Benachteiligung nach Sprache', affected: ['fundamental-rights'], rights: ['non-discrimination'], affectedGroups: 'Menschen mit geringen Deutschkenntnissen', likelihood: 3, impact: 4 });
  riskId = risk.body.id;
});
afterAll(async () => t.close());

describe('fundamental rights impact assessment', () => {
  it('is required exactly where the classification says so', async () => {
    const state = (await owner.client.get(`/api/systems/${systemId}/fria`)).body;
    expect(state).toMatchObject({ required: true, basis: 'draft', current: null, outdated: [] });
    expect(state.suggestions.riskIds).toEqual([riskId]);
    expect(state.suggestions.risksOfHarm).toContain('R-1 Benachteiligung nach Sprache');
    const plain = (await t.newSystem(owner.client, unit)).id;
    expect((await owner.client.get(`/api/systems/${plain}/fria`)).body).toMatchObject({ required: false });
    const refused = await owner.client.request('PUT', `/api/systems/${plain}/fria`, { version: 0, content: CONTENT });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('fria-not-required');
    const minimal = (await t.newSystem(owner.client, unit)).id;
    await owner.client.request('PUT', `/api/systems/${minimal}/classification`, { facts: { roles: ['deployer'] }, answers: {}, note: '' });
    expect((await owner.client.get(`/api/systems/${minimal}/fria`)).body.required).toBe(false);
  });

  it('is written as a draft, approved with four eyes, and flagged when its sources change', async () => {
    const saved = await owner.client.request('PUT', `/api/systems/${systemId}/fria`, { version: 0, content: { ...CONTENT, riskIds: [riskId] } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.current).toMatchObject({ number: 1, state: 'draft', version: 1 });
    expect((await owner.client.request('PUT', `/api/systems/${systemId}/fria`, { version: 0, content: CONTENT })).status).toBe(409);
    const bad = await owner.client.request('PUT', `/api/systems/${systemId}/fria`, { version: 1, content: { ...CONTENT, riskIds: ['00000000-0000-4000-8000-000000000000'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('content.riskIds.0');

    // The author may not approve (and an owner holds no fria.approve); a second person does.
    expect((await owner.client.post(`/api/systems/${systemId}/fria/approve`, { version: 1, password: TEST_PASSWORD })).status).toBe(403);
    const edited = await governance.client.request('PUT', `/api/systems/${systemId}/fria`, { version: 1, content: { ...CONTENT, riskIds: [riskId], frequency: 'werktäglich' } });
    expect(edited.body.current).toMatchObject({ version: 2 });
    const selfApproval = await governance.client.post(`/api/systems/${systemId}/fria/approve`, { version: 2, password: TEST_PASSWORD });
    expect(selfApproval.status).toBe(409);
    expect(selfApproval.body.code).toBe('four-eyes');
    const approved = await governance2.client.post(`/api/systems/${systemId}/fria/approve`, { version: 2, password: TEST_PASSWORD });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.approved).toMatchObject({ number: 1, state: 'approved', approvedBy: expect.stringContaining(governance2.email) });

    // A change of the system record and of the risk register flags (a), (c) and (d).
    const system = (await owner.client.get(`/api/systems/${systemId}`)).body;
    expect((await owner.client.patch(`/api/systems/${systemId}`, { version: system.version, purpose: 'Vorsortierung und Priorisierung von Anträgen' })).status).toBe(200);
    const risk = (await owner.client.get(`/api/risks/${riskId}`)).body;
    expect((await owner.client.patch(`/api/risks/${riskId}`, { version: risk.version, affectedGroups: 'auch Menschen mit Behinderungen' })).status).toBe(200);
    const flagged = (await owner.client.get(`/api/systems/${systemId}/fria`)).body;
    expect(flagged.outdated).toEqual(['a', 'c', 'd']);

    // A new draft after the approval: version 2 of the assessment; the approved one stays until the next approval.
    const next = await owner.client.request('PUT', `/api/systems/${systemId}/fria`, { version: 0, content: { ...CONTENT, riskIds: [riskId], processes: 'Vorsortierung und Priorisierung' } });
    expect(next.body).toMatchObject({ current: { number: 2, state: 'draft' }, approved: { number: 1 }, outdated: [] });
  });

  it('exports the notification as PDF, DOCX and Markdown with the marking and the figures', async () => {
    const md = await owner.client.fetch(`/api/systems/${systemId}/fria/export?format=md&number=1`);
    expect(md.status).toBe(200);
    const text = await md.text();
    expect(text).toContain('VS – NUR FÜR DEN DIENSTGEBRAUCH');
    expect(text).toContain('Grundrechte-Folgenabschätzung');
    expect(text).toContain('(f) Maßnahmen bei Eintritt der Risiken');
    expect(text).toContain('R-1');
    const docx = await owner.client.fetch(`/api/systems/${systemId}/fria/export?format=docx&lang=en`);
    expect(docx.headers.get('content-disposition')).toContain('.docx');
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body).toContain('Fundamental rights impact assessment');
    expect(body).toContain('Vorsortierung');
    const headers = await Promise.all(Object.keys(zip.files).filter((f) => /word\/header\d*\.xml/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(headers.join('')).toContain('VS – NUR FÜR DEN DIENSTGEBRAUCH');
    const pdf = await owner.client.fetch(`/api/systems/${systemId}/fria/export?format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await owner.client.fetch(`/api/systems/${systemId}/fria/export?format=md&number=9`)).status).toBe(404);
  });

  it("exports a system's risk report with the register and the heat map", async () => {
    const md = await (await owner.client.fetch(`/api/systems/${systemId}/risks/export?format=md`)).text();
    expect(md).toContain('Risikobericht');
    expect(md).toContain('Benachteiligung nach Sprache');
    expect(md).toContain('VS – NUR FÜR DEN DIENSTGEBRAUCH');
    const xlsx = await owner.client.fetch(`/api/systems/${systemId}/risks/export?format=xlsx&lang=en`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});
