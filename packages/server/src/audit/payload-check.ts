import type { FieldChange } from '@konform/core';
import type { AuditEventTable } from '../db/schema.js';
import { payloadHash, type AuditPayload } from './hash-chain.js';

/**
 * The columns of an audit event that its payload hash covers, plus the hash itself. Kept free of database and
 * server imports: the chain verification's hashing worker (chain-worker.ts) loads this module on its own.
 */
export type PayloadRow = Pick<
  AuditEventTable,
  'seq' | 'occurred_at' | 'actor_id' | 'actor_label' | 'action' | 'entity_type' | 'entity_id' | 'changes' | 'reason' | 'client_address' | 'payload_hash'
>;

export function toPayload(row: PayloadRow): AuditPayload {
  return { ...toPayloadShell(row), changes: JSON.parse(row.changes) as FieldChange[] };
}

export function toPayloadShell(row: PayloadRow): Omit<AuditPayload, 'changes'> {
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

/** The row's payload for verification; stored changes that do not parse become a value that cannot match any hash. */
export function verifiablePayload(row: PayloadRow): AuditPayload {
  try {
    return toPayload(row);
  } catch {
    return { ...toPayloadShell(row), changes: [{ field: '<unreadable>', before: row.changes, after: null }] };
  }
}

/**
 * Whether the row's content hashes to its stored payload hash. The stored changes text is hashed as it is first
 * (it was written as canonical JSON), without parsing it; only when that does not match is the payload parsed and
 * serialised afresh, exactly as verifyLinks does.
 */
export function rowPayloadMatches(row: PayloadRow): boolean {
  const shell: AuditPayload = { ...toPayloadShell(row), changes: [] }; // [] stands in for the stored text, hashed as it is
  if (payloadHash(shell, row.changes) === row.payload_hash) return true;
  return payloadHash(verifiablePayload(row)) === row.payload_hash;
}

/** The seq of the first row (in the given order) whose payload does not match its hash, or null. */
export function firstPayloadMismatch(rows: readonly PayloadRow[]): number | null {
  for (const row of rows) if (!rowPayloadMatches(row)) return Number(row.seq);
  return null;
}

/** The columns of {@link PayloadRow} in the order of {@link flattenRows}. */
const FLAT_COLUMNS = ['seq', 'occurred_at', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'changes', 'reason', 'client_address', 'payload_hash'] as const;

/**
 * The rows' values one after another in one array: what the hashing worker receives (a flat array of strings is
 * copied to another thread at about half the cost of as many objects).
 */
export function flattenRows(rows: readonly PayloadRow[]): unknown[] {
  const flat: unknown[] = [];
  for (const row of rows) for (const column of FLAT_COLUMNS) flat.push(row[column]);
  return flat;
}

/** {@link firstPayloadMismatch} over rows flattened by {@link flattenRows}. */
export function firstFlatPayloadMismatch(flat: readonly unknown[]): number | null {
  const width = FLAT_COLUMNS.length;
  for (let i = 0; i + width <= flat.length; i += width) {
    const row = {
      seq: flat[i],
      occurred_at: flat[i + 1],
      actor_id: flat[i + 2],
      actor_label: flat[i + 3],
      action: flat[i + 4],
      entity_type: flat[i + 5],
      entity_id: flat[i + 6],
      changes: flat[i + 7],
      reason: flat[i + 8],
      client_address: flat[i + 9],
      payload_hash: flat[i + 10],
    } as PayloadRow;
    if (!rowPayloadMatches(row)) return Number(row.seq);
  }
  return null;
}
