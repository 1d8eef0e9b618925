import { randomUUID } from 'node:crypto';
import { expandUnitScope, permissionScope, type Assignment, type NotificationKind, type Permission, type Role } from '@konform/core';
import type { Database } from '../db/database.js';
import type { NotificationTable } from '../db/schema.js';
import { certainlyNotSent, redactCredentials, type Mailer } from './mailer.js';
import { enqueueJob, type JobContext, type JobScheduler } from './scheduler.js';

export const SWEEP_JOB = 'reminder-sweep';
export const MAIL_JOB = 'notification-mail';
/** A risk review is announced this many days ahead. */
export const REVIEW_NOTICE_DAYS = 7;
/** Expiring evidence is announced this many days ahead. */
export const EXPIRY_NOTICE_DAYS = 30;

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
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

interface Occasion {
  kind: NotificationKind;
  key: string;
  unitId: string;
  permission: Permission;
  link: string;
  title: { de: string; en: string };
  body: { de: string; en: string };
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

/** Risk reviews due within 7 days or overdue, evidence expiring within 30 days or expired (open records of active systems). */
async function occasions(database: Database, now: Date): Promise<Occasion[]> {
  const today = isoDate(now);
  const db = database.db;
  const risks = await db
    .selectFrom('risk')
    .innerJoin('ai_system', 'ai_system.id', 'risk.system_id')
    .select(['risk.id', 'risk.number', 'risk.title', 'risk.next_review', 'ai_system.name as system_name', 'ai_system.org_unit_id'])
    .where('risk.next_review', 'is not', null)
    .where('risk.next_review', '<=', isoDate(addDays(now, REVIEW_NOTICE_DAYS)))
    .where('risk.status', '!=', 'closed')
    .where('ai_system.archived_at', 'is', null)
    .execute();
  const evidence = await db
    .selectFrom('evidence')
    .innerJoin('ai_system', 'ai_system.id', 'evidence.system_id')
    .select(['evidence.id', 'evidence.title', 'evidence.valid_until', 'ai_system.name as system_name', 'ai_system.org_unit_id'])
    .where('evidence.valid_until', 'is not', null)
    .where('evidence.valid_until', '<=', isoDate(addDays(now, EXPIRY_NOTICE_DAYS)))
    .where('ai_system.archived_at', 'is', null)
    .execute();
  const result: Occasion[] = [];
  for (const r of risks) {
    const date = r.next_review!;
    const overdue = date < today;
    const ref = `R-${r.number}`;
    result.push({
      kind: overdue ? 'risk-review-overdue' : 'risk-review-due',
      key: `risk-review:${r.id}:${date}:${overdue ? 'overdue' : 'due'}`,
      unitId: r.org_unit_id,
      permission: 'risk.edit',
      link: `/risks/${r.id}`,
      title: overdue
        ? { de: `Risikoüberprüfung überfällig: ${ref} ${r.title}`, en: `Risk review overdue: ${ref} ${r.title}` }
        : { de: `Risikoüberprüfung steht an: ${ref} ${r.title}`, en: `Risk review coming up: ${ref} ${r.title}` },
      body: overdue
        ? {
            de: `Das Risiko ${ref} „${r.title}“ des KI-Systems „${r.system_name}“ hätte am ${date} überprüft werden sollen. Bitte bewerten Sie es neu und legen Sie den nächsten Termin fest.`,
            en: `Risk ${ref} "${r.title}" of the AI system "${r.system_name}" was due for review on ${date}. Please reassess it and set the next review date.`,
          }
        : {
            de: `Das Risiko ${ref} „${r.title}“ des KI-Systems „${r.system_name}“ ist am ${date} zur Überprüfung fällig.`,
            en: `Risk ${ref} "${r.title}" of the AI system "${r.system_name}" is due for review on ${date}.`,
          },
    });
  }
  for (const e of evidence) {
    const date = e.valid_until!;
    const expired = date < today;
    result.push({
      kind: expired ? 'evidence-expired' : 'evidence-expiring',
      key: `evidence-validity:${e.id}:${date}:${expired ? 'expired' : 'expiring'}`,
      unitId: e.org_unit_id,
      permission: 'evidence.write',
      link: `/evidence/${e.id}`,
      title: expired ? { de: `Nachweis abgelaufen: ${e.title}`, en: `Evidence expired: ${e.title}` } : { de: `Nachweis läuft ab: ${e.title}`, en: `Evidence expiring: ${e.title}` },
      body: expired
        ? {
            de: `Der Nachweis „${e.title}“ des KI-Systems „${e.system_name}“ war bis ${date} gültig. Bitte laden Sie eine aktuelle Fassung hoch oder passen Sie die Gültigkeit an.`,
            en: `The evidence "${e.title}" of the AI system "${e.system_name}" was valid until ${date}. Please upload a current version or update its validity.`,
          }
        : {
            de: `Der Nachweis „${e.title}“ des KI-Systems „${e.system_name}“ ist nur noch bis ${date} gültig.`,
            en: `The evidence "${e.title}" of the AI system "${e.system_name}" remains valid only until ${date}.`,
          },
    });
  }
  return result;
}

/**
 * Creates the notifications that are due (each recipient and occasion once: `dedupe_key` is unique and inserts that
 * collide are skipped) and, when mail is on, one mail job per new notification in the same transaction.
 * Returns the number of notifications created.
 */
export async function runReminderSweep(database: Database, now: Date, mail: boolean): Promise<number> {
  const found = await occasions(database, now);
  if (found.length === 0) return 0;
  const holders = await audience(database);
  const at = now.toISOString();
  let created = 0;
  for (const occasion of found) {
    const recipients = holders(occasion.permission, occasion.unitId);
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
export async function sendNotificationMail(database: Database, mailer: Mailer, notificationId: string, context: JobContext): Promise<'sent' | 'skipped'> {
  const now = () => context.scheduler.now().toISOString();
  const claimed = await database.db.transaction().execute(async (trx) => {
    if (!(await context.holdsLease(trx))) return null;
    const result = await trx.updateTable('notification').set({ email_claimed_at: now() }).where('id', '=', notificationId).where('email_claimed_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    return trx
      .selectFrom('notification')
      .innerJoin('app_user', 'app_user.id', 'notification.user_id')
      .select(['notification.title_de', 'notification.title_en', 'notification.body_de', 'notification.body_en', 'notification.link', 'app_user.email', 'app_user.locale', 'app_user.active'])
      .where('notification.id', '=', notificationId)
      .executeTakeFirst();
  });
  if (!claimed) return 'skipped';
  if (!claimed.active) {
    await database.db.updateTable('notification').set({ email_error: 'user inactive' }).where('id', '=', notificationId).execute();
    return 'skipped';
  }
  const english = claimed.locale.startsWith('en');
  const text = `${english ? claimed.body_en : claimed.body_de}\n\nKonform: ${claimed.link ?? '/'}\n`;
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

/** Registers the reminder sweep (hourly, re-enqueueing itself) and, with a mailer, the mail job. */
export function registerReminderJobs(scheduler: JobScheduler, database: Database, mailer: Mailer | null): void {
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
    await sendNotificationMail(database, mailer, notificationId, context);
  });
}

/** Queues the sweep of the current hour (a no-op when it was queued before, here or on another instance). */
export async function ensureReminderSweep(scheduler: JobScheduler): Promise<void> {
  const now = scheduler.now();
  await scheduler.enqueue(SWEEP_JOB, now, {}, sweepKey(now));
}
