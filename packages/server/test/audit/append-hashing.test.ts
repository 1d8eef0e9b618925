import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, toPayload, verifyAuditChain } from '../../src/audit/audit-log.js';
import { chainHash, payloadHash } from '../../src/audit/hash-chain.js';
import { systemActor, type Actor } from '../../src/access/actor.js';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/database.js';

// On PostgreSQL the hashes of a new event are computed by the database (one statement under the chain-head lock); on
// SQLite by this process. Either way they must be the bytes `payloadHash` and `chainHash` give, for any text.
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => test.drop());

const AWKWARD = [
  'Prüfung der Übersetzungsqualität (ß, Ä, Ö, Ü)',
  'Emoji 😀 and a lone combining mark: e\u0301',
  'Quotes "double" and \'single\', backslash \\ and \\u00e4 as text',
  'Line\nbreaks\r\nand\ttabs, U+2028 \u2028 and U+2029 \u2029',
  'SQL: \'); drop table audit_event; --',
  '{"seq":99}',
  '',
];

describe(`appending audit events (${TEST_DIALECT})`, () => {
  it('stores hashes equal to the ones computed in Node for text with umlauts, emoji, quotes, control characters and JSON', async () => {
    const { db, dialect } = test.database;
    const actor: Actor = { ...systemActor('Prüferin „Ö“ 😀'), clientAddress: '::1' };
    for (const [i, text] of AWKWARD.entries()) {
      const event = await db.transaction().execute((trx) =>
        appendAuditEvent(trx, dialect, actor, { action: 'test.awkward', entityType: 'test', entityId: `entity-${i}-${text}`, changes: [{ field: text || 'empty', before: text, after: { nested: [text, i, null, true] } }], reason: text || null }, `2026-11-27T10:00:0${i}.000Z`),
      );
      const row = await db.selectFrom('audit_event').selectAll().where('seq', '=', event.seq).executeTakeFirstOrThrow();
      const expected = payloadHash(toPayload(row));
      expect(row.payload_hash).toBe(expected);
      expect(event.payloadHash).toBe(expected);
      expect(event.seq).toBe(Number(row.seq));
      const previous = await db.selectFrom('audit_event').select('chain_hash').where('seq', '=', event.seq - 1).executeTakeFirst();
      expect(row.chain_hash).toBe(chainHash(previous?.chain_hash ?? '0'.repeat(64), expected));
      expect(event.chainHash).toBe(row.chain_hash);
    }
    const head = await db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    const last = await db.selectFrom('audit_event').select(['seq', 'chain_hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(Number(head.seq)).toBe(Number(last.seq));
    expect(head.chain_hash).toBe(last.chain_hash);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('keeps one chain when many transactions append at once', async () => {
    const { db, dialect } = test.database;
    const actor = systemActor('parallel');
    const before = Number((await db.selectFrom('audit_chain_head').select('seq').executeTakeFirstOrThrow()).seq);
    const events = await Promise.all(Array.from({ length: 40 }, (_, i) => db.transaction().execute((trx) =>
      appendAuditEvent(trx, dialect, actor, { action: 'test.parallel', entityType: 'test', entityId: String(i), changes: [] }, new Date().toISOString()))));
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => before + i + 1));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
