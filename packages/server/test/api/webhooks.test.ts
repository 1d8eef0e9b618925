import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationFacts } from '@konform/core';
import { startTestApp, FIXTURE_CATALOGS, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { JobScheduler } from '../../src/jobs/scheduler.js';
import { registerWebhookJobs } from '../../src/modules/webhooks/index.js';
import { appendAuditEvent } from '../../src/audit/audit-log.js';
import { systemActor } from '../../src/access/actor.js';

/**
 * Signed webhooks (#11, point 4) against a real HTTP receiver on 127.0.0.1: the receiver verifies the HMAC with the
 * secret the API returned; deliveries are queued in the transaction of the audited change and sent by the job.
 */
type User = { id: string; email: string; client: TestClient };
interface Received { headers: IncomingHttpHeaders; body: string }

let t: TestApp;
let unit: string;
let admin: User;
let owner: User;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Status codes the receiver answers with, in order; 200 when empty. */
const answers: number[] = [];

function verify(secret: string, r: Received): boolean {
  const timestamp = String(r.headers['konform-timestamp']);
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`);
  const given = Buffer.from(String(r.headers['konform-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
}

/** Runs the due webhook jobs with the clock at `at`. */
async function runJobs(at: Date): Promise<number> {
  const scheduler = new JobScheduler(t.db.database, { now: () => at });
  registerWebhookJobs(scheduler, t.db.database);
  return scheduler.runUntilIdle();
}

async function subscribe(eventTypes: string[], url = receiverUrl) {
  const reply = await admin.client.post('/api/webhooks', { url, eventTypes, description: 'Ticketsystem' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; secret: string; version: number };
}

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }], { clearance: 'VS-NfD' });
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }], { clearance: 'VS-NfD' });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/konform`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
});
afterEach(async () => {
  // Each test subscribes afresh; queued retries of a test must not reach the next one.
  for (const s of (await admin.client.get('/api/webhooks')).body as { id: string }[]) expect((await admin.client.request('DELETE', `/api/webhooks/${s.id}`)).status).toBe(204);
  received.length = 0;
  answers.length = 0;
});

