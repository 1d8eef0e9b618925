import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { writeCheckpoint } from '../../src/audit/checkpoints.js';
import { OrganisationKeys } from '../../src/signing/organisation-keys.js';
import { JobScheduler } from '../../src/jobs/scheduler.js';
import { registerRetentionJob, ensureRetentionJob } from '../../src/modules/privacy/index.js';
import { RETENTION_LABEL } from '../../src/modules/privacy/retention.js';
import { auditSlice } from '../../src/modules/audit-package/slice.js';
import { verifyAuditSlice } from '../../src/signing/audit-slice.js';
import { listPublicKeys } from '../../src/signing/organisation-keys.js';
import { createBackup } from '../../src/backup/backup.js';
import { restoreBackup } from '../../src/backup/restore.js';
import { openDatabase } from '../../src/db/database.js';
import { startTestApp, FIXTURE_CATALOGS, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';
import { systemActor } from '../../src/access/actor.js';

/**
 * Retention periods and erasure of personal data (#12, point 7) on a real database: the audit chain stays verifiable
 * after every erasure, and the signed checkpoints still match; tampering with redacted events is detected.
 */
let t: TestApp;
let unit: string;
let admin: { id: string; email: string; client: TestClient };
let keyDir: string;
let keys: OrganisationKeys;
const db = () => t.db.database.db;

/** A user with a unique name (test users share "Test User") who signs in and works in the unit. */
async function newPerson(name: string) {
  const email = `p-${randomUUID().slice(0, 8)}@test.example`;
  const user = await t.services.users.create(systemActor('test setup'), {
    email, displayName: name, password: TEST_PASSWORD, locale: 'de', roles: [{ orgUnitId: unit, role: 'owner' }], clearance: 'offen',
  });
  const client = new TestClient(t.baseUrl);
  expect((await client.login(email, TEST_PASSWORD)).status).toBe(200);
  return { id: user.id, email, client, label: `${name} <${email}>` };
}

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
  keyDir = mkdtempSync(path.join(tmpdir(), 'konform-keys-'));
  keys = new OrganisationKeys(t.db.database, keyDir);
});
afterAll(async () => {
  await t.close();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('retention periods', () => {
  it('lists every record type with default, legal minimum, legal basis and start, and refuses a period below the minimum', async () => {
    const list = await admin.client.get('/api/privacy/retention');
    expect(list.status).toBe(200);
    const byType = Object.fromEntries((list.body as { recordType: string; version: number }[]).map((p) => [p.recordType, p]));
    expect(byType['technical-documentation']).toMatchObject({ months: 120, minMonths: 120, start: 'superseded', legalBasis: expect.stringContaining('Art. 18') });
    expect(byType['audit-trail']).toMatchObject({ minMonths: 6, legalBasis: expect.stringContaining('Art. 19') });
    const log = byType['audit-trail']!;
    const short = await admin.client.request('PUT', '/api/privacy/retention/audit-trail', { months: 5, version: log.version });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ path: 'months', message: expect.stringContaining('at least 6 months') }]);
    const docs = await admin.client.request('PUT', '/api/privacy/retention/technical-documentation', { months: 119, version: 1 });
    expect(docs.status).toBe(400);
    const ok = await admin.client.request('PUT', '/api/privacy/retention/audit-trail', { months: 6, version: log.version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ months: 6, version: log.version + 1, updatedByLabel: expect.stringContaining(admin.email) });
    const stale = await admin.client.request('PUT', '/api/privacy/retention/audit-trail', { months: 7, version: log.version });
    expect(stale.status).toBe(409);
    const events = await admin.client.get('/api/audit-events?entityType=retention-policy&entityId=audit-trail');
    expect(events.body.items[0]).toMatchObject({ action: 'retention.update', changes: [{ field: 'months', before: 120, after: 6 }] });
    // Back to the default so the sweep test below starts from the documented values.
    expect((await admin.client.request('PUT', '/api/privacy/retention/audit-trail', { months: 120, version: log.version + 1 })).status).toBe(200);
  });
});

