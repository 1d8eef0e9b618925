import type { Kysely, Transaction } from 'kysely';
import type { FieldChange } from '@konform/core';
import type { AuditEventTable, DB } from '../db/schema.js';
import { canonicalJson } from './canonical-json.js';
import { payloadHash, sha256Hex } from './hash-chain.js';
import { toPayload } from './audit-log.js';

/**
 * Redaction of personal data in audit events (erasure, DSGVO Art. 17) without breaking the hash chain.
 *
 * A redacted event keeps its payload_hash and chain_hash; its personal fields are replaced and the row is marked
 * (redacted_at, redaction_id). Chain verification treats a redacted event like a withheld payload: only the chain hash
 * is checked. So that "redacted" cannot hide tampering, every redaction is recorded in `audit_redaction` as the list of
 * [seq, hash of the redacted content] and an erasure event in the chain carries the SHA-256 of that list
 * ({@link redactionChange}). Verification ({@link findUnaccountedRedaction}) then requires, for every redacted event, an
 * earlier-or-later erasure event whose recorded digest matches the stored list and whose list holds the event's
 * current content hash. Erasure events themselves are never redacted, so their payload stays verifiable.
 */

/** The field of the erasure event's changes that vouches for a redaction. */
export const REDACTION_FIELD = 'redaction';

/** Actions of erasure events: never redacted (their payload vouches for redactions; they hold the pseudonym only). */
export const ERASURE_ACTIONS = ['privacy.erase-person', 'retention.erase'] as const;

export type RedactionEntry = [seq: number, contentHash: string];

export interface RedactedFields {
  actorLabel: string;
  changes: FieldChange[];
  reason: string | null;
  clientAddress: string | null;
}

/** Replaces every occurrence of the needles in a string; strings equal to an exact value are replaced whole. */
export function replacePersonal(text: string, needles: readonly string[], exact: readonly string[], replacement: string): string {
  if (exact.includes(text)) return replacement;
  let out = text;
  for (const needle of needles) if (needle.length > 0) out = out.split(needle).join(replacement);
  return out;
}

/** Walks JSON-like values and replaces personal strings (see replacePersonal). */
export function redactValue(value: unknown, needles: readonly string[], exact: readonly string[], replacement: string): unknown {
  if (typeof value === 'string') return replacePersonal(value, needles, exact, replacement);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, needles, exact, replacement));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactValue(v, needles, exact, replacement)]));
  }
  return value;
}

/** True when the redacted fields differ from the stored ones. */
export function redactionChanges(row: AuditEventTable, fields: RedactedFields): boolean {
  return fields.actorLabel !== row.actor_label || canonicalJson(fields.changes) !== row.changes || fields.reason !== row.reason || fields.clientAddress !== row.client_address;
}

/** The hash of an event's content as stored (after redaction): what the redaction list vouches for. */
export function contentHash(row: AuditEventTable): string {
  return payloadHash(toPayload(row));
}

export function redactionDigest(entries: readonly RedactionEntry[]): string {
  return sha256Hex(canonicalJson(entries));
}

/**
 * Rewrites the personal fields of the given events (never erasure events, never an event redacted by the same
 * redaction twice) and returns the list of redacted seqs with their new content hashes. Unchanged events are skipped.
 */
export async function redactEvents(
  trx: Transaction<DB>,
  rows: readonly AuditEventTable[],
  redact: (row: AuditEventTable) => RedactedFields,
  redactionId: string,
  now: string,
): Promise<RedactionEntry[]> {
  const entries: RedactionEntry[] = [];
  for (const row of rows) {
    if ((ERASURE_ACTIONS as readonly string[]).includes(row.action)) continue;
    const fields = redact(row);
    if (!redactionChanges(row, fields)) continue;
    const changes = canonicalJson(fields.changes);
    const next: AuditEventTable = { ...row, actor_label: fields.actorLabel, changes, reason: fields.reason, client_address: fields.clientAddress, redacted_at: now, redaction_id: redactionId };
    await trx
      .updateTable('audit_event')
      .set({ actor_label: next.actor_label, changes: next.changes, reason: next.reason, client_address: next.client_address, redacted_at: now, redaction_id: redactionId })
      .where('seq', '=', row.seq)
      .execute();
    entries.push([Number(row.seq), contentHash(next)]);
  }
  return entries;
}

/** The change the erasure event records for a redaction: its id, the number of events and the digest of the list. */
export function redactionChange(redactionId: string, entries: readonly RedactionEntry[]): FieldChange {
  return { field: REDACTION_FIELD, before: null, after: { id: redactionId, events: entries.length, digest: redactionDigest(entries) } };
}

/** Stores the redaction list once the erasure event that vouches for it is in the chain. */
export async function recordRedaction(trx: Transaction<DB>, redactionId: string, erasureSeq: number, entries: readonly RedactionEntry[], now: string): Promise<void> {
  await trx.insertInto('audit_redaction').values({ id: redactionId, erasure_seq: erasureSeq, entries: JSON.stringify(entries), created_at: now }).execute();
}

/**
 * Checks that every redacted event is covered by an erasure event in the chain (see the module comment). Returns the
 * seq of the first event that is not, or null. Runs after the chain walk has verified the erasure events' payloads.
 */
export async function findUnaccountedRedaction(db: Kysely<DB>, batchSize = 1000): Promise<number | null> {
  const redactions = await db.selectFrom('audit_redaction').selectAll().execute();
  const vouched = new Map<string, { erasureSeq: number; hashes: Map<number, string> }>();
  for (const r of redactions) {
    const erasure = await db.selectFrom('audit_event').selectAll().where('seq', '=', Number(r.erasure_seq)).executeTakeFirst();
    if (!erasure || erasure.redacted_at || !(ERASURE_ACTIONS as readonly string[]).includes(erasure.action)) continue;
    let entries: RedactionEntry[];
    let changes: FieldChange[];
    try {
      entries = JSON.parse(r.entries) as RedactionEntry[];
      changes = JSON.parse(erasure.changes) as FieldChange[];
    } catch {
      continue;
    }
    const claim = changes.find((c) => c.field === REDACTION_FIELD)?.after as { id?: string; digest?: string } | undefined;
    if (claim?.id !== r.id || claim.digest !== redactionDigest(entries)) continue;
    vouched.set(r.id, { erasureSeq: Number(r.erasure_seq), hashes: new Map(entries.map(([seq, hash]) => [Number(seq), hash])) });
  }
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_event').selectAll().where('redacted_at', 'is not', null).where('seq', '>', after).orderBy('seq').limit(batchSize).execute();
    if (rows.length === 0) return null;
    for (const row of rows) {
      const seq = Number(row.seq);
      const cover = row.redaction_id ? vouched.get(row.redaction_id) : undefined;
      let hash: string | null;
      try {
        hash = contentHash(row);
      } catch {
        hash = null; // unreadable stored changes
      }
      if (!cover || hash === null || cover.hashes.get(seq) !== hash) return seq;
    }
    after = Number(rows[rows.length - 1]!.seq);
  }
}
