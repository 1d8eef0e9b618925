import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { JobScheduler } from '../../src/jobs/scheduler.js';
import { createMailer, type Mailer } from '../../src/jobs/mailer.js';
import { ensureReminderSweep, MAIL_JOB, registerReminderJobs, runReminderSweep } from '../../src/jobs/reminders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

let t: TestApp;
let smtp: SMTPServer;
let smtpUrl: string;
const received: { to: string; notification: string; data: string }[] = [];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (data += chunk));
      stream.on('end', () => {
        const notification = /^X-Konform-Notification: (.*)$/im.exec(data)?.[1]?.trim() ?? '';
        for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, notification, data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.close();
});

/** A unit with a governance user, an owner and a viewer, a system with two risks to review and one expiring evidence link. */
async function scenario() {
  const unit = await t.newUnit();
  const elsewhere = await t.newUnit();
  const governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  const owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  const viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  const stranger = await t.newUser([{ orgUnitId: elsewhere, role: 'owner' }]);
  const system = await t.newSystem(owner.client, unit);
  for (const [title, nextReview] of [['Überfällig', day(-2)], ['Bald fällig', day(3)], ['Später', day(60)]] as const) {
    expect((await owner.client.post(`/api/systems/${system.id}/risks`, { title, nextReview })).status).toBe(201);
  }
  expect((await owner.client.post('/api/evidence/link', { systemId: system.id, url: 'https://example.org/bericht', title: 'Prüfbericht', validUntil: day(10) })).status).toBe(201);
  return { unit, governance, owner, viewer, stranger, system };
}

async function notificationsOf(userId: string) {
  return t.db.database.db.selectFrom('notification').selectAll().where('user_id', '=', userId).orderBy('dedupe_key').execute();
}

function scheduler(mailer: Mailer | null, options: ConstructorParameters<typeof JobScheduler>[1] = {}, publicUrl = '') {
  const s = new JobScheduler(t.db.database, options);
  registerReminderJobs(s, t.db.database, mailer, publicUrl);
  return s;
}

