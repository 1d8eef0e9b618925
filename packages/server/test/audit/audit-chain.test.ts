import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPayload, verifyAuditChain } from '../../src/audit/audit-log.js';
import { chainHash, verifyLinks, payloadHash, GENESIS_HASH } from '../../src/audit/hash-chain.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { TEST_DIALECT } from '../support/database.js';

let t: TestApp;
let unit: string;
let owner: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  owner = (await t.newUser([{ orgUnitId: unit, role: 'owner' }])).client;
});
afterAll(async () => t.close());

describe('audit trail', () => {
  it('records who changed which field from what to what, with reason and client address', async () => {
    const system = await t.newSystem(owner, unit, { name: 'Alt', tags: ['a'] });
    await owner.patch(`/api/systems/${system.id}`, { version: 1, name: 'Neu', tags: ['a', 'b'], reason: 'Umbenennung laut Beschluss' });
    await owner.post(`/api/systems/${system.id}/archive`, { version: 2, reason: 'Abgelöst' });
    const events = await owner.get(`/api/audit-events?entityType=system&entityId=${system.id}`);
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['system.archive', 'system.update', 'system.create']);
    const update = events.body.items[1];
    expect(update.changes).toEqual([
      { field: 'name', before: 'Alt', after: 'Neu' },
      { field: 'tags', before: ['a'], after: ['a', 'b'] },
    ]);
    expect(update).toMatchObject({ reason: 'Umbenennung laut Beschluss', clientAddress: '127.0.0.1', actorLabel: expect.stringContaining('@test.example') });
    expect(events.body.items[0].changes).toEqual([{ field: 'archivedAt', before: null, after: expect.any(String) }]);
  });

  it('shows the whole log to an auditor whose unit reaches every unit, and only system histories below that', async () => {
    const fresh = await startTestApp();
    try {
      const top = await fresh.newUnit(null, 'Behörde');
      const child = await fresh.newUnit(top, 'Referat');
      const topAuditor = (await fresh.newUser([{ orgUnitId: top, role: 'auditor' }])).client;
      const childAuditor = (await fresh.newUser([{ orgUnitId: child, role: 'auditor' }])).client;
      const whole = await topAuditor.get('/api/audit-events');
      expect(whole.status).toBe(200);
      expect(whole.body.total).toBeGreaterThan(0);
      expect((await childAuditor.get('/api/audit-events')).status).toBe(403);
      const admin = (await fresh.newUser([{ orgUnitId: top, role: 'admin' }])).client;
      const system = await fresh.newSystem(admin, child);
      expect((await childAuditor.get(`/api/audit-events?entityType=system&entityId=${system.id}`)).body.total).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('writes the audit event in the same transaction: a failed change leaves no event', async () => {
    const system = await t.newSystem(owner, unit);
    const before = await t.db.database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect((await owner.patch(`/api/systems/${system.id}`, { version: 99, name: 'x' })).status).toBe(409);
    const after = await t.db.database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('keeps one unforked chain under parallel writers', async () => {
    const systems = await Promise.all(Array.from({ length: 8 }, () => t.newSystem(owner, unit)));
    await Promise.all(systems.flatMap((s) => [owner.patch(`/api/systems/${s.id}`, { version: 1, description: 'parallel' })]));
    await Promise.all(Array.from({ length: 12 }, (_, i) => t.newSystem(owner, unit, { name: `Parallel ${i}` })));
    const rows = await t.db.database.db.selectFrom('audit_event').select(['seq']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    const result = await verifyAuditChain(t.db.database.db);
    expect(result).toEqual({ ok: true, checked: rows.length, firstBroken: null, checkpoints: { checked: 0, latest: null } });
    expect((await owner.get('/api/audit-events/verify')).status).toBe(403); // owners do not hold audit.verify
  });

  it('verifies a slice whose payloads are withheld, from the hashes alone', async () => {
    const rows = await t.db.database.db.selectFrom('audit_event').selectAll().orderBy('seq').limit(5).execute();
    const links = rows.map((r) => ({ seq: Number(r.seq), payload: null, payloadHash: r.payload_hash, chainHash: r.chain_hash }));
    expect(verifyLinks(links, { seq: 0, chainHash: GENESIS_HASH })).toBeNull();
    const forged = links.map((l, i) => (i === 2 ? { ...l, payloadHash: payloadHash({ ...toPayload(rows[2]!), actorLabel: 'forged' }) } : l));
    expect(verifyLinks(forged, { seq: 0, chainHash: GENESIS_HASH })).toEqual({ seq: links[2]!.seq, reason: 'chain-hash-mismatch' });
    expect(chainHash(GENESIS_HASH, rows[0]!.payload_hash)).toBe(rows[0]!.chain_hash);
  });

  it('finds an event altered directly in the database and names it, over the API and the CLI', async () => {
    const admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
    const system = await t.newSystem(owner, unit, { name: 'Manipulationsziel' });
    const target = await t.db.database.db
      .selectFrom('audit_event')
      .select('seq')
      .where('entity_id', '=', system.id)
      .executeTakeFirstOrThrow();
    expect((await admin.client.get('/api/audit-events/verify')).body.ok).toBe(true);
    await sql`update audit_event set actor_label = ${'Jemand anderes'} where seq = ${target.seq}`.execute(t.db.database.db);
    const reply = await admin.client.get('/api/audit-events/verify');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: false, firstBroken: { seq: Number(target.seq), reason: 'payload-hash-mismatch' } });

    const root = path.resolve(import.meta.dirname, '../../../..');
    const env = { ...process.env, ...(TEST_DIALECT === 'postgres' ? { DATABASE_URL: t.db.url } : { DATABASE_URL: '' }) };
    const args = ['--conditions=source', path.join(root, 'packages/server/src/cli.ts'), 'audit', 'verify', ...(t.db.dataDir ? ['--data', t.db.dataDir] : [])];
    let output = '';
    let status = 0;
    try {
      output = execFileSync(path.join(root, 'node_modules/.bin/tsx'), args, { env, encoding: 'utf8' });
    } catch (error) {
      const e = error as { status: number; stdout: string };
      status = e.status;
      output = e.stdout;
    }
    expect(status).toBe(1);
    expect(output).toContain(`BROKEN at event ${target.seq} (payload-hash-mismatch)`);
  });
});
