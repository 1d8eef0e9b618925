import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, officeToday } from '@konform/core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { insertGate, insertPlan } from '../support/lab-seed.js';
import { assessmentStatusCounts } from '../../src/modules/conformity/counts.js';
import { insertApprovedClassification, makeHighRisk } from './conformity-support.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let governance: User;
let owner: User;
let viewer: User;

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit(null, 'Referat Änderungen');
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
});
afterAll(async () => {
  await t.close();
});

/** A released high-risk system with an approved classification, a completed Annex VII assessment and released gates. */
async function releasedSystem(name: string) {
  const system = await t.newSystem(owner.client, unit, { name });
  await makeHighRisk(t, system.id);
  await insertApprovedClassification(t, system.id);
  const plan = await insertPlan(t, { unit, systemId: system.id, methodId: '', cases: [] });
  const released = await insertGate(t, { unit, systemId: system.id, planId: plan.planId, status: 'released', title: 'Freigabe 1.0' });
  await insertGate(t, { unit, systemId: system.id, planId: plan.planId, status: 'open' });
  const a = (await owner.client.post('/api/conformity-assessments', { systemId: system.id, procedure: 'annex-vii' })).body;
  const done = await owner.client.patch(`/api/conformity-assessments/${a.id}/annex-vii`, { version: a.version, certificateNumber: 'C-1', validFrom: '2026-01-01', validUntil: '2029-12-31' });
  expect(done.body.status).toBe('completed');
  return { systemId: system.id as string, assessmentId: a.id as string, gateId: released.id };
}

describe('change control', () => {
  it('records a change and refuses bad input naming the field', async () => {
    const { systemId } = await releasedSystem('Chatbot Bürgeranfragen');
    const bad = await owner.client.post(`/api/systems/${systemId}/changes`, { kind: 'weather', description: 'x', date: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('kind');
    const noText = await owner.client.post(`/api/systems/${systemId}/changes`, { kind: 'data', description: '  ', date: '2026-11-01' });
    expect(JSON.stringify(noText.body)).toContain('description');
    expect((await viewer.client.post(`/api/systems/${systemId}/changes`, { kind: 'data', description: 'Neue Daten', date: '2026-11-01' })).status).toBe(403);
    const created = await owner.client.post(`/api/systems/${systemId}/changes`, { kind: 'data', description: 'Nachtrainiert mit Daten aus 2026', date: '2026-11-01' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ number: 1, substantial: null, followUps: [] });
    expect((await viewer.client.get(`/api/systems/${systemId}/changes`)).body).toHaveLength(1);
    expect(await assessmentStatusCounts(t.db.database.db, { scope: new Set([unit]), units: null, systemIds: null, levels: null })).toMatchObject({ changesAwaitingAssessment: 1 });
  });

  it('decides a change that is not substantial with a signature and a rationale, opening nothing', async () => {
    const { systemId, assessmentId } = await releasedSystem('Übersetzung');
    const change = (await owner.client.post(`/api/systems/${systemId}/changes`, { kind: 'model-version', description: 'Fehlerkorrektur 1.0.1', date: '2026-11-02' })).body;
    const assess = (client: TestClient, body: Record<string, unknown>) => client.post(`/api/systems/${systemId}/changes/${change.id}/assess`, body);
    expect((await assess(owner.client, { version: 1, substantial: false, rationale: 'Vorab geplant', password: TEST_PASSWORD })).status).toBe(403);
    const noRationale = await assess(governance.client, { version: 1, substantial: false, rationale: '', password: TEST_PASSWORD });
    expect(noRationale.status).toBe(400);
    expect(JSON.stringify(noRationale.body)).toContain('rationale');
    const decided = await assess(governance.client, { version: 1, substantial: false, rationale: 'In der ursprünglichen Bewertung vorab festgelegt (Anhang IV Nr. 2 Buchst. f)', password: TEST_PASSWORD });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ substantial: false, followUps: [] });
    expect(decided.body.signatureId).not.toBeNull();
    expect((await assess(governance.client, { version: 2, substantial: true, rationale: 'x', password: TEST_PASSWORD })).body.code).toBe('already-assessed');
    expect((await owner.client.get(`/api/conformity-assessments/${assessmentId}`)).body.status).toBe('completed');
  });

  it('reopens classification, released gates and the conformity assessment as tasks for a substantial one, in one transaction', async () => {
    const { systemId, assessmentId, gateId } = await releasedSystem('Bescheidentwurf');
    const change = (await owner.client.post(`/api/systems/${systemId}/changes`, { kind: 'purpose', description: 'Einsatz auch für Widerspruchsverfahren', date: '2026-11-03' })).body;
    const path = `/api/systems/${systemId}/changes/${change.id}/assess`;
    // A wrong password rolls everything back.
    expect((await governance.client.post(path, { version: 1, substantial: true, rationale: 'Neuer Zweck', password: 'falsch' })).status).toBe(400);
    expect((await t.db.database.db.selectFrom('task').select('id').where('system_id', '=', systemId).execute())).toHaveLength(0);
    const decided = await governance.client.post(path, { version: 1, substantial: true, rationale: 'Die Zweckbestimmung ändert sich (Art. 3 Nr. 23)', password: TEST_PASSWORD });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.followUps.map((f: { kind: string; ref?: string }) => [f.kind, f.ref ?? null])).toEqual([
      ['classification-review', null],
      ['lab-gate-rerun', gateId],
      ['conformity-reassessment', null],
    ]);

    const system = (await owner.client.get(`/api/systems/${systemId}`)).body;
    expect(system.classificationStatus).toBe('needs-review');
    const assessment = (await owner.client.get(`/api/conformity-assessments/${assessmentId}`)).body;
    expect(assessment).toMatchObject({ status: 'reopened', reopenReason: expect.stringContaining('Ä-1') });
    const gate = await t.db.database.db.selectFrom('lab_gate').select('status').where('id', '=', gateId).executeTakeFirstOrThrow();
    expect(gate.status).toBe('released');

    const tasks = (await viewer.client.get(`/api/tasks?systemId=${systemId}`)).body.items as { title: string; dueDate: string; status: string }[];
    expect(tasks).toHaveLength(3);
    expect(tasks.map((x) => x.title).join('\n')).toContain('Konformitätsbewertung neu durchführen');
    expect(tasks.map((x) => x.title).join('\n')).toContain('Prüfung wiederholen: G-');
    expect(tasks.every((x) => x.status === 'open')).toBe(true);
    expect(tasks.map((x) => x.dueDate).sort()).toEqual([addCalendarDays(officeToday(), 14), addCalendarDays(officeToday(), 30), addCalendarDays(officeToday(), 30)]);

    // A new assessment may start after the reopening.
    expect((await owner.client.post('/api/conformity-assessments', { systemId, procedure: 'annex-vi' })).status).toBe(201);
    const audit = await t.db.database.db.selectFrom('audit_event').select('action').where('entity_id', 'in', [change.id, assessmentId, systemId]).execute();
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['system-change.assess', 'conformity-assessment.reopen', 'classification.needs-review']));
  });
});
