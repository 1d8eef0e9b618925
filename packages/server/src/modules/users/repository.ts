import type { Kysely } from 'kysely';
import type { Marking, Role, User } from '@konform/core';
import type { DB, AppUserTable } from '../../db/schema.js';
import { sql } from 'kysely';
import { containsText, toCount } from '../../db/dialect.js';

type Db = Kysely<DB>;

export function findUserById(db: Db, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function rolesOf(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return new Map<string, { orgUnitId: string; role: Role }[]>();
  const rows = await db
    .selectFrom('role_assignment')
    .select(['user_id', 'org_unit_id', 'role'])
    .where('user_id', 'in', userIds)
    .orderBy('org_unit_id')
    .orderBy('role')
    .execute();
  const byUser = new Map<string, { orgUnitId: string; role: Role }[]>();
  for (const r of rows) {
    const list = byUser.get(r.user_id) ?? [];
    list.push({ orgUnitId: r.org_unit_id, role: r.role as Role });
    byUser.set(r.user_id, list);
  }
  return byUser;
}

export async function listUsers(db: Db, q: string | undefined, limit: number, offset: number) {
  let query = db.selectFrom('app_user');
  if (q) {
    query = query.where((eb) => eb.or([containsText(sql.ref('email'), q), containsText(sql`lower(display_name)`, q)]));
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('display_name').orderBy('id').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(count.n) };
}

export async function insertUser(db: Db, row: AppUserTable) {
  await db.insertInto('app_user').values(row).execute();
}

export async function updateUserRow(db: Db, id: string, expectedVersion: number, values: Partial<AppUserTable>) {
  const result = await db
    .updateTable('app_user')
    .set(values)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceRoles(db: Db, userId: string, roles: readonly { orgUnitId: string; role: Role }[]) {
  await db.deleteFrom('role_assignment').where('user_id', '=', userId).execute();
  const unique = [...new Map(roles.map((r) => [`${r.orgUnitId}|${r.role}`, r])).values()];
  if (unique.length > 0) {
    await db
      .insertInto('role_assignment')
      .values(unique.map((r) => ({ user_id: userId, org_unit_id: r.orgUnitId, role: r.role })))
      .execute();
  }
}

export function presentUser(row: AppUserTable, roles: { orgUnitId: string; role: Role }[]): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale === 'en' ? 'en' : 'de',
    active: row.active === 1,
    roles,
    clearance: clearanceOf(row),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

/** A user's clearance for classified records; anything but a known level reads as `offen` (fail closed). */
export function clearanceOf(row: Pick<AppUserTable, 'clearance'>): Marking {
  return row.clearance === 'VS-NfD' ? 'VS-NfD' : 'offen';
}
