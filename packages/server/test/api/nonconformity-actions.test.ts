import { addCalendarDays, officeToday } from '@konform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/access/actor.js';
import { runReminderSweep } from '../../src/jobs/reminders.js';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let otherUnit: string;
let owner: User;
let lab: User;
let viewer: User;
let stranger: User;
let governance: User;
let systemId: string;

/** A calendar day relative to today in the office's time zone, as the server counts days. */
const day = (offset: number) => addCalendarDays(officeToday(), offset);

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: otherUnit, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: otherUnit, role: 'governance' }]);
  await t.newUser([{ orgUnitId: otherUnit, role: 'admin' }]); // so that users can be deactivated
  systemId = (await t.newSystem(owner.client, unit)).id;
});
afterAll(async () => t.close());

async function create(body: Record<string, unknown> = {}) {
  const reply = await owner.client.post('/api/nonconformities', { systemId, title: 'Prüfung fehlgeschlagen', source: 'review', severity: 'major', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const step = (client: TestClient, nc: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) =>
  client.post(`/api/nonconformities/${nc.id}/transition`, { version: nc.version, to, ...extra });

const action = (ownerId: string | null, dueDate: string | null, extra: Record<string, unknown> = {}) => ({
  kind: 'corrective', description: 'Prüfschritt ergänzen', ownerId, owner: ownerId === null ? 'Referat Z 4' : 'wird ersetzt', dueDate, ...extra,
});

async function deactivate(userId: string) {
  const actor = systemActor('test');
  const user = await t.services.users.get(actor, userId);
  await t.services.users.update(actor, userId, { version: user.version, active: false });
}

describe('action owners', () => {
  it('names a user as owner and fills the label from their name; a free-text owner stays as written', async () => {
    const nc = await create({ actions: [action(lab.id, '2027-03-31'), action(null, null, { kind: 'preventive' })] });
    expect(nc.actions[0]).toMatchObject({ ownerId: lab.id, owner: 'Test User', dueDate: '2027-03-31', done: false });
    expect(nc.actions[1]).toMatchObject({ ownerId: null, owner: 'Referat Z 4', kind: 'preventive' });
  });

  it('refuses an unknown, a deactivated and an unentitled owner with the field named, and keeps an owner deactivated later', async () => {
    const unknown = await owner.client.post('/api/nonconformities', { systemId, title: 'x', source: 'review', severity: 'minor', actions: [action(null, null), action('00000000-0000-4000-8000-000000000000', null)] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'actions.1.ownerId', message: 'Unknown user' }]);
    const outside = await owner.client.post('/api/nonconformities', { systemId, title: 'x', source: 'review', severity: 'minor', actions: [action(stranger.id, null)] });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0].path).toBe('actions.0.ownerId');
    // a governance user (global role) elsewhere may be named
    expect((await create({ actions: [action(governance.id, null)] })).actions[0].ownerId).toBe(governance.id);

    const leaving = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
    const kept = await create({ actions: [action(leaving.id, '2027-01-31')] });
    await deactivate(leaving.id);
    const fresh = await owner.client.post('/api/nonconformities', { systemId, title: 'x', source: 'review', severity: 'minor', actions: [action(leaving.id, null)] });
    expect(fresh.status).toBe(400);
    expect(fresh.body.errors).toEqual([{ path: 'actions.0.ownerId', message: 'The user is deactivated' }]);
    const patched = await owner.client.patch(`/api/nonconformities/${kept.id}`, { version: kept.version, actions: [{ ...kept.actions[0], description: 'Prüfschritt ergänzen und dokumentieren' }] });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.actions[0]).toMatchObject({ ownerId: leaving.id, description: 'Prüfschritt ergänzen und dokumentieren' });
  });

  it('offers the active users who may edit non-conformities of the unit', async () => {
    const leaving = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    await deactivate(leaving.id);
    const reply = await owner.client.get(`/api/nonconformities/action-owners?orgUnitId=${unit}`);
    expect(reply.status).toBe(200);
    const ids = reply.body.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([owner.id, lab.id, governance.id]));
    expect(ids).not.toContain(viewer.id);
    expect(ids).not.toContain(stranger.id);
    expect(ids).not.toContain(leaving.id);
    expect(reply.body.items[0]).toEqual({ id: expect.any(String), displayName: expect.any(String) });
    expect((await viewer.client.get(`/api/nonconformities/action-owners?orgUnitId=${unit}`)).status).toBe(403);
    expect((await stranger.client.get(`/api/nonconformities/action-owners?orgUnitId=${unit}`)).status).toBe(403);
    const bad = await owner.client.get('/api/nonconformities/action-owners?orgUnitId=kein-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('orgUnitId');
  });
});

