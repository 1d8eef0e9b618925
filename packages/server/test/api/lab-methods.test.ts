import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, officeToday } from '@konform/core';
import { canRecordRuns } from '../../src/modules/lab/method-service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let otherUnit: string;
let lab: User;
let operator: User;
let viewer: User;
let owner: User;
let governance: User;
let stranger: User;

const day = (offset: number) => addCalendarDays(officeToday(), offset);

const CONFIG = {
  task: 'arc_easy',
  prompts: [{ name: 'zero-shot', template: 'Question: {{question}}\nAnswer:' }],
  decoding: { temperature: 0, max_tokens: 256, num_fewshot: 0 },
  metrics: [
    { name: 'acc', unit: '', higherIsBetter: true },
    { name: 'acc_norm', unit: '', higherIsBetter: true, description: 'length-normalised accuracy' },
  ],
};

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  operator = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'governance' }]);
  stranger = await t.newUser([{ orgUnitId: otherUnit, role: 'lab' }]);
});
afterAll(async () => t.close());

async function newMethod(body: Record<string, unknown> = {}, client = lab.client) {
  const reply = await client.post('/api/lab/methods', { orgUnitId: unit, name: `ARC easy ${randomUUID().slice(0, 6)}`, harness: 'lm-evaluation-harness', harnessVersion: '0.4.5', configuration: CONFIG, ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

describe('evaluation methods', () => {
  it('records a method with its configuration, lists it in scope only, and keeps an audit trail', async () => {
    const method = await newMethod({ description: 'Multiple-choice science questions' });
    expect(method).toMatchObject({
      orgUnitId: unit, harness: 'lm-evaluation-harness', harnessVersion: '0.4.5', status: 'not-validated', lastValidation: null, authorisedCount: 0, version: 1,
      configuration: { task: 'arc_easy', decoding: { temperature: 0, max_tokens: 256, num_fewshot: 0 }, metrics: [{ name: 'acc', unit: '', higherIsBetter: true, description: '' }, { name: 'acc_norm' }] },
      validations: [], authorisations: [],
    });
    const listed = await viewer.client.get(`/api/lab/methods?orgUnitId=${unit}&q=arc`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((m: { id: string }) => m.id)).toContain(method.id);
    expect((await stranger.client.get('/api/lab/methods')).body.items.map((m: { id: string }) => m.id)).not.toContain(method.id);
    expect((await stranger.client.get(`/api/lab/methods/${method.id}`)).status).toBe(403);
    const history = (await governance.client.get(`/api/audit-events?entityType=lab-method&entityId=${method.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['lab-method.create']);
    expect(history[0].changes.map((c: { field: string }) => c.field)).toEqual(expect.arrayContaining(['harnessVersion', 'configuration']));
  });

  it('refuses bad input with the field named, and writes only with lab.manage in the unit', async () => {
    const bad = await lab.client.post('/api/lab/methods', { orgUnitId: unit, name: 'X', harness: 'pytest', harnessVersion: '', configuration: { ...CONFIG, metrics: [CONFIG.metrics[0], CONFIG.metrics[0]] } });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['harness', 'harnessVersion', 'configuration.metrics.1.name']));
    const noMetrics = await lab.client.post('/api/lab/methods', { orgUnitId: unit, name: 'X', harness: 'inspect', harnessVersion: '1', configuration: { task: 't', metrics: [] } });
    expect(noMetrics.body.errors.map((e: { path: string }) => e.path)).toEqual(['configuration.metrics']);
    const badKey = await lab.client.post('/api/lab/methods', { orgUnitId: unit, name: 'X', harness: 'inspect', harnessVersion: '1', configuration: { ...CONFIG, decoding: { 'bad key': 1 } } });
    expect(badKey.status).toBe(400);
    const unknownUnit = await lab.client.post('/api/lab/methods', { orgUnitId: randomUUID(), name: 'X', harness: 'inspect', harnessVersion: '1', configuration: CONFIG });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.errors[0].path).toBe('orgUnitId');
    expect((await owner.client.post('/api/lab/methods', { orgUnitId: unit, name: 'X', harness: 'inspect', harnessVersion: '1', configuration: CONFIG })).status).toBe(403);
    expect((await stranger.client.post('/api/lab/methods', { orgUnitId: unit, name: 'X', harness: 'inspect', harnessVersion: '1', configuration: CONFIG })).status).toBe(403);
    expect((await t.client().get('/api/lab/methods')).status).toBe(401);
    const method = await newMethod();
    expect((await viewer.client.post(`/api/lab/methods/${method.id}/validations`, { result: 'passed' })).status).toBe(403);
    expect((await stranger.client.post(`/api/lab/methods/${method.id}/validations`, { result: 'passed' })).status).toBe(403);
    expect((await lab.client.get(`/api/lab/methods/${randomUUID()}`)).status).toBe(404);
  });

  it('is validated after a passing validation and needs re-validation when the harness version changes', async () => {
    let method = await newMethod();
    const failed = await lab.client.post(`/api/lab/methods/${method.id}/validations`, { result: 'failed', report: 'Abweichung zur Referenz 3 pp' });
    expect(failed.status, JSON.stringify(failed.body)).toBe(201);
    expect((await lab.client.get(`/api/lab/methods/${method.id}`)).body.status).toBe('not-validated');
    const passed = await lab.client.post(`/api/lab/methods/${method.id}/validations`, { result: 'passed', validatedOn: day(-1), report: 'Wiederholbarkeit und Vergleich mit Version 0.4.3 innerhalb ±0,5 pp' });
    expect(passed.body).toMatchObject({ result: 'passed', harnessVersion: '0.4.5', validatedOn: day(-1), validatedBy: lab.id, validatedByLabel: expect.stringContaining(lab.email) });
    method = (await viewer.client.get(`/api/lab/methods/${method.id}`)).body;
    expect(method).toMatchObject({ status: 'validated', lastValidation: { id: passed.body.id } });
    expect(method.validations.map((v: { result: string }) => v.result)).toEqual(['passed', 'failed']);
    expect((await viewer.client.get(`/api/lab/methods?status=validated&orgUnitId=${unit}`)).body.items.map((m: { id: string }) => m.id)).toContain(method.id);

    const changed = await lab.client.patch(`/api/lab/methods/${method.id}`, { version: method.version, harnessVersion: 'v0.4.7', reason: 'Neue Harness-Version' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ status: 'revalidation-needed', harnessVersion: 'v0.4.7', version: 2 });
    expect((await lab.client.patch(`/api/lab/methods/${method.id}`, { version: method.version, name: 'stale' })).status).toBe(409);
    const revalidated = await lab.client.post(`/api/lab/methods/${method.id}/validations`, { result: 'passed' });
    expect(revalidated.body).toMatchObject({ harnessVersion: 'v0.4.7', validatedOn: officeToday() });
    expect((await lab.client.get(`/api/lab/methods/${method.id}`)).body.status).toBe('validated');

    expect((await lab.client.post(`/api/lab/methods/${method.id}/validations`, { result: 'passed', validatedOn: day(1) })).status).toBe(400);
    const history = (await governance.client.get(`/api/audit-events?entityType=lab-method&entityId=${method.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['lab-method.validate', 'lab-method.update', 'lab-method.validate', 'lab-method.validate', 'lab-method.create']);
    expect(history[1]).toMatchObject({ reason: 'Neue Harness-Version', changes: [{ field: 'harnessVersion', before: '0.4.5', after: 'v0.4.7' }] });
  });

  it('authorises staff per method, lists them, withdraws them, and answers canRecordRuns', async () => {
    const method = await newMethod();
    const candidates = (await lab.client.get(`/api/lab/methods/${method.id}/authorisation-candidates`)).body.items.map((c: { id: string }) => c.id);
    expect(candidates).toEqual(expect.arrayContaining([lab.id, operator.id]));
    expect(candidates).not.toContain(viewer.id);
    expect(candidates).not.toContain(stranger.id);

    expect(await canRecordRuns(t.db.database.db, operator.id, method.id)).toBe(false);
    const created = await lab.client.post(`/api/lab/methods/${method.id}/authorisations`, { userId: operator.id, note: 'Einweisung am 12.11. erfolgt' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ userId: operator.id, authorisedBy: lab.id, since: officeToday(), until: null, state: 'active', revokedAt: null, note: 'Einweisung am 12.11. erfolgt' });
    expect(await canRecordRuns(t.db.database.db, operator.id, method.id)).toBe(true);
    expect(await t.services.labMethods.canRecordRuns(operator.id, method.id)).toBe(true);
    expect(await canRecordRuns(t.db.database.db, lab.id, method.id)).toBe(false);
    // Not before the day it starts.
    expect(await canRecordRuns(t.db.database.db, operator.id, method.id, new Date(Date.now() - 3 * 86_400_000))).toBe(false);

    const twice = await lab.client.post(`/api/lab/methods/${method.id}/authorisations`, { userId: operator.id });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already-authorised');
    const viewerRefused = await lab.client.post(`/api/lab/methods/${method.id}/authorisations`, { userId: viewer.id });
    expect(viewerRefused.status).toBe(400);
    expect(viewerRefused.body.errors[0].path).toBe('userId');
    const badRange = await lab.client.post(`/api/lab/methods/${method.id}/authorisations`, { userId: lab.id, since: day(5), until: day(1) });
    expect(badRange.status).toBe(400);
    expect(badRange.body.errors[0].path).toBe('until');
    const future = await lab.client.post(`/api/lab/methods/${method.id}/authorisations`, { userId: lab.id, since: day(5), until: day(30) });
    expect(future.body.state).toBe('pending');
    expect(await canRecordRuns(t.db.database.db, lab.id, method.id)).toBe(false);
    expect(await canRecordRuns(t.db.database.db, lab.id, method.id, new Date(Date.now() + 10 * 86_400_000))).toBe(true);

    const detail = (await viewer.client.get(`/api/lab/methods/${method.id}`)).body;
    expect(detail.authorisedCount).toBe(1);
    expect(detail.authorisations.map((a: { userId: string; state: string }) => [a.userId, a.state])).toEqual([[lab.id, 'pending'], [operator.id, 'active']]);

    expect((await viewer.client.request('DELETE', `/api/lab/methods/${method.id}/authorisations/${created.body.id}`)).status).toBe(403);
    const before = new Date();
    const revoked = await lab.client.request('DELETE', `/api/lab/methods/${method.id}/authorisations/${created.body.id}`);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', revokedByLabel: expect.stringContaining(lab.email) });
    expect(await canRecordRuns(t.db.database.db, operator.id, method.id)).toBe(false);
    // A run recorded before the withdrawal was covered.
    expect(await canRecordRuns(t.db.database.db, operator.id, method.id, new Date(before.getTime() - 1000))).toBe(true);
    expect((await lab.client.request('DELETE', `/api/lab/methods/${method.id}/authorisations/${created.body.id}`)).status).toBe(409);
    expect((await lab.client.request('DELETE', `/api/lab/methods/${method.id}/authorisations/${randomUUID()}`)).status).toBe(404);
    // Withdrawn, it can be granted again.
    expect((await lab.client.post(`/api/lab/methods/${method.id}/authorisations`, { userId: operator.id })).status).toBe(201);

    const history = (await governance.client.get(`/api/audit-events?entityType=lab-method&entityId=${method.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['lab-method.authorise', 'lab-method.revoke-authorisation', 'lab-method.authorise', 'lab-method.authorise', 'lab-method.create']);
  });

  it('a deactivated account cannot record runs, whatever its authorisation', async () => {
    const method = await newMethod();
    const person = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
    expect((await lab.client.post(`/api/lab/methods/${method.id}/authorisations`, { userId: person.id })).status).toBe(201);
    expect(await canRecordRuns(t.db.database.db, person.id, method.id)).toBe(true);
    await t.db.database.db.updateTable('app_user').set({ active: 0 }).where('id', '=', person.id).execute();
    expect(await canRecordRuns(t.db.database.db, person.id, method.id)).toBe(false);
  });

  it('moves a method to another unit only with lab.manage in both', async () => {
    const method = await newMethod();
    expect((await lab.client.patch(`/api/lab/methods/${method.id}`, { version: 1, orgUnitId: otherUnit })).status).toBe(403);
    const moved = await governance.client.patch(`/api/lab/methods/${method.id}`, { version: 1, orgUnitId: otherUnit });
    expect(moved.status).toBe(200);
    expect((await stranger.client.get(`/api/lab/methods/${method.id}`)).body.orgUnitId).toBe(otherUnit);
    expect((await lab.client.get(`/api/lab/methods/${method.id}`)).status).toBe(403);
  });
});
