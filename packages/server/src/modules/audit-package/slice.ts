import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toPayload } from '../../audit/audit-log.js';
import { GENESIS_HASH } from '../../audit/hash-chain.js';
import { AUDIT_SLICE_FORMAT, type AuditSlice } from '../../signing/audit-slice.js';

const CHUNK = 500;

/**
 * The slice of the audit chain for the given records: from the first event about one of them to the last, extended
 * to the latest signed checkpoint when that lies beyond (so the checkpoint anchors the whole slice). Events about the
 * records keep their payload; the others keep only their hashes.
 */
export async function auditSlice(db: Kysely<DB>, entityIds: ReadonlySet<string>): Promise<AuditSlice> {
  const ids = [...entityIds];
  const relevant = new Set<number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.selectFrom('audit_event').select('seq').where('entity_id', 'in', ids.slice(i, i + CHUNK)).execute();
    for (const r of rows) relevant.add(Number(r.seq));
  }
  const checkpointRow = await db.selectFrom('audit_checkpoint').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (relevant.size === 0) return { format: AUDIT_SLICE_FORMAT, previous: { seq: 0, chainHash: GENESIS_HASH }, events: [], checkpoint: null };
  const first = Math.min(...relevant);
  const lastRelevant = Math.max(...relevant);
  const checkpoint = checkpointRow && Number(checkpointRow.seq) >= first ? checkpointRow : undefined;
  const last = Math.max(lastRelevant, checkpoint ? Number(checkpoint.seq) : 0);
  const before = first > 1 ? await db.selectFrom('audit_event').select(['seq', 'chain_hash']).where('seq', '=', first - 1).executeTakeFirst() : undefined;
  const rows = await db.selectFrom('audit_event').selectAll().where('seq', '>=', first).where('seq', '<=', last).orderBy('seq').execute();
  return {
    format: AUDIT_SLICE_FORMAT,
    previous: { seq: first - 1, chainHash: before?.chain_hash ?? GENESIS_HASH },
    events: rows.map((row) => ({
      seq: Number(row.seq), payloadHash: row.payload_hash, chainHash: row.chain_hash,
      // A redacted event travels like a withheld one: its personal data were erased, its hashes stay.
      payload: relevant.has(Number(row.seq)) && !row.redacted_at ? toPayload(row) : null,
    })),
    checkpoint: checkpoint ? { seq: Number(checkpoint.seq), chainHash: checkpoint.chain_hash, signedAt: checkpoint.signed_at, keyId: checkpoint.key_id, signature: checkpoint.signature } : null,
  };
}
