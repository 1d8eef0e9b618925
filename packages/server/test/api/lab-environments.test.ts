import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, addCalendarMonths, officeToday } from '@konform/core';
import { runReminderSweep } from '../../src/jobs/reminders.js';
import { storedEnvironmentStatus } from '../../src/modules/lab/environment-service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let lab: User;
let viewer: User;
let owner: User;
let governance: User;
let stranger: User;

const day = (offset: number) => addCalendarDays(officeToday(), offset);
const DIGEST = `sha256:${'a1'.repeat(32)}`;
const NEW_DIGEST = `sha256:${'b2'.repeat(32)}`;

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'governance' }]);
  stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'lab' }]);
});
afterAll(async () => t.close());

async function newEnvironment(body: Record<string, unknown> = {}, orgUnitId = unit, client = lab.client) {
  const reply = await client.post('/api/lab/environments', {
    orgUnitId, name: `GPU-Knoten ${randomUUID().slice(0, 6)}`, hardware: { cpu: 'AMD EPYC 9354', gpuModel: 'NVIDIA H100 80GB', gpuCount: 4, memoryGb: 512 },
    driverVersion: '550.54.15', runtime: { python: '3.11.9', cuda: '12.4' }, containerDigest: DIGEST, location: 'Rechenzentrum Bonn, Rack 12', ...body,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const verify = (id: string, body: Record<string, unknown> = {}, client = lab.client) =>
  client.post(`/api/lab/environments/${id}/verifications`, { referenceRun: 'golden-run-2026-11', metric: 'acc', expectedValue: 0.7, measuredValue: 0.704, tolerance: 0.005, ...body });

describe('lab environments', () => {
  it('records an environment that needs verification, verifies it by a reference run within tolerance, with an audit trail', async () => {
    const env = await newEnvironment();
    expect(env).toMatchObject({
      hardware: { cpu: 'AMD EPYC 9354', gpuModel: 'NVIDIA H100 80GB', gpuCount: 4, memoryGb: 512 }, runtime: { python: '3.11.9', cuda: '12.4', other: '' },
      containerDigest: DIGEST, status: 'verification-needed', need: 'never-verified', validUntil: null, verificationValidityMonths: 6, verifications: [],
    });
    const passed = await verify(env.id);
    expect(passed.status, JSON.stringify(passed.body)).toBe(201);
    expect(passed.body).toMatchObject({ passed: true, verifiedOn: officeToday(), validUntil: addCalendarMonths(officeToday(), 6), containerDigest: DIGEST, driverVersion: '550.54.15', verifiedBy: lab.id });
    const detail = (await viewer.client.get(`/api/lab/environments/${env.id}`)).body;
    expect(detail).toMatchObject({ status: 'verified', need: null, validUntil: addCalendarMonths(officeToday(), 6), expiresSoon: false });
    expect((await viewer.client.get(`/api/lab/environments?status=verified&orgUnitId=${unit}`)).body.items.map((e: { id: string }) => e.id)).toContain(env.id);
    expect(await storedEnvironmentStatus(t.db.database.db, env.id)).toMatchObject({ status: 'verified' });
    expect(await storedEnvironmentStatus(t.db.database.db, env.id, addCalendarDays(addCalendarMonths(officeToday(), 6), 1))).toMatchObject({ status: 'expired' });
    expect(await storedEnvironmentStatus(t.db.database.db, randomUUID())).toBeNull();
    const history = (await governance.client.get(`/api/audit-events?entityType=lab-environment&entityId=${env.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['lab-environment.verify', 'lab-environment.create']);
    expect(history[0].changes).toEqual(expect.arrayContaining([{ field: 'passed', before: null, after: true }, { field: 'measuredValue', before: null, after: 0.704 }]));
  });

  it('computes the verdict (the client cannot send it) and a failing run takes the environment out of service', async () => {
    const env = await newEnvironment();
    expect((await verify(env.id, { passed: true })).status).toBe(400);
    expect((await verify(env.id, { expectedValue: 0.7, measuredValue: 0.71, tolerance: 0.01 })).body.passed).toBe(true);
    const failed = await verify(env.id, { measuredValue: 0.72, tolerance: 0.01 });
    expect(failed.body.passed).toBe(false);
    expect((await lab.client.get(`/api/lab/environments/${env.id}`)).body).toMatchObject({ status: 'verification-needed', need: 'failed' });
  });

  it('a new container digest or driver needs a new verification', async () => {
    const env = await newEnvironment();
    await verify(env.id);
    const digest = await lab.client.patch(`/api/lab/environments/${env.id}`, { version: 1, containerDigest: NEW_DIGEST, reason: 'Neues Image' });
    expect(digest.status, JSON.stringify(digest.body)).toBe(200);
    expect(digest.body).toMatchObject({ status: 'verification-needed', need: 'configuration-changed', version: 2 });
    const again = await verify(env.id);
    expect(again.body.containerDigest).toBe(NEW_DIGEST);
    expect((await lab.client.get(`/api/lab/environments/${env.id}`)).body.status).toBe('verified');
    const driver = await lab.client.patch(`/api/lab/environments/${env.id}`, { version: 2, driverVersion: '560.28.03' });
    expect(driver.body).toMatchObject({ status: 'verification-needed', need: 'configuration-changed' });
    // Location or notes do not touch the verification.
    const env2 = await newEnvironment();
    await verify(env2.id);
    expect((await lab.client.patch(`/api/lab/environments/${env2.id}`, { version: 1, location: 'Rack 14', notes: 'umgezogen' })).body.status).toBe('verified');
    expect((await lab.client.patch(`/api/lab/environments/${env2.id}`, { version: 1, location: 'stale' })).status).toBe(409);
    const history = (await governance.client.get(`/api/audit-events?entityType=lab-environment&entityId=${env.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['lab-environment.update', 'lab-environment.verify', 'lab-environment.update', 'lab-environment.verify', 'lab-environment.create']);
    expect(history[2]).toMatchObject({ reason: 'Neues Image', changes: [{ field: 'containerDigest', before: DIGEST, after: NEW_DIGEST }] });
  });

  it('expires after valid-until; the validity is configurable per environment or per verification', async () => {
    const env = await newEnvironment({ verificationValidityMonths: 3 });
    const old = await verify(env.id, { verifiedOn: day(-200) });
    expect(old.body.validUntil).toBe(addCalendarMonths(day(-200), 3));
    expect((await lab.client.get(`/api/lab/environments/${env.id}`)).body).toMatchObject({ status: 'expired', validUntil: addCalendarMonths(day(-200), 3) });
    const explicit = await verify(env.id, { verifiedOn: day(-1), validUntil: day(10) });
    expect(explicit.body.validUntil).toBe(day(10));
    expect((await lab.client.get(`/api/lab/environments/${env.id}`)).body).toMatchObject({ status: 'verified', expiresSoon: true });
  });

  it('refuses bad input with the field named, and enforces lab.manage in the unit', async () => {
    const bad = await lab.client.post('/api/lab/environments', { orgUnitId: unit, name: 'X', containerDigest: 'sha256:ABC', hardware: { gpuCount: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['containerDigest', 'hardware.gpuCount']));
    const upper = await lab.client.post('/api/lab/environments', { orgUnitId: unit, name: 'X', containerDigest: `sha256:${'A'.repeat(64)}` });
    expect(upper.status).toBe(400);
    expect((await lab.client.post('/api/lab/environments', { orgUnitId: unit, name: 'Bare metal', containerDigest: null })).status).toBe(201);
    const env = await newEnvironment();
    const negative = await verify(env.id, { tolerance: -0.1 });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0].path).toBe('tolerance');
    const order = await verify(env.id, { verifiedOn: day(-1), validUntil: day(-2) });
    expect(order.body.errors[0].path).toBe('validUntil');
    expect((await verify(env.id, { verifiedOn: day(2) })).body.errors[0].path).toBe('verifiedOn');
    expect((await verify(env.id, {}, owner.client)).status).toBe(403);
    expect((await verify(env.id, {}, stranger.client)).status).toBe(403);
    expect((await stranger.client.get(`/api/lab/environments/${env.id}`)).status).toBe(403);
    expect((await stranger.client.get('/api/lab/environments')).body.items.map((e: { id: string }) => e.id)).not.toContain(env.id);
    expect((await owner.client.patch(`/api/lab/environments/${env.id}`, { version: 1, name: 'Y' })).status).toBe(403);
    expect((await t.client().get('/api/lab/environments')).status).toBe(401);
    expect((await lab.client.get(`/api/lab/environments/${randomUUID()}`)).status).toBe(404);
  });
});

describe('lab environment reminders', () => {
  it('tells lab.manage holders of the unit once about an expiring and an expired verification', async () => {
    const reminderUnit = await t.newUnit();
    const child = await t.newUnit(reminderUnit);
    const manager = await t.newUser([{ orgUnitId: reminderUnit, role: 'lab' }]);
    const reader = await t.newUser([{ orgUnitId: reminderUnit, role: 'viewer' }]);
    const m = manager.client;
    const expiring = await newEnvironment({}, child, m);
    const expired = await newEnvironment({}, child, m);
    const fine = await newEnvironment({}, child, m);
    const changed = await newEnvironment({}, child, m);
    await verify(expiring.id, { verifiedOn: day(-100), validUntil: day(20) }, m);
    await verify(expired.id, { verifiedOn: day(-200), validUntil: day(-1) }, m);
    await verify(fine.id, {}, m);
    await verify(changed.id, { verifiedOn: day(-200), validUntil: day(-1) }, m);
    await m.patch(`/api/lab/environments/${changed.id}`, { version: 1, driverVersion: '560' });

    const ids = [expiring.id, expired.id, fine.id, changed.id];
    const mine = async (userId: string) =>
      (await t.db.database.db.selectFrom('notification').selectAll().where('user_id', '=', userId).execute()).filter((n) => ids.some((id) => n.dedupe_key.includes(id)));
    await runReminderSweep(t.db.database, new Date(), false);
    await runReminderSweep(t.db.database, new Date(), false);

    const notes = await mine(manager.id);
    expect(notes.map((n) => [n.kind, n.link]).sort()).toEqual([
      ['lab-environment-expired', `/lab/environments/${expired.id}`],
      ['lab-environment-expiring', `/lab/environments/${expiring.id}`],
    ]);
    expect(notes.find((n) => n.kind === 'lab-environment-expiring')!.body_de).toContain(day(20));
    expect(notes.find((n) => n.kind === 'lab-environment-expired')!.title_en).toContain(expired.name);
    expect(await mine(reader.id)).toEqual([]);
    expect(await mine(stranger.id)).toEqual([]);
    // Global roles hold lab.manage everywhere.
    expect((await mine(governance.id)).length).toBe(2);
  });
});
