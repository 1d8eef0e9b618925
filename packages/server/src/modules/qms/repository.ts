import { sql, type Kysely } from 'kysely';
import { qmsDueSoonLimit, type QmsDocumentListQuery } from '@konform/core';
import type { DB, QmsDocumentTable, QmsDocumentVersionTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import { containsText, toCount, type DialectName } from '../../db/dialect.js';

type Db = Kysely<DB>;

/** A document with its owner's name and state and the approver of its released version. */
function documents(db: Db) {
  return db
    .selectFrom('qms_document as d')
    .innerJoin('app_user as u', 'u.id', 'd.owner_id')
    .leftJoin('qms_document_version as rv', (join) => join.onRef('rv.document_id', '=', 'd.id').onRef('rv.number', '=', 'd.released_number'))
    .selectAll('d')
    .select(['u.display_name as owner_name', 'u.active as owner_active', 'rv.released_by_label as released_by_label']);
}
export type DocumentRow = Awaited<ReturnType<typeof findDocument>> & {};

export function findDocument(db: Db, id: string) {
  return documents(db).where('d.id', '=', id).executeTakeFirst();
}

/** Locks the document row on PostgreSQL (SQLite serialises writers anyway); every change of a version takes it first. */
export function lockDocument(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('qms_document').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

/** Documents of the units in scope, filtered, by title; `today` decides the review filter. */
export async function listDocuments(db: Db, scope: UnitScope, units: ReadonlySet<string> | null, filter: QmsDocumentListQuery, today: string) {
  if (scope !== 'all' && scope.size === 0) return { rows: [], total: 0 };
  let q = documents(db);
  if (scope !== 'all') q = q.where('d.org_unit_id', 'in', [...scope]);
  if (units !== null) q = q.where('d.org_unit_id', 'in', [...units]);
  if (filter.kind) q = q.where('d.kind', '=', filter.kind);
  if (filter.ownerId) q = q.where('d.owner_id', '=', filter.ownerId);
  if (filter.status === 'released') q = q.where('d.released_number', 'is not', null);
  else if (filter.status) q = q.where('d.working_state', '=', filter.status);
  const limit = qmsDueSoonLimit(today);
  switch (filter.review) {
    case 'none':
      q = q.where('d.next_review', 'is', null);
      break;
    case 'overdue':
      q = q.where('d.next_review', '<', today);
      break;
    case 'due-soon':
      q = q.where('d.next_review', '>=', today).where('d.next_review', '<=', limit);
      break;
    case 'ok':
      q = q.where('d.next_review', '>', limit);
      break;
  }
  if (filter.q) q = q.where(containsText(sql.ref('d.search_text'), filter.q));
  const [rows, count] = await Promise.all([
    q.orderBy('d.search_text').orderBy('d.id').limit(filter.limit).offset(filter.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(count.n) };
}

/** Every document in scope with the snapshot of its released version, for the coverage overview. */
export function coverageDocuments(db: Db, scope: UnitScope, units: ReadonlySet<string> | null) {
  if (scope !== 'all' && scope.size === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('qms_document as d')
    .leftJoin('qms_document_version as rv', (join) => join.onRef('rv.document_id', '=', 'd.id').onRef('rv.number', '=', 'd.released_number'))
    .select(['d.id', 'd.title', 'd.kind', 'd.released_number', 'd.next_review', 'd.art17_elements', 'd.iso_clauses', 'rv.snapshot']);
  if (scope !== 'all') q = q.where('d.org_unit_id', 'in', [...scope]);
  if (units !== null) q = q.where('d.org_unit_id', 'in', [...units]);
  return q.orderBy('d.search_text').orderBy('d.id').execute();
}

export async function insertDocument(db: Db, row: QmsDocumentTable) {
  await db.insertInto('qms_document').values(row).execute();
}

/** Optimistic locking: changes the document only if it is still at `expectedVersion`. */
export async function updateDocument(db: Db, id: string, expectedVersion: number, values: Partial<QmsDocumentTable>) {
  const result = await db.updateTable('qms_document').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Mirrors of the versions (released, working, next review); not a change of the document's own data, so no new version. */
export async function setDocumentMirror(db: Db, id: string, values: Pick<QmsDocumentTable, 'released_number' | 'released_at' | 'next_review' | 'working_number' | 'working_state' | 'updated_at'>) {
  await db.updateTable('qms_document').set(values).where('id', '=', id).execute();
}

const SUMMARY_COLUMNS = [
  'id', 'document_id', 'number', 'state', 'change_note', 'authors', 'version', 'created_by_label', 'created_at', 'updated_by_label', 'updated_at',
  'submitted_by_label', 'submitted_at', 'signature_id', 'released_by_label', 'released_at', 'next_review', 'superseded_at',
] as const;
export type VersionSummaryRow = Pick<QmsDocumentVersionTable, (typeof SUMMARY_COLUMNS)[number]>;

/** The versions of a document without their content, newest first. */
export function versionSummaries(db: Db, documentId: string): Promise<VersionSummaryRow[]> {
  return db.selectFrom('qms_document_version').select(SUMMARY_COLUMNS).where('document_id', '=', documentId).orderBy('number', 'desc').execute();
}

export function findVersion(db: Db, documentId: string, number: number) {
  return db.selectFrom('qms_document_version').selectAll().where('document_id', '=', documentId).where('number', '=', number).executeTakeFirst();
}

export function findVersionById(db: Db, id: string) {
  return db.selectFrom('qms_document_version').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertVersion(db: Db, row: QmsDocumentVersionTable) {
  await db.insertInto('qms_document_version').values(row).execute();
}

/** Optimistic locking on the version's own counter. */
export async function updateVersion(db: Db, id: string, expectedVersion: number, values: Partial<QmsDocumentVersionTable>) {
  const result = await db.updateTable('qms_document_version').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The released version in force becomes superseded. */
export async function supersedeReleased(db: Db, documentId: string, at: string) {
  await db.updateTable('qms_document_version').set({ state: 'superseded', superseded_at: at }).where('document_id', '=', documentId).where('state', '=', 'released').execute();
}

/** The oldest top-level unit: the organisation itself, where documents go by default. */
export function rootUnit(db: Db) {
  return db.selectFrom('org_unit').select('id').where('parent_id', 'is', null).where('archived_at', 'is', null).orderBy('created_at').orderBy('id').executeTakeFirst();
}

export function findUnit(db: Db, id: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'archived_at']).where('id', '=', id).executeTakeFirst();
}

export function findOwner(db: Db, id: string) {
  return db.selectFrom('app_user').select(['id', 'display_name', 'active']).where('id', '=', id).executeTakeFirst();
}

export function assignmentsOf(db: Db, userId: string) {
  return db.selectFrom('role_assignment').select(['org_unit_id', 'role']).where('user_id', '=', userId).execute();
}
