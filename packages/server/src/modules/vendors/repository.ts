import type { Kysely } from 'kysely';
import type { DB, SupplierChecklistTable, SupplierDocumentTable, VendorAssessmentTable, VendorTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { Actor } from '../../access/actor.js';
import { visibleSystemRecord } from '../../access/clearance.js';

type Db = Kysely<DB>;

// ---- vendors -----------------------------------------------------------------------------------------------------

export function findVendor(db: Db, id: string) {
  return db.selectFrom('vendor').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the vendor row on PostgreSQL (SQLite serialises writers anyway). */
export function findVendorForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('vendor').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

export function findVendorByKey(db: Db, nameKey: string) {
  return db.selectFrom('vendor').selectAll().where('name_key', '=', nameKey).executeTakeFirst();
}

/** Every vendor, by name (the organisation's suppliers are a few hundred at most). */
export function listVendors(db: Db) {
  return db.selectFrom('vendor').selectAll().orderBy('name_key').orderBy('id').execute();
}

export async function insertVendor(db: Db, row: VendorTable) {
  await db.insertInto('vendor').values(row).execute();
}

/** Inserts unless a vendor of the same name key exists; true when this call inserted it. */
export async function insertVendorIfAbsent(db: Db, row: VendorTable): Promise<boolean> {
  const result = await db.insertInto('vendor').values(row).onConflict((oc) => oc.column('name_key').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Optimistic locking: changes the vendor only if it is still at `expectedVersion`. */
export async function updateVendor(db: Db, id: string, expectedVersion: number, values: Partial<VendorTable>) {
  const result = await db.updateTable('vendor').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- linked systems ------------------------------------------------------------------------------------------------

/** Systems linked to the vendors, leaving out systems above the reader's clearance. */
export function systemsOfVendors(db: Db, vendorIds: readonly string[], viewer: Pick<Actor, 'clearance'>) {
  if (vendorIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ai_system')
    .select(['id', 'name', 'org_unit_id', 'sourcing', 'roles', 'risk_class', 'archived_at', 'vendor_id'])
    .where('vendor_id', 'in', [...vendorIds])
    .where(visibleSystemRecord(viewer, 'ai_system.id'))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Full rows of the systems linked to a vendor (to rewrite their denormalised vendor name). */
export function systemRowsOfVendor(db: Db, vendorId: string) {
  return db.selectFrom('ai_system').selectAll().where('vendor_id', '=', vendorId).execute();
}

// ---- supplier documents ------------------------------------------------------------------------------------------

export function findChecklist(db: Db, systemId: string) {
  return db.selectFrom('supplier_checklist').selectAll().where('system_id', '=', systemId).executeTakeFirst();
}

export async function saveChecklist(db: Db, row: SupplierChecklistTable, expectedVersion: number): Promise<boolean> {
  if (expectedVersion === 0) {
    const result = await db.insertInto('supplier_checklist').values(row).onConflict((oc) => oc.column('system_id').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const { system_id: _id, ...values } = row;
  const result = await db.updateTable('supplier_checklist').set(values).where('system_id', '=', row.system_id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function documentsOf(db: Db, systemIds: readonly string[]) {
  if (systemIds.length === 0) return Promise.resolve([] as SupplierDocumentTable[]);
  return db.selectFrom('supplier_document').selectAll().where('system_id', 'in', [...systemIds]).execute();
}

export async function upsertDocument(db: Db, row: SupplierDocumentTable) {
  const { system_id: _s, kind: _k, ...values } = row;
  await db.insertInto('supplier_document').values(row).onConflict((oc) => oc.columns(['system_id', 'kind']).doUpdateSet(values)).execute();
}

/** The system's evidence, or evidence linked to it. */
export async function evidenceUsableBy(db: Db, evidenceId: string, systemId: string): Promise<boolean> {
  const own = await db.selectFrom('evidence').select('id').where('id', '=', evidenceId).where('system_id', '=', systemId).executeTakeFirst();
  if (own) return true;
  const linked = await db.selectFrom('evidence_link').select('id').where('evidence_id', '=', evidenceId).where('system_id', '=', systemId).executeTakeFirst();
  return linked !== undefined;
}

// ---- assessments -------------------------------------------------------------------------------------------------

export function findAssessment(db: Db, vendorId: string, id: string) {
  return db.selectFrom('vendor_assessment').selectAll().where('id', '=', id).where('vendor_id', '=', vendorId).executeTakeFirst();
}

export function findAssessmentForUpdate(db: Db, dialect: DialectName, vendorId: string, id: string) {
  return db
    .selectFrom('vendor_assessment')
    .selectAll()
    .where('id', '=', id)
    .where('vendor_id', '=', vendorId)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

/** A vendor's assessments, newest first. */
export function assessmentsOf(db: Db, vendorId: string) {
  return db.selectFrom('vendor_assessment').selectAll().where('vendor_id', '=', vendorId).orderBy('assessed_on', 'desc').orderBy('created_at', 'desc').execute();
}

/** The latest assessment of each vendor (by date, then by creation). */
export async function latestAssessments(db: Db, vendorIds: readonly string[]): Promise<Map<string, VendorAssessmentTable>> {
  const latest = new Map<string, VendorAssessmentTable>();
  if (vendorIds.length === 0) return latest;
  const rows = await db
    .selectFrom('vendor_assessment')
    .selectAll()
    .where('vendor_id', 'in', [...vendorIds])
    .orderBy('assessed_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  for (const row of rows) if (!latest.has(row.vendor_id)) latest.set(row.vendor_id, row);
  return latest;
}

export async function insertAssessment(db: Db, row: VendorAssessmentTable) {
  await db.insertInto('vendor_assessment').values(row).execute();
}

export async function updateAssessment(db: Db, id: string, expectedVersion: number, values: Partial<VendorAssessmentTable>) {
  const result = await db.updateTable('vendor_assessment').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
