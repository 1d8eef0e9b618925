import { sql, type Kysely } from 'kysely';
import type { DB, RequirementRowTable, SystemMeasureTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';

type Db = Kysely<DB>;

export function findRows(db: Db, systemId: string) {
  return db.selectFrom('requirement_row').selectAll().where('system_id', '=', systemId).execute();
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
}

/** Whether the evidence store's link table exists (it arrives with the evidence migration). */
export async function hasEvidenceLinkTable(db: Db): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === 'evidence_link');
}

/** Evidence linked to one system's requirement rows or measures (evidence_link is typed by the evidence module). */
export async function evidenceLinks(db: Db, systemId: string): Promise<EvidenceLinkRow[]> {
  const result = await sql<EvidenceLinkRow>`select evidence_id, requirement_key, measure_id from evidence_link where system_id = ${systemId}`.execute(db);
  return result.rows;
}

/** Systems (not archived) in a unit scope, for the organisation-wide statement of applicability. */
export function listSystemsInScope(db: Db, scope: UnitScope) {
  let q = db.selectFrom('ai_system').selectAll().where('archived_at', 'is', null);
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
