import type { Kysely } from 'kysely';
import type { Role } from '@konform/core';
import type { DB, SessionTable } from '../../db/schema.js';
import { toCount } from '../../db/dialect.js';

type Db = Kysely<DB>;

export async function insertSession(db: Db, row: SessionTable) {
  await db.insertInto('session').values(row).execute();
}

export function findSession(db: Db, id: string) {
  return db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * What every request with a session needs, in one round trip: the session, the identity of its user (null columns
 * when the user row is gone), the user's role assignments, and the stored session and TOTP policies (JSON text, or
 * null when none is set). One row per role assignment (one row with null role columns for a user without roles),
 * ordered by unit and role as `rolesOf` orders them; undefined when there is no such session.
 */
export async function findSessionContext(db: Db, id: string, keys: { sessionPolicy: string; mfaPolicy: string }) {
  const rows = await db
    .selectFrom('session')
    .leftJoin('app_user', 'app_user.id', 'session.user_id')
    .leftJoin('role_assignment', 'role_assignment.user_id', 'session.user_id')
    .leftJoin('setting as session_policy', (join) => join.on('session_policy.key', '=', keys.sessionPolicy))
    .leftJoin('setting as mfa_policy', (join) => join.on('mfa_policy.key', '=', keys.mfaPolicy))
    .selectAll('session')
    .select([
      'app_user.email as user_email', 'app_user.display_name as user_display_name', 'app_user.password_hash as user_password_hash',
      'app_user.active as user_active', 'app_user.clearance as user_clearance', 'session_policy.value as policy', 'mfa_policy.value as mfa_policy',
      'role_assignment.org_unit_id as role_unit', 'role_assignment.role as role',
    ])
    .where('session.id', '=', id)
    .orderBy('role_assignment.org_unit_id')
    .orderBy('role_assignment.role')
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  const { role_unit: _unit, role: _role, ...session } = first;
  const roles = rows.flatMap((r) => (r.role_unit !== null && r.role !== null ? [{ orgUnitId: r.role_unit, role: r.role as Role }] : []));
  return { ...session, roles };
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
