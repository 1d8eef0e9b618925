import type { Kysely } from 'kysely';
import type { ClassificationRevision, Signature } from '@konform/core';
import type { DB, ClassificationRevisionTable } from '../../db/schema.js';
import { toCount } from '../../db/dialect.js';

type Db = Kysely<DB>;

export async function insertRevision(db: Db, row: ClassificationRevisionTable) {
  await db.insertInto('classification_revision').values(row).execute();
}

export function latestRevision(db: Db, systemId: string) {
  return db.selectFrom('classification_revision').selectAll().where('system_id', '=', systemId).orderBy('number', 'desc').limit(1).executeTakeFirst();
}

/** The last revision approved with a signature, whatever has happened since. */
export function lastApprovedRevision(db: Db, systemId: string) {
  return db
    .selectFrom('classification_revision')
    .selectAll()
    .where('system_id', '=', systemId)
    .where('approval_signature_id', 'is not', null)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findRevision(db: Db, systemId: string, number: number) {
  return db.selectFrom('classification_revision').selectAll().where('system_id', '=', systemId).where('number', '=', number).executeTakeFirst();
}

export function findRevisionById(db: Db, id: string) {
  return db.selectFrom('classification_revision').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRevisions(db: Db, systemId: string, limit: number, offset: number) {
  const base = db.selectFrom('classification_revision').where('system_id', '=', systemId);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('number', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(count.n) };
}

export async function updateRevision(db: Db, id: string, values: Partial<Pick<ClassificationRevisionTable, 'status' | 'approval_signature_id'>>) {
  await db.updateTable('classification_revision').set(values).where('id', '=', id).execute();
}

/** What a revision's hash and an approval signature cover. */
export function revisionState(row: ClassificationRevisionTable) {
  return {
    systemId: row.system_id,
    number: Number(row.number),
    facts: JSON.parse(row.facts) as unknown,
    answers: JSON.parse(row.answers) as unknown,
    result: JSON.parse(row.result) as unknown,
    note: row.note,
  };
}

export function presentRevision(row: ClassificationRevisionTable, approval: Signature | null): ClassificationRevision {
  return {
    id: row.id,
    systemId: row.system_id,
    number: Number(row.number),
    status: row.status as ClassificationRevision['status'],
    facts: JSON.parse(row.facts) as ClassificationRevision['facts'],
    answers: JSON.parse(row.answers) as ClassificationRevision['answers'],
    note: row.note,
    result: JSON.parse(row.result) as ClassificationRevision['result'],
    decidedBy: { id: row.decided_by_id, label: row.decided_by_label },
    decidedAt: row.decided_at,
    stateHash: row.state_hash,
    approval,
  };
}
