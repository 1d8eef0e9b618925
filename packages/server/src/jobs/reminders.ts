import { randomUUID } from 'node:crypto';
import { expandUnitScope, permissionScope, type Assignment, type Permission, type Role } from '@konform/core';
import type { Database } from '../db/database.js';
import type { NotificationTable } from '../db/schema.js';
import { certainlyNotSent, redactCredentials, type Mailer } from './mailer.js';
import { enqueueJob, type JobContext, type JobScheduler } from './scheduler.js';
import { REMINDER_SOURCES } from './reminder-sources/index.js';

export const SWEEP_JOB = 'reminder-sweep';
export const MAIL_JOB = 'notification-mail';
export { EXPIRY_NOTICE_DAYS, REVIEW_NOTICE_DAYS } from './reminder-sources/index.js';

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
/** The hour a sweep belongs to: at most one sweep job per hour, on any number of instances. */
export function sweepKey(at: Date): string {
  return `sweep:${at.toISOString().slice(0, 13)}`;
}
function hourStart(at: Date): Date {
  const d = new Date(at);
  d.setUTCMinutes(0, 0, 0);
  return d;
}

/** Who holds a permission in which unit: active users with their assignments, and the unit tree. */
async function audience(database: Database) {
  const db = database.db;
  const [users, assignments, units] = await Promise.all([
    db.selectFrom('app_user').select(['id']).where('active', '=', 1).execute(),
    db.selectFrom('role_assignment').select(['user_id', 'org_unit_id', 'role']).execute(),
    db.selectFrom('org_unit').select(['id', 'parent_id']).execute(),
  ]);
  const tree = units.map((u) => ({ id: u.id, parentId: u.parent_id }));
  const byUser = new Map<string, Assignment[]>();
  for (const a of assignments) byUser.set(a.user_id, [...(byUser.get(a.user_id) ?? []), { orgUnitId: a.org_unit_id, role: a.role as Role }]);
  const cache = new Map<string, string[]>();
  return (permission: Permission, unitId: string): string[] => {
    const key = `${permission}|${unitId}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const holders = users
      .filter((u) => {
        const scope = permissionScope(byUser.get(u.id) ?? [], permission);
        return scope.all || expandUnitScope(scope.roots, tree).has(unitId);
      })
      .map((u) => u.id);
    cache.set(key, holders);
    return holders;
  };
}

/**
 * Creates the notifications that are due (each recipient and occasion once: `dedupe_key` is unique and inserts that
 * collide are skipped) and, when mail is on, one mail job per new notification in the same transaction.
 * Returns the number of notifications created.
 */
export async function runReminderSweep(database: Database, now: Date, mail: boolean): Promise<number> {
  const found = (await Promise.all(REMINDER_SOURCES.map((source) => source(database, now)))).flat();
  if (found.length === 0) return 0;
  const holders = await audience(database);
  const at = now.toISOString();
  let created = 0;
  for (const occasion of found) {
    const recipients = 'userIds' in occasion.recipients ? occasion.recipients.userIds : holders(occasion.recipients.permission, occasion.recipients.unitId);
    if (recipients.length === 0) continue;
    await database.db.transaction().execute(async (trx) => {
      for (const userId of recipients) {
        const row: NotificationTable = {
          id: randomUUID(),
          user_id: userId,
          kind: occasion.kind,
          title_de: occasion.title.de,
          title_en: occasion.title.en,
          body_de: occasion.body.de,
          body_en: occasion.body.en,
          link: occasion.link,
          dedupe_key: `${occasion.key}:${userId}`,
          created_at: at,
          read_at: null,
          email_claimed_at: null,
          emailed_at: null,
          email_error: null,
        };
        const inserted = await trx.insertInto('notification').values(row).onConflict((oc) => oc.column('dedupe_key').doNothing()).executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
        created++;
        if (mail) await enqueueJob(trx, MAIL_JOB, now, { notificationId: row.id }, `mail:${row.id}`, now);
      }
    });
  }
  return created;
}

/**
 * Sends the mail of one notification at most once: the notification is claimed for mail (`email_claimed_at`, only
 * while unclaimed and while this instance holds the job's lease) and committed before SMTP sees the message; SMTP's
 * acceptance is then recorded in `emailed_at`. If the instance dies between claim and acceptance, the mail is lost
 * rather than sent twice; only a failure that certainly sent nothing (refused, no connection) releases the claim for
 * a retry.
 */
export async function sendNotificationMail(database: Database, mailer: Mailer, notificationId: string, context: JobContext, publicUrl = ''): Promise<'sent' | 'skipped'> {
  const now = () => context.scheduler.now().toISOString();
  const claimed = await database.db.transaction().execute(async (trx) => {
    if (!(await context.holdsLease(trx))) return null;
    const result = await trx.updateTable('notification').set({ email_claimed_at: now() }).where('id', '=', notificationId).where('email_claimed_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    return trx
      .selectFrom('notification')
      .innerJoin('app_user', 'app_user.id', 'notification.user_id')
      .select(['notification.title_de', 'notification.title_en', 'notification.body_de', 'notification.body_en', 'notification.link', 'app_user.email', 'app_user.locale', 'app_user.active', 'app_user.email_reminders'])
      .where('notification.id', '=', notificationId)
      .executeTakeFirst();
  });
  if (!claimed) return 'skipped';
  if (!claimed.active || claimed.email_reminders !== 1) {
    await database.db.updateTable('notification').set({ email_error: claimed.active ? 'reminder mails switched off by the user' : 'user inactive' }).where('id', '=', notificationId).execute();
    return 'skipped';
  }
  const english = claimed.locale.startsWith('en');
  const text = `${english ? claimed.body_en : claimed.body_de}\n\nKonform: ${mailLink(publicUrl, claimed.link)}\n`;
  try {
    await mailer.send({ to: claimed.email, subject: `[Konform] ${english ? claimed.title_en : claimed.title_de}`, text, headers: { 'X-Konform-Notification': notificationId } });
  } catch (error) {
    const message = redactCredentials(error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const retry = certainlyNotSent(error);
    await database.db.updateTable('notification').set({ email_error: message, ...(retry ? { email_claimed_at: null } : {}) }).where('id', '=', notificationId).execute();
    if (retry) throw error;
    return 'skipped';
  }
  await database.db.updateTable('notification').set({ emailed_at: now(), email_error: null }).where('id', '=', notificationId).execute();
  return 'sent';
}

/** The link a mail carries: absolute under the instance's public address (KONFORM_PUBLIC_URL), the bare path without one. */
export function mailLink(publicUrl: string, link: string | null): string {
  const path = link && link.startsWith('/') ? link : '/';
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path;
}

/** Registers the reminder sweep (hourly, re-enqueueing itself) and, with a mailer, the mail job. */
export function registerReminderJobs(scheduler: JobScheduler, database: Database, mailer: Mailer | null, publicUrl = ''): void {
  scheduler.register(SWEEP_JOB, async () => {
    const now = scheduler.now();
    await runReminderSweep(database, now, mailer !== null);
    await scheduler.enqueue(SWEEP_JOB, hourStart(new Date(now.getTime() + 3_600_000)), {}, sweepKey(new Date(now.getTime() + 3_600_000)));
    // Finished jobs older than 30 days are no longer needed for deduplication.
    await database.db.deleteFrom('job').where('state', 'in', ['done', 'failed']).where('updated_at', '<', addDays(now, -30).toISOString()).execute();
  });
  scheduler.register(MAIL_JOB, async (payload, context) => {
    if (!mailer) return;
    const { notificationId } = payload as { notificationId: string };
    await sendNotificationMail(database, mailer, notificationId, context, publicUrl);
  });
}

/** Queues the sweep of the current hour (a no-op when it was queued before, here or on another instance). */
export async function ensureReminderSweep(scheduler: JobScheduler): Promise<void> {
  const now = scheduler.now();
  await scheduler.enqueue(SWEEP_JOB, now, {}, sweepKey(now));
}
