import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, calendarDate } from '@konform/core';
import { JobScheduler } from '../../src/jobs/scheduler.js';
import { ensureReminderSweep, registerReminderJobs, runReminderSweep } from '../../src/jobs/reminders.js';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { waitFor } from '../support/wait.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let subUnit: string;
let elsewhere: string;
let owner: User;
let lab: User;
let viewer: User;
let stranger: User;
let governance: User;
let systemId: string;
let subSystemId: string;

const today = () => calendarDate(new Date());
const day = (offset: number) => addCalendarDays(today(), offset);

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  subUnit = await t.newUnit(unit);
  elsewhere = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  lab = await t.newUser([{ orgUnitId: subUnit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: elsewhere, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: elsewhere, role: 'governance' }]);
  systemId = (await t.newSystem(owner.client, unit)).id;
  subSystemId = (await t.newSystem(owner.client, subUnit)).id;
});
afterAll(async () => t.close());

async function createTask(client: TestClient, body: Record<string, unknown>) {
  const reply = await client.post('/api/tasks', { title: 'Nachweis einholen', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** Deactivates a user directly (the test database has no administrator, so the users service refuses it). */
async function deactivate(userId: string) {
  await t.db.database.db.updateTable('app_user').set({ active: 0 }).where('id', '=', userId).execute();
}

async function newRisk(system = systemId) {
  const reply = await owner.client.post(`/api/systems/${system}/risks`, { title: 'Verzerrte Trainingsdaten' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; number: number };
}

describe('tasks', () => {
  it('requires sign-in', async () => {
    expect((await t.client().get('/api/tasks')).status).toBe(401);
    expect((await t.client().post('/api/tasks', { recordType: 'system', recordId: systemId, title: 'x' })).status).toBe(401);
  });

  it('puts tasks on every kind of record and derives the unit from the record', async () => {
    const risk = await newRisk();
    expect((await owner.client.post(`/api/systems/${systemId}/measures`, { measureId: 'm-literacy', note: '' })).status).toBe(201);
    const evidence = await owner.client.post('/api/evidence/link', { systemId, url: 'https://example.org/bericht', title: 'Prüfbericht' });
    expect(evidence.status).toBe(201);
    const nc = await owner.client.post('/api/nonconformities', { systemId, title: 'Testlauf fehlgeschlagen', source: 'test-failure', severity: 'major' });
    const orgNc = await owner.client.post('/api/nonconformities', { orgUnitId: subUnit, title: 'Schulung fehlt', source: 'review', severity: 'minor' });
    expect([nc.status, orgNc.status]).toEqual([201, 201]);

    const cases: [Record<string, unknown>, unknown, string][] = [
      [{ recordType: 'system', recordId: systemId }, (await owner.client.get(`/api/systems/${systemId}`)).body.name, unit],
      [{ recordType: 'fria', recordId: systemId }, { de: 'Grundrechte-Folgenabschätzung (FRIA)', en: 'Fundamental rights impact assessment (FRIA)' }, unit],
      [{ recordType: 'requirement', recordId: 'eu-ai-act:art-26-6', systemId }, { de: 'Art. 26(6) – Protokolle aufbewahren', en: 'Art. 26(6) – Keep logs' }, unit],
      [{ recordType: 'measure', recordId: 'm-literacy', systemId }, { de: expect.any(String), en: expect.any(String) }, unit],
      [{ recordType: 'risk', recordId: risk.id }, `R-${risk.number} Verzerrte Trainingsdaten`, unit],
      [{ recordType: 'evidence', recordId: evidence.body.id }, 'Prüfbericht', unit],
      [{ recordType: 'nonconformity', recordId: nc.body.id }, 'Testlauf fehlgeschlagen', unit],
      [{ recordType: 'nonconformity', recordId: orgNc.body.id }, 'Schulung fehlt', subUnit],
    ];
    for (const [ref, label, orgUnitId] of cases) {
      const task = await createTask(owner.client, { ...ref, ownerId: governance.id, dueDate: day(5), priority: 'high' });
      expect(task, JSON.stringify(ref)).toMatchObject({
        recordType: ref.recordType, recordId: ref.recordId, orgUnitId, status: 'open', version: 1, ownerId: governance.id, ownerName: 'Test User',
        priority: 'high', dueState: 'later', completedAt: null, canEdit: true,
        recordLabel: typeof label === 'string' ? { de: label, en: label } : label,
      });
      expect(task.systemId).toBe(ref.recordType === 'nonconformity' && orgUnitId === subUnit ? null : systemId);
    }
    const ofRisk = await viewer.client.get(`/api/tasks?recordType=risk&recordId=${risk.id}`);
    expect(ofRisk.body.items).toHaveLength(1);
    expect(ofRisk.body.items[0].canEdit).toBe(false);
  });

  it('refuses bad input as field errors', async () => {
    const risk = await newRisk();
    const inactive = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    await deactivate(inactive.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ recordType: 'risk', recordId: risk.id, title: '' }, 'title'],
      [{ recordType: 'risk', recordId: risk.id, title: 'x', unknown: 1 }, ''],
      [{ recordType: 'risk', recordId: risk.id, title: 'x', priority: 'sofort' }, 'priority'],
      [{ recordType: 'risk', recordId: risk.id, title: 'x', dueDate: '31.12.2027' }, 'dueDate'],
      [{ recordType: 'widget', recordId: risk.id, title: 'x' }, 'recordType'],
      [{ recordType: 'risk', recordId: 'kein-risiko', title: 'x' }, 'recordId'],
      [{ recordType: 'risk', recordId: '00000000-0000-4000-8000-000000000000', title: 'x' }, 'recordId'],
      [{ recordType: 'risk', recordId: risk.id, systemId: subSystemId, title: 'x' }, 'systemId'],
      [{ recordType: 'requirement', recordId: 'eu-ai-act:art-26-6', title: 'x' }, 'systemId'],
      [{ recordType: 'requirement', recordId: 'eu-ai-act:art-999', systemId, title: 'x' }, 'recordId'],
      [{ recordType: 'requirement', recordId: 'eu-ai-act:ch-3', systemId, title: 'x' }, 'recordId'],
      [{ recordType: 'measure', recordId: 'm-logging', systemId: subSystemId, title: 'x' }, 'recordId'],
      [{ recordType: 'system', recordId: '00000000-0000-4000-8000-000000000000', title: 'x' }, 'recordId'],
      [{ recordType: 'risk', recordId: risk.id, title: 'x', ownerId: '00000000-0000-4000-8000-000000000000' }, 'ownerId'],
      [{ recordType: 'risk', recordId: risk.id, title: 'x', ownerId: inactive.id }, 'ownerId'],
      [{ recordType: 'risk', recordId: risk.id, title: 'x', ownerId: stranger.id }, 'ownerId'],
      // The lab user works in the sub-unit only: not an owner for the parent unit's system.
      [{ recordType: 'risk', recordId: risk.id, title: 'x', ownerId: lab.id }, 'ownerId'],
    ];
    for (const [body, field] of cases) {
      const reply = await owner.client.post('/api/tasks', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.code).toBe('validation');
      if (field) expect(reply.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(field);
    }
    expect((await owner.client.get('/api/tasks?status=open,erledigt')).status).toBe(400);
    expect((await owner.client.get('/api/tasks?recordId=x')).status).toBe(400);
  });

  it("answers 403 for another unit's records and tasks, and lists only what is in scope", async () => {
    const risk = await newRisk();
    const task = await createTask(owner.client, { recordType: 'risk', recordId: risk.id, title: 'Nur für Referat' });
    expect((await stranger.client.post('/api/tasks', { recordType: 'risk', recordId: risk.id, title: 'Fremd' })).status).toBe(403);
    expect((await viewer.client.post('/api/tasks', { recordType: 'risk', recordId: risk.id, title: 'Nur lesen' })).status).toBe(403);
    expect((await stranger.client.get(`/api/tasks/${task.id}`)).status).toBe(403);
    expect((await stranger.client.patch(`/api/tasks/${task.id}`, { version: 1, status: 'done' })).status).toBe(403);
    expect((await viewer.client.patch(`/api/tasks/${task.id}`, { version: 1, status: 'done' })).status).toBe(403);
    expect((await stranger.client.get(`/api/tasks?systemId=${systemId}`)).body.items).toEqual([]);
    expect((await viewer.client.get(`/api/tasks/${task.id}`)).status).toBe(200);
    expect((await governance.client.get(`/api/tasks/${task.id}`)).body.canEdit).toBe(true);
    expect((await owner.client.get('/api/tasks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('changes fields and status with optimistic locking, records completion, and audits every write', async () => {
    const risk = await newRisk();
    let task = await createTask(owner.client, { recordType: 'risk', recordId: risk.id, ownerId: owner.id, dueDate: day(1) });
    expect(task.dueState).toBe('due-soon');
    const done = await owner.client.patch(`/api/tasks/${task.id}`, { version: 1, status: 'done' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', version: 2, completedBy: owner.id, dueState: 'none' });
    expect(done.body.completedAt).toEqual(expect.any(String));
    const stale = await owner.client.patch(`/api/tasks/${task.id}`, { version: 1, title: 'Veraltet' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
    task = (await owner.client.patch(`/api/tasks/${task.id}`, { version: 2, status: 'in-progress', title: 'Nachweis nachfordern', priority: 'urgent', reason: 'Unvollständig' })).body;
    expect(task).toMatchObject({ status: 'in-progress', completedAt: null, completedBy: null, title: 'Nachweis nachfordern', priority: 'urgent', version: 3 });
    // No change, no new version.
    expect((await owner.client.patch(`/api/tasks/${task.id}`, { version: 3, title: 'Nachweis nachfordern' })).body.version).toBe(3);
    const cancelled = (await owner.client.patch(`/api/tasks/${task.id}`, { version: 3, status: 'cancelled', ownerId: null })).body;
    expect(cancelled).toMatchObject({ status: 'cancelled', ownerId: null, ownerName: null, version: 4 });
    expect((await owner.client.patch(`/api/tasks/${task.id}`, { version: 4, ownerId: stranger.id })).status).toBe(400);

    const history = (await governance.client.get(`/api/audit-events?entityType=task&entityId=${task.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['task.update', 'task.update', 'task.update', 'task.create']);
    expect(history[1].reason).toBe('Unvollständig');
    expect(history[1].changes).toEqual(expect.arrayContaining([{ field: 'status', before: 'done', after: 'in-progress' }, { field: 'completedBy', before: owner.id, after: null }]));
    const verify = await governance.client.get('/api/audit-events/verify');
    expect(verify.body.ok).toBe(true);
  });

  it('filters: mine, unit with sub-units, system, status, due before, overdue; sorted by due date then priority', async () => {
    const local = await t.newUnit();
    const child = await t.newUnit(local);
    const boss = await t.newUser([{ orgUnitId: local, role: 'owner' }]);
    const worker = await t.newUser([{ orgUnitId: local, role: 'lab' }]);
    const top = (await t.newSystem(boss.client, local)).id;
    const below = (await t.newSystem(boss.client, child)).id;
    const a = await createTask(boss.client, { recordType: 'system', recordId: top, title: 'A', ownerId: worker.id, dueDate: day(-3), priority: 'low' });
    const b = await createTask(boss.client, { recordType: 'system', recordId: below, title: 'B', ownerId: worker.id, dueDate: day(2) });
    const c = await createTask(boss.client, { recordType: 'system', recordId: below, title: 'C', ownerId: boss.id, dueDate: day(2), priority: 'urgent' });
    const d = await createTask(boss.client, { recordType: 'system', recordId: top, title: 'D', ownerId: worker.id, status: 'done', dueDate: day(-10) });
    const e = await createTask(boss.client, { recordType: 'system', recordId: top, title: 'E', ownerId: worker.id });
    const ids = async (client: TestClient, query: string) => (await client.get(`/api/tasks?${query}`)).body.items.map((x: { title: string }) => x.title);

    expect(await ids(worker.client, 'mine=true&status=open,in-progress,blocked')).toEqual(['A', 'B', 'E']);
    expect(await ids(boss.client, `orgUnitId=${local}`)).toEqual(['D', 'A', 'C', 'B', 'E']);
    expect(await ids(boss.client, `orgUnitId=${child}`)).toEqual(['C', 'B']);
    expect(await ids(boss.client, `systemId=${top}&status=done`)).toEqual(['D']);
    expect(await ids(boss.client, `orgUnitId=${local}&dueBefore=${day(1)}`)).toEqual(['D', 'A']);
    expect(await ids(boss.client, `orgUnitId=${local}&overdue=true`)).toEqual(['A']);
    expect(await ids(boss.client, `orgUnitId=${local}&recordType=system&recordId=${below}`)).toEqual(['C', 'B']);
    const page = (await boss.client.get(`/api/tasks?orgUnitId=${local}&limit=2&offset=1`)).body;
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.items.map((x: { title: string }) => x.title)).toEqual(['A', 'C']);
    const byId = new Map([a, b, c, d, e].map((x) => [x.title, x]));
    expect(byId.get('A').dueState).toBe('overdue');
    expect((await boss.client.get(`/api/tasks?orgUnitId=00000000-0000-4000-8000-000000000000`)).status).toBe(400);

    // The task follows its system into another unit.
    const system = (await boss.client.get(`/api/systems/${below}`)).body;
    const moved = await boss.client.patch(`/api/systems/${below}`, { version: system.version, orgUnitId: local });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await ids(boss.client, `orgUnitId=${child}`)).toEqual([]);
    expect((await boss.client.get(`/api/tasks/${b.id}`)).body.orgUnitId).toBe(local);
  });

  it('offers as owners the active users who may read tasks in the unit', async () => {
    const risk = await newRisk(subSystemId);
    const byRecord = await owner.client.get(`/api/tasks/assignees?recordType=risk&recordId=${risk.id}`);
    expect(byRecord.status, JSON.stringify(byRecord.body)).toBe(200);
    expect(byRecord.body.orgUnitId).toBe(subUnit);
    const offered = byRecord.body.items.map((u: { id: string }) => u.id);
    expect(offered).toEqual(expect.arrayContaining([owner.id, lab.id, viewer.id, governance.id]));
    expect(offered).not.toContain(stranger.id);
    const byUnit = (await owner.client.get(`/api/tasks/assignees?orgUnitId=${unit}`)).body.items.map((u: { id: string }) => u.id);
    expect(byUnit).not.toContain(lab.id);
    expect((await stranger.client.get(`/api/tasks/assignees?orgUnitId=${unit}`)).status).toBe(403);
    expect((await owner.client.get('/api/tasks/assignees')).status).toBe(400);
    // A sub-unit's lab user may own a task there.
    expect((await createTask(owner.client, { recordType: 'risk', recordId: risk.id, ownerId: lab.id })).ownerId).toBe(lab.id);
  });

  it('gives an archived system no new tasks', async () => {
    const system = await t.newSystem(owner.client, unit);
    expect((await owner.client.post(`/api/systems/${system.id}/archive`, { version: system.version })).status).toBe(200);
    const reply = await owner.client.post('/api/tasks', { recordType: 'system', recordId: system.id, title: 'Zu spät' });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('archived');
  });
});

describe('task reminders', () => {
  async function taskNotifications(userId: string) {
    return t.db.database.db.selectFrom('notification').selectAll().where('user_id', '=', userId).where('kind', 'like', 'task-%').orderBy('dedupe_key').execute();
  }
  const scheduler = (options: ConstructorParameters<typeof JobScheduler>[1] = {}) => {
    const s = new JobScheduler(t.db.database, options);
    registerReminderJobs(s, t.db.database, null);
    return s;
  };

  it('tells the owner of due and overdue open tasks once, across repeated sweeps and a scheduler restart', async () => {
    const local = await t.newUnit();
    const boss = await t.newUser([{ orgUnitId: local, role: 'owner' }]);
    const worker = await t.newUser([{ orgUnitId: local, role: 'lab' }]);
    const leaving = await t.newUser([{ orgUnitId: local, role: 'lab' }]);
    const system = (await t.newSystem(boss.client, local)).id;
    const task = (title: string, body: Record<string, unknown>) => createTask(boss.client, { recordType: 'system', recordId: system, title, ownerId: worker.id, ...body });
    const soon = await task('Bald', { dueDate: day(1) });
    const late = await task('Überfällig', { dueDate: day(-2), status: 'blocked' });
    await task('Später', { dueDate: day(10) });
    await task('Erledigt', { dueDate: day(-1), status: 'done' });
    await task('Verworfen', { dueDate: day(-1), status: 'cancelled' });
    await task('Ohne Termin', {});
    await task('Ausgeschieden', { dueDate: day(1), ownerId: leaving.id });
    await deactivate(leaving.id);

    const first = scheduler({ pollMs: 10 });
    first.start();
    await ensureReminderSweep(first);
    await waitFor(async () => (await taskNotifications(worker.id)).length === 2);
    await first.stop();

    const rows = await taskNotifications(worker.id);
    expect(rows.map((n) => `${n.kind} ${n.link}`).sort()).toEqual([`task-due /tasks?focus=${soon.id}`, `task-overdue /tasks?focus=${late.id}`].sort());
    expect(rows.find((n) => n.kind === 'task-overdue')!.title_de).toBe('Aufgabe überfällig: Überfällig');
    expect(rows.find((n) => n.kind === 'task-due')!.title_en).toBe('Task due soon: Bald');
    expect(await taskNotifications(leaving.id)).toEqual([]);
    expect(await taskNotifications(boss.id)).toEqual([]);

    // Again directly, on a restarted scheduler, and an hour later: nothing new.
    await runReminderSweep(t.db.database, new Date(), false);
    const restarted = scheduler();
    await ensureReminderSweep(restarted);
    await restarted.runUntilIdle();
    const nextHour = new Date(Date.now() + 3_600_000);
    await scheduler({ now: () => nextHour }).runUntilIdle();
    expect(await taskNotifications(worker.id)).toEqual(rows);

    // A new due date is a new occasion; so is the step from due soon to overdue.
    await worker.client.patch(`/api/tasks/${soon.id}`, { version: soon.version, dueDate: day(2) });
    await runReminderSweep(t.db.database, new Date(), false);
    expect((await taskNotifications(worker.id)).length).toBe(3);
    await runReminderSweep(t.db.database, new Date(Date.now() + 4 * 86_400_000), false);
    const after = await taskNotifications(worker.id);
    expect(after.filter((n) => n.kind === 'task-overdue').map((n) => n.link).sort()).toEqual([`/tasks?focus=${late.id}`, `/tasks?focus=${soon.id}`].sort());
    expect(after).toHaveLength(4);
  });
});
