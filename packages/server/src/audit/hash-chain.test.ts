import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { GENESIS_HASH, chainHash, payloadHash, verifyLinks, type AuditPayload, type StoredLink } from './hash-chain.js';

function payload(seq: number, action = 'system.update'): AuditPayload {
  return { seq, occurredAt: '2026-11-26T10:00:00.000Z', actorId: null, actorLabel: 'Test', action, entityType: 'system', entityId: 'e1', changes: [{ field: 'name', before: 'a', after: 'b' }], reason: null, clientAddress: null };
}

function chain(n: number): StoredLink[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const p = payload(i + 1);
    const ph = payloadHash(p);
    prev = chainHash(prev, ph);
    return { seq: i + 1, payload: p, payloadHash: ph, chainHash: prev };
  });
}

describe('canonical JSON', () => {
  it('sorts keys at every depth so equal values hash equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: 'ü' })).toBe('{"b":"ü"}');
  });
});

describe('hash chain', () => {
  it('accepts an intact chain', () => {
    expect(verifyLinks(chain(5), { seq: 0, chainHash: GENESIS_HASH })).toBeNull();
  });

  it('names an altered payload, a re-hashed payload, and a gap', () => {
    const altered = chain(5);
    altered[2] = { ...altered[2]!, payload: payload(3, 'system.archive') };
    expect(verifyLinks(altered, { seq: 0, chainHash: GENESIS_HASH })).toEqual({ seq: 3, reason: 'payload-hash-mismatch' });

    const rehashed = chain(5);
    const p = payload(3, 'system.archive');
    rehashed[2] = { ...rehashed[2]!, payload: p, payloadHash: payloadHash(p) };
    expect(verifyLinks(rehashed, { seq: 0, chainHash: GENESIS_HASH })).toEqual({ seq: 3, reason: 'chain-hash-mismatch' });

    const gap = chain(5);
    gap.splice(1, 1);
    expect(verifyLinks(gap, { seq: 0, chainHash: GENESIS_HASH })).toEqual({ seq: 3, reason: 'sequence-gap' });
  });

  it('verifies a middle slice with withheld payloads from the preceding chain hash', () => {
    const links = chain(6);
    const slice = links.slice(3).map((l) => ({ ...l, payload: null }));
    expect(verifyLinks(slice, { seq: 3, chainHash: links[2]!.chainHash })).toBeNull();
    expect(verifyLinks(slice, { seq: 3, chainHash: links[1]!.chainHash })).toEqual({ seq: 4, reason: 'chain-hash-mismatch' });
  });
});
