import { createHash } from 'node:crypto';
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
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function payloadHash(payload: AuditPayload): string {
  return sha256Hex(canonicalJson(payload));
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
    if (link.payload !== null && payloadHash(link.payload) !== link.payloadHash) {
      return { seq: link.seq, reason: 'payload-hash-mismatch' };
    }
    if (chainHash(prev.chainHash, link.payloadHash) !== link.chainHash) {
      return { seq: link.seq, reason: 'chain-hash-mismatch' };
    }
    prev = { seq: link.seq, chainHash: link.chainHash };
  }
  return null;
}
