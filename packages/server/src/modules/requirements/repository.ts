import { sql, type Kysely } from 'kysely';
import type { DB, RequirementRowTable, SystemMeasureTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import type { Database } from '../../db/database.js';

type Db = Kysely<DB>;

/**
 * A system's stored rows (up to one per requirement of every catalogue, 500 and more), read aside: on SQLite the
 * reader thread steps through them and the event loop only receives the result.
 */
export function findRows(database: Database, systemId: string) {
  return database.readAside(database.db.selectFrom('requirement_row').selectAll().where('system_id', '=', systemId));
}

export function findRow(db: Db, systemId: string, key: string) {
  return db.selectFrom('requirement_row').selectAll().where('system_id', '=', systemId).where('requirement_key', '=', key).executeTakeFirst();
}

export async function insertRow(db: Db, row: RequirementRowTable) {
  await db.insertInto('requirement_row').values(row).execute();
}

/** Optimistic locking: the row changes only if nobody changed it since `expectedVersion`. */
export async function updateRow(db: Db, systemId: string, key: string, expectedVersion: number, values: Partial<RequirementRowTable>) {
  const result = await db
    .updateTable('requirement_row')
    .set(values)
    .where('system_id', '=', systemId)
    .where('requirement_key', '=', key)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listSystemMeasures(db: Db, systemId: string) {
  return db.selectFrom('system_measure').selectAll().where('system_id', '=', systemId).orderBy('created_at').orderBy('measure_id').execute();
}

export function findSystemMeasure(db: Db, systemId: string, measureId: string) {
  return db.selectFrom('system_measure').selectAll().where('system_id', '=', systemId).where('measure_id', '=', measureId).executeTakeFirst();
}

export async function insertSystemMeasure(db: Db, row: SystemMeasureTable) {
  await db.insertInto('system_measure').values(row).execute();
}

export async function updateSystemMeasure(db: Db, systemId: string, measureId: string, values: Partial<SystemMeasureTable>) {
  await db.updateTable('system_measure').set(values).where('system_id', '=', systemId).where('measure_id', '=', measureId).execute();
}

export async function deleteSystemMeasure(db: Db, systemId: string, measureId: string) {
  await db.deleteFrom('system_measure').where('system_id', '=', systemId).where('measure_id', '=', measureId).execute();
}

export interface EvidenceLinkRow {
  evidence_id: string;
  requirement_key: string | null;
  measure_id: string | null;
  /** The evidence's classification level and that of the system it belongs to (need-to-know). */
  classification?: string;
  owner_classification?: string;
}

/** Evidence linked to one system's requirement rows or measures (evidence_link is typed by the evidence module). */
export async function evidenceLinks(db: Db, systemId: string): Promise<EvidenceLinkRow[]> {
  const result = await sql<EvidenceLinkRow>`
    select l.evidence_id, l.requirement_key, l.measure_id, e.classification, o.classification as owner_classification
    from evidence_link l join evidence e on e.id = l.evidence_id join ai_system o on o.id = e.system_id
    where l.system_id = ${systemId}`.execute(db);
  return result.rows;
}

/**
 * Systems (not archived) in a unit scope, for the organisation-wide statement of applicability; `levels` narrows to
 * the classification levels the reader is cleared for (null: all).
 */
export function listSystemsInScope(db: Db, scope: UnitScope, levels: readonly string[] | null = null) {
  let q = db.selectFrom('ai_system').selectAll().where('archived_at', 'is', null);
  if (levels) q = q.where('classification', 'in', [...levels]);
  if (scope !== 'all') {
    if (scope.size === 0) return Promise.resolve([]);
    q = q.where('org_unit_id', 'in', [...scope]);
  }
  return q.orderBy('id').execute();
}

/** Every classification revision of the systems in a unit scope, newest first per system. */
export function revisionsInScope(db: Db, scope: UnitScope) {
  let q = db
    .selectFrom('classification_revision as r')
    .innerJoin('ai_system as s', 's.id', 'r.system_id')
    .select(['r.id', 'r.system_id', 'r.number', 'r.facts', 'r.result', 'r.approval_signature_id'])
    .where('s.archived_at', 'is', null);
  if (scope !== 'all') {
    if (scope.size === 0) return Promise.resolve([]);
    q = q.where('s.org_unit_id', 'in', [...scope]);
  }
  return q.orderBy('r.system_id').orderBy('r.number', 'desc').execute();
}

/** Stored rows of one catalogue (keys `catalogId:…`) for the systems in a unit scope. */
export function catalogRowsInScope(db: Db, scope: UnitScope, catalogId: string) {
  let q = db
    .selectFrom('requirement_row as rr')
    .innerJoin('ai_system as s', 's.id', 'rr.system_id')
    .selectAll('rr')
    .where('s.archived_at', 'is', null)
    .where(sql<boolean>`rr.requirement_key like ${`${catalogId.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`} escape '\\'`);
  if (scope !== 'all') {
    if (scope.size === 0) return Promise.resolve([]);
    q = q.where('s.org_unit_id', 'in', [...scope]);
  }
  return q.execute();
}

export function systemMeasuresInScope(db: Db, scope: UnitScope) {
  let q = db.selectFrom('system_measure as m').innerJoin('ai_system as s', 's.id', 'm.system_id').selectAll('m').where('s.archived_at', 'is', null);
  if (scope !== 'all') {
    if (scope.size === 0) return Promise.resolve([]);
    q = q.where('s.org_unit_id', 'in', [...scope]);
  }
  return q.execute();
}

/** Stored rows of every system (archived ones too) in a unit scope. */
export function rowsInScope(db: Db, scope: UnitScope) {
  let q = db.selectFrom('requirement_row as rr').innerJoin('ai_system as s', 's.id', 'rr.system_id').selectAll('rr');
  if (scope !== 'all') {
    if (scope.size === 0) return Promise.resolve([]);
    q = q.where('s.org_unit_id', 'in', [...scope]);
  }
  return q.execute();
}

/** Evidence links to requirement rows of the systems in a unit scope. */
export async function requirementLinksInScope(db: Db, scope: UnitScope): Promise<{ system_id: string; requirement_key: string; evidence_id: string }[]> {
  if (scope !== 'all' && scope.size === 0) return [];
  const units = scope === 'all' ? null : [...scope];
  const result = await sql<{ system_id: string; requirement_key: string; evidence_id: string }>`
    select l.system_id, l.requirement_key, l.evidence_id from evidence_link l join ai_system s on s.id = l.system_id
    where l.requirement_key is not null ${units ? sql`and s.org_unit_id in (${sql.join(units)})` : sql``}`.execute(db);
  return result.rows;
}

/** Every evidence link (to rows and to measures) of the systems in a unit scope. */
export async function evidenceLinksInScope(db: Db, scope: UnitScope): Promise<(EvidenceLinkRow & { system_id: string })[]> {
  if (scope !== 'all' && scope.size === 0) return [];
  const units = scope === 'all' ? null : [...scope];
  const result = await sql<EvidenceLinkRow & { system_id: string }>`
    select l.system_id, l.evidence_id, l.requirement_key, l.measure_id, e.classification, o.classification as owner_classification
    from evidence_link l join ai_system s on s.id = l.system_id join evidence e on e.id = l.evidence_id join ai_system o on o.id = e.system_id
    ${units ? sql`where s.org_unit_id in (${sql.join(units)})` : sql``}`.execute(db);
  return result.rows;
}
