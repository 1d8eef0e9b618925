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
