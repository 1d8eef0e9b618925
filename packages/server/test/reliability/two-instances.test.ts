// Several instances, one database: two Konform apps, each with its own connection pool, on the same database and the
// same S3-compatible object store (s3rver on loopback). Sessions work on either instance, evidence uploaded through
// one is served by the other, jobs run once across both, and migrations started together apply once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import S3rver from 's3rver';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createServices } from '../../src/app.js';
import { systemActor } from '../../src/access/actor.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { knownMigrations, migrateToLatest } from '../../src/db/migrate.js';
import { JobScheduler, enqueueJob } from '../../src/jobs/scheduler.js';
import { S3ObjectStorage } from '../../src/storage/s3-storage.js';
import { createEmptyPostgresDatabase, createTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/database.js';
import { TEST_PASSWORD } from '../support/test-app.js';

let db: TestDatabase;
let second: Database;
let s3: S3rver;
let work: string;
const instances: { app: FastifyInstance; baseUrl: string }[] = [];
let adminEmail: string;
let unitId: string;

function openSecond(): Database {
  return openDatabase({ databaseUrl: db.url, dataDir: db.dataDir ?? tmpdir() });
}

async function startInstance(database: Database, name: string, endpoint: string): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const dataDir = path.join(work, name);
  const storage = new S3ObjectStorage({ endpoint, bucket: 'konform', region: 'eu-central-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, path.join(dataDir, 'staging'));
  const app = await buildApp({ database, logLevel: 'silent', webDir: '/nonexistent', dataDir, storage });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'konform-instances-'));
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(work, 's3'), configureBuckets: [{ name: 'konform', configs: [] }] });
  const { port } = (await s3.run()) as { port: number };
  db = await createTestDatabase();
  second = openSecond();
  const endpoint = `http://127.0.0.1:${port}`;
  instances.push(await startInstance(db.database, 'a', endpoint), await startInstance(second, 'b', endpoint));
  const services = createServices(db.database, 8, { dataDir: path.join(work, 'setup') });
  const actor = systemActor('two instances');
  unitId = (await services.orgUnits.create(actor, { name: 'Referat Skalierung', shortName: '', parentId: null })).id;
  adminEmail = `admin-${randomBytes(4).toString('hex')}@test.example`;
  await services.users.create(actor, { email: adminEmail, displayName: 'Admin', password: TEST_PASSWORD, locale: 'de', roles: [{ orgUnitId: unitId, role: 'admin' }], clearance: 'offen' });
});

afterAll(async () => {
  for (const i of instances) await i.app.close();
  await second?.close();
  await db?.drop();
  await s3?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('two instances on one database', () => {
  it('accepts a session from one instance on the other, and signing out on one ends it on both', async () => {
    const [a, b] = instances;
    const login = await fetch(`${a!.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: adminEmail, password: TEST_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    // A write on B with the session and CSRF token issued by A, read back on A.
    const created = await fetch(`${b!.baseUrl}/api/systems`, { method: 'POST', headers, body: JSON.stringify({ name: 'Übersetzungsdienst', purpose: 'Skalierungstest', orgUnitId: unitId, roles: ['deployer'] }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await fetch(`${a!.baseUrl}/api/systems/${id}`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${b!.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(204);
    expect((await fetch(`${a!.baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('serves evidence uploaded through one instance from the other (shared object store)', async () => {
    const [a, b] = instances;
    const login = await fetch(`${b!.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: adminEmail, password: TEST_PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const system = await fetch(`${b!.baseUrl}/api/systems`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bildauswertung', purpose: 'Skalierungstest', orgUnitId: unitId, roles: ['deployer'] }) });
    const systemId = ((await system.json()) as { id: string }).id;
    const bytes = Buffer.from(`%PDF-1.4\n% Prüfbericht ${randomBytes(8).toString('hex')}\n%%EOF\n`);
    const form = new FormData();
    form.append('systemId', systemId);
    form.append('title', 'Prüfbericht');
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'bericht.pdf');
    const uploaded = await fetch(`${a!.baseUrl}/api/evidence`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken }, body: form });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const evidenceId = ((await uploaded.json()) as { id: string }).id;
    const download = await fetch(`${b!.baseUrl}/api/evidence/${evidenceId}/versions/1/content`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('runs each job once across both instances', async () => {
    const runs: string[] = [];
    const handler = (instance: string) => async (payload: unknown) => {
      await new Promise((r) => setTimeout(r, 5));
      runs.push(`${instance}:${(payload as { n: number }).n}`);
    };
    const a = new JobScheduler(db.database, { instanceId: 'a', batchSize: 4 }).register('scale-test', handler('a'));
    const b = new JobScheduler(second, { instanceId: 'b', batchSize: 4 }).register('scale-test', handler('b'));
    for (let n = 0; n < 30; n += 1) await enqueueJob(db.database.db, 'scale-test', new Date(Date.now() - 1000), { n });
    // Both poll at the same time until nothing is due.
    for (let round = 0; round < 20; round += 1) await Promise.all([a.runOnce(), b.runOnce()]);
    const numbers = runs.map((r) => Number(r.split(':')[1])).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(new Set(runs.map((r) => r.split(':')[0])).size).toBeGreaterThanOrEqual(1);
  });
});

// Several instances are a PostgreSQL deployment: Kysely takes an advisory lock there. The embedded SQLite database
// serves one instance (docs/operations.md), so this runs in the PostgreSQL pass of the suite.
describe('migrations when instances start together', () => {
  it.runIf(TEST_DIALECT === 'postgres')('applies each migration once', async () => {
    const fresh = await createEmptyPostgresDatabase();
    const dataDir = mkdtempSync(path.join(work, 'fresh-'));
    const one = openDatabase({ databaseUrl: fresh.url, dataDir });
    const two = openDatabase({ databaseUrl: fresh.url, dataDir });
    try {
      const [x, y] = await Promise.allSettled([migrateToLatest(one), migrateToLatest(two)]);
      // The advisory lock lets one migrate while the other waits and then finds nothing left to do.
      expect(x.status, String((x as PromiseRejectedResult).reason)).toBe('fulfilled');
      expect(y.status, String((y as PromiseRejectedResult).reason)).toBe('fulfilled');
      const applied = (x as PromiseFulfilledResult<string[]>).value.length + (y as PromiseFulfilledResult<string[]>).value.length;
      expect(applied).toBe(knownMigrations().length);
      const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(one.db);
      expect(rows.rows.map((r) => r.name).sort()).toEqual(knownMigrations());
    } finally {
      await one.close();
      await two.close();
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
