import type { Kysely } from 'kysely';
import type { DB, SsoConfigTable, SsoLoginStateTable } from '../../db/schema.js';

type Db = Kysely<DB>;

export const CONFIG_ID = 'default';

export function findConfig(db: Db) {
  return db.selectFrom('sso_config').selectAll().where('id', '=', CONFIG_ID).executeTakeFirst();
}

export async function saveConfig(db: Db, row: SsoConfigTable, expectedVersion: number): Promise<boolean> {
  if (expectedVersion === 0) {
    const existing = await findConfig(db);
    if (existing) return false;
    await db.insertInto('sso_config').values(row).execute();
    return true;
  }
  const { id: _id, ...values } = row;
  const result = await db.updateTable('sso_config').set(values).where('id', '=', CONFIG_ID).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertLoginState(db: Db, row: SsoLoginStateTable) {
  await db.insertInto('sso_login_state').values(row).execute();
}

/** Takes a pending authorization request out of the table: each state is used at most once, even under concurrency. */
export async function takeLoginState(db: Db, id: string): Promise<SsoLoginStateTable | undefined> {
  const row = await db.selectFrom('sso_login_state').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db.deleteFrom('sso_login_state').where('id', '=', id).executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1 ? row : undefined;
}

export async function pruneLoginStates(db: Db, now: string) {
  await db.deleteFrom('sso_login_state').where('expires_at', '<', now).execute();
}

export function findUserBySubject(db: Db, issuer: string, subject: string) {
  return db.selectFrom('app_user').selectAll().where('sso_issuer', '=', issuer).where('sso_subject', '=', subject).executeTakeFirst();
}

export async function existingUnitIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('org_unit').select('id').where('id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

export async function setSessionReauth(db: Db, sessionId: string, at: string | null) {
  await db.updateTable('session').set({ reauth_at: at }).where('id', '=', sessionId).execute();
}

/** Clears the session's re-authentication if it is at least as recent as `since`; true when one was consumed. */
export async function consumeSessionReauth(db: Db, sessionId: string, since: string): Promise<boolean> {
  const result = await db.updateTable('session').set({ reauth_at: null }).where('id', '=', sessionId).where('reauth_at', '>=', since).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
