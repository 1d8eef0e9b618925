import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, calendarDate, isoWeekStart, officeToday } from '@konform/core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { insertGate, insertPlan, insertRun, labBasics, type LabBasics } from '../support/lab-seed.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unitA: string;
let unitB: string;
let labA: User;
let viewerA: User;
let viewerB: User;
let governance: User;
let basics: LabBasics;
let s1: string;
let s2: string;
let s3: string;
const runs: Record<string, { id: string; number: number }> = {};
const gates: Record<string, { id: string; number: number }> = {};
const envs: Record<string, string> = {};
const methods: Record<string, string> = {};

const today = officeToday();
const monday = isoWeekStart(today);
const day = (offset: number) => addCalendarDays(today, offset);

/** The UTC instant of a wall-clock time in Europe/Berlin (CET or CEST, whichever holds on that day). */
function berlin(date: string, time: string): string {
  for (const offset of [1, 2]) {
    const at = new Date(Date.parse(`${date}T${time}:00Z`) - offset * 3_600_000);
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    if (calendarDate(at) === date && local === time) return at.toISOString();
  }
  throw new Error(`no such time in Berlin: ${date} ${time}`);
}

beforeAll(async () => {
  t = await startTestApp();
  unitA = await t.newUnit(null, 'Prüflabor A');
  unitB = await t.newUnit(null, 'Prüflabor B');
  labA = await t.newUser([{ orgUnitId: unitA, role: 'lab' }]);
  viewerA = await t.newUser([{ orgUnitId: unitA, role: 'viewer' }]);
  viewerB = await t.newUser([{ orgUnitId: unitB, role: 'viewer' }]);
  const labB = await t.newUser([{ orgUnitId: unitB, role: 'lab' }]);
  governance = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'governance' }]);
  const ownerA = await t.newUser([{ orgUnitId: unitA, role: 'owner' }]);
  const ownerB = await t.newUser([{ orgUnitId: unitB, role: 'owner' }]);
  s1 = (await t.newSystem(ownerA.client, unitA, { name: 'Spracherkennung HWS-ASR' })).id;
  s2 = (await t.newSystem(ownerA.client, unitA, { name: 'Dokumentklassifikator' })).id;
  s3 = (await t.newSystem(ownerB.client, unitB, { name: 'System der Einheit B' })).id;
  basics = await labBasics(labA.client, unitA, 'Whisper');
  const basicsB = await labBasics(labB.client, unitB, 'Anderes Modell');

  const cases = [{ key: 'TC-01', name: 'WER', metric: 'wer', comparator: '<=' as const, threshold: 12, unit: '%' }];
  const p1 = await insertPlan(t, { unit: unitA, systemId: s1, methodId: basics.methodId, cases, name: 'Plan S1' });
  const p2 = await insertPlan(t, { unit: unitA, systemId: s2, methodId: basics.methodId, cases, name: 'Plan S2' });
  const pm = await insertPlan(t, { unit: unitA, systemId: null, modelId: basics.modelId, methodId: basics.methodId, cases, name: 'Plan Modell' });
  const p3 = await insertPlan(t, { unit: unitB, systemId: s3, methodId: basicsB.methodId, cases, name: 'Plan S3' });
  const run = (key: string, systemId: string | null, planId: string, startedAt: string, verdict: 'pass' | 'fail' | 'incomplete', extra: Record<string, unknown> = {}) =>
    insertRun(t, { unit: systemId === s3 ? unitB : unitA, systemId, planId, basics: systemId === s3 ? basicsB : basics, startedAt, verdict, ...extra }).then((r) => (runs[key] = r));
  // Monday 00:30 in Berlin is still Sunday in UTC: it belongs to the current week.
  await run('r1', s1, p1.planId, berlin(monday, '00:30'), 'pass');
  await run('r2', s1, p1.planId, berlin(addCalendarDays(monday, -1), '23:30'), 'fail');
  await run('r3', s1, p1.planId, berlin(addCalendarDays(monday, -33), '12:00'), 'fail');
  await run('r4', s1, p1.planId, berlin(addCalendarDays(monday, -33), '12:00'), 'pass', { amends: { runId: runs.r3!.id, reason: 'Falscher Datensatz' } });
  await run('r5', s2, p2.planId, berlin(day(-89), '12:00'), 'pass');
  await run('r6', s2, p2.planId, berlin(day(-90), '12:00'), 'fail');
  await run('r7', null, pm.planId, berlin(addCalendarDays(monday, -13), '09:00'), 'incomplete');
  await run('r8', s3, p3.planId, berlin(addCalendarDays(monday, -7), '10:00'), 'pass');

  gates.a = await insertGate(t, { unit: unitA, systemId: s1, planId: p1.planId, title: 'Freigabe S1' });
  gates.released = await insertGate(t, { unit: unitA, systemId: s1, planId: p1.planId, status: 'released' });
  gates.model = await insertGate(t, { unit: unitA, systemId: null, modelVersionId: basics.modelVersionId, planId: pm.planId, title: 'Freigabe Modell' });
  gates.b = await insertGate(t, { unit: unitB, systemId: s3, planId: p3.planId });

  const env = async (key: string, verification: Record<string, unknown> | null, client = labA.client, orgUnitId = unitA) => {
    const e = await client.post('/api/lab/environments', { orgUnitId, name: `Umgebung ${key}` });
    expect(e.status).toBe(201);
    envs[key] = e.body.id;
    if (verification) {
      const v = await client.post(`/api/lab/environments/${e.body.id}/verifications`, { referenceRun: 'golden', expectedValue: 1, measuredValue: 1, tolerance: 0, ...verification });
      expect(v.status, JSON.stringify(v.body)).toBe(201);
    }
  };
  await env('never', null);
  await env('soon', { verifiedOn: day(-100), validUntil: day(10) });
  await env('expired', { verifiedOn: day(-200), validUntil: day(-1) });
  await env('later', { verifiedOn: day(-10), validUntil: day(31) });
  await env('b', null, labB.client, unitB);

  const method = async (key: string) => {
    const m = await labA.client.post('/api/lab/methods', { orgUnitId: unitA, name: `Verfahren ${key}`, harness: 'inspect', harnessVersion: '1.0', configuration: { task: 'x', metrics: [{ name: 'acc', higherIsBetter: true }] } });
    expect(m.status).toBe(201);
    methods[key] = m.body.id;
  };
  await method('new');
  await method('rev');
  expect((await labA.client.post(`/api/lab/methods/${methods.rev}/validations`, { result: 'passed' })).status).toBe(201);
  expect((await labA.client.patch(`/api/lab/methods/${methods.rev}`, { version: 1, harnessVersion: '1.1' })).status).toBe(200);
});
afterAll(async () => t.close());

