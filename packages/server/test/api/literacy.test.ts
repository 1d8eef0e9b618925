import { addCalendarDays, officeToday } from '@konform/core';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminderSweep } from '../../src/jobs/reminders.js';
import { systemActor } from '../../src/access/actor.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let team: string;
let elsewhere: string;
let governance: User;
let owner: User;
let teamOwner: User;
let lab: User;
let viewer: User;
let stranger: User;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const pdf = (text = 'Teilnahmebescheinigung') => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');
/** A calendar day relative to today in the office's time zone, as the server counts days. */
const day = (offset: number) => addCalendarDays(officeToday(), offset);
const today = () => day(0);

function recordForm(fields: Record<string, string>, file?: { name: string; bytes: Buffer }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  return f;
}

const COURSE = {
  title: 'KI-Grundlagen für Fachverantwortliche',
  description: 'Funktionsweise, Grenzen und Pflichten nach der KI-VO.',
  providerKind: 'internal',
  topics: ['ai-basics', 'risks-limits', 'ai-act'],
  tags: ['Pflichtschulung'],
  durationHours: 3.5,
  delivery: 'e-learning',
  validityMonths: 24,
};

async function newCourse(body: Record<string, unknown> = {}) {
  const reply = await governance.client.post('/api/trainings', { ...COURSE, ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function requireFor(courseId: string, role: string, orgUnitId: string | null = unit, extra: Record<string, unknown> = {}) {
  const reply = await governance.client.post('/api/trainings/requirements', { courseId, role, orgUnitId, ...extra });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function record(client: TestClient, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  return client.post('/api/training-records', recordForm({ result: 'passed', completedOn: today(), ...fields }, file));
}

async function unitStatus(client: TestClient, orgUnitId = unit) {
  const reply = await client.get(`/api/trainings/status?orgUnitId=${orgUnitId}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

function courseOf(status: { users: { userId: string; courses: { courseId: string }[] }[] }, userId: string, courseId: string) {
  return status.users.find((u) => u.userId === userId)?.courses.find((c) => c.courseId === courseId);
}

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit(null, 'Abteilung Z');
  team = await t.newUnit(unit, 'Referat Z 1');
  elsewhere = await t.newUnit(null, 'Abteilung Y');
  governance = await t.newUser([{ orgUnitId: elsewhere, role: 'governance' }]);
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  teamOwner = await t.newUser([{ orgUnitId: team, role: 'owner' }]);
  lab = await t.newUser([{ orgUnitId: team, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: elsewhere, role: 'owner' }]);
});
afterAll(async () => t.close());

describe('courses', () => {
  it('needs sign-in, and training.manage to add or change a course', async () => {
    expect((await t.client().get('/api/trainings')).status).toBe(401);
    expect((await owner.client.post('/api/trainings', COURSE)).status).toBe(403);
    const course = await newCourse();
    expect(course).toMatchObject({ ...COURSE, provider: '', status: 'active', version: 1 });
    expect((await viewer.client.get(`/api/trainings/${course.id}`)).body.title).toBe(COURSE.title);
    const list = await viewer.client.get('/api/trainings?status=active');
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(course.id);
  });

  it('names the field of bad input', async () => {
    const external = await governance.client.post('/api/trainings', { ...COURSE, providerKind: 'external' });
    expect(external.status).toBe(400);
    expect(external.body.errors).toEqual([{ path: 'provider', message: expect.any(String) }]);
    const topic = await governance.client.post('/api/trainings', { ...COURSE, topics: ['astrology'] });
    expect(topic.status).toBe(400);
    expect(topic.body.errors[0].path).toBe('topics.0');
    const duration = await governance.client.post('/api/trainings', { ...COURSE, durationHours: 1.1 });
    expect(duration.body.errors[0].path).toBe('durationHours');
    expect((await governance.client.post('/api/trainings', { ...COURSE, validityMonths: 0 })).body.errors[0].path).toBe('validityMonths');
    const unknown = await governance.client.post('/api/trainings', { ...COURSE, colour: 'rot' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('colour');
  });

  it('changes and retires a course with optimistic locking and an audit trail', async () => {
    const course = await newCourse({ title: 'Prompt-Injection erkennen', topics: ['security'] });
    const changed = await governance.client.patch(`/api/trainings/${course.id}`, { version: 1, providerKind: 'external', provider: 'BAköV', delivery: 'external', reason: 'Vergabe an die Akademie' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ providerKind: 'external', provider: 'BAköV', version: 2 });
    expect((await governance.client.patch(`/api/trainings/${course.id}`, { version: 1, title: 'Veraltet' })).status).toBe(409);
    const retired = await governance.client.patch(`/api/trainings/${course.id}`, { version: 2, status: 'retired' });
    expect(retired.body.status).toBe('retired');
    const requirement = await governance.client.post('/api/trainings/requirements', { courseId: course.id, role: 'owner' });
    expect(requirement.status).toBe(400);
    expect(requirement.body.errors[0].path).toBe('courseId');
    const history = (await governance.client.get(`/api/audit-events?entityType=training_course&entityId=${course.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['training.course.update', 'training.course.update', 'training.course.create']);
    expect(history[1].reason).toBe('Vergabe an die Akademie');
  });
});

describe('requirements, records and status', () => {
  it('shows a newly required course as due within the grace period, and current once recorded with a certificate', async () => {
    const course = await newCourse();
    const requirement = await requireFor(course.id, 'owner');
    expect(requirement).toMatchObject({ courseId: course.id, role: 'owner', orgUnitId: unit, intervalMonths: null, graceDays: 30 });
    expect((await governance.client.post('/api/trainings/requirements', { courseId: course.id, role: 'owner', orgUnitId: unit })).status).toBe(409);

    let status = await unitStatus(governance.client);
    expect(status.orgUnitName).toBe('Abteilung Z');
    // The owner of the unit and the owner of the sub-unit are bound; the viewer and the lab member are not.
    expect(courseOf(status, owner.id, course.id)).toMatchObject({ state: 'due', dueDate: day(30), lastCompletedOn: null, roles: ['owner'] });
    expect(courseOf(status, teamOwner.id, course.id)).toMatchObject({ state: 'due' });
    expect(courseOf(status, viewer.id, course.id)).toBeUndefined();
    expect(status.users.find((u: { userId: string }) => u.userId === stranger.id)).toBeUndefined();
    expect(status.units).toEqual([{ orgUnitId: team, name: 'Referat Z 1', summary: expect.objectContaining({ required: expect.any(Number) }) }]);

    const created = await record(governance.client, { userId: owner.id, courseId: course.id, completedOn: day(-10), note: 'Präsenztermin' }, { name: 'Bescheinigung.pdf', bytes: pdf() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      userId: owner.id, courseId: course.id, courseTitle: COURSE.title, completedOn: day(-10), result: 'passed', note: 'Präsenztermin', recordedBy: governance.id, withdrawnAt: null,
      certificate: { filename: 'Bescheinigung.pdf', contentType: 'application/pdf', size: pdf().length, sha256: createHash('sha256').update(pdf()).digest('hex') },
    });
    // Valid for the course's 24 months.
    const validUntil = new Date(`${day(-10)}T00:00:00Z`);
    validUntil.setUTCMonth(validUntil.getUTCMonth() + 24);
    expect(created.body.validUntil).toBe(validUntil.toISOString().slice(0, 10));

    status = await unitStatus(viewer.client);
    expect(courseOf(status, owner.id, course.id)).toMatchObject({ state: 'current', lastCompletedOn: day(-10), recordId: created.body.id, dueDate: created.body.validUntil });

    const mine = await owner.client.get('/api/trainings/status/me');
    expect(mine.status).toBe(200);
    expect(mine.body.courses.find((c: { courseId: string }) => c.courseId === course.id)).toMatchObject({ state: 'current' });
    expect(mine.body.asOf).toBe(today());

    const download = await owner.client.fetch(`/api/training-records/${created.body.id}/certificate`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('attachment; filename="Bescheinigung.pdf"');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf())).toBe(true);

    const history = (await governance.client.get(`/api/audit-events?entityType=training_record&entityId=${created.body.id}`)).body.items;
    expect(history).toHaveLength(1);
    expect(history[0].action).toBe('training.record.create');
    expect(history[0].changes).toContainEqual({ field: 'certificate', before: null, after: expect.objectContaining({ sha256: created.body.certificate.sha256 }) });
  });

  it('records within the recorder’s unit scope only, and keeps records readable to those in scope and to oneself', async () => {
    const course = await newCourse({ title: 'Menschliche Aufsicht', topics: ['human-oversight'] });
    // An owner records for a colleague of the sub-unit, not for someone in another unit; a viewer records nothing.
    const colleague = await record(owner.client, { userId: teamOwner.id, courseId: course.id, result: 'attended' });
    expect(colleague.status, JSON.stringify(colleague.body)).toBe(201);
    expect((await record(owner.client, { userId: stranger.id, courseId: course.id })).status).toBe(403);
    expect((await record(viewer.client, { userId: owner.id, courseId: course.id })).status).toBe(403);
    expect((await record(teamOwner.client, { userId: owner.id, courseId: course.id })).status).toBe(403);

    expect((await viewer.client.get(`/api/training-records/${colleague.body.id}`)).status).toBe(200);
    expect((await teamOwner.client.get(`/api/training-records/${colleague.body.id}`)).status).toBe(200);
    expect((await stranger.client.get(`/api/training-records/${colleague.body.id}`)).status).toBe(403);
    expect((await stranger.client.get(`/api/training-records?courseId=${course.id}`)).body.items).toEqual([]);
    expect((await viewer.client.get(`/api/training-records?courseId=${course.id}`)).body.items.map((r: { id: string }) => r.id)).toEqual([colleague.body.id]);
    expect((await stranger.client.get(`/api/trainings/status?orgUnitId=${unit}`)).status).toBe(403);
    expect((await viewer.client.get(`/api/training-records/${colleague.body.id}/certificate`)).status).toBe(404);
  });

  it('refuses bad forms field by field: unknown user, future date, wrong or disguised file types, too large files', async () => {
    const course = await newCourse({ title: 'Datenschutz bei KI', topics: ['data-protection'] });
    const missing = await record(governance.client, { courseId: course.id, completedOn: 'gestern' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['completedOn', 'userId']);
    expect((await record(governance.client, { userId: owner.id, courseId: course.id, completedOn: day(2) })).body.errors[0].path).toBe('completedOn');
    expect((await record(governance.client, { userId: owner.id, courseId: course.id, result: 'failed' })).body.errors[0].path).toBe('result');

    const text = await record(governance.client, { userId: owner.id, courseId: course.id }, { name: 'bescheinigung.txt', bytes: Buffer.from('Teilgenommen\n') });
    expect(text.status).toBe(415);
    expect(text.body.errors[0].path).toBe('file');
    const disguised = await record(governance.client, { userId: owner.id, courseId: course.id }, { name: 'bescheinigung.pdf', bytes: PNG });
    expect(disguised.status).toBe(415);
    const exe = await record(governance.client, { userId: owner.id, courseId: course.id }, { name: 'setup.exe', bytes: Buffer.from('MZ') });
    expect(exe.status).toBe(415);
    const big = await record(governance.client, { userId: owner.id, courseId: course.id }, { name: 'scan.pdf', bytes: Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024)]) });
    expect(big.status).toBe(413);
    expect(big.body.errors[0].path).toBe('file');
    const png = await record(governance.client, { userId: owner.id, courseId: course.id }, { name: 'foto.PNG', bytes: PNG });
    expect(png.status, JSON.stringify(png.body)).toBe(201);
    expect(png.body.certificate.contentType).toBe('image/png');
    // Nothing refused was stored.
    expect((await governance.client.get(`/api/training-records?courseId=${course.id}`)).body.total).toBe(1);
  });

  it('counts expired completions as overdue, expiring ones as due, and withdrawn ones not at all', async () => {
    const course = await newCourse({ title: 'Bias und Fairness', topics: ['bias-fairness'], validityMonths: 12 });
    await requireFor(course.id, 'lab', team);
    const old = await record(governance.client, { userId: lab.id, courseId: course.id, completedOn: '2024-03-01' });
    expect(old.body.validUntil).toBe('2025-03-01');
    let status = await unitStatus(governance.client, team);
    expect(courseOf(status, lab.id, course.id)).toMatchObject({ state: 'overdue', dueDate: '2025-03-01' });

    // Completed 350 days ago, valid for 12 months: expiring within 30 days.
    const recent = await record(governance.client, { userId: lab.id, courseId: course.id, completedOn: day(-350) });
    status = await unitStatus(governance.client, team);
    expect(courseOf(status, lab.id, course.id)).toMatchObject({ state: 'due', recordId: recent.body.id, dueDate: recent.body.validUntil });

    const withdrawn = await governance.client.post(`/api/training-records/${recent.body.id}/withdraw`, { version: 1, reason: 'Falsche Person erfasst' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.withdrawnReason).toBe('Falsche Person erfasst');
    expect((await governance.client.post(`/api/training-records/${recent.body.id}/withdraw`, { version: 2, reason: 'Nochmal' })).status).toBe(409);
    status = await unitStatus(governance.client, team);
    expect(courseOf(status, lab.id, course.id)).toMatchObject({ state: 'overdue', recordId: old.body.id });
    expect((await governance.client.get(`/api/training-records?courseId=${course.id}&withdrawn=true`)).body.total).toBe(2);
    expect((await governance.client.get(`/api/training-records?courseId=${course.id}`)).body.total).toBe(1);

    // A shorter renewal interval on the requirement wins over the course's validity.
    const fresh = await record(governance.client, { userId: lab.id, courseId: course.id, completedOn: day(-200) });
    expect(courseOf(await unitStatus(governance.client, team), lab.id, course.id)).toMatchObject({ state: 'current', recordId: fresh.body.id });
    const [req] = (await governance.client.get(`/api/trainings/requirements?courseId=${course.id}`)).body.items;
    const shorter = await governance.client.patch(`/api/trainings/requirements/${req.id}`, { version: req.version, intervalMonths: 6 });
    expect(shorter.status, JSON.stringify(shorter.body)).toBe(200);
    expect(courseOf(await unitStatus(governance.client, team), lab.id, course.id)).toMatchObject({ state: 'overdue' });

    const summary = (await unitStatus(governance.client, team)).summary;
    expect(summary.required).toBe(summary.current + summary.due + summary.overdue);
    expect((await governance.client.request('DELETE', `/api/trainings/requirements/${req.id}`)).status).toBe(204);
    expect(courseOf(await unitStatus(governance.client, team), lab.id, course.id)).toBeUndefined();
    const actions = (await governance.client.get(`/api/audit-events?entityType=training_requirement&entityId=${req.id}`)).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['training.requirement.delete', 'training.requirement.update', 'training.requirement.create']);
  });

  it('shows the unit’s literacy as evidence for an AI system of the unit (Art. 4 row)', async () => {
    const scoped = await t.newUnit(null, 'Abteilung E');
    const person = await t.newUser([{ orgUnitId: scoped, role: 'owner' }]);
    const course = await newCourse({ title: 'Eingesetzte KI-Systeme', topics: ['systems-in-use'] });
    await requireFor(course.id, 'owner', scoped);
    const system = await t.newSystem(person.client, scoped);
    let evidence = await person.client.get(`/api/trainings/status/systems/${system.id}`);
    expect(evidence.status, JSON.stringify(evidence.body)).toBe(200);
    expect(evidence.body).toEqual({ systemId: system.id, orgUnitId: scoped, orgUnitName: 'Abteilung E', asOf: today(), summary: { required: 1, current: 0, due: 1, overdue: 0, percentCurrent: 0 } });
    await record(person.client, { userId: person.id, courseId: course.id });
    evidence = await person.client.get(`/api/trainings/status/systems/${system.id}`);
    expect(evidence.body.summary).toEqual({ required: 1, current: 1, due: 0, overdue: 0, percentCurrent: 100 });
    expect((await stranger.client.get(`/api/trainings/status/systems/${system.id}`)).status).toBe(403);

    // The same status as a record document, in both languages and three formats.
    const md = await person.client.fetch(`/api/trainings/status/export?orgUnitId=${scoped}&format=md&lang=en`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-disposition')).toContain('konform-ki-kompetenz-Abteilung-E-');
    const text = await md.text();
    expect(text).toContain('AI literacy record (AI Act Art. 4)');
    expect(text).toContain('Test User');
    expect(text).toContain('Eingesetzte KI-Systeme');
    const pdfReply = await person.client.fetch(`/api/trainings/status/export?orgUnitId=${scoped}`);
    expect(pdfReply.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdfReply.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await person.client.fetch(`/api/trainings/status/export?orgUnitId=${scoped}&format=docx&lang=de`);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await person.client.get(`/api/trainings/status/export?orgUnitId=${scoped}&format=exe`)).status).toBe(400);
    expect((await stranger.client.fetch(`/api/trainings/status/export?orgUnitId=${scoped}`)).status).toBe(403);
  });
});

