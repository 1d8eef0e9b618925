import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPayload, verifyAuditChain } from '../../src/audit/audit-log.js';
import { checkpointMessage, writeCheckpoint } from '../../src/audit/checkpoints.js';
import { chainHash, payloadHash, GENESIS_HASH } from '../../src/audit/hash-chain.js';
import { OrganisationKeys } from '../../src/signing/organisation-keys.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let keyDir: string;
let keys: OrganisationKeys;

beforeAll(async () => {
  t = await startTestApp();
  keyDir = mkdtempSync(path.join(tmpdir(), 'konform-keys-'));
  keys = new OrganisationKeys(t.db.database, keyDir);
});
afterAll(async () => {
  await t.close();
  rmSync(keyDir, { recursive: true, force: true });
});

const db = () => t.db.database.db;

/** Recomputes every payload and chain hash from seq `from` on, as someone rewriting the trail would. */
async function rehashFrom(from: number) {
  const rows = await db().selectFrom('audit_event').selectAll().orderBy('seq').execute();
  let previous = GENESIS_HASH;
  for (const row of rows) {
    if (Number(row.seq) >= from) {
      const p = payloadHash(toPayload(row));
      const c = chainHash(previous, p);
      await db().updateTable('audit_event').set({ payload_hash: p, chain_hash: c }).where('seq', '=', row.seq).execute();
      previous = c;
    } else {
      previous = row.chain_hash;
    }
  }
  const last = rows.at(-1)!;
  await db().updateTable('audit_chain_head').set({ seq: last.seq, chain_hash: previous }).where('id', '=', 1).execute();
}

