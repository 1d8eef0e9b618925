import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

let t: TestApp;
let unit: string;
let governance: TestClient;
let submitter: { id: string; client: TestClient };

const form = (orgUnitId: string, fields: Record<string, unknown> = {}) => ({
  title: 'Chatbot Bürgeranfragen',
  purpose: 'Beantwortet häufige Fragen zu Anträgen',
  targetGroup: 'Bürgerinnen und Bürger',
  dataUsed: 'Anfragen per Kontaktformular',
  sourcing: 'procured',
  vendor: 'Beispiel AG',
  plannedDate: '2027-03-01',
  orgUnitId,
  ...fields,
});

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  governance = (await t.newUser([{ orgUnitId: await t.newUnit(), role: 'governance' }])).client;
  submitter = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
});
afterAll(async () => t.close());

describe('intake', () => {
  it('lets any signed-in user with a role in the unit submit a use case', async () => {
    const reply = await submitter.client.post('/api/intakes', form(unit));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      title: 'Chatbot Bürgeranfragen',
      sourcing: 'procured',
      vendor: 'Beispiel AG',
      plannedDate: '2027-03-01',
      orgUnitId: unit,
      status: 'submitted',
      submittedBy: { id: submitter.id, label: expect.stringContaining('@test.example') },
      systemId: null,
      version: 1,
      advice: [],
    });
    const lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
    expect((await lab.client.post('/api/intakes', form(unit, { sourcing: 'in-house', vendor: '', plannedDate: null }))).status).toBe(201);
  });

  it('refuses a unit where the submitter holds no role, auditors, and invalid forms', async () => {
    const other = await t.newUnit();
    const refused = await submitter.client.post('/api/intakes', form(other));
    expect(refused.status).toBe(403);
    const auditor = await t.newUser([{ orgUnitId: unit, role: 'auditor' }]);
    expect((await auditor.client.post('/api/intakes', form(unit))).status).toBe(403);
    const noVendor = await submitter.client.post('/api/intakes', form(unit, { vendor: '' }));
    expect(noVendor.status).toBe(400);
    expect(noVendor.body.errors).toEqual([{ path: 'vendor', message: expect.any(String) }]);
    const bad = await submitter.client.post('/api/intakes', form(unit, { title: '', plannedDate: '2027-13-40', sourcing: 'rented', colour: 'red' }));
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(expect.arrayContaining(['colour', 'plannedDate', 'sourcing', 'title']));
    const missingUnit = await governance.post('/api/intakes', form('00000000-0000-4000-8000-000000000000'));
    expect(missingUnit.status).toBe(400);
    expect(missingUnit.body.errors[0].path).toBe('orgUnitId');
    expect((await t.client().post('/api/intakes', form(unit))).status).toBe(401);
  });

  it('shows the governance team the whole queue and everyone else their own and their units\' intakes', async () => {
    const parent = await t.newUnit();
    const child = await t.newUnit(parent);
    const elsewhere = await t.newUnit();
    const childUser = await t.newUser([{ orgUnitId: child, role: 'viewer' }]);
    const parentViewer = await t.newUser([{ orgUnitId: parent, role: 'viewer' }]);
    const stranger = await t.newUser([{ orgUnitId: elsewhere, role: 'owner' }]);
    const mine = (await childUser.client.post('/api/intakes', form(child, { title: 'Übersetzungshilfe Ausländerbehörde' }))).body;

    const queue = await governance.get('/api/intakes?status=submitted&limit=500');
    expect(queue.status).toBe(200);
    expect(queue.body.items.some((i: { id: string }) => i.id === mine.id)).toBe(true);
    expect((await childUser.client.get('/api/intakes')).body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect((await parentViewer.client.get('/api/intakes')).body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect((await stranger.client.get('/api/intakes')).body).toMatchObject({ items: [], total: 0 });
    expect((await stranger.client.get(`/api/intakes/${mine.id}`)).status).toBe(403);
    expect((await parentViewer.client.get(`/api/intakes/${mine.id}`)).status).toBe(200);

    const search = await governance.get(`/api/intakes?q=${encodeURIComponent('ÜBERSETZUNGSHILFE')}`);
    expect(search.body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect((await governance.get(`/api/intakes?q=${encodeURIComponent('ÜBERSETZUNGSHILFE')}&status=declined`)).body.total).toBe(0);
    expect((await governance.get('/api/intakes?status=closed')).status).toBe(400);
    expect((await governance.get('/api/intakes/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('records advice, moves the intake into review and keeps the log oldest first', async () => {
    const intake = (await submitter.client.post('/api/intakes', form(unit))).body;
    const first = await governance.post(`/api/intakes/${intake.id}/advice`, { text: 'Bitte Datenschutz-Folgenabschätzung prüfen.\nZweite Zeile <b>bleibt Text</b>.' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ intakeId: intake.id, systemId: null, text: 'Bitte Datenschutz-Folgenabschätzung prüfen.\nZweite Zeile <b>bleibt Text</b>.', author: { id: expect.any(String) } });
    const second = await governance.post(`/api/intakes/${intake.id}/advice`, { text: 'Art. 50 Abs. 1: Hinweis auf KI-Interaktion.' });
    expect(second.status).toBe(201);
    const fetched = await submitter.client.get(`/api/intakes/${intake.id}`);
    expect(fetched.body.status).toBe('in-review');
    expect(fetched.body.advice.map((a: { id: string }) => a.id)).toEqual([first.body.id, second.body.id]);
    expect((await submitter.client.post(`/api/intakes/${intake.id}/advice`, { text: 'x' })).status).toBe(403);
    expect((await governance.post(`/api/intakes/${intake.id}/advice`, { text: '' })).status).toBe(400);
    expect((await governance.post(`/api/intakes/${intake.id}/advice`, { text: 'x'.repeat(10001) })).status).toBe(400);
  });

  it('accepts an intake into the inventory: the system is created and the advice travels with it', async () => {
    const intake = (await submitter.client.post('/api/intakes', form(unit))).body;
    const advice = (await governance.post(`/api/intakes/${intake.id}/advice`, { text: 'Einsatz als Betreiber; Transparenzpflicht beachten.' })).body;
    const stale = await governance.post(`/api/intakes/${intake.id}/accept`, { version: 7, system: { roles: ['deployer'] } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
    const badSystem = await governance.post(`/api/intakes/${intake.id}/accept`, { version: 1, system: { roles: ['king'] } });
    expect(badSystem.status).toBe(400);

    const accepted = await governance.post(`/api/intakes/${intake.id}/accept`, { version: 1, system: { name: 'Chatbot Anträge', roles: ['deployer'], tags: ['Chatbot'] } });
    expect(accepted.status).toBe(200);
    const system = accepted.body.system;
    expect(system).toMatchObject({
      name: 'Chatbot Anträge',
      purpose: intake.purpose,
      orgUnitId: unit,
      sourcing: 'procured',
      vendor: 'Beispiel AG',
      roles: ['deployer'],
      tags: ['Chatbot'],
      riskClass: null,
      classificationStatus: 'none',
    });
    expect(accepted.body.intake).toMatchObject({ id: intake.id, status: 'accepted', systemId: system.id, version: 2, decidedBy: { label: expect.any(String) } });
    expect(accepted.body.intake.advice[0]).toMatchObject({ id: advice.id, systemId: system.id });

    const log = await submitter.client.get(`/api/systems/${system.id}/advice`);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([expect.objectContaining({ id: advice.id, intakeId: intake.id, systemId: system.id })]);
    const later = await governance.post(`/api/systems/${system.id}/advice`, { text: 'Nach Inbetriebnahme: Protokollierung prüfen.' });
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({ intakeId: null, systemId: system.id });
    // Advice on the accepted intake goes to the system too.
    const onIntake = await governance.post(`/api/intakes/${intake.id}/advice`, { text: 'Nachtrag zum Vorgang.' });
    expect(onIntake.body.systemId).toBe(system.id);
    expect((await submitter.client.get(`/api/systems/${system.id}/advice`)).body.items.map((a: { id: string }) => a.id)).toEqual([advice.id, later.body.id, onIntake.body.id]);

    const again = await governance.post(`/api/intakes/${intake.id}/accept`, { version: 2 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('intake-closed');
    const history = await governance.get(`/api/audit-events?entityType=system&entityId=${system.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['system.create', 'advice.create']));
    const intakeHistory = await governance.get(`/api/audit-events?entityType=intake&entityId=${intake.id}`);
    expect(intakeHistory.body.items.map((e: { action: string }) => e.action)).toEqual(['advice.create', 'intake.accept', 'advice.create', 'intake.create']);
  });

  it('fills the new system from the intake when the accept names nothing else', async () => {
    const intake = (await submitter.client.post('/api/intakes', form(unit, { sourcing: 'in-house', vendor: '' }))).body;
    const accepted = await governance.post(`/api/intakes/${intake.id}/accept`, { version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.system).toMatchObject({ name: intake.title, purpose: intake.purpose, sourcing: 'in-house', roles: ['provider', 'deployer'], orgUnitId: unit });
  });

  it('declines with a reason and then refuses to accept', async () => {
    const intake = (await submitter.client.post('/api/intakes', form(unit))).body;
    expect((await governance.post(`/api/intakes/${intake.id}/decline`, { version: 1 })).status).toBe(400);
    expect((await governance.post(`/api/intakes/${intake.id}/decline`, { version: 1, reason: '  ' })).status).toBe(400);
    expect((await submitter.client.post(`/api/intakes/${intake.id}/decline`, { version: 1, reason: 'x' })).status).toBe(403);
    const declined = await governance.post(`/api/intakes/${intake.id}/decline`, { version: 1, reason: 'Fachlich nicht erforderlich' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'Fachlich nicht erforderlich', version: 2, systemId: null });
    const accept = await governance.post(`/api/intakes/${intake.id}/accept`, { version: 2 });
    expect(accept.status).toBe(409);
    expect(accept.body.code).toBe('intake-closed');
    expect((await governance.post(`/api/intakes/${intake.id}/decline`, { version: 2, reason: 'nochmal' })).body.code).toBe('intake-closed');
    expect((await submitter.client.get('/api/intakes?status=declined')).body.items.map((i: { id: string }) => i.id)).toContain(intake.id);
  });

  it('keeps the advice log of a system to its unit', async () => {
    const other = await t.newUnit();
    const stranger = (await t.newUser([{ orgUnitId: other, role: 'owner' }])).client;
    const owner = (await t.newUser([{ orgUnitId: unit, role: 'owner' }])).client;
    const system = await t.newSystem(owner, unit);
    expect((await stranger.get(`/api/systems/${system.id}/advice`)).status).toBe(403);
    expect((await owner.post(`/api/systems/${system.id}/advice`, { text: 'x' })).status).toBe(403);
    expect((await governance.post('/api/systems/00000000-0000-4000-8000-000000000000/advice', { text: 'x' })).status).toBe(404);
  });
});