const dashboard = async (client: TestClient, query = '') => {
  const reply = await client.get(`/api/lab/dashboard${query}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
};

describe('lab dashboard', () => {
  it('counts runs per ISO week by the Berlin day they started, leaving out runs an amendment replaced', async () => {
    const d = await dashboard(viewerA.client);
    expect(d.asOf).toBe(today);
    expect(d.weeks).toHaveLength(12);
    expect(d.weeks[11]).toMatchObject({ start: monday, end: addCalendarDays(monday, 6), runs: 1, passed: 1, failed: 0, incomplete: 0 });
    expect(d.weeks[10]).toMatchObject({ start: addCalendarDays(monday, -7), runs: 1, passed: 0, failed: 1 });
    expect(d.weeks[9]).toMatchObject({ start: addCalendarDays(monday, -14), runs: 1, incomplete: 1 });
    expect(d.weeks[6]).toMatchObject({ start: addCalendarDays(monday, -35), runs: 1, passed: 1, failed: 0 });
    expect(d.weeks[0].start).toBe(addCalendarDays(monday, -77));
    expect(d.weeks.map((w: { runs: number }) => w.runs)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1]);
    expect(d.weeks[11].week).toMatch(/^\d{4}-W\d{2}$/);
  });

  it('gives the pass rate per system (and per model for a model’s plan) over the last 90 days', async () => {
    const d = await dashboard(viewerA.client, `?orgUnitId=${unitA}`);
    expect(d.passRateSince).toBe(day(-89));
    expect(d.subjects).toEqual([
      { kind: 'system', id: s1, name: 'Spracherkennung HWS-ASR', runs: 3, passed: 2, failed: 1, incomplete: 0, passRate: 2 / 3 },
      { kind: 'system', id: s2, name: 'Dokumentklassifikator', runs: 1, passed: 1, failed: 0, incomplete: 0, passRate: 1 },
      { kind: 'model', id: basics.modelId, name: expect.stringContaining('Whisper'), runs: 1, passed: 0, failed: 0, incomplete: 1, passRate: 0 },
    ]);
  });

  it('lists open gates, environments due for verification, methods awaiting validation and the latest runs', async () => {
    const d = await dashboard(viewerA.client);
    expect(d.openGates.map((g: { id: string }) => g.id)).toEqual([gates.a!.id, gates.model!.id]);
    // Computed live by the gate service: no linked versions under test, no run with a result for the mandatory case.
    expect(d.openGates[0]).toMatchObject({ number: gates.a!.number, title: 'Freigabe S1', systemId: s1, subjectName: 'Spracherkennung HWS-ASR', planName: 'Plan S1', failingChecks: 2, totalChecks: 5 });
    expect(d.openGates[1]).toMatchObject({ systemId: null, modelVersionId: basics.modelVersionId, subjectName: expect.stringMatching(/^Whisper .* 1\.0$/) });

    expect(d.environmentsDue.map((e: { id: string }) => e.id)).toEqual([envs.expired, envs.soon, envs.never]);
    expect(d.environmentsDue).toEqual([
      expect.objectContaining({ status: 'expired', validUntil: day(-1), expiresSoon: false }),
      expect.objectContaining({ status: 'verified', validUntil: day(10), expiresSoon: true }),
      expect.objectContaining({ status: 'verification-needed', need: 'never-verified', validUntil: null }),
    ]);

    expect(d.methodsAwaitingValidation.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([[methods.new, 'not-validated'], [methods.rev, 'revalidation-needed']]);
    expect(d.methodsAwaitingValidation[1]).toMatchObject({ harness: 'inspect', harnessVersion: '1.1', lastValidatedOn: today });

    expect(d.latestRuns.map((r: { id: string }) => r.id)).toEqual(['r1', 'r2', 'r7', 'r4', 'r3', 'r5', 'r6'].map((k) => runs[k]!.id));
    expect(d.latestRuns.find((r: { id: string }) => r.id === runs.r3!.id)).toMatchObject({ superseded: true, verdict: 'fail', planName: 'Plan S1', subjectName: 'Spracherkennung HWS-ASR' });
    expect(d.latestRuns[2]).toMatchObject({ systemId: null, subjectName: expect.stringContaining('Whisper'), verdict: 'incomplete' });
  });

  it('shows only the units the reader holds lab.read in, or the chosen unit', async () => {
    const b = await dashboard(viewerB.client);
    expect(b.latestRuns.map((r: { id: string }) => r.id)).toEqual([runs.r8!.id]);
    expect(b.subjects).toEqual([expect.objectContaining({ id: s3, runs: 1, passed: 1, passRate: 1 })]);
    expect(b.openGates.map((g: { id: string }) => g.id)).toEqual([gates.b!.id]);
    expect(b.environmentsDue.map((e: { id: string }) => e.id)).toEqual([envs.b]);
    expect(b.methodsAwaitingValidation).toEqual([]);
    // Another unit chosen: nothing of it is shown.
    const foreign = await dashboard(viewerB.client, `?orgUnitId=${unitA}`);
    expect(foreign.latestRuns).toEqual([]);
    expect(foreign.weeks.every((w: { runs: number }) => w.runs === 0)).toBe(true);
    expect(foreign.environmentsDue).toEqual([]);

    const all = await dashboard(governance.client);
    expect(all.latestRuns).toHaveLength(8);
    expect((await dashboard(governance.client, `?orgUnitId=${unitB}`)).latestRuns.map((r: { id: string }) => r.id)).toEqual([runs.r8!.id]);
    expect((await dashboard(governance.client, `?orgUnitId=${randomUUID()}`)).openGates).toEqual([]);
  });

  it('follows a token limited to a system: its runs and gates, and model plans of its unit', async () => {
    const created = await labA.client.post('/api/tokens', { name: 'Dashboard S1', permissions: ['lab.read'], systemIds: [s1] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const token = t.client();
    token.bearer = created.body.token;
    const d = await dashboard(token);
    expect(d.subjects.map((s: { id: string }) => s.id)).toEqual([s1, basics.modelId]);
    expect(d.latestRuns.map((r: { id: string }) => r.id)).toEqual(['r1', 'r2', 'r7', 'r4', 'r3'].map((k) => runs[k]!.id));
    expect(d.openGates.map((g: { id: string }) => g.id)).toEqual([gates.a!.id, gates.model!.id]);
    expect(d.environmentsDue).toHaveLength(3);
  });

  it('refuses a bad query and needs sign-in', async () => {
    expect((await viewerA.client.get('/api/lab/dashboard?orgUnitId=nope')).status).toBe(400);
    expect((await viewerA.client.get('/api/lab/dashboard?weeks=4')).status).toBe(400);
    expect((await t.client().get('/api/lab/dashboard')).status).toBe(401);
  });
});
