import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { AuditCheckpointTable, DB } from '../db/schema.js';
import { signBytes, verifyBytes } from '../signing/ed25519.js';
import { listPublicKeys, type OrganisationKeys } from '../signing/organisation-keys.js';

/**
 * The exact bytes a checkpoint signs. Plain text, so anyone can rebuild it and check the signature with the public
 * key alone (e.g. `openssl pkeyutl -verify -rawin`).
 */
export function checkpointMessage(seq: number, chainHash: string, signedAt: string): Buffer {
  return Buffer.from(`konform-audit-checkpoint/1\nseq=${seq}\nchain=${chainHash}\nsigned=${signedAt}\n`, 'utf8');
}

/**
 * Signs the current head of the audit chain unless it is signed already or the chain is empty. Several instances
 * may run this at once: the checkpoint's seq is the primary key, so one insert wins and the others are no-ops.
 */
export async function writeCheckpoint(database: Database, keys: OrganisationKeys, now = new Date()): Promise<AuditCheckpointTable | null> {
  const db = database.db;
  // First the key: creating it on first use writes an audit event, which the checkpoint then covers.
  const key = await keys.active();
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'chain_hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.seq) === 0) return null;
  const seq = Number(head.seq);
  if (await db.selectFrom('audit_checkpoint').select('seq').where('seq', '=', seq).executeTakeFirst()) return null;
  const signedAt = now.toISOString();
  const row: AuditCheckpointTable = { seq, chain_hash: head.chain_hash, signed_at: signedAt, key_id: key.id, signature: signBytes(key, checkpointMessage(seq, head.chain_hash, signedAt)) };
  const result = await db.insertInto('audit_checkpoint').values(row).onConflict((oc) => oc.column('seq').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? row : null;
}

export interface StoredCheckpoint {
  seq: number;
  chainHash: string;
  signedAt: string;
  keyId: string;
  /** Whether the signature verifies with the stored public key of `keyId`. */
  signatureValid: boolean;
}

export function listCheckpoints(db: Kysely<DB>): Promise<AuditCheckpointTable[]> {
  return db.selectFrom('audit_checkpoint').selectAll().orderBy('seq').execute();
}

/** Every checkpoint in seq order with its signature checked against the stored public keys. */
export async function loadCheckpoints(db: Kysely<DB>): Promise<StoredCheckpoint[]> {
  const [rows, keys] = await Promise.all([
    listCheckpoints(db),
    listPublicKeys(db),
  ]);
  const pem = new Map(keys.map((k) => [k.id, k.public_key_pem]));
  return rows.map((r) => {
    const seq = Number(r.seq);
    const publicKey = pem.get(r.key_id);
    return {
      seq, chainHash: r.chain_hash, signedAt: r.signed_at, keyId: r.key_id,
      signatureValid: publicKey !== undefined && verifyBytes(publicKey, checkpointMessage(seq, r.chain_hash, r.signed_at), r.signature),
    };
  });
}
