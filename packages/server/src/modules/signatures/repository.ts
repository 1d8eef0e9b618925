import type { Kysely } from 'kysely';
import type { Signature } from '@konform/core';
import type { DB, SignatureTable } from '../../db/schema.js';
import { toCount } from '../../db/dialect.js';

type Db = Kysely<DB>;

export async function insertSignature(db: Db, row: SignatureTable) {
  await db.insertInto('signature').values(row).execute();
}

export function findSignature(db: Db, id: string) {
  return db.selectFrom('signature').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSignaturesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('signature').selectAll().where('id', 'in', ids).execute();
}

/** An earlier signature by the same person, meaning and state: signing it again adds nothing and is refused. */
export function findSameSignature(db: Db, entityType: string, entityId: string, meaning: string, signerId: string, stateHash: string) {
  return db
    .selectFrom('signature')
    .select('id')
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('meaning', '=', meaning)
    .where('signer_id', '=', signerId)
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();
}

export async function listSignatures(db: Db, entityType: string, entityId: string, limit: number, offset: number) {
  const base = db.selectFrom('signature').where('entity_type', '=', entityType).where('entity_id', '=', entityId);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('signed_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(count.n) };
}

export function presentSignature(row: SignatureTable): Signature {
  return {
    id: row.id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    meaning: row.meaning as Signature['meaning'],
    signer: { id: row.signer_id, label: row.signer_label },
    signedAt: row.signed_at,
    stateHash: row.state_hash,
    comment: row.comment,
  };
}