describe('training reminders', () => {
  it('tells each user of their due and overdue trainings once, also on a second sweep', async () => {
    const scoped = await t.newUnit(null, 'Abteilung R');
    const due = await t.newUser([{ orgUnitId: scoped, role: 'viewer' }]);
    const expiring = await t.newUser([{ orgUnitId: scoped, role: 'viewer' }]);
    const done = await t.newUser([{ orgUnitId: scoped, role: 'viewer' }]);
    const course = await newCourse({ title: 'Grenzen von Sprachmodellen', validityMonths: 12 });
    await requireFor(course.id, 'viewer', scoped, { graceDays: 14 });
    await record(governance.client, { userId: expiring.id, courseId: course.id, completedOn: day(-340) });
    await record(governance.client, { userId: done.id, courseId: course.id, completedOn: day(-10) });
    const mine = async (userId: string) =>
      t.db.database.db.selectFrom('notification').select(['kind', 'dedupe_key', 'title_de', 'link']).where('user_id', '=', userId).where('kind', 'like', 'training-%').execute();

    await runReminderSweep(t.db.database, new Date(), false);
    await runReminderSweep(t.db.database, new Date(), false);
    expect(await mine(due.id)).toEqual([{ kind: 'training-due', dedupe_key: `training:${due.id}:${course.id}:${day(14)}:due:${due.id}`, title_de: 'Schulung fällig: Grenzen von Sprachmodellen', link: '/literacy' }]);
    expect((await mine(expiring.id)).map((n) => n.kind)).toEqual(['training-due']);
    expect(await mine(done.id)).toEqual([]);

    // Three weeks on, the grace period has passed: the first user is told once more, now that it is overdue.
    const later = new Date(Date.now() + 21 * 86_400_000);
    await runReminderSweep(t.db.database, later, false);
    await runReminderSweep(t.db.database, later, false);
    expect((await mine(due.id)).map((n) => n.kind).sort()).toEqual(['training-due', 'training-overdue']);
    expect((await mine(done.id))).toEqual([]);
    // A deactivated user is not told (an administrator must remain, so there is one).
    await t.newUser([{ orgUnitId: elsewhere, role: 'admin' }]);
    const quiet = await t.newUser([{ orgUnitId: scoped, role: 'viewer' }]);
    const current = await t.services.users.get(systemActor(), quiet.id);
    await t.services.users.update(systemActor(), quiet.id, { version: current.version, active: false });
    await runReminderSweep(t.db.database, later, false);
    expect(await mine(quiet.id)).toEqual([]);
  });
});
