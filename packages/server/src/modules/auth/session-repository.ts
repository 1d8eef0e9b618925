import type { Kysely } from 'kysely';
import type { DB, SessionTable } from '../../db/schema.js';
import { toCount } from '../../db/dialect.js';

type Db = Kysely<DB>;

export async function insertSession(db: Db, row: SessionTable) {
  await db.insertInto('session').values(row).execute();
}

export function findSession(db: Db, id: string) {
  return db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The session and, in the same round trip, the stored session policy (JSON text, or null when none is set). */
export function findSessionWithPolicy(db: Db, id: string, policyKey: string) {
  return db
    .selectFrom('session')
    .leftJoin('setting', (join) => join.on('setting.key', '=', policyKey))
    .selectAll('session')
    .select('setting.value as policy')
    .where('session.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string) {
  await db.updateTable('session').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string) {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string) {
  await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string) {
  await db.deleteFrom('session').where('expires_at', '<', now).execute();
}

export function findApiToken(db: Db, tokenHash: string) {
  return db.selectFrom('api_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function recordLoginFailure(db: Db, email: string, clientAddress: string, at: string) {
  await db.insertInto('login_failure').values({ email, client_address: clientAddress, at }).execute();
}

export async function countLoginFailures(db: Db, column: 'email' | 'client_address', value: string, since: string) {
  const row = await db
    .selectFrom('login_failure')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(column, '=', value)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

export async function clearLoginFailures(db: Db, email: string) {
  await db.deleteFrom('login_failure').where('email', '=', email).execute();
}

export async function pruneLoginFailures(db: Db, before: string) {
  await db.deleteFrom('login_failure').where('at', '<', before).execute();
}

export function listSessionsOfUser(db: Db, userId: string) {
  return db.selectFrom('session').selectAll().where('user_id', '=', userId).orderBy('last_seen_at', 'desc').orderBy('id').execute();
}

/** Deletes one session if it is still there; true when this call ended it (concurrent callers: only one gets true). */
export async function deleteSessionIfPresent(db: Db, id: string, userId?: string): Promise<boolean> {
  let query = db.deleteFrom('session').where('id', '=', id);
  if (userId) query = query.where('user_id', '=', userId);
  return Number((await query.executeTakeFirst()).numDeletedRows) > 0;
}

/** Ends every session of the user but `keepId`; returns how many ended. */
export async function deleteSessionsOfUserExcept(db: Db, userId: string, keepId: string | null): Promise<number> {
  let query = db.deleteFrom('session').where('user_id', '=', userId);
  if (keepId) query = query.where('id', '!=', keepId);
  return Number((await query.executeTakeFirst()).numDeletedRows);
}

/** Sessions past their idle or absolute timeout, with their user for the audit event (at most `limit`). */
export function findEndedSessions(db: Db, cutoffs: { idleBefore: string; createdBefore: string }, limit: number) {
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select(['session.id', 'session.user_id', 'session.created_at', 'session.last_seen_at', 'session.client_address', 'app_user.email', 'app_user.display_name', 'app_user.clearance'])
    .where((eb) => eb.or([eb('session.last_seen_at', '<', cutoffs.idleBefore), eb('session.created_at', '<', cutoffs.createdBefore)]))
    .orderBy('session.last_seen_at')
    .limit(limit)
    .execute();
}