describe("the organisation's signing key", () => {
  it('is created once, kept private in the key directory and its public half recorded with an audit event', async () => {
    const first = await keys.active();
    const again = await new OrganisationKeys(t.db.database, keyDir).active();
    expect(again.id).toBe(first.id);
    expect(statSync(path.join(keyDir, `${first.id}.pem`)).mode & 0o777).toBe(0o600);
    const stored = await db().selectFrom('signing_key').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(stored.public_key_pem).toBe(first.publicKeyPem);
    expect(stored.public_key_pem).not.toContain('PRIVATE');
    const created = await db().selectFrom('audit_event').select('action').where('entity_type', '=', 'signing-key').where('entity_id', '=', first.id).execute();
    expect(created.map((e) => e.action)).toEqual(['signing-key.create']);
  });

  it('agrees on one key when two instances sharing the key directory start together', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'konform-keys-race-'));
    try {
      const [a, b] = await Promise.all([new OrganisationKeys(t.db.database, dir).active(), new OrganisationKeys(t.db.database, dir).active()]);
      expect(a.id).toBe(b.id);
      expect(readdirSync(dir).filter((f) => f.endsWith('.pem'))).toEqual([`${a.id}.pem`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('signed checkpoints of the audit chain', () => {
  it('signs the chain head once, and the signature verifies with the public key alone (openssl)', async () => {
    const unit = await t.newUnit();
    expect(unit).toBeTruthy();
    const checkpoint = await writeCheckpoint(t.db.database, keys);
    expect(checkpoint).not.toBeNull();
    expect(await writeCheckpoint(t.db.database, keys)).toBeNull(); // the head did not move
    const head = await db().selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    expect(checkpoint).toMatchObject({ seq: Number(head.seq), chain_hash: head.chain_hash });

    const work = mkdtempSync(path.join(tmpdir(), 'konform-openssl-'));
    try {
      const key = await db().selectFrom('signing_key').selectAll().where('id', '=', checkpoint!.key_id).executeTakeFirstOrThrow();
      writeFileSync(path.join(work, 'public.pem'), key.public_key_pem);
      writeFileSync(path.join(work, 'message'), checkpointMessage(checkpoint!.seq, checkpoint!.chain_hash, checkpoint!.signed_at));
      writeFileSync(path.join(work, 'signature'), Buffer.from(checkpoint!.signature, 'base64'));
      const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public.pem', '-rawin', '-in', 'message', '-sigfile', 'signature'], { cwd: work }).toString();
      expect(out).toContain('Signature Verified Successfully');
      writeFileSync(path.join(work, 'message'), checkpointMessage(checkpoint!.seq + 1, checkpoint!.chain_hash, checkpoint!.signed_at));
      expect(() => execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public.pem', '-rawin', '-in', 'message', '-sigfile', 'signature'], { cwd: work, stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const verified = await verifyAuditChain(db());
    expect(verified).toMatchObject({ ok: true, checkpoints: { checked: 1, latest: { seq: checkpoint!.seq, keyId: checkpoint!.key_id } } });
  });

  it('serves the public keys and the checkpoints over the API', async () => {
    const admin = (await t.newUser([{ orgUnitId: await t.newUnit(), role: 'admin' }])).client;
    const published = await admin.get('/api/keys');
    expect(published.status).toBe(200);
    expect(published.body.items).toContainEqual(expect.objectContaining({ id: (await keys.active()).id, algorithm: 'Ed25519', retiredAt: null }));
    const checkpoints = await admin.get('/api/audit-events/checkpoints');
    expect(checkpoints.status).toBe(200);
    expect(checkpoints.body.items.length).toBeGreaterThan(0);
  });

  it('keeps old keys after rotation, so earlier checkpoints still verify', async () => {
    const before = await keys.active();
    await t.newUnit();
    const rotated = await keys.rotate();
    expect(rotated.id).not.toBe(before.id);
    expect(await writeCheckpoint(t.db.database, keys)).toMatchObject({ key_id: rotated.id });
    const stored = await db().selectFrom('signing_key').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(stored.retired_at).not.toBeNull();
    const verified = await verifyAuditChain(db());
    expect(verified.ok).toBe(true);
    expect(verified.checkpoints.checked).toBeGreaterThanOrEqual(2);
  });

  it('detects a rewritten trail whose hashes were all recomputed', async () => {
    await t.newUnit();
    const checkpoint = (await writeCheckpoint(t.db.database, keys))!;
    const target = await db().selectFrom('audit_event').select(['seq', 'actor_label']).where('seq', '<', checkpoint.seq).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    await sql`update audit_event set actor_label = ${'Jemand anderes'} where seq = ${target.seq}`.execute(db());
    await rehashFrom(Number(target.seq));
    const verified = await verifyAuditChain(db());
    // The first checkpoint at or after the rewritten event contradicts the recomputed chain.
    const firstAfter = await db().selectFrom('audit_checkpoint').select('seq').where('seq', '>=', target.seq).orderBy('seq').executeTakeFirstOrThrow();
    expect(verified).toMatchObject({ ok: false, firstBroken: { seq: Number(firstAfter.seq), reason: 'checkpoint-mismatch' } });
    expect(Number(firstAfter.seq)).toBeLessThanOrEqual(checkpoint.seq);
    // Undo, so the next test starts from an intact chain.
    await sql`update audit_event set actor_label = ${target.actor_label} where seq = ${target.seq}`.execute(db());
    await rehashFrom(Number(target.seq));
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('detects a trail truncated together with its head row', async () => {
    await t.newUnit();
    const checkpoint = (await writeCheckpoint(t.db.database, keys))!;
    const removed = await db().selectFrom('audit_event').selectAll().where('seq', '>=', checkpoint.seq - 1).orderBy('seq').execute();
    await db().deleteFrom('audit_event').where('seq', '>=', checkpoint.seq - 1).execute();
    const last = await db().selectFrom('audit_event').select(['seq', 'chain_hash']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    await db().updateTable('audit_chain_head').set({ seq: last.seq, chain_hash: last.chain_hash }).where('id', '=', 1).execute();
    const verified = await verifyAuditChain(db());
    expect(verified).toMatchObject({ ok: false, firstBroken: { seq: Number(last.seq) + 1, reason: 'truncated' } });
    await db().insertInto('audit_event').values(removed).execute();
    const head = removed.at(-1)!;
    await db().updateTable('audit_chain_head').set({ seq: head.seq, chain_hash: head.chain_hash }).where('id', '=', 1).execute();
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('detects a forged checkpoint', async () => {
    await t.newUnit();
    const checkpoint = (await writeCheckpoint(t.db.database, keys))!;
    await db().updateTable('audit_checkpoint').set({ chain_hash: 'f'.repeat(64) }).where('seq', '=', checkpoint.seq).execute();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBroken: { seq: checkpoint.seq, reason: 'checkpoint-signature-invalid' } });
    await db().updateTable('audit_checkpoint').set({ chain_hash: checkpoint.chain_hash }).where('seq', '=', checkpoint.seq).execute();
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