describe('webhooks', () => {
  it('refuses hosts that are not on the allow-list, empty by default', async () => {
    expect((await admin.client.get('/api/webhooks/settings')).body).toEqual({ allowedHosts: [] });
    const none = await admin.client.post('/api/webhooks', { url: receiverUrl, eventTypes: ['system.created'] });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].path).toBe('url');
    const bad = await admin.client.request('PUT', '/api/webhooks/settings', { allowedHosts: ['https://x.example'] });
    expect(bad.status).toBe(400);
    const set = await admin.client.request('PUT', '/api/webhooks/settings', { allowedHosts: ['127.0.0.1', '*.intranet.example:8443'] });
    expect(set.body).toEqual({ allowedHosts: ['127.0.0.1', '*.intranet.example:8443'] });
    const other = await admin.client.post('/api/webhooks', { url: 'https://hooks.elsewhere.example/x', eventTypes: ['system.created'] });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ path: 'url', message: expect.stringContaining('allow-list') }]);
    const wrongPort = await admin.client.post('/api/webhooks', { url: 'https://ci.intranet.example/x', eventTypes: ['system.created'] });
    expect(wrongPort.body.errors[0].path).toBe('url');
    expect((await admin.client.post('/api/webhooks', { url: 'ftp://127.0.0.1/x', eventTypes: ['system.created'] })).status).toBe(400);
    expect((await admin.client.post('/api/webhooks', { url: 'https://ci.intranet.example:8443/x', eventTypes: ['system.created'] })).status).toBe(201);
    // Only organisation-wide managers (administrators, governance) manage webhooks.
    expect((await owner.client.get('/api/webhooks')).status).toBe(403);
    expect((await t.client().get('/api/webhooks')).status).toBe(401);
  });

  it('delivers system.created signed with the secret shown once; the secret appears nowhere else', async () => {
    const sub = await subscribe(['system.created', 'risk.accepted']);
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const list = await admin.client.get('/api/webhooks');
    const detail = await admin.client.get(`/api/webhooks/${sub.id}`);
    const trail = await admin.client.get(`/api/audit-events?entityType=webhook&entityId=${sub.id}`);
    for (const reply of [list, detail, trail]) {
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.body)).not.toContain(sub.secret);
    }
    expect(detail.body).toMatchObject({ url: receiverUrl, eventTypes: ['system.created', 'risk.accepted'], active: true, lastDelivery: null });
    expect(detail.body).not.toHaveProperty('secret');

    const system = await t.newSystem(owner.client, unit, { name: 'Bürgerdialog-Assistent' });
    expect(received).toHaveLength(0); // queued, not sent inside the request
    expect(await runJobs(new Date(Date.now() + 1000))).toBe(1);
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(verify(sub.secret, r)).toBe(true);
    expect(verify(sub.secret.slice(0, -1) + 'x', r)).toBe(false);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['konform-event']).toBe('system.created');
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ type: 'system.created', entity: { type: 'system', id: system.id }, systemId: system.id, data: { systemName: 'Bürgerdialog-Assistent' } });
    const log = (await admin.client.get(`/api/webhooks/${sub.id}/deliveries`)).body;
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({ id: r.headers['konform-delivery'], status: 'delivered', eventId: body.id, attempts: [{ attempt: 1, httpStatus: 200, error: null, nextAttemptAt: null }] });
    expect((await admin.client.get(`/api/webhooks/${sub.id}`)).body.lastDelivery).toMatchObject({ status: 'delivered', httpStatus: 200 });

    // Rotation: a new secret, shown once; deliveries are signed with it from now on.
    const rotated = await admin.client.post(`/api/webhooks/${sub.id}/rotate-secret`, { version: sub.version });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(sub.secret);
    const ping = await admin.client.post(`/api/webhooks/${sub.id}/ping`);
    expect(ping.body).toMatchObject({ eventType: 'ping', status: 'delivered' });
    expect(verify(rotated.body.secret, received[1]!)).toBe(true);
    expect(verify(sub.secret, received[1]!)).toBe(false);
    const actions = (await admin.client.get(`/api/audit-events?entityType=webhook&entityId=${sub.id}`)).body;
    expect(JSON.stringify(actions)).not.toContain(rotated.body.secret);
    expect(actions.items.map((e: { action: string }) => e.action)).toEqual(['webhook.ping', 'webhook.rotate-secret', 'webhook.create']);
  });

  it('retries a receiver answering 500 with back-off and logs both attempts', async () => {
    const sub = await subscribe(['system.created']);
    answers.push(500);
    await t.newSystem(owner.client, unit);
    const t0 = new Date(Date.now() + 1000);
    expect(await runJobs(t0)).toBe(1);
    let log = (await admin.client.get(`/api/webhooks/${sub.id}/deliveries`)).body.items[0];
    const retryAt = new Date(t0.getTime() + 60_000).toISOString();
    expect(log).toMatchObject({ status: 'retrying', nextAttemptAt: retryAt, attempts: [{ attempt: 1, httpStatus: 500, error: 'HTTP 500', nextAttemptAt: retryAt }] });
    expect(await runJobs(new Date(t0.getTime() + 59_000))).toBe(0);
    expect(await runJobs(new Date(t0.getTime() + 61_000))).toBe(1);
    log = (await admin.client.get(`/api/webhooks/${sub.id}/deliveries`)).body.items[0];
    expect(log.status).toBe('delivered');
    expect(log.attempts.map((a: { httpStatus: number }) => a.httpStatus)).toEqual([500, 200]);
    expect(received).toHaveLength(2);
    expect(received[0]!.headers['konform-delivery']).toBe(received[1]!.headers['konform-delivery']);
    expect(received[0]!.body).toBe(received[1]!.body);

    // Redeliver: the same event as a new delivery.
    const again = await admin.client.post(`/api/webhooks/${sub.id}/deliveries/${log.id}/redeliver`);
    expect(again.body).toMatchObject({ status: 'delivered', redeliveryOf: log.id, eventId: log.eventId });
    expect((await admin.client.get(`/api/webhooks/${sub.id}/deliveries`)).body.total).toBe(2);
  });

  it('gives up after the last back-off step and checks the allow-list again at delivery time', async () => {
    const sub = await subscribe(['system.created']);
    const ping = await admin.client.post(`/api/webhooks/${sub.id}/ping`);
    expect(ping.body.status).toBe('delivered');
    await admin.client.request('PUT', '/api/webhooks/settings', { allowedHosts: ['hooks.intranet.example'] });
    const refused = await admin.client.post(`/api/webhooks/${sub.id}/ping`);
    expect(refused.body).toMatchObject({ status: 'retrying', attempts: [{ attempt: 1, httpStatus: null, error: 'Host not allowed' }] });
    expect(received).toHaveLength(1);
    // Retries at 1 min, 5 min, 30 min, 2 h, 6 h; then failed.
    let at = Date.now();
    for (const delay of [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000]) {
      at += delay + 1000;
      expect(await runJobs(new Date(at))).toBe(1);
    }
    const log = (await admin.client.get(`/api/webhooks/${sub.id}/deliveries`)).body.items.find((d: { id: string }) => d.id === refused.body.id);
    expect(log.status).toBe('failed');
    expect(log.attempts).toHaveLength(6);
    expect(log.attempts.at(-1).nextAttemptAt).toBeNull();
    expect(await runJobs(new Date(at + 86_400_000))).toBe(0);
    await admin.client.request('PUT', '/api/webhooks/settings', { allowedHosts: ['127.0.0.1'] });
    // Redirects are not followed: a 3xx is a failed attempt.
    answers.push(302);
    const redirected = await admin.client.post(`/api/webhooks/${sub.id}/ping`);
    expect(redirected.body).toMatchObject({ status: 'retrying', attempts: [{ attempt: 1, httpStatus: 302, error: 'HTTP 302 (redirects are not followed)' }] });
    expect(received).toHaveLength(2);
  });

  it('maps audited changes of other areas to their events: requirement status, nonconformity, classification', async () => {
    const sub = await subscribe(['requirement.status-changed', 'nonconformity.opened', 'classification.approved']);
    const system = await t.newSystem(owner.client, unit, { name: 'Terminvergabe' });
    const started = await owner.client.patch(`/api/systems/${system.id}/requirements/eu-ai-act:art-4`, { version: 0, status: 'in-progress', owner: 'Referat IT 2' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    // An owner change alone is no status change: no event.
    expect((await owner.client.patch(`/api/systems/${system.id}/requirements/eu-ai-act:art-4`, { version: 1, owner: 'Referat IT 3' })).status).toBe(200);
    const nc = await owner.client.post('/api/nonconformities', { systemId: system.id, title: 'Testlauf fehlgeschlagen', source: 'test-failure', severity: 'major' });
    expect(nc.status, JSON.stringify(nc.body)).toBe(201);
    // A decided classification is no event; its approval (signed by another person) is.
    await t.services.classification.decide(systemActor('test'), system.id, { facts: ClassificationFacts.parse({}), answers: {}, note: '' });
    const approval = await admin.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD });
    expect(approval.status, JSON.stringify(approval.body)).toBe(200);
    expect(await runJobs(new Date(Date.now() + 1000))).toBe(3);
    const bodies = received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.type).sort()).toEqual(['classification.approved', 'nonconformity.opened', 'requirement.status-changed']);
    expect(bodies.find((b) => b.type === 'classification.approved')).toMatchObject({ entity: { type: 'system', id: system.id }, systemId: system.id });
    expect(bodies.find((b) => b.type === 'requirement.status-changed')).toMatchObject({
      entity: { type: 'system', id: system.id }, systemId: system.id, data: { systemName: 'Terminvergabe', requirements: [{ key: 'eu-ai-act:art-4', before: 'open', after: 'in-progress' }] },
    });
    const opened = bodies.find((b) => b.type === 'nonconformity.opened');
    expect(opened).toMatchObject({ entity: { type: 'nonconformity', id: nc.body.id }, systemId: system.id, data: { severity: 'major' } });
    // Free text (the title) never leaves.
    expect(JSON.stringify(opened)).not.toContain('Testlauf');
    expect(received.every((r) => verify(sub.secret, r))).toBe(true);
  });

  it('sends nothing for a rolled-back change, nothing while paused, and no name of a classified system', async () => {
    const sub = await subscribe(['system.created']);
    const system = await t.newSystem(owner.client, unit);
    const before = await t.db.database.db.selectFrom('webhook_delivery').select('id').execute();
    await expect(
      t.db.database.db.transaction().execute(async (trx) => {
        await appendAuditEvent(trx, t.db.database.dialect, systemActor('test'), { action: 'system.create', entityType: 'system', entityId: system.id, changes: [] }, new Date().toISOString());
        expect(await trx.selectFrom('webhook_delivery').select('id').execute()).toHaveLength(before.length + 1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await t.db.database.db.selectFrom('webhook_delivery').select('id').execute()).toHaveLength(before.length);

    const classified = await t.newSystem(owner.client, unit, { name: 'Eingestufte Lagebildanalyse', classification: 'VS-NfD', purpose: 'Geheimer Zweck der Analyse' });
    expect(await runJobs(new Date(Date.now() + 1000))).toBe(2);
    const bodies = received.map((r) => JSON.parse(r.body));
    const secretOne = bodies.find((b) => b.systemId === classified.id);
    expect(secretOne).toMatchObject({ type: 'system.created', entity: { type: 'system', id: classified.id }, data: { classified: true } });
    expect(secretOne.data).not.toHaveProperty('systemName');
    const raw = received.find((r) => r.body.includes(classified.id))!.body;
    expect(raw).not.toContain('Eingestufte');
    expect(raw).not.toContain('Geheimer');

    const paused = await admin.client.patch(`/api/webhooks/${sub.id}`, { version: sub.version, active: false });
    expect(paused.body.active).toBe(false);
    await t.newSystem(owner.client, unit);
    expect(await runJobs(new Date(Date.now() + 1000))).toBe(0);
    const resumed = await admin.client.patch(`/api/webhooks/${sub.id}`, { version: paused.body.version, active: true });
    expect(resumed.body.active).toBe(true);
    const trail = (await admin.client.get(`/api/audit-events?entityType=webhook&entityId=${sub.id}`)).body.items.map((e: { action: string }) => e.action);
    expect(trail).toEqual(['webhook.resume', 'webhook.pause', 'webhook.create']);
    const stale = await admin.client.patch(`/api/webhooks/${sub.id}`, { version: sub.version, description: 'x' });
    expect(stale.status).toBe(409);
    const badUrl = await admin.client.patch(`/api/webhooks/${sub.id}`, { version: resumed.body.version, url: 'https://not-allowed.example/x' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.errors[0].path).toBe('url');
  });
});