describe('erasure on request (DSGVO Art. 17)', () => {
  it('previews, then pseudonymises the account, the records and the audit events, and the chain and checkpoints still verify', async () => {
    const person = await newPerson(`Erika Mustermann ${randomUUID().slice(0, 4)}`);
    const system = await t.newSystem(person.client, unit, { name: 'Transkription', responsible: 'Erika Zuständig' });
    await person.client.patch(`/api/systems/${system.id}`, { version: 1, purpose: `Rückfragen an ${person.email}` });
    // Someone else names the person as the responsible: a record naming them, and an event about it.
    const other = await admin.client.post('/api/systems', { name: 'Zweites System', purpose: 'Test', orgUnitId: unit, roles: ['deployer'], responsible: person.label.split(' <')[0] });
    expect(other.status).toBe(201);
    await writeCheckpoint(t.db.database, keys);

    const preview = await admin.client.get(`/api/privacy/erasure/${person.id}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ userId: person.id, email: person.email, alreadyErased: false, pseudonym: `Gelöschte Person ${person.id.slice(0, 8)}` });
    expect(preview.body.records).toEqual(expect.arrayContaining([{ table: 'ai_system', column: 'responsible', count: 1 }]));
    expect(preview.body.auditEvents).toBeGreaterThanOrEqual(4); // user.create, login, system.create, system.update, the other system's create
    expect(preview.body.kept).toContain('signatures');

    const unconfirmed = await admin.client.post(`/api/privacy/erasure/${person.id}`, { reason: 'Antrag vom 20.11.' });
    expect(unconfirmed.status).toBe(400);
    const noReason = await admin.client.post(`/api/privacy/erasure/${person.id}`, { reason: '', confirm: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    expect((await admin.client.post(`/api/privacy/erasure/${admin.id}`, { reason: 'Selbst', confirm: true })).status).toBe(400);

    const done = await admin.client.post(`/api/privacy/erasure/${person.id}`, { reason: 'Antrag auf Löschung vom 20.11.2026', confirm: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ pseudonym: preview.body.pseudonym, auditEvents: preview.body.auditEvents });
    expect(done.body.records).toBeGreaterThanOrEqual(1);

    // The account: pseudonymised, disabled, signed out.
    const user = await db().selectFrom('app_user').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ display_name: preview.body.pseudonym, password_hash: null });
    expect(Number(user.active)).toBe(0);
    expect(user.email).not.toContain(person.email);
    expect((await person.client.get('/api/auth/me')).status).toBe(401);
    // The records.
    const records = await db().selectFrom('ai_system').select(['id', 'responsible']).where('id', 'in', [system.id, other.body.id]).execute();
    expect(records.find((r) => r.id === other.body.id)!.responsible).toBe(preview.body.pseudonym);
    expect(records.find((r) => r.id === system.id)!.responsible).toBe('Erika Zuständig');
    // The search finds the record under the pseudonym, no longer under the erased name.
    const search = async (q: string) => ((await admin.client.get(`/api/systems?q=${encodeURIComponent(q)}`)).body as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await search(person.label.split(' <')[0]!)).not.toContain(other.body.id);
    expect(await search(preview.body.pseudonym)).toContain(other.body.id);
    // No trace of the person's name or e-mail address anywhere in the audit trail, the erasure event included.
    const trail = await db().selectFrom('audit_event').selectAll().execute();
    const text = JSON.stringify(trail);
    expect(text).not.toContain(person.email);
    expect(text).not.toContain(person.label.split(' <')[0]);
    const redacted = trail.filter((e) => e.redacted_at);
    expect(redacted.length).toBe(done.body.auditEvents);
    const erasure = trail.find((e) => Number(e.seq) === done.body.erasureSeq)!;
    expect(erasure).toMatchObject({ action: 'privacy.erase-person', entity_id: person.id, reason: 'Antrag auf Löschung vom 20.11.2026', redacted_at: null });
    // The API marks redacted events.
    const listed = await admin.client.get(`/api/audit-events?entityType=system&entityId=${system.id}`);
    expect(listed.body.items.every((e: { redactedAt?: string; actorLabel: string }) => e.redactedAt && e.actorLabel === preview.body.pseudonym)).toBe(true);

    const verification = await verifyAuditChain(db());
    expect(verification).toMatchObject({ ok: true, firstBroken: null });
    await writeCheckpoint(t.db.database, keys);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, checkpoints: { checked: 2 } });
    expect((await admin.client.post(`/api/privacy/erasure/${person.id}`, { reason: 'nochmal', confirm: true })).status).toBe(409);
    expect((await admin.client.get(`/api/privacy/erasure/${person.id}`)).body.alreadyErased).toBe(true);
  });

  it('detects tampering: a redacted event with another payload or chain hash, edited after redaction, or marked redacted without an erasure event', async () => {
    const person = await newPerson(`Max Muster ${randomUUID().slice(0, 4)}`);
    await t.newSystem(person.client, unit);
    await admin.client.post(`/api/privacy/erasure/${person.id}`, { reason: 'Antrag', confirm: true });
    expect((await verifyAuditChain(db())).ok).toBe(true);
    const victim = (await db().selectFrom('audit_event').selectAll().where('redacted_at', 'is not', null).orderBy('seq', 'desc').executeTakeFirstOrThrow());
    const seq = Number(victim.seq);
    const restore = () => db().updateTable('audit_event').set({ payload_hash: victim.payload_hash, chain_hash: victim.chain_hash, changes: victim.changes, redacted_at: victim.redacted_at, redaction_id: victim.redaction_id }).where('seq', '=', seq).execute();
    const expectBroken = async (reason: string, at = seq) => {
      expect((await verifyAuditChain(db())).firstBroken).toEqual({ seq: at, reason });
      await restore();
      expect((await verifyAuditChain(db())).ok).toBe(true);
    };

    await db().updateTable('audit_event').set({ payload_hash: 'f'.repeat(64) }).where('seq', '=', seq).execute();
    await expectBroken('chain-hash-mismatch');
    await db().updateTable('audit_event').set({ chain_hash: 'e'.repeat(64) }).where('seq', '=', seq).execute();
    await expectBroken('chain-hash-mismatch');
    await db().updateTable('audit_event').set({ changes: '[{"after":"geändert","before":null,"field":"name"}]' }).where('seq', '=', seq).execute();
    await expectBroken('redaction-unaccounted');
    await db().updateTable('audit_event').set({ redaction_id: randomUUID() }).where('seq', '=', seq).execute();
    await expectBroken('redaction-unaccounted');

    // Hiding a change by marking an ordinary event redacted: the chain no longer checks its payload, the coverage does.
    const bystander = await t.newSystem(admin.client, unit);
    const plain = await db().selectFrom('audit_event').selectAll().where('entity_id', '=', bystander.id).where('action', '=', 'system.create').executeTakeFirstOrThrow();
    await db().updateTable('audit_event').set({ redacted_at: new Date().toISOString(), changes: '[]' }).where('seq', '=', plain.seq).execute();
    expect((await verifyAuditChain(db())).firstBroken).toEqual({ seq: Number(plain.seq), reason: 'redaction-unaccounted' });
    await db().updateTable('audit_event').set({ redacted_at: null, changes: plain.changes }).where('seq', '=', plain.seq).execute();
    // A forged redaction list: the erasure event's digest no longer matches.
    const redaction = await db().selectFrom('audit_redaction').selectAll().where('id', '=', victim.redaction_id!).executeTakeFirstOrThrow();
    await db().updateTable('audit_redaction').set({ entries: '[]' }).where('id', '=', redaction.id).execute();
    expect((await verifyAuditChain(db())).firstBroken?.reason).toBe('redaction-unaccounted');
    await db().updateTable('audit_redaction').set({ entries: redaction.entries }).where('id', '=', redaction.id).execute();
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});

describe('redacted events in exports', () => {
  it('travel as withheld payloads in the audit package slice, and survive backup and restore with the chain intact', async () => {
    const person = await newPerson(`Lena Export ${randomUUID().slice(0, 4)}`);
    const system = await t.newSystem(person.client, unit);
    await admin.client.post(`/api/privacy/erasure/${person.id}`, { reason: 'Antrag', confirm: true });
    await writeCheckpoint(t.db.database, keys);
    const slice = await auditSlice(db(), new Set([system.id]));
    const redacted = slice.events.filter((e) => e.payload === null);
    expect(redacted.length).toBeGreaterThan(0);
    expect(JSON.stringify(slice)).not.toContain(person.email);
    const trusted = new Map((await listPublicKeys(db())).map((k) => [k.id, k.public_key_pem]));
    expect(verifyAuditSlice(Buffer.from(JSON.stringify(slice)), trusted)).toMatchObject({ ok: true, broken: null });

    const work = mkdtempSync(path.join(tmpdir(), 'konform-privacy-backup-'));
    try {
      const archive = path.join(work, 'backup.tar.gz');
      await createBackup(t.db.database, { dataDir: t.dataDir, keyDir, output: archive });
      const dataDir = path.join(work, 'restored');
      await restoreBackup(() => openDatabase({ dataDir }), { archive, dataDir, keyDir: path.join(dataDir, 'keys') });
      const restored = openDatabase({ dataDir });
      try {
        expect(await verifyAuditChain(restored.db)).toMatchObject({ ok: true });
        const count = async (d: typeof restored.db) => (await d.selectFrom('audit_event').select('seq').where('redacted_at', 'is not', null).execute()).length;
        expect(await count(restored.db)).toBe(await count(db()));
      } finally {
        await restored.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('erasure when the retention period ends', () => {
  it('erases names in closed complaints past their period, keeps open ones and types under hold, with a controlled clock', async () => {
    const person = await newPerson(`Clara Beispiel ${randomUUID().slice(0, 4)}`);
    const system = await t.newSystem(person.client, unit);
    const complaint = async (subject: string) => (await person.client.post('/api/complaints', { systemId: system.id, kind: 'complaint', receivedOn: '2026-11-02', from: 'Bürgerin Petra Klage', subject })).body;
    const closed = await complaint('Geschlossen');
    const open = await complaint('Offen');
    expect((await person.client.patch(`/api/complaints/${closed.id}`, { version: closed.version, status: 'closed', answer: 'Erledigt', answeredOn: '2026-11-20' })).status).toBe(200);
    await writeCheckpoint(t.db.database, keys);

    const at = (iso: string) => {
      const scheduler = new JobScheduler(t.db.database, { now: () => new Date(iso) });
      registerRetentionJob(scheduler, t.db.database);
      return scheduler;
    };
    // Two years on: complaints keep 36 months, nothing is due.
    const early = at('2028-12-01T00:00:00Z');
    await ensureRetentionJob(early);
    await early.runUntilIdle();
    expect((await db().selectFrom('complaint').select('created_by_label').where('id', '=', closed.id).executeTakeFirstOrThrow()).created_by_label).toBe(person.label);

    // A legal hold on complaints stops the sweep even after the period.
    const policy = (await admin.client.get('/api/privacy/retention')).body.find((p: { recordType: string }) => p.recordType === 'complaint');
    expect((await admin.client.request('PUT', '/api/privacy/retention/complaint', { months: policy.months, hold: true, version: policy.version })).body.hold).toBe(true);
    const held = at('2030-06-01T00:00:00Z');
    await ensureRetentionJob(held);
    await held.runUntilIdle();
    expect((await db().selectFrom('complaint').select('from_text').where('id', '=', closed.id).executeTakeFirstOrThrow()).from_text).toBe('Bürgerin Petra Klage');
    expect((await admin.client.request('PUT', '/api/privacy/retention/complaint', { months: policy.months, hold: false, version: policy.version + 1 })).status).toBe(200);

    const late = at('2030-06-02T00:00:00Z');
    await ensureRetentionJob(late);
    await late.runUntilIdle();
    const rows = await db().selectFrom('complaint').selectAll().where('id', 'in', [closed.id, open.id]).execute();
    expect(rows.find((r) => r.id === closed.id)).toMatchObject({ created_by_label: RETENTION_LABEL, from_text: RETENTION_LABEL, subject: 'Geschlossen' });
    expect(rows.find((r) => r.id === open.id)).toMatchObject({ created_by_label: person.label, from_text: 'Bürgerin Petra Klage' });
    const history = await db().selectFrom('audit_event').selectAll().where('entity_id', '=', closed.id).execute();
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((e) => e.redacted_at && e.actor_label === RETENTION_LABEL && !e.changes.includes('Petra Klage'))).toBe(true);
    const sweep = await db().selectFrom('audit_event').selectAll().where('action', '=', 'retention.erase').execute();
    expect(sweep).toHaveLength(1);
    expect(JSON.parse(sweep[0]!.changes)[0]).toEqual({ field: 'records', before: null, after: { complaint: 1 } });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    // Run again the same day and the next: nothing left to do, nothing written.
    await late.runUntilIdle();
    const next = at('2030-06-03T00:00:00Z');
    await ensureRetentionJob(next);
    await next.runUntilIdle();
    expect(await db().selectFrom('audit_event').select('seq').where('action', '=', 'retention.erase').execute()).toHaveLength(1);
  });
});
