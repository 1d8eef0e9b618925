import type { Kysely, Transaction } from 'kysely';
import type { AuditEvent, ChainVerification, FieldChange } from '@konform/core';
import type { DB, AuditEventTable } from '../db/schema.js';
import type { DialectName } from '../db/dialect.js';
import type { Actor } from '../access/actor.js';
import { canonicalJson } from './canonical-json.js';
import { loadCheckpoints } from './checkpoints.js';
import { GENESIS_HASH, chainHash, payloadHash, verifyLinks, type AuditPayload, type StoredLink } from './hash-chain.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  changes: FieldChange[];
  reason?: string | null | undefined;
}

/**
 * Called inside the transaction of every audit event, after its row is written: a listener's writes commit or roll
 * back with the change (e.g. queued webhook deliveries). A listener that throws aborts the change.
 */
export type AuditListener = (trx: Transaction<DB>, dialect: DialectName, event: AuditEvent) => Promise<void>;
const listeners = new Set<AuditListener>();

/** Registers a listener once (registering the same function again changes nothing); returns its removal. */
export function registerAuditListener(listener: AuditListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Appends one event to the hash chain. Must run inside the transaction of the change it records:
 * the head row is locked, so concurrent writers queue instead of forking the chain.
 */
export async function appendAuditEvent(
  trx: Transaction<DB>,
  dialect: DialectName,
  actor: Actor,
  entry: AuditEntry,
  now: string,
): Promise<AuditEvent> {
  const head = await trx
    .selectFrom('audit_chain_head')
    .select(['seq', 'chain_hash'])
    .where('id', '=', 1)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirstOrThrow();
  const payload: AuditPayload = {
    seq: Number(head.seq) + 1,
    occurredAt: now,
    actorId: actor.userId,
    actorLabel: actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes,
    reason: entry.reason?.trim() ? entry.reason.trim() : null,
    clientAddress: actor.clientAddress,
  };
  const changes = canonicalJson(payload.changes);
  const pHash = payloadHash(payload, changes);
  const cHash = chainHash(head.chain_hash, pHash);
  await trx
    .insertInto('audit_event')
    .values({
      seq: payload.seq,
      occurred_at: payload.occurredAt,
      actor_id: payload.actorId,
      actor_label: payload.actorLabel,
      action: payload.action,
      entity_type: payload.entityType,
      entity_id: payload.entityId,
      changes,
      reason: payload.reason,
      client_address: payload.clientAddress,
      payload_hash: pHash,
      chain_hash: cHash,
    })
    .execute();
  await trx.updateTable('audit_chain_head').set({ seq: payload.seq, chain_hash: cHash }).where('id', '=', 1).execute();
  const event: AuditEvent = { ...payload, payloadHash: pHash, chainHash: cHash };
  for (const listener of listeners) await listener(trx, dialect, event);
  return event;
}

export function toPayload(row: AuditEventTable): AuditPayload {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    changes: JSON.parse(row.changes) as FieldChange[],
    reason: row.reason,
    clientAddress: row.client_address,
  };
}

export function toAuditEvent(row: AuditEventTable): AuditEvent {
  return { ...toPayload(row), payloadHash: row.payload_hash, chainHash: row.chain_hash };
}

function toLink(row: AuditEventTable): StoredLink {
  try {
    // The stored changes text is hashed as it is (it was written as canonical JSON); see verifyLinks.
    return { seq: Number(row.seq), payload: toPayload(row), payloadHash: row.payload_hash, chainHash: row.chain_hash, changesJson: row.changes };
  } catch {
    // Unparseable stored changes cannot match any hash; force a payload mismatch.
    const payload = { ...toPayloadShell(row), changes: [{ field: '<unreadable>', before: row.changes, after: null }] };
    return { seq: Number(row.seq), payload, payloadHash: row.payload_hash, chainHash: row.chain_hash };
  }
}

function toPayloadShell(row: AuditEventTable): Omit<AuditPayload, 'changes'> {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    reason: row.reason,
    clientAddress: row.client_address,
  };
}

/**
 * Walks the whole chain in batches and names the first broken event; then compares the chain with the signed
 * checkpoints, which reveals a trail that was truncated (head row included) or rewritten with recomputed hashes.
 */
export async function verifyAuditChain(db: Kysely<DB>, batchSize = 5000): Promise<ChainVerification> {
  const checkpoints = await loadCheckpoints(db);
  const atCheckpoint = new Map(checkpoints.map((c) => [c.seq, c]));
  const latest = checkpoints.at(-1);
  const summary = { checked: checkpoints.length, latest: latest ? { seq: latest.seq, signedAt: latest.signedAt, keyId: latest.keyId } : null };
  const broken = (seq: number, reason: NonNullable<ChainVerification['firstBroken']>['reason'], checked: number): ChainVerification => ({ ok: false, checked, firstBroken: { seq, reason }, checkpoints: summary });
  const forged = checkpoints.find((c) => !c.signatureValid);
  if (forged) return broken(forged.seq, 'checkpoint-signature-invalid', 0);
  let previous = { seq: 0, chainHash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>', previous.seq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    const links = rows.map(toLink);
    const brokenLink = verifyLinks(links, previous);
    const intact = brokenLink ? links.slice(0, links.findIndex((l) => l.seq === brokenLink.seq)) : links;
    const contradicted = intact.find((l) => atCheckpoint.has(l.seq) && atCheckpoint.get(l.seq)!.chainHash !== l.chainHash);
    if (contradicted) return broken(contradicted.seq, 'checkpoint-mismatch', checked + intact.indexOf(contradicted) + 1);
    if (brokenLink) return broken(brokenLink.seq, brokenLink.reason, checked + intact.length + 1);
    checked += links.length;
    const last = links[links.length - 1]!;
    previous = { seq: last.seq, chainHash: last.chainHash };
  }
  // A checkpoint beyond the last event: events were removed from the end, head row included.
  const beyond = checkpoints.find((c) => c.seq > previous.seq);
  if (beyond) return broken(previous.seq + 1, 'truncated', checked);
  // The head must agree with the last event, or events were removed from the end.
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'chain_hash']).where('id', '=', 1).executeTakeFirst();
  if (head && (Number(head.seq) !== previous.seq || head.chain_hash !== previous.chainHash)) return broken(previous.seq + 1, 'sequence-gap', checked);
  return { ok: true, checked, firstBroken: null, checkpoints: summary };
}
