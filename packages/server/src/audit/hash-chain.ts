import { createHash, hash } from 'node:crypto';
import type { FieldChange } from '@konform/core';
import { canonicalJson } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one audit event. */
export interface AuditPayload {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: FieldChange[];
  reason: string | null;
  clientAddress: string | null;
}

export function sha256Hex(text: string): string {
  // One-shot hashing (Node ≥ 20.12) skips the Hash object, which costs more than hashing a short text.
  return typeof hash === 'function' ? hash('sha256', text, 'hex') : createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The payload's keys in canonical (sorted) order, each with its JSON key prefix. */
const PAYLOAD_KEYS = (['seq', 'occurredAt', 'actorId', 'actorLabel', 'action', 'entityType', 'entityId', 'changes', 'reason', 'clientAddress'] as const)
  .slice()
  .sort()
  .map((key) => ({ key, prefix: `${JSON.stringify(key)}:` }));
const KNOWN_KEYS = new Set<string>(PAYLOAD_KEYS.map((k) => k.key));

/**
 * `canonicalJson(payload)`, byte for byte, without sorting keys or walking the scalars: the payload's shape is fixed.
 * `changesJson` is the canonical JSON of `payload.changes` when the caller has it (the stored column), else it is
 * computed. A payload with other keys than the ten (e.g. from an uploaded slice) takes the generic path.
 */
export function canonicalPayload(payload: AuditPayload, changesJson?: string): string {
  const keys = Object.keys(payload);
  if (keys.length > PAYLOAD_KEYS.length || keys.some((k) => !KNOWN_KEYS.has(k))) return canonicalJson(payload);
  const record = payload as unknown as Record<string, unknown>;
  let out = '{';
  for (const { key, prefix } of PAYLOAD_KEYS) {
    const value = record[key];
    if (value === undefined) continue;
    const json = key === 'changes' && changesJson !== undefined ? changesJson : value === null || typeof value !== 'object' ? JSON.stringify(value) : canonicalJson(value);
    out += (out.length === 1 ? '' : ',') + prefix + json;
  }
  return `${out}}`;
}

export function payloadHash(payload: AuditPayload, changesJson?: string): string {
  return sha256Hex(canonicalPayload(payload, changesJson));
}

/**
 * The chain hash covers only the previous chain hash and this event's payload hash,
 * so a slice can be verified from the hashes alone while other payloads are withheld.
 */
export function chainHash(previousChainHash: string, eventPayloadHash: string): string {
  return sha256Hex(`${previousChainHash}:${eventPayloadHash}`);
}

export interface StoredLink {
  seq: number;
  payload: AuditPayload | null; // null when withheld
  payloadHash: string;
  chainHash: string;
  /** The stored text of `payload.changes` (written as its canonical JSON): hashed as it is, saving the serialisation. */
  changesJson?: string;
}

/**
 * Whether the payload hashes to the stored hash. The stored changes text is tried as it is first; only when that
 * does not match is the payload serialised afresh, so a changes text that is not canonical but means the same
 * values verifies exactly as before.
 */
function payloadMatches(link: StoredLink & { payload: AuditPayload }): boolean {
  if (link.changesJson !== undefined && payloadHash(link.payload, link.changesJson) === link.payloadHash) return true;
  return payloadHash(link.payload) === link.payloadHash;
}

export type BreakReason = 'payload-hash-mismatch' | 'chain-hash-mismatch' | 'sequence-gap';

/** Walks consecutive links from a known previous chain hash; returns the first broken link or null. */
export function verifyLinks(
  links: Iterable<StoredLink>,
  previous: { seq: number; chainHash: string },
): { seq: number; reason: BreakReason } | null {
  let prev = previous;
  for (const link of links) {
    if (link.seq !== prev.seq + 1) return { seq: link.seq, reason: 'sequence-gap' };
    if (link.payload !== null && !payloadMatches(link as StoredLink & { payload: AuditPayload })) {
      return { seq: link.seq, reason: 'payload-hash-mismatch' };
    }
    if (chainHash(prev.chainHash, link.payloadHash) !== link.chainHash) {
      return { seq: link.seq, reason: 'chain-hash-mismatch' };
    }
    prev = { seq: link.seq, chainHash: link.chainHash };
  }
  return null;
}
