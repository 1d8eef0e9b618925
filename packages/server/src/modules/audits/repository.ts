import type { Kysely } from 'kysely';
import { findingStatus, type AuditScope, type FindingStatus } from '@konform/core';
import type { AuditTable, DB } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { UnitScope } from '../../access/scope.js';

type Db = Kysely<DB>;

export function findAudit(db: Db, id: string) {
  return db.selectFrom('audit').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row on PostgreSQL (SQLite serialises writers anyway). */
export function findAuditForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('audit').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

/** Optimistic locking: changes the row only if it is still at `expectedVersion`. */
export async function updateAudit(db: Db, id: string, expectedVersion: number, values: Partial<AuditTable>) {
  const result = await db.updateTable('audit').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function parseScope(row: Pick<AuditTable, 'scope'>): AuditScope {
  return JSON.parse(row.scope) as AuditScope;
}

/** The systems an audit looks at: those named, and the active systems of the units named and their sub-units. */
export async function scopeSystems(db: Db, scope: AuditScope) {
  const named = scope.systemIds.length === 0 ? [] : await db.selectFrom('ai_system').selectAll().where('id', 'in', scope.systemIds).execute();
  let ofUnits: typeof named = [];
  if (scope.orgUnitIds.length > 0) {
    const tree = await db.selectFrom('org_unit').select(['id', 'parent_id']).execute();
    const units = new Set(scope.orgUnitIds);
    for (let grew = true; grew;) {
      grew = false;
      for (const u of tree) if (u.parent_id !== null && units.has(u.parent_id) && !units.has(u.id)) { units.add(u.id); grew = true; }
    }
    ofUnits = await db.selectFrom('ai_system').selectAll().where('org_unit_id', 'in', [...units]).where('archived_at', 'is', null).execute();
  }
  const seen = new Set<string>();
  return [...named, ...ofUnits]
    .filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)))
    .sort((a, b) => a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id));
}

export interface FindingRow {
  id: string;
  audit_id: string;
  title: string;
  system_id: string | null;
  requirement_keys: string;
  acceptance: string | null;
  nonconformity_id: string | null;
  nonconformity_status: string | null;
}

/** The findings of the given audits with the status of their non-conformity. */
export function findingRows(db: Db, auditIds: readonly string[]): Promise<FindingRow[]> {
  if (auditIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('audit_finding as f')
    .leftJoin('nonconformity as n', 'n.id', 'f.nonconformity_id')
    .select(['f.id', 'f.audit_id', 'f.title', 'f.system_id', 'f.requirement_keys', 'f.acceptance', 'f.nonconformity_id', 'n.status as nonconformity_status'])
    .where('f.audit_id', 'in', [...auditIds])
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}

export function statusOf(row: Pick<FindingRow, 'acceptance' | 'nonconformity_status'>): FindingStatus {
  return findingStatus(row.acceptance !== null, row.nonconformity_status);
}

/** Findings still open in audits of the units in reach (cancelled audits do not count). */
export async function openFindingsIn(db: Db, reach: UnitScope): Promise<(FindingRow & { audit_title: string })[]> {
  if (reach !== 'all' && reach.size === 0) return [];
  let q = db
    .selectFrom('audit_finding as f')
    .innerJoin('audit as a', 'a.id', 'f.audit_id')
    .leftJoin('nonconformity as n', 'n.id', 'f.nonconformity_id')
    .select(['f.id', 'f.audit_id', 'f.title', 'f.system_id', 'f.requirement_keys', 'f.acceptance', 'f.nonconformity_id', 'n.status as nonconformity_status', 'a.title as audit_title'])
    .where('a.status', '!=', 'cancelled')
    .where('f.acceptance', 'is', null);
  if (reach !== 'all') q = q.where('a.org_unit_id', 'in', [...reach]);
  const rows = await q.execute();
  return rows.filter((r) => statusOf(r) === 'open');
}

export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
