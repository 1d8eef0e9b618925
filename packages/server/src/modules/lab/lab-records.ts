import type { Kysely } from 'kysely';
import { diffRecords, expandUnitScope, type ListPage } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, type UnitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { forbidden, invalid, notFound, versionConflict } from '../../http/errors.js';

type Db = Kysely<DB>;

/**
 * Methods and environments are both records of a unit with a name and an optimistic-locking version, so one set of
 * queries and one change flow serve both. The casts only tell Kysely that both tables have the columns used here.
 */
export type LabRecordTable = 'lab_method' | 'lab_environment';
type Row<T extends LabRecordTable> = DB[T];
const table = (name: LabRecordTable) => name as 'lab_method';

// ---- queries -------------------------------------------------------------------------------------------------------

export function findLabRecord<T extends LabRecordTable>(db: Db, name: T, id: string) {
  return db.selectFrom(table(name)).selectAll().where('id', '=', id).executeTakeFirst() as Promise<Row<T> | undefined>;
}

/** Locks the row on PostgreSQL (SQLite serialises writers anyway). */
export function findLabRecordForUpdate<T extends LabRecordTable>(db: Db, dialect: DialectName, name: T, id: string) {
  return db.selectFrom(table(name)).selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst() as Promise<Row<T> | undefined>;
}

/** Records of the units in scope (all when scope is 'all'), limited to `orgUnitIds` when given, by name. */
export function listLabRecordsInScope<T extends LabRecordTable>(db: Db, name: T, scope: UnitScope, orgUnitIds: readonly string[] | null): Promise<Row<T>[]> {
  let q = db.selectFrom(table(name)).selectAll();
  if (scope !== 'all') {
    if (scope.size === 0) return Promise.resolve([]);
    q = q.where('org_unit_id', 'in', [...scope]);
  }
  if (orgUnitIds) {
    if (orgUnitIds.length === 0) return Promise.resolve([]);
    q = q.where('org_unit_id', 'in', [...orgUnitIds]);
  }
  return q.orderBy('name').orderBy('id').execute() as Promise<Row<T>[]>;
}

export async function insertLabRecord<T extends LabRecordTable>(db: Db, name: T, row: Row<T>) {
  await db.insertInto(table(name)).values(row as Row<'lab_method'>).execute();
}

/** Optimistic locking: changes the record only if it is still at `expectedVersion`. */
export async function updateLabRecord<T extends LabRecordTable>(db: Db, name: T, id: string, expectedVersion: number, values: Partial<Row<T>>): Promise<boolean> {
  const result = await db.updateTable(table(name)).set(values as Partial<Row<'lab_method'>>).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function unitNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve(new Map<string, string>());
  return db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute().then((rows) => new Map(rows.map((r) => [r.id, r.name])));
}

export function findUnit(db: Db, id: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'archived_at']).where('id', '=', id).executeTakeFirst();
}

export function unitTree(db: Db) {
  return db.selectFrom('org_unit').select(['id', 'parent_id as parentId']).execute();
}

// ---- rules shared by the services ----------------------------------------------------------------------------------

/** Validations, verifications and authorisations name a person: the platform's own actor (CLI, first start) cannot record them. */
export function personOf(actor: Actor): string {
  if (actor.userId === null) throw forbidden('Only a signed-in person can record this');
  return actor.userId;
}

/** The units a list is limited to: the chosen unit with its subunits, or null for no choice. */
export async function chosenUnits(db: Db, orgUnitId: string | undefined): Promise<string[] | null> {
  return orgUnitId ? [...expandUnitScope([orgUnitId], await unitTree(db))] : null;
}

/** Items whose texts contain the search term (case-insensitive, German collation), or all items without a term. */
export function matching<I>(items: I[], q: string | undefined, texts: (item: I) => readonly string[]): I[] {
  if (!q) return items;
  const term = q.toLocaleLowerCase('de');
  return items.filter((item) => texts(item).some((s) => s.toLocaleLowerCase('de').includes(term)));
}

/** One page of the filtered items. */
export function pageOf<I>(items: readonly I[], query: { limit: number; offset: number }): ListPage<I> {
  return { items: items.slice(query.offset, query.offset + query.limit), total: items.length, limit: query.limit, offset: query.offset };
}

/** A unit may take a new or moved record only when it exists and is not archived. */
export async function assertUnit(db: Db, orgUnitId: string) {
  const unit = await findUnit(db, orgUnitId);
  if (!unit) throw invalid('orgUnitId', 'Unknown organisational unit');
  if (unit.archived_at !== null) throw invalid('orgUnitId', 'The organisational unit is archived');
}

/** How a kind of record appears in errors and the audit trail. */
export interface LabRecordKind<T extends LabRecordTable> {
  table: T;
  /** The record in "not found" errors: 'Method', 'Environment'. */
  noun: string;
  entityType: string;
  /** The audit action prefix: `<action>.create`, `<action>.update`. */
  action: string;
  /** The fields the audit trail compares. */
  fields: (row: Row<T>) => Record<string, unknown>;
}

/** Stores a new record with its audit event (unit and scope checked before). */
export async function createLabRecord<T extends LabRecordTable>(database: Database, actor: Actor, kind: LabRecordKind<T>, row: Row<T>, now: string) {
  await database.db.transaction().execute(async (trx) => {
    await insertLabRecord(trx, kind.table, row);
    await appendAuditEvent(trx, database.dialect, actor, { action: `${kind.action}.create`, entityType: kind.entityType, entityId: row.id, changes: diffRecords(null, kind.fields(row)) }, now);
  });
}

/**
 * Changes a record: lab.manage in its unit (and in the new one when it moves), then, with the row locked and still at
 * `input.version`, stores `change(row)` with an audit event of what changed; nothing is written when nothing changed.
 */
export async function changeLabRecord<T extends LabRecordTable>(
  database: Database,
  actor: Actor,
  kind: LabRecordKind<T>,
  id: string,
  input: { version: number; orgUnitId?: string | undefined; reason?: string | undefined },
  change: (row: Row<T>) => Row<T>,
) {
  const db = database.db;
  const current = await findLabRecord(db, kind.table, id);
  if (!current) throw notFound(kind.noun);
  await assertInScope(db, actor, 'lab.manage', current.org_unit_id);
  if (input.orgUnitId !== undefined && input.orgUnitId !== current.org_unit_id) {
    await assertUnit(db, input.orgUnitId);
    await assertInScope(db, actor, 'lab.manage', input.orgUnitId);
  }
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await findLabRecordForUpdate(trx, database.dialect, kind.table, id);
    if (!row) throw notFound(kind.noun);
    if (Number(row.version) !== input.version) throw versionConflict();
    const next = change(row);
    const changes = diffRecords(kind.fields(row), kind.fields(next));
    if (changes.length === 0) return;
    if (!(await updateLabRecord(trx, kind.table, id, Number(row.version), { ...next, version: Number(row.version) + 1, updated_at: now }))) throw versionConflict();
    await appendAuditEvent(trx, database.dialect, actor, { action: `${kind.action}.update`, entityType: kind.entityType, entityId: id, changes, reason: input.reason }, now);
  });
}
