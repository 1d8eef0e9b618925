import type { Kysely } from 'kysely';
import type { Assignment, Role } from '@konform/core';
import type { DB, NonconformityTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import type { Actor } from '../../access/actor.js';
import { visibleSystemRecord } from '../../access/clearance.js';
import type { DialectName } from '../../db/dialect.js';

type Db = Kysely<DB>;

export function findNonconformity(db: Db, id: string) {
  return db.selectFrom('nonconformity').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row on PostgreSQL (SQLite serialises writers anyway). */
export function findNonconformityForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('nonconformity').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

export interface NonconformityFilter {
  systemId?: string | undefined;
  status?: string | undefined;
  severity?: string | undefined;
  source?: string | undefined;
  /** Only rows whose actions name this user as owner (the caller still checks that such an action is open). */
  actionOwnerId?: string | undefined;
  /** An API token limited to AI systems: non-conformities of those systems (and organisation-wide ones, narrowed by unit). */
  tokenSystemIds?: readonly string[] | null | undefined;
  /** Who reads: non-conformities of systems above the reader's clearance are left out. */
  viewer: Pick<Actor, 'clearance'>;
}

/**
 * JSON.stringify writes `"ownerId":"<id>"` without spaces, so a LIKE narrows the rows before the exact check. User ids
 * are UUIDs (hex digits and hyphens), which hold no LIKE wildcard on either engine.
 */
export function ownerIdPattern(userId: string): string {
  return `%"ownerId":"${userId}"%`;
}

/** Non-conformities of the units in scope with the name of their AI system, newest first. */
export function listNonconformitiesInScope(db: Db, scope: UnitScope, filter: NonconformityFilter) {
  let q = db
    .selectFrom('nonconformity')
    .leftJoin('ai_system', 'ai_system.id', 'nonconformity.system_id')
    .selectAll('nonconformity')
    .select('ai_system.name as system_name');
  if (scope !== 'all') {
    if (scope.size === 0) return Promise.resolve([]);
    q = q.where('nonconformity.org_unit_id', 'in', [...scope]);
  }
  if (filter.tokenSystemIds) {
    const ids = [...filter.tokenSystemIds];
    q = q.where((eb) => (ids.length === 0 ? eb('nonconformity.system_id', 'is', null) : eb.or([eb('nonconformity.system_id', 'is', null), eb('nonconformity.system_id', 'in', ids)])));
  }
  q = q.where(visibleSystemRecord(filter.viewer, 'nonconformity.system_id'));
  if (filter.systemId) q = q.where('nonconformity.system_id', '=', filter.systemId);
  if (filter.status) q = q.where('nonconformity.status', '=', filter.status);
  if (filter.severity) q = q.where('nonconformity.severity', '=', filter.severity);
  if (filter.source) q = q.where('nonconformity.source', '=', filter.source);
  if (filter.actionOwnerId) q = q.where((eb) => eb('nonconformity.actions', 'like', ownerIdPattern(filter.actionOwnerId!)));
  return q.orderBy('nonconformity.created_at', 'desc').orderBy('nonconformity.id').execute();
}

export function findSystemName(db: Db, systemId: string | null) {
  if (systemId === null) return Promise.resolve(undefined);
  return db.selectFrom('ai_system').select('name').where('id', '=', systemId).executeTakeFirst();
}

export async function insertNonconformity(db: Db, row: NonconformityTable) {
  await db.insertInto('nonconformity').values(row).execute();
}

/** Optimistic locking: changes the row only if it is still at `expectedVersion`. */
export async function updateNonconformity(db: Db, id: string, expectedVersion: number, values: Partial<NonconformityTable>) {
  const result = await db.updateTable('nonconformity').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface UserWithRoles {
  id: string;
  displayName: string;
  active: boolean;
  assignments: Assignment[];
}

/** Users with their role assignments: the given ids, or (without ids) every active user. */
export async function usersWithRoles(db: Db, ids?: readonly string[]): Promise<UserWithRoles[]> {
  if (ids !== undefined && ids.length === 0) return [];
  let users = db.selectFrom('app_user').select(['id', 'display_name', 'active']);
  users = ids === undefined ? users.where('active', '=', 1) : users.where('id', 'in', [...ids]);
  const rows = await users.orderBy('display_name').orderBy('id').execute();
  if (rows.length === 0) return [];
  const assignments = await db.selectFrom('role_assignment').select(['user_id', 'org_unit_id', 'role']).where('user_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    active: Number(r.active) === 1,
    assignments: assignments.filter((a) => a.user_id === r.id).map((a) => ({ orgUnitId: a.org_unit_id, role: a.role as Role })),
  }));
}

export function unitTree(db: Db) {
  return db.selectFrom('org_unit').select(['id', 'parent_id as parentId']).execute();
}
