import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';

/** Scoped API tokens in the modules that address records by their own id: tasks, non-conformities, QMS, intakes. */
let t: TestApp;
let unit: string;
let otherUnit: string;
let owner: Awaited<ReturnType<TestApp['newUser']>>;
let governance: Awaited<ReturnType<TestApp['newUser']>>;
let systemA: string;
let systemB: string;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }, { orgUnitId: otherUnit, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  systemA = (await t.newSystem(owner.client, unit, { name: 'Transkription A' })).id;
  systemB = (await t.newSystem(owner.client, unit, { name: 'Chatbot B' })).id;
});
afterAll(async () => t.close());

/** Creates a token as the owner and answers a client that sends it as bearer (no cookie, no CSRF). */
async function tokenClient(body: Record<string, unknown>): Promise<TestClient> {
  const created = await owner.client.post('/api/tokens', { name: 'CI', expiresInDays: 30, ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const client = new TestClient(t.baseUrl);
  client.bearer = created.body.token;
  return client;
}

const ids = (body: { items: { id: string }[] }) => body.items.map((x) => x.id);

describe('API token limited to system A (system B in the same unit)', () => {
  it('lists, reads and writes A\'s tasks; B\'s tasks are refused by id and left out of the list', async () => {
    const client = await tokenClient({ systemIds: [systemA] });
    const taskA = await client.post('/api/tasks', { recordType: 'system', recordId: systemA, title: 'Nachweis A' });
    expect(taskA.status, JSON.stringify(taskA.body)).toBe(201);
    expect((await client.get(`/api/tasks/${taskA.body.id}`)).status).toBe(200);
    const changed = await client.patch(`/api/tasks/${taskA.body.id}`, { version: taskA.body.version, status: 'in-progress' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);

    expect((await client.post('/api/tasks', { recordType: 'system', recordId: systemB, title: 'Nachweis B' })).status).toBe(403);
    const taskB = await owner.client.post('/api/tasks', { recordType: 'system', recordId: systemB, title: 'Nachweis B' });
    expect(taskB.status).toBe(201);
    expect((await client.get(`/api/tasks/${taskB.body.id}`)).status).toBe(403);
    expect((await client.patch(`/api/tasks/${taskB.body.id}`, { version: taskB.body.version, status: 'done' })).status).toBe(403);
    expect((await client.get(`/api/tasks/assignees?recordType=system&recordId=${systemB}`)).status).toBe(403);

    const listed = await client.get('/api/tasks?limit=100');
    expect(listed.status).toBe(200);
    expect(ids(listed.body)).toEqual([taskA.body.id]);
    expect(listed.body.total).toBe(1);
    // The owner's session still sees both
    expect(ids((await owner.client.get('/api/tasks?limit=100')).body)).toEqual(expect.arrayContaining([taskA.body.id, taskB.body.id]));
  });

  it('lists, reads and writes A\'s non-conformities; B\'s are refused by id and left out of the list', async () => {
    const client = await tokenClient({ systemIds: [systemA] });
    const ncA = await client.post('/api/nonconformities', { systemId: systemA, title: 'Testlauf A fehlgeschlagen', source: 'test-failure', severity: 'major' });
    expect(ncA.status, JSON.stringify(ncA.body)).toBe(201);
    expect((await client.get(`/api/nonconformities/${ncA.body.id}`)).status).toBe(200);
    const changed = await client.patch(`/api/nonconformities/${ncA.body.id}`, { version: ncA.body.version, rootCause: 'Grenzfall nicht getestet' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await client.post(`/api/nonconformities/${ncA.body.id}/transition`, { version: changed.body.version, to: 'analysed' })).status).toBe(200);

    expect((await client.post('/api/nonconformities', { systemId: systemB, title: 'x', source: 'other', severity: 'minor' })).status).toBe(403);
    const ncB = await owner.client.post('/api/nonconformities', { systemId: systemB, title: 'Testlauf B fehlgeschlagen', source: 'test-failure', severity: 'major' });
    expect(ncB.status).toBe(201);
    expect((await client.get(`/api/nonconformities/${ncB.body.id}`)).status).toBe(403);
    expect((await client.patch(`/api/nonconformities/${ncB.body.id}`, { version: ncB.body.version, rootCause: 'y' })).status).toBe(403);
    expect((await client.post(`/api/nonconformities/${ncB.body.id}/transition`, { version: ncB.body.version, to: 'analysed' })).status).toBe(403);

    // An organisation-wide non-conformity of A's unit has no system: the token reaches it through the unit.
    const orgWide = await owner.client.post('/api/nonconformities', { title: 'Schulungen fehlen', source: 'review', severity: 'minor', orgUnitId: unit });
    expect(orgWide.status).toBe(201);
    const listed = await client.get('/api/nonconformities?limit=100');
    expect(listed.status).toBe(200);
    expect(ids(listed.body).sort()).toEqual([ncA.body.id, orgWide.body.id].sort());
    expect(ids((await owner.client.get('/api/nonconformities?limit=100')).body)).toContain(ncB.body.id);
  });
});

describe('API token limited to one unit', () => {
  it('does not see QMS documents of another unit', async () => {
    const create = (orgUnitId: string, title: string) =>
      governance.client.post('/api/qms/documents', { kind: 'policy', title, ownerId: owner.id, orgUnitId });
    const docHere = await create(otherUnit, 'KI-Politik Y');
    const docThere = await create(unit, 'KI-Politik X');
    expect(docHere.status, JSON.stringify(docHere.body)).toBe(201);
    expect(docThere.status).toBe(201);
    const client = await tokenClient({ orgUnitIds: [otherUnit] });
    expect((await client.get(`/api/qms/documents/${docHere.body.id}`)).status).toBe(200);
    expect((await client.get(`/api/qms/documents/${docThere.body.id}`)).status).toBe(403);
    const listed = await client.get('/api/qms/documents?limit=100');
    expect(listed.status).toBe(200);
    expect(ids(listed.body)).toEqual([docHere.body.id]);
    expect(ids((await owner.client.get('/api/qms/documents?limit=100')).body)).toEqual(expect.arrayContaining([docHere.body.id, docThere.body.id]));
  });

  it('does not see intakes of another unit, its owner\'s own submissions included, and cannot submit there', async () => {
    const form = (orgUnitId: string, title: string) => ({ title, purpose: 'Anfragen vorsortieren', targetGroup: 'Bürger', dataUsed: 'Anfragetexte', sourcing: 'procured', vendor: 'Beispiel AG', plannedDate: '2027-03-01', orgUnitId });
    const intakeThere = await owner.client.post('/api/intakes', form(unit, 'Vorsortierung X'));
    expect(intakeThere.status, JSON.stringify(intakeThere.body)).toBe(201);
    const client = await tokenClient({ orgUnitIds: [otherUnit] });
    const intakeHere = await client.post('/api/intakes', form(otherUnit, 'Vorsortierung Y'));
    expect(intakeHere.status, JSON.stringify(intakeHere.body)).toBe(201);
    expect((await client.post('/api/intakes', form(unit, 'Vorsortierung X2'))).status).toBe(403);
    expect((await client.get(`/api/intakes/${intakeHere.body.id}`)).status).toBe(200);
    expect((await client.get(`/api/intakes/${intakeThere.body.id}`)).status).toBe(403);
    const listed = await client.get('/api/intakes?limit=100');
    expect(listed.status).toBe(200);
    expect(ids(listed.body)).toEqual([intakeHere.body.id]);
    // The owner's session still sees its own submission in the other unit
    expect((await owner.client.get(`/api/intakes/${intakeThere.body.id}`)).status).toBe(200);
  });
});
