import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let owner: User;
let lab: User;
let viewer: User;
let auditor: User;
let governance: User;
let systemId: string;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  auditor = await t.newUser([{ orgUnitId: unit, role: 'auditor' }]);
  governance = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'governance' }]);
  systemId = (await t.newSystem(owner.client, unit)).id;
});
afterAll(async () => t.close());

async function create(body: Record<string, unknown> = {}) {
  const reply = await owner.client.post('/api/nonconformities', { systemId, title: 'Testlauf fehlgeschlagen', source: 'test-failure', severity: 'major', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const step = (client: TestClient, nc: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) =>
  client.post(`/api/nonconformities/${nc.id}/transition`, { version: nc.version, to, ...extra });

const ACTION = { kind: 'corrective', description: 'Testfall ergänzen', owner: 'Referat Z 4', dueDate: '2027-03-31' };

/** Takes a fresh non-conformity to `implemented` (implemented by the lab user). */
async function implemented() {
  let nc = await create({ rootCause: 'Grenzfall nicht getestet', actions: [ACTION] });
  nc = (await step(owner.client, nc, 'analysed')).body;
  nc = (await step(owner.client, nc, 'actions-planned')).body;
  nc = (await owner.client.patch(`/api/nonconformities/${nc.id}`, { version: nc.version, actions: nc.actions.map((a: object) => ({ ...a, done: true })) })).body;
  const reply = await step(lab.client, nc, 'implemented');
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

describe('non-conformities and CAPA', () => {
  it('walks open → analysed → actions-planned → implemented → verified → closed, with an audit trail', async () => {
    let nc = await create({ requirementKeys: ['eu-ai-act:art-9'] });
    expect(nc).toMatchObject({ status: 'open', version: 1, orgUnitId: unit, requirementKeys: ['eu-ai-act:art-9'], actions: [] });
    nc = (await owner.client.patch(`/api/nonconformities/${nc.id}`, { version: 1, rootCause: 'Grenzfall nicht getestet', actions: [ACTION] })).body;
    expect(nc.actions[0]).toMatchObject({ ...ACTION, id: expect.any(String), done: false });
    for (const to of ['analysed', 'actions-planned']) {
      const reply = await step(owner.client, nc, to);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      nc = reply.body;
    }
    nc = (await owner.client.patch(`/api/nonconformities/${nc.id}`, { version: nc.version, actions: [{ ...nc.actions[0], done: true }] })).body;
    nc = (await step(lab.client, nc, 'implemented')).body;
    expect(nc).toMatchObject({ status: 'implemented', implementedBy: lab.id });
    const verified = await auditor.client.post(`/api/nonconformities/${nc.id}/verify`, { version: nc.version, effective: true, note: 'Stichprobe bestanden' });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', verification: { by: auditor.id, effective: true, note: 'Stichprobe bestanden' } });
    const closed = await step(owner.client, verified.body, 'closed');
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect((await viewer.client.get(`/api/nonconformities?systemId=${systemId}&status=closed`)).body.items.map((n: { id: string }) => n.id)).toEqual([nc.id]);
    const history = (await governance.client.get(`/api/audit-events?entityType=nonconformity&entityId=${nc.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'nonconformity.transition', 'nonconformity.transition', 'nonconformity.transition', 'nonconformity.update', 'nonconformity.transition', 'nonconformity.transition', 'nonconformity.update', 'nonconformity.create',
    ]);
  });

  it('refuses skipped steps and unmet preconditions', async () => {
    const nc = await create();
    const skipped = await step(owner.client, nc, 'actions-planned');
    expect(skipped.status).toBe(409);
    expect(skipped.body.code).toBe('invalid-transition');
    expect((await step(owner.client, nc, 'closed')).body.code).toBe('invalid-transition');
    const noCause = await step(owner.client, nc, 'analysed');
    expect(noCause.status).toBe(400);
    expect(noCause.body.errors[0].path).toBe('rootCause');
    const patched = (await owner.client.patch(`/api/nonconformities/${nc.id}`, { version: 1, rootCause: 'x', actions: [{ kind: 'preventive', description: 'ohne Termin' }] })).body;
    const analysed = (await step(owner.client, patched, 'analysed')).body;
    const noPlan = await step(owner.client, analysed, 'actions-planned');
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.errors[0].path).toBe('actions');
    expect((await step(owner.client, { id: nc.id, version: 1 }, 'analysed')).status).toBe(409); // stale version
  });

  it('refuses self-verification and verification without a note; an unentitled role may not verify', async () => {
    const nc = await implemented();
    const self = await step(lab.client, nc, 'verified', { note: 'ok', effective: true });
    expect(self.status).toBe(403); // lab lacks nonconformity.verify
    const gov = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
    const ownImpl = await step(gov.client, nc, 'implemented');
    expect(ownImpl.body.code).toBe('invalid-transition');
    // governance implements another one and then tries to verify it itself
    let other = await create({ rootCause: 'r', actions: [{ ...ACTION, done: true }] });
    other = (await step(gov.client, other, 'analysed')).body;
    other = (await step(gov.client, other, 'actions-planned')).body;
    other = (await step(gov.client, other, 'implemented')).body;
    const fourEyes = await step(gov.client, other, 'verified', { note: 'passt', effective: true });
    expect(fourEyes.status).toBe(409);
    expect(fourEyes.body.code).toBe('four-eyes');
    const noNote = await auditor.client.post(`/api/nonconformities/${nc.id}/transition`, { version: nc.version, to: 'verified', effective: true });
    expect(noNote.status).toBe(403); // the transition route needs nonconformity.edit; auditors use /verify
    const noNoteGov = await step(governance.client, nc, 'verified', { effective: true });
    expect(noNoteGov.status).toBe(400);
    expect(noNoteGov.body.errors[0].path).toBe('note');
  });

  it('sends an ineffective verification back to actions-planned, and refuses to close without an effective verification', async () => {
    const nc = await implemented();
    expect((await step(owner.client, nc, 'closed')).body.code).toBe('invalid-transition');
    const back = await auditor.client.post(`/api/nonconformities/${nc.id}/verify`, { version: nc.version, effective: false, note: 'Fehler tritt weiter auf' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'actions-planned', verification: { effective: false } });
    const close = await step(owner.client, back.body, 'closed');
    expect(close.status).toBe(409);
    expect(close.body.code).toBe('invalid-transition');
  });

  it('keeps to the reader scope and names invalid fields', async () => {
    const nc = await create();
    const orgWide = await owner.client.post('/api/nonconformities', { title: 'Schulungen fehlen', source: 'review', severity: 'minor', orgUnitId: unit });
    expect(orgWide.status).toBe(201);
    expect(orgWide.body).toMatchObject({ systemId: null, orgUnitId: unit });
    const stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }]);
    expect((await stranger.client.get(`/api/nonconformities/${nc.id}`)).status).toBe(403);
    expect((await stranger.client.get('/api/nonconformities')).body.items).toEqual([]);
    expect((await stranger.client.patch(`/api/nonconformities/${nc.id}`, { version: 1, title: 'x' })).status).toBe(403);
    expect((await viewer.client.post('/api/nonconformities', { systemId, title: 'x', source: 'other', severity: 'minor' })).status).toBe(403);

    const noUnit = await owner.client.post('/api/nonconformities', { title: 'x', source: 'other', severity: 'minor' });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.errors.map((e: { path: string }) => e.path)).toEqual(['orgUnitId']);
    const bad = await owner.client.post('/api/nonconformities', { systemId, title: 'x', source: 'rumour', severity: 'minor', requirementKeys: ['no-colon'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['requirementKeys.0', 'source']);
  });
});
