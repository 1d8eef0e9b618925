import type { Kysely } from 'kysely';
import type { TestItemType } from '@konform/core';
import type { CustodyEventTable, DB, DatasetVersionTable, ModelVersionTable, SystemItemLinkTable, SystemItemSetTable, TestItemTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import type { DialectName } from '../../db/dialect.js';

type Db = Kysely<DB>;

/**
 * Models and datasets share their shape, so one set of queries serves both: `table(type)` is `model` or `dataset`,
 * `versionTable(type)` is `model_version` or `dataset_version` (which adds the datasheet column). The casts only
 * tell Kysely that both tables have the columns used here.
 */
const table = (type: TestItemType) => type as 'model';
const versionTable = (type: TestItemType) => `${type}_version` as 'model_version';

/** A version row; dataset versions carry their datasheet too. */
export type VersionRow = ModelVersionTable & { datasheet?: string };

// ---- items ---------------------------------------------------------------------------------------------------------

export function findItem(db: Db, type: TestItemType, id: string) {
  return db.selectFrom(table(type)).selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row on PostgreSQL (SQLite serialises writers anyway). */
export function findItemForUpdate(db: Db, dialect: DialectName, type: TestItemType, id: string) {
  return db.selectFrom(table(type)).selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

/** Items of the units in scope, by name. */
export function listItems(db: Db, type: TestItemType, scope: UnitScope, orgUnitId?: string) {
  if (scope !== 'all' && scope.size === 0) return Promise.resolve([] as TestItemTable[]);
  let q = db.selectFrom(table(type)).selectAll();
  if (scope !== 'all') q = q.where('org_unit_id', 'in', [...scope]);
  if (orgUnitId) q = q.where('org_unit_id', '=', orgUnitId);
  return q.orderBy('name').orderBy('id').execute();
}

export async function insertItem(db: Db, type: TestItemType, row: TestItemTable) {
  await db.insertInto(table(type)).values(row).execute();
}

/** Optimistic locking: changes the item only if it is still at `expectedVersion`. */
export async function updateItem(db: Db, type: TestItemType, id: string, expectedVersion: number, values: Partial<TestItemTable>) {
  const result = await db.updateTable(table(type)).set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- versions ------------------------------------------------------------------------------------------------------

/** The versions of the given items, newest receipt first. */
export function versionsOf(db: Db, type: TestItemType, itemIds: readonly string[]): Promise<VersionRow[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom(versionTable(type))
    .selectAll()
    .where('item_id', 'in', [...itemIds])
    .orderBy('received_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export function findVersion(db: Db, type: TestItemType, itemId: string, versionId: string): Promise<VersionRow | undefined> {
  return db.selectFrom(versionTable(type)).selectAll().where('id', '=', versionId).where('item_id', '=', itemId).executeTakeFirst();
}

export function findVersionForUpdate(db: Db, dialect: DialectName, type: TestItemType, itemId: string, versionId: string): Promise<VersionRow | undefined> {
  return db
    .selectFrom(versionTable(type))
    .selectAll()
    .where('id', '=', versionId)
    .where('item_id', '=', itemId)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

/** Versions by id (with their item's name and unit), for the links of a system. */
export function versionsWithItems(db: Db, type: TestItemType, versionIds: readonly string[]) {
  if (versionIds.length === 0) return Promise.resolve([]);
  const v = versionTable(type);
  const i = table(type);
  return db
    .selectFrom(v)
    .innerJoin(i, `${i}.id`, `${v}.item_id`)
    .select([`${v}.id as id`, `${v}.item_id as item_id`, `${v}.label as label`, `${v}.manifest_digest as manifest_digest`, `${i}.name as item_name`, `${i}.org_unit_id as org_unit_id`])
    .where(`${v}.id`, 'in', [...versionIds])
    .execute();
}

export function versionByLabel(db: Db, type: TestItemType, itemId: string, label: string) {
  return db.selectFrom(versionTable(type)).select('id').where('item_id', '=', itemId).where('label', '=', label).executeTakeFirst();
}

export function versionByDigest(db: Db, type: TestItemType, itemId: string, digest: string) {
  return db.selectFrom(versionTable(type)).select(['id', 'label']).where('item_id', '=', itemId).where('manifest_digest', '=', digest).executeTakeFirst();
}

export async function insertModelVersion(db: Db, row: ModelVersionTable) {
  await db.insertInto('model_version').values(row).execute();
}

export async function insertDatasetVersion(db: Db, row: DatasetVersionTable) {
  await db.insertInto('dataset_version').values(row).execute();
}

export async function updateVersion(db: Db, type: TestItemType, id: string, expectedVersion: number, values: Partial<Pick<ModelVersionTable, 'notes' | 'custody_state' | 'version' | 'updated_at'>>) {
  const result = await db.updateTable(versionTable(type)).set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- chain of custody --------------------------------------------------------------------------------------------------

export function custodyOf(db: Db, versionId: string) {
  return db.selectFrom('custody_event').selectAll().where('version_id', '=', versionId).orderBy('seq').execute();
}

export async function insertCustody(db: Db, row: CustodyEventTable) {
  await db.insertInto('custody_event').values(row).execute();
}

// ---- systems ---------------------------------------------------------------------------------------------------------

export function itemSet(db: Db, systemId: string) {
  return db.selectFrom('system_item_set').selectAll().where('system_id', '=', systemId).executeTakeFirst();
}

export function linksOf(db: Db, systemId: string) {
  return db.selectFrom('system_item_link').selectAll().where('system_id', '=', systemId).orderBy('position').execute();
}

/** Replaces a system's links if its list is still at `expectedVersion` (0: none recorded yet). */
export async function saveLinks(db: Db, header: SystemItemSetTable, expectedVersion: number, links: readonly SystemItemLinkTable[]): Promise<boolean> {
  if (expectedVersion === 0) {
    const result = await db.insertInto('system_item_set').values(header).onConflict((oc) => oc.column('system_id').doNothing()).executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  } else {
    const { system_id: _id, ...values } = header;
    const result = await db.updateTable('system_item_set').set(values).where('system_id', '=', header.system_id).where('version', '=', expectedVersion).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
  }
  await db.deleteFrom('system_item_link').where('system_id', '=', header.system_id).execute();
  if (links.length > 0) await db.insertInto('system_item_link').values([...links]).execute();
  return true;
}

/** The systems that use any of the given versions, with their names and units. */
export function usageOf(db: Db, type: TestItemType, versionIds: readonly string[]) {
  if (versionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('system_item_link')
    .innerJoin('ai_system', 'ai_system.id', 'system_item_link.system_id')
    .select(['system_item_link.version_id', 'system_item_link.role', 'ai_system.id as system_id', 'ai_system.name as system_name', 'ai_system.org_unit_id'])
    .where('system_item_link.item_type', '=', type)
    .where('system_item_link.version_id', 'in', [...versionIds])
    .orderBy('ai_system.name')
    .execute();
}