describe('lists', () => {
  it('finds the non-conformities with an open action of mine (actionOwner=me), in my scope only', async () => {
    const mine = await create({ title: 'Meine offene Maßnahme', actions: [action(lab.id, day(20)), action(owner.id, day(5))] });
    const doneMine = await create({ title: 'Meine erledigte Maßnahme', actions: [action(lab.id, day(3), { done: true })] });
    const others = await create({ title: 'Fremde Maßnahme', actions: [action(owner.id, day(3))] });
    const labList = (await lab.client.get('/api/nonconformities?actionOwner=me&limit=500')).body;
    const ids = labList.items.map((n: { id: string }) => n.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(doneMine.id);
    expect(ids).not.toContain(others.id);
    expect(labList.items.find((n: { id: string }) => n.id === mine.id)).toMatchObject({ systemName: expect.stringMatching(/^System /), actions: [{ ownerId: lab.id }, { ownerId: owner.id }] });
    expect(labList.total).toBe(labList.items.length);
    const strangerList = (await stranger.client.get('/api/nonconformities?actionOwner=me')).body;
    expect(strangerList.items).toEqual([]);
    expect((await t.client().get('/api/nonconformities?actionOwner=me')).status).toBe(401);
    expect((await lab.client.get('/api/nonconformities?actionOwner=someone')).status).toBe(400);
  });

  it('filters by severity, source and words, and names the system', async () => {
    const critical = await create({ title: 'Bias im Prüflauf übersehen', source: 'test-failure', severity: 'critical', description: 'Die Fehlerrate für Ältere lag über der Schwelle.' });
    const orgWide = await owner.client.post('/api/nonconformities', { title: 'Schulungsnachweise fehlen', source: 'audit-finding', severity: 'minor', orgUnitId: unit });
    const ids = async (query: string) => (await viewer.client.get(`/api/nonconformities?${query}&limit=500`)).body.items.map((n: { id: string }) => n.id);
    expect(await ids('severity=critical')).toEqual([critical.id]);
    expect(await ids('source=audit-finding')).toEqual([orgWide.body.id]);
    expect(await ids('q=ÄLTERE')).toEqual([critical.id]);
    expect(await ids('q=prüflauf&severity=critical&source=test-failure')).toEqual([critical.id]);
    expect(await ids('q=prüflauf&severity=minor')).toEqual([]);
    const item = (await viewer.client.get('/api/nonconformities?source=audit-finding')).body.items[0];
    expect(item).toMatchObject({ systemId: null, systemName: null, orgUnitId: unit });
    const bad = await viewer.client.get('/api/nonconformities?severity=enormous');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('severity');
  });
});

describe('workflow guards', () => {
  it('freezes root cause and actions between implementation and verification; an ineffective verification reopens them', async () => {
    let nc = await create({ rootCause: 'Prüfschritt fehlte', actions: [action(lab.id, day(10))] });
    nc = (await step(owner.client, nc, 'analysed')).body;
    nc = (await step(owner.client, nc, 'actions-planned')).body;
    nc = (await lab.client.patch(`/api/nonconformities/${nc.id}`, { version: nc.version, actions: [{ ...nc.actions[0], done: true }] })).body;
    nc = (await step(lab.client, nc, 'implemented')).body;
    expect(nc.status).toBe('implemented');
    const changed = await owner.client.patch(`/api/nonconformities/${nc.id}`, { version: nc.version, actions: [{ ...nc.actions[0], done: false }] });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('frozen');
    expect((await owner.client.patch(`/api/nonconformities/${nc.id}`, { version: nc.version, rootCause: 'anders' })).body.code).toBe('frozen');
    // the same actions sent back, or another field, are fine
    const same = await owner.client.patch(`/api/nonconformities/${nc.id}`, { version: nc.version, actions: nc.actions, description: 'ergänzt' });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    nc = same.body;
    // the implementer cannot verify; closing needs an effective verification
    expect((await step(owner.client, nc, 'closed')).body.code).toBe('invalid-transition');
    const auditor = await t.newUser([{ orgUnitId: unit, role: 'auditor' }]);
    const back = await auditor.client.post(`/api/nonconformities/${nc.id}/verify`, { version: nc.version, effective: false, note: 'Fehler tritt weiter auf' });
    expect(back.body.status).toBe('actions-planned');
    const reopened = await owner.client.patch(`/api/nonconformities/${nc.id}`, { version: back.body.version, actions: [{ ...nc.actions[0], done: false, dueDate: day(20) }] });
    expect(reopened.status).toBe(200);
  });

  it('lets no one verify their own implementation, whatever role they hold', async () => {
    const gov = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
    let nc = await create({ rootCause: 'r', actions: [action(gov.id, day(10), { done: true })] });
    for (const to of ['analysed', 'actions-planned', 'implemented']) nc = (await step(gov.client, nc, to)).body;
    expect(nc).toMatchObject({ status: 'implemented', implementedBy: gov.id });
    const viaVerify = await gov.client.post(`/api/nonconformities/${nc.id}/verify`, { version: nc.version, effective: true, note: 'passt' });
    expect(viaVerify.status).toBe(409);
    expect(viaVerify.body.code).toBe('four-eyes');
    expect((await gov.client.get(`/api/nonconformities/${nc.id}`)).body.status).toBe('implemented');
  });
});

describe('reminders of due actions', () => {
  it('tells each owner once of an action due within seven days or overdue, not of done, later or closed ones', async () => {
    const reminded = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
    const inactive = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
    const nc = await create({
      title: 'Protokollierung unvollständig',
      actions: [
        action(reminded.id, day(3), { description: 'Protokollfelder ergänzen' }),
        action(reminded.id, day(-2), { kind: 'preventive', description: 'Prüfliste anpassen' }),
        action(reminded.id, day(30), { description: 'Später' }),
        action(reminded.id, day(1), { description: 'Erledigt', done: true }),
        action(inactive.id, day(1), { description: 'Ohne aktiven Verantwortlichen' }),
        action(null, day(1), { description: 'Ohne Benutzer' }),
      ],
    });
    await deactivate(inactive.id);
    // a closed non-conformity reminds no one
    let closed = await create({ rootCause: 'r', actions: [action(reminded.id, day(2), { done: true })] });
    for (const to of ['analysed', 'actions-planned', 'implemented']) closed = (await step(owner.client, closed, to)).body;
    const verifier = await t.newUser([{ orgUnitId: unit, role: 'auditor' }]);
    closed = (await verifier.client.post(`/api/nonconformities/${closed.id}/verify`, { version: closed.version, effective: true, note: 'ok' })).body;
    closed = (await step(owner.client, closed, 'closed')).body;
    expect(closed.status).toBe('closed');
    const reopenedAction = await owner.client.patch(`/api/nonconformities/${closed.id}`, { version: closed.version, title: 'x' });
    expect(reopenedAction.status).toBe(409);

    const notifications = (userId: string) => t.db.database.db.selectFrom('notification').selectAll().where('user_id', '=', userId).orderBy('kind').execute();
    await runReminderSweep(t.db.database, new Date(), false);
    const first = await notifications(reminded.id);
    expect(first.map((n) => [n.kind, n.title_de])).toEqual([
      ['task-due', 'Maßnahme fällig: Protokollfelder ergänzen'],
      ['task-overdue', 'Maßnahme überfällig: Prüfliste anpassen'],
    ]);
    expect(first.every((n) => n.link === `/nonconformities/${nc.id}`)).toBe(true);
    expect(first[0]!.body_de).toContain('Korrekturmaßnahme „Protokollfelder ergänzen“ zur Nichtkonformität „Protokollierung unvollständig“');
    expect(first[1]!.title_en).toBe('Action overdue: Prüfliste anpassen');
    expect(first[1]!.body_en).toContain('preventive action');
    expect(await notifications(inactive.id)).toEqual([]);

    // again, and on the next day: nothing new
    await runReminderSweep(t.db.database, new Date(), false);
    await runReminderSweep(t.db.database, new Date(Date.now() + 3_600_000), false);
    expect(await notifications(reminded.id)).toEqual(first);
    // the owner reads them through the notifications API, in both languages, with the link to the non-conformity
    const seen = (await reminded.client.get('/api/notifications')).body.items;
    expect(seen.map((n: { kind: string; link: string }) => [n.kind, n.link]).sort()).toEqual([
      ['task-due', `/nonconformities/${nc.id}`],
      ['task-overdue', `/nonconformities/${nc.id}`],
    ]);
  });
});
