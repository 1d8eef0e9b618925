import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainVerification } from '@konform/core';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { canonicalJson } from '../../src/audit/canonical-json.js';
import { chainHash, payloadHash, GENESIS_HASH, type AuditPayload } from '../../src/audit/hash-chain.js';
import { inlineHasher, startPayloadHasher, workerModule } from '../../src/audit/payload-hasher.js';
import type { PayloadRow } from '../../src/audit/payload-check.js';
import type { AuditEventTable } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// The chain verification hashes payloads in a worker thread while this thread checks the chain hashes; the verdict
// must be the same as hashing inline, event by event, for every kind and combination of breaks.
const EVENTS = 240;
const BATCH = 50;
let t: TestDatabase;
let rows: AuditEventTable[];

beforeAll(async () => {
  t = await createTestDatabase();
  let previous = GENESIS_HASH;
  rows = [];
  for (let seq = 1; seq <= EVENTS; seq++) {
    const payload: AuditPayload = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
      actorId: null,
      actorLabel: seq % 7 === 0 ? 'Jürgen „Prüfer“ Müller' : 'System',
      action: 'system.update',
      entityType: 'system',
      entityId: `sys-${seq % 13}`,
      changes: [{ field: 'description', before: `alt ${seq}`, after: { text: `neu ${seq} ✓`, tags: ['a', null] } }],
      reason: seq % 5 === 0 ? 'Nachtrag' : null,
      clientAddress: seq % 3 === 0 ? null : '10.0.0.1',
    };
    const pHash = payloadHash(payload);
    const cHash = chainHash(previous, pHash);
    previous = cHash;
    rows.push({
      seq, occurred_at: payload.occurredAt, actor_id: null, actor_label: payload.actorLabel, action: payload.action, entity_type: payload.entityType,
      entity_id: payload.entityId, changes: canonicalJson(payload.changes), reason: payload.reason, client_address: payload.clientAddress, payload_hash: pHash, chain_hash: cHash,
    });
  }
  await t.database.db.insertInto('audit_event').values(rows).execute();
  await t.database.db.updateTable('audit_chain_head').set({ seq: EVENTS, chain_hash: previous }).where('id', '=', 1).execute();
});
afterAll(async () => t.drop());

const db = () => t.database.db;

type Tamper = { seq: number; set: Partial<AuditEventTable> } | { seq: number; remove: true };

/** Applies the tampering, verifies with the worker and inline, restores the rows; answers both verdicts. */
async function verifyTampered(tampers: Tamper[]): Promise<{ worker: ChainVerification; inline: ChainVerification }> {
  for (const tamper of tampers) {
    if ('remove' in tamper) await db().deleteFrom('audit_event').where('seq', '=', tamper.seq).execute();
    else await db().updateTable('audit_event').set(tamper.set).where('seq', '=', tamper.seq).execute();
  }
  try {
    const worker = await verifyAuditChain(db(), { batchSize: BATCH, hashing: 'worker' });
    const inline = await verifyAuditChain(db(), { batchSize: BATCH, hashing: 'inline' });
    return { worker, inline };
  } finally {
    for (const tamper of tampers) {
      const original = rows[tamper.seq - 1]!;
      if ('remove' in tamper) await db().insertInto('audit_event').values(original).execute();
      else await db().updateTable('audit_event').set(original).where('seq', '=', tamper.seq).execute();
    }
  }
}

const forged = (seq: number) => ({ seq, set: { actor_label: 'Mallory' } });
const rechained = (seq: number) => ({ seq, set: { chain_hash: 'f'.repeat(64) } });

describe('chain verification with a hashing worker', () => {
  it('starts the worker from the TypeScript source under the test runner', async () => {
    const hasher = await startPayloadHasher();
    try {
      expect(hasher.inWorker).toBe(true);
      expect(await hasher.check(rows.slice(0, 10))).toBeNull();
      const tampered: PayloadRow[] = rows.slice(0, 10).map((r) => (r.seq === 4 ? { ...r, reason: 'anders' } : r));
      expect(await hasher.check(tampered)).toBe(4);
    } finally {
      await hasher.close();
    }
  });

  it('falls back to hashing inline when the worker cannot start', async () => {
    const hasher = await startPayloadHasher({ url: new URL('./no-such-worker.js', workerModule().url) });
    try {
      expect(hasher.inWorker).toBe(false);
      expect(await hasher.check(rows.map((r) => (r.seq === 9 ? { ...r, changes: '[' } : r)))).toBe(9);
    } finally {
      await hasher.close();
    }
    expect(await inlineHasher().check(rows)).toBeNull();
  });

  it('verifies an intact chain', async () => {
    const { worker, inline } = await verifyTampered([]);
    expect(worker).toEqual({ ok: true, checked: EVENTS, firstBroken: null, checkpoints: { checked: 0, latest: null } });
    expect(inline).toEqual(worker);
  });

  const cases: [string, Tamper[], { seq: number; reason: string; checked: number }][] = [
    ['a payload changed', [forged(137)], { seq: 137, reason: 'payload-hash-mismatch', checked: 137 }],
    ['a chain hash changed', [rechained(88)], { seq: 88, reason: 'chain-hash-mismatch', checked: 88 }],
    ['a payload before a chain break in a later batch', [forged(120), rechained(180)], { seq: 120, reason: 'payload-hash-mismatch', checked: 120 }],
    ['a chain break before a payload change in a later batch', [rechained(60), forged(160)], { seq: 60, reason: 'chain-hash-mismatch', checked: 60 }],
    ['payload and chain hash of the same event', [{ seq: 101, set: { actor_label: 'Mallory', chain_hash: 'e'.repeat(64) } }], { seq: 101, reason: 'payload-hash-mismatch', checked: 101 }],
    ['the last event of a batch changed, the next one rechained', [forged(BATCH), rechained(BATCH + 1)], { seq: BATCH, reason: 'payload-hash-mismatch', checked: BATCH }],
    ['a removed event, the next one changed too', [{ seq: 75, remove: true }, forged(76)], { seq: 76, reason: 'sequence-gap', checked: 75 }],
    ['unparseable changes in the last batch', [{ seq: 230, set: { changes: '{"kaputt' } }], { seq: 230, reason: 'payload-hash-mismatch', checked: 230 }],
  ];
  it.each(cases)('names the first broken event: %s', async (_, tampers, expected) => {
    const { worker, inline } = await verifyTampered(tampers);
    expect(worker).toMatchObject({ ok: false, checked: expected.checked, firstBroken: { seq: expected.seq, reason: expected.reason } });
    expect(inline).toEqual(worker);
  });

  it('detects events removed from the end with the worker', async () => {
    const { worker, inline } = await verifyTampered([{ seq: EVENTS, remove: true }]);
    expect(worker).toMatchObject({ ok: false, checked: EVENTS - 1, firstBroken: { seq: EVENTS, reason: 'sequence-gap' } });
    expect(inline).toEqual(worker);
  });
});