describe('reminder engine', () => {
  it('creates each notification once across two sweeps, two instances and a restart', async () => {
    const s = await scenario();
    const first = scheduler(null, { pollMs: 10 });
    first.start(); // runs the hour's sweep at once (onTick is not set here, so queue it first)
    await ensureReminderSweep(first);
    await waitFor(async () => (await notificationsOf(s.owner.id)).length === 3);
    await first.stop();

    const ownerRows = await notificationsOf(s.owner.id);
    expect(ownerRows.map((n) => n.kind).sort()).toEqual(['evidence-expiring', 'risk-review-due', 'risk-review-overdue']);
    expect(ownerRows.find((n) => n.kind === 'risk-review-overdue')!.title_de).toContain('Überfällig');
    expect((await notificationsOf(s.governance.id)).length).toBe(3);
    expect(await notificationsOf(s.viewer.id)).toEqual([]);
    expect(await notificationsOf(s.stranger.id)).toEqual([]);

    // Again directly, on a second scheduler object, and an hour later: nothing new.
    expect(await runReminderSweep(t.db.database, new Date(), false)).toBe(0);
    const restarted = scheduler(null);
    await ensureReminderSweep(restarted);
    await restarted.runUntilIdle();
    const nextHour = new Date(Date.now() + 3_600_000);
    await scheduler(null, { now: () => nextHour }).runUntilIdle();
    expect(await notificationsOf(s.owner.id)).toEqual(ownerRows);
    // Without SMTP: no mail jobs, no failures.
    const jobs = await t.db.database.db.selectFrom('job').select(['kind', 'state']).execute();
    expect(jobs.filter((j) => j.kind === MAIL_JOB)).toEqual([]);
    expect(jobs.filter((j) => j.state === 'failed')).toEqual([]);
    expect(ownerRows.every((n) => n.emailed_at === null && n.email_claimed_at === null)).toBe(true);
  });

  it('mails each notification exactly once to a real SMTP receiver, across a restart and a lost instance', async () => {
    const s = await scenario();
    const mailer = createMailer(smtpUrl, 'konform@test.example')!;
    try {
      const sweep = new Date();
      expect(await runReminderSweep(t.db.database, sweep, true)).toBeGreaterThanOrEqual(6);
      const pending = await t.db.database.db.selectFrom('job').select('id').where('kind', '=', MAIL_JOB).where('state', '=', 'queued').execute();
      expect(pending.length).toBeGreaterThanOrEqual(6);

      // Instance A mails one at a time and is stopped mid-run.
      const a = scheduler(mailer, { pollMs: 5, batchSize: 1 });
      a.start();
      await waitFor(() => received.length >= 1);
      await a.stop();
      // Instance B claims one mail job and dies before running it; its lease stays behind.
      const b = scheduler(mailer, { batchSize: 1 });
      const abandoned = await b.claim(1);
      // Instance C starts after B's lease ran out and finishes everything.
      const later = new Date(Date.now() + 10 * 60_000);
      const c = scheduler(mailer, { now: () => later });
      await c.runUntilIdle();

      const mails = await t.db.database.db.selectFrom('job').select(['id', 'state']).where('kind', '=', MAIL_JOB).execute();
      expect(mails.every((j) => j.state === 'done')).toBe(true);
      if (abandoned.length) expect(mails.find((j) => j.id === abandoned[0]!.id)!.state).toBe('done');

      // The owner hears of this system's three occasions; the governance user (global) of every system's.
      for (const [user, count] of [[s.owner, 3], [s.governance, 6]] as const) {
        const rows = await notificationsOf(user.id);
        expect(rows).toHaveLength(count);
        expect(rows.every((n) => n.emailed_at !== null)).toBe(true);
        const theirs = received.filter((m) => m.to === user.email);
        expect(theirs).toHaveLength(count);
        expect(theirs.map((m) => m.notification).sort()).toEqual(rows.map((n) => n.id).sort());
      }
      expect(received.filter((m) => m.to === s.viewer.email)).toEqual([]);
      // Every mail sent belongs to exactly one notification.
      const emailed = await t.db.database.db.selectFrom('notification').select('id').where('emailed_at', 'is not', null).execute();
      expect(received.map((m) => m.notification).sort()).toEqual(emailed.map((n) => n.id).sort());
    } finally {
      mailer.close();
    }
  });

  it('never mails a notification twice, even when its mail job runs again', async () => {
    const before = received.length;
    const mailer = createMailer(smtpUrl, 'konform@test.example')!;
    try {
      // Re-queue every finished mail job as if a lost instance had never recorded them.
      await t.db.database.db.updateTable('job').set({ state: 'queued', run_at: new Date(0).toISOString() }).where('kind', '=', MAIL_JOB).execute();
      await scheduler(mailer).runUntilIdle();
      expect(received.length).toBe(before);
    } finally {
      mailer.close();
    }
  });

  it('mails absolute links in the user’s language, and nothing to a user who switched reminder mails off', async () => {
    const s = await scenario();
    const optOut = await s.owner.client.patch('/api/auth/preferences', { emailReminders: false });
    expect(optOut.status).toBe(200);
    expect(optOut.body).toMatchObject({ emailReminders: false, locale: 'de' });
    expect((await s.governance.client.patch('/api/auth/preferences', { locale: 'en' })).body).toMatchObject({ emailReminders: true, locale: 'en' });
    expect((await s.viewer.client.patch('/api/auth/preferences', { emailReminders: 'nein' })).status).toBe(400);
    const audit = await t.db.database.db.selectFrom('audit_event').select(['action', 'changes']).where('entity_id', '=', s.owner.id).where('action', '=', 'user.preferences').execute();
    expect(audit).toHaveLength(1);

    const before = received.length;
    const mailer = createMailer(smtpUrl, 'konform@test.example')!;
    try {
      // Only this scenario's occasions are new; earlier scenarios' notifications exist already.
      await runReminderSweep(t.db.database, new Date(), true);
      await scheduler(mailer, {}, 'https://konform.example.org/').runUntilIdle();
    } finally {
      mailer.close();
    }
    const mine = received.slice(before);
    expect(mine.filter((m) => m.to === s.owner.email)).toEqual([]);
    const ownerRows = await notificationsOf(s.owner.id);
    expect(ownerRows).toHaveLength(3);
    expect(ownerRows.every((n) => n.emailed_at === null && n.email_error === 'reminder mails switched off by the user')).toBe(true);
    const governanceMail = mine.find((m) => m.to === s.governance.email)!;
    expect(governanceMail.data).toMatch(/Subject: =\?UTF-8\?Q\?=5BKonform=5D_(Risk_review|Evidence)/);
    // The body is quoted-printable: undo its soft line breaks before reading the link.
    const body = governanceMail.data.replace(/=\r?\n/g, '');
    expect(body).toMatch(/Konform: https:\/\/konform\.example\.org\/(risks|evidence)\/[0-9a-f-]{36}\r?\n/);
    // The in-app notification is there all the same.
    expect((await s.owner.client.get('/api/notifications')).body.unread).toBe(3);
  });

  it('lists only the caller’s own notifications and marks them read', async () => {
    const s = await scenario();
    await runReminderSweep(t.db.database, new Date(), false);
    const list = await s.owner.client.get('/api/notifications');
    expect(list.status).toBe(200);
    const own = new Set((await notificationsOf(s.owner.id)).map((n) => n.id));
    expect(list.body.items.map((n: { id: string }) => n.id).sort()).toEqual([...own].sort());
    expect(list.body.unread).toBe(3);
    expect(list.body.items[0].title.en).toBeTruthy();

    const first = list.body.items[0].id as string;
    expect((await s.governance.client.post(`/api/notifications/${first}/read`)).status).toBe(404);
    const read = await s.owner.client.post(`/api/notifications/${first}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBeTruthy();
    const unread = await s.owner.client.get('/api/notifications?unread=true');
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(first);

    const all = await s.owner.client.post('/api/notifications/read-all');
    expect(all.body).toEqual({ updated: 2, unread: 0 });
    expect((await s.owner.client.get('/api/notifications?unread=true')).body).toMatchObject({ total: 0, unread: 0 });
    // The governance user's notifications (of every system: the role is global) are untouched.
    const governanceRows = await notificationsOf(s.governance.id);
    expect(governanceRows.length).toBeGreaterThan(3);
    expect((await s.governance.client.get('/api/notifications')).body.unread).toBe(governanceRows.length);
    expect((await s.viewer.client.get('/api/notifications')).body).toMatchObject({ total: 0, unread: 0 });
  });
});
