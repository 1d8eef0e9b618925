import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';
import { canonicalPayload, payloadHash, sha256Hex, type AuditPayload } from './hash-chain.js';

/** The first canonicalJson, kept as the specification: every hash in existing chains was computed with it. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => referenceCanonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonicalJson(v)}`).join(',')}}`;
}

// Any unicode (lone surrogates included), keys that sort differently by code unit than by locale.
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('', 'ä', 'Z', 'a', '__proto__', '\u0000', '"\\', '\ud800', '😀'));
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('array'), tie('object')),
  scalar: fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
  array: fc.array(tie('any'), { maxLength: 4 }),
  object: fc.dictionary(text, tie('any'), { maxKeys: 5 }),
})).any;
const change = fc.record({ field: text, before: value, after: value }, { requiredKeys: ['field'] });
const payload = fc.record({
  seq: fc.integer({ min: 1 }),
  occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  actorId: fc.option(text, { nil: null }),
  actorLabel: text,
  action: text,
  entityType: text,
  entityId: text,
  changes: fc.array(change, { maxLength: 4 }),
  reason: fc.option(text, { nil: null }),
  clientAddress: fc.option(text, { nil: null }),
}, { requiredKeys: ['seq', 'occurredAt', 'actorLabel', 'action', 'entityType', 'entityId', 'changes'] }) as fc.Arbitrary<AuditPayload>;

describe('canonical JSON of audit payloads', () => {
  it('canonicalJson gives the same text as the first implementation for any value', () => {
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(referenceCanonicalJson(v));
    }), { numRuns: 2000 });
  });

  it('canonicalPayload gives the same bytes as canonicalJson for any payload, with undefined and null fields', () => {
    fc.assert(fc.property(payload, (p) => {
      const reference = referenceCanonicalJson(p);
      expect(canonicalPayload(p)).toBe(reference);
      // The stored changes column holds canonicalJson(changes); read back and embedded as is, it gives the same bytes.
      const stored = canonicalJson(p.changes);
      expect(canonicalPayload({ ...p, changes: JSON.parse(stored) }, stored)).toBe(reference);
      expect(payloadHash(p, stored)).toBe(sha256Hex(reference));
    }), { numRuns: 2000 });
  });

  it('falls back to canonicalJson for an object with other keys than the payload (e.g. from an uploaded slice)', () => {
    fc.assert(fc.property(payload, text, value, (p, key, extra) => {
      const widened = { ...p, [key]: extra };
      expect(canonicalPayload(widened)).toBe(referenceCanonicalJson(widened));
    }), { numRuns: 500 });
  });
});
