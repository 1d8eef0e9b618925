// Several instances as they are deployed: two `konform serve` processes started together on one new, empty
// PostgreSQL database and one S3-compatible object store (s3rver), each with its own data directory. The first start
// migrates once and creates one administrator; sessions, evidence and scheduled jobs (webhook deliveries) work across
// both processes. SQLite serves one instance (docs/operations.md), so this runs in the PostgreSQL pass.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { knownMigrations } from '../../src/db/migrate.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { createEmptyPostgresDatabase, TEST_DIALECT } from '../support/database.js';
import { killProcess, signInOverHttp, startServerProcess, type HttpSession, type ServerProcess } from '../support/server-process.js';

const onPostgres = TEST_DIALECT === 'postgres';
const ADMIN = { email: 'betrieb@test.example', password: 'Zwei-Prozesse-Kennwort-2026' };

let work: string;
let fresh: Awaited<ReturnType<typeof createEmptyPostgresDatabase>> | null = null;
let s3: S3rver | null = null;
let receiver: Server | null = null;
let receiverUrl: string;
const deliveries: { delivery: string; event: string; body: string }[] = [];
const processes: ServerProcess[] = [];
let database: Database | null = null;

async function call(server: ServerProcess, session: HttpSession, method: string, url: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

beforeAll(async () => {
  if (!onPostgres) return;
  work = mkdtempSync(path.join(tmpdir(), 'konform-processes-'));
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(work, 's3'), configureBuckets: [{ name: 'konform', configs: [] }] });
  const { port } = (await s3.run()) as { port: number };
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ delivery: String(req.headers['konform-delivery']), event: String(req.headers['konform-event']), body: Buffer.concat(chunks).toString('utf8') });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  fresh = await createEmptyPostgresDatabase();
  const env = {
    DATABASE_URL: fresh.url,
    KONFORM_ADMIN_EMAIL: ADMIN.email,
    KONFORM_ADMIN_PASSWORD: ADMIN.password,
    KONFORM_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    KONFORM_S3_BUCKET: 'konform',
    KONFORM_S3_REGION: 'eu-central-1',
    KONFORM_S3_ACCESS_KEY_ID: 'S3RVER',
    KONFORM_S3_SECRET_ACCESS_KEY: 'S3RVER',
    KONFORM_JOB_POLL_SECONDS: '1',
  };
  // Both start at the same moment on the empty database: migrations and the first administrator race here.
  const started = await Promise.allSettled(['a', 'b'].map((name) => startServerProcess(path.join(work, name), env)));
  // Keep every process that came up, so afterAll stops it even when the other one failed to start.
  for (const s of started) if (s.status === 'fulfilled') processes.push(s.value);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  database = openDatabase({ databaseUrl: fresh.url, dataDir: work });
}, 120_000);

afterAll(async () => {
  for (const p of processes) await killProcess(p.child);
  await database?.close();
  await fresh?.drop();
  await s3?.close();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.runIf(onPostgres)('two Konform processes on one PostgreSQL database', () => {
  it('migrated once and created exactly one administrator when both started together', async () => {
    const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database!.db);
    expect(migrations.rows.map((r) => r.name)).toEqual(knownMigrations());
    const users = await database!.db.selectFrom('app_user').select('email').execute();
    expect(users.map((u) => u.email)).toEqual([ADMIN.email]);
    expect(await database!.db.selectFrom('org_unit').select('id').execute()).toHaveLength(1);
    const chain = await verifyAuditChain(database!.db);
    expect(chain.ok, JSON.stringify(chain.firstBroken)).toBe(true);
  });

  it('accepts a session from one process on the other, and serves evidence uploaded through the other', async () => {
    const [a, b] = processes as [ServerProcess, ServerProcess];
    const session = await signInOverHttp(a.baseUrl, ADMIN);
    const unitId = (await database!.db.selectFrom('org_unit').select('id').executeTakeFirstOrThrow()).id;
    const created = await call(b, session, 'POST', '/api/systems', { name: 'Lagebildauswertung', purpose: 'Zwei Prozesse', orgUnitId: unitId, roles: ['deployer'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await call(a, session, 'GET', `/api/systems/${String(created.body.id)}`)).status).toBe(200);

    const bytes = Buffer.from(`%PDF-1.4\n% Prüfbericht ${randomBytes(8).toString('hex')}\n%%EOF\n`);
    const form = new FormData();
    form.append('systemId', String(created.body.id));
    form.append('title', 'Prüfbericht');
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'bericht.pdf');
    const uploaded = await fetch(`${a.baseUrl}/api/evidence`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, body: form });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const evidenceId = ((await uploaded.json()) as { id: string }).id;
    const download = await fetch(`${b.baseUrl}/api/evidence/${evidenceId}/versions/1/content`, { headers: { cookie: session.cookie } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    expect((await call(b, session, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await call(a, session, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('delivers each webhook event exactly once while both schedulers poll', { timeout: 60_000 }, async () => {
    const [a, b] = processes as [ServerProcess, ServerProcess];
    const session = await signInOverHttp(b.baseUrl, ADMIN);
    const unitId = (await database!.db.selectFrom('org_unit').select('id').executeTakeFirstOrThrow()).id;
    expect((await call(a, session, 'PUT', '/api/webhooks/settings', { allowedHosts: ['127.0.0.1'] })).status).toBe(200);
    const subscribed = await call(b, session, 'POST', '/api/webhooks', { url: receiverUrl, eventTypes: ['system.created'], description: 'Zwei Prozesse' });
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(201);
    const names = Array.from({ length: 20 }, (_, n) => `Dienst ${n}`);
    for (const [n, name] of names.entries()) {
      const reply = await call(n % 2 === 0 ? a : b, session, 'POST', '/api/systems', { name, purpose: 'Zustellung', orgUnitId: unitId, roles: ['deployer'] });
      expect(reply.status).toBe(201);
    }
    const deadline = Date.now() + 45_000;
    while (deliveries.length < names.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    // Two more poll rounds of both schedulers: a second delivery of any event would arrive now.
    await new Promise((r) => setTimeout(r, 2500));
    expect(deliveries.every((d) => d.event === 'system.created')).toBe(true);
    expect(new Set(deliveries.map((d) => d.delivery)).size).toBe(deliveries.length);
    const delivered = deliveries.map((d) => (JSON.parse(d.body) as { data?: { systemName?: string } }).data?.systemName).sort();
    expect(delivered).toEqual([...names].sort());
  });
});
