import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** From this many failed attempts on, every further failure locks the account. */
export const LOCKOUT_THRESHOLD = 5;
const FIRST_LOCK_MS = 60 * 1000;
const MAX_LOCK_MS = 60 * 60 * 1000;
/** Failures older than this are forgotten: the next failure counts as the first. */
const FAILURES_FORGOTTEN_MS = 24 * 60 * 60 * 1000;

/** The wait after the n-th failure in a row: none below the threshold, then 1, 2, 4 … minutes, at most 60. */
export function lockDurationMs(failures: number): number {
  if (failures < LOCKOUT_THRESHOLD) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - LOCKOUT_THRESHOLD));
}

export function findLockout(db: Db, email: string) {
  return db.selectFrom('account_lockout').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Until when the account is locked, or null when it may try now. */
export async function lockedUntil(db: Db, email: string, now: Date): Promise<Date | null> {
  const row = await findLockout(db, email);
  if (!row?.locked_until) return null;
  const until = new Date(row.locked_until);
  return until.getTime() > now.getTime() ? until : null;
}

/**
 * Counts one failed attempt (an upsert, safe with concurrent instances) and sets the lock the count calls for.
 * Returns the count and the lock's end when this failure locked the account.
 */
export async function recordAccountFailure(db: Db, email: string, now: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
  const at = now.toISOString();
  const forgotten = new Date(now.getTime() - FAILURES_FORGOTTEN_MS).toISOString();
  await db
    .insertInto('account_lockout')
    .values({ email, failures: 1, locked_until: null, last_failure_at: at })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({
        failures: sql<number>`case when account_lockout.last_failure_at < ${forgotten} then 1 else account_lockout.failures + 1 end`,
        last_failure_at: at,
      }),
    )
    .execute();
  const row = await findLockout(db, email);
  const failures = row?.failures ?? 1;
  const wait = lockDurationMs(failures);
  if (wait === 0) return { failures, lockedUntil: null };
  const until = new Date(now.getTime() + wait);
  await db.updateTable('account_lockout').set({ locked_until: until.toISOString() }).where('email', '=', email).execute();
  return { failures, lockedUntil: until };
}

/** A successful sign-in or an administrator's unlock: the count starts again. */
export async function clearAccountFailures(db: Db, email: string): Promise<boolean> {
  const result = await db.deleteFrom('account_lockout').where('email', '=', email).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
