import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_DIALECT } from '../support/database.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { OrganisationKeys } from '../../src/signing/organisation-keys.js';
import { createBackup } from '../../src/backup/backup.js';
import { restoreBackup, RestoreRefused } from '../../src/backup/restore.js';
import { SKIPPED_TABLES, describeTables } from '../../src/backup/tables.js';
import { TarWriter, readTar } from '../../src/backup/tar.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { PassThrough } from 'node:stream';
import S3rver from 's3rver';
import { LocalFileStorage } from '../../src/storage/local-storage.js';
import { S3ObjectStorage } from '../../src/storage/s3-storage.js';

const root = path.resolve(import.meta.dirname, '../../../..');
let t: TestApp;
let work: string;
let unit: string;
let admin: Awaited<ReturnType<TestApp['newUser']>>;
const EVIDENCE = Buffer.from(`%PDF-1.4\n% Prüfbericht ${randomBytes(8).toString('hex')}\n%%EOF\n`, 'utf8');

function form(fields: Record<string, string>, file: { name: string; bytes: Buffer }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(file.bytes)], { type: 'application/pdf' }), file.name);
  return f;
}

async function counts(database: Database): Promise<Record<string, number>> {
  const tables = (await describeTables(database.db, database.dialect)).filter((x) => !SKIPPED_TABLES.has(x.name));
  const out: Record<string, number> = {};
  for (const table of tables) {
    const r = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table.name)}`.execute(database.db);
    out[table.name] = Number(r.rows[0]!.n);
  }
  return out;
}

async function head(database: Database) {
  const row = await database.db.selectFrom('audit_chain_head').select(['seq', 'chain_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(row.seq), chainHash: row.chain_hash };
}

/** An empty target: a fresh SQLite data directory, or a fresh PostgreSQL database without tables. */
async function emptyTarget(dialect: 'sqlite' | 'postgres'): Promise<{ dataDir: string; open: () => Database; drop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(work, 'target-'));
  rmSync(dataDir, { recursive: true });
  if (dialect === 'sqlite') return { dataDir, open: () => openDatabase({ dataDir }), drop: async () => undefined };
  const name = `konform_restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.KONFORM_TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.KONFORM_TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    dataDir,
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir }),
    drop: async () => {
      const c = new pg.Client({ connectionString: process.env.KONFORM_TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Rewrites an archive entry by entry; `change` may alter an entry's bytes or drop it (null). */
async function rewriteArchive(source: string, target: string, change: (name: string, bytes: Buffer) => Buffer | null): Promise<void> {
  const entries: { name: string; bytes: Buffer }[] = [];
  const stream = new PassThrough();
  stream.end(gunzipSync(readFileSync(source)));
  await readTar(stream, (entry) => {
    const chunks: Buffer[] = [];
    return { write: (c) => void chunks.push(Buffer.from(c)), end: async () => void entries.push({ name: entry.name, bytes: Buffer.concat(chunks) }) };
  });
  const out = new PassThrough();
  const collected: Buffer[] = [];
  out.on('data', (c: Buffer) => collected.push(c));
  const tar = new TarWriter(out);
  for (const e of entries) {
    const bytes = change(e.name, e.bytes);
    if (bytes) await tar.addBuffer(e.name, bytes);
  }
  await tar.finish();
  out.end();
  writeFileSync(target, gzipSync(Buffer.concat(collected)));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'konform-backup-test-'));
  t = await startTestApp();
  unit = await t.newUnit(null, 'Referat Backup');
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
  const child = await t.newUnit(unit, 'Sachgebiet');
  for (let i = 0; i < 3; i += 1) {
    const system = await t.newSystem(admin.client, i === 0 ? unit : child, { name: `System ${i} <script>alert(1)</script> "Anführung"` });
    expect((await admin.client.post(`/api/systems/${system.id}/risks`, { title: `Risiko ${i}` })).status).toBe(201);
    if (i === 0) expect((await admin.client.post('/api/evidence', form({ systemId: system.id, title: 'Prüfbericht' }, { name: 'bericht.pdf', bytes: EVIDENCE }))).status).toBe(201);
  }
  await new OrganisationKeys(t.db.database, path.join(t.dataDir, 'keys')).active();
});

afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('backs up a busy instance consistently and restores it into an empty data directory', async () => {
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await t.newSystem(admin.client, unit);
        written += 1;
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    const archive = path.join(work, 'busy.tar.gz');
    const { manifest } = await createBackup(t.db.database, { dataDir: t.dataDir, keyDir: path.join(t.dataDir, 'keys'), output: archive });
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(0);
    expect(manifest.signature?.algorithm).toBe('Ed25519');
    expect(manifest.sourceDialect).toBe(TEST_DIALECT);

    for (const dialect of TEST_DIALECT === 'postgres' ? (['postgres', 'sqlite'] as const) : (['sqlite'] as const)) {
      const target = await emptyTarget(dialect);
      try {
        const keyDir = path.join(target.dataDir, 'keys');
        const summary = await restoreBackup(target.open, { archive, dataDir: target.dataDir, keyDir });
        const restored = target.open();
        try {
          // The snapshot is consistent: every table as the manifest counted it, and the chain ends where it says.
          expect(await counts(restored)).toEqual(Object.fromEntries(Object.entries(manifest.tables).map(([k, v]) => [k, v.rows])));
          expect(await head(restored)).toEqual(manifest.auditChainHead);
          expect(summary.auditChainHead).toEqual(manifest.auditChainHead);
          expect((await verifyAuditChain(restored.db)).ok).toBe(true);
          // Every system the snapshot holds has its creation event in the restored chain.
          const systems = await restored.db.selectFrom('ai_system').select('id').execute();
          const created = await restored.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'system.create').execute();
          expect(new Set(created.map((c) => c.entity_id))).toEqual(new Set(systems.map((s) => s.id)));
        } finally {
          await restored.close();
        }
        const sha = createHash('sha256').update(EVIDENCE).digest('hex');
        const file = path.join(target.dataDir, 'evidence', 'objects', sha.slice(0, 2), sha.slice(2, 4), sha);
        expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(sha);
        expect(readdirSync(keyDir).sort()).toEqual(readdirSync(path.join(t.dataDir, 'keys')).sort());
      } finally {
        await target.drop();
      }
    }
  });

  it('restores exactly what a quiet instance holds: counts, chain head and evidence hashes', async () => {
    const archive = path.join(work, 'quiet.tar.gz');
    await createBackup(t.db.database, { dataDir: t.dataDir, keyDir: path.join(t.dataDir, 'keys'), output: archive });
    const target = await emptyTarget(TEST_DIALECT);
    try {
      await restoreBackup(target.open, { archive, dataDir: target.dataDir, keyDir: path.join(target.dataDir, 'keys') });
      const restored = target.open();
      try {
        expect(await counts(restored)).toEqual(await counts(t.db.database));
        expect(await head(restored)).toEqual(await head(t.db.database));
        const names = await restored.db.selectFrom('ai_system').select('name').orderBy('name').execute();
        const original = await t.db.database.db.selectFrom('ai_system').select('name').orderBy('name').execute();
        expect(names).toEqual(original);
      } finally {
        await restored.close();
      }
    } finally {
      await target.drop();
    }
  });

  it('refuses an archive whose manifest does not verify, and leaves the target empty', async () => {
    const archive = path.join(work, 'source.tar.gz');
    await createBackup(t.db.database, { dataDir: t.dataDir, keyDir: path.join(t.dataDir, 'keys'), output: archive });
    const cases: [string, (name: string, bytes: Buffer) => Buffer | null, RegExp][] = [
      ['a changed row', (name, bytes) => (name === 'db/ai_system.jsonl' ? Buffer.from(bytes.toString('utf8').replace('System 0', 'System X')) : bytes), /does not match its hash/],
      ['a changed manifest', (name, bytes) => (name === 'manifest.json' ? Buffer.from(bytes.toString('utf8').replace(/"rows": (\d+)/, (_m, n: string) => `"rows": ${Number(n) + 1}`)) : bytes), /signature does not verify/],
      ['a missing evidence file', (name, bytes) => (name.startsWith('evidence/') ? null : bytes), /missing from the archive/],
    ];
    for (const [label, change, message] of cases) {
      const bad = path.join(work, `bad-${label.replace(/\W+/g, '-')}.tar.gz`);
      await rewriteArchive(archive, bad, change);
      const target = await emptyTarget(TEST_DIALECT);
      try {
        await expect(restoreBackup(target.open, { archive: bad, dataDir: target.dataDir, keyDir: path.join(target.dataDir, 'keys') }), label).rejects.toThrow(message);
        expect(existsSync(target.dataDir) ? readdirSync(target.dataDir) : [], label).toEqual([]);
      } finally {
        await target.drop();
      }
    }
    const target = await emptyTarget('sqlite');
    writeFileSync(path.join(work, 'not-an-archive.tar.gz'), gzipSync(Buffer.from('hello')));
    await expect(restoreBackup(target.open, { archive: path.join(work, 'not-an-archive.tar.gz'), dataDir: target.dataDir, keyDir: path.join(target.dataDir, 'keys') })).rejects.toBeInstanceOf(RestoreRefused);
    await expect(restoreBackup(target.open, { archive, dataDir: t.dataDir, keyDir: path.join(target.dataDir, 'keys') })).rejects.toThrow(/not empty/);
    await expect(restoreBackup(target.open, { archive, dataDir: target.dataDir, keyDir: path.join(target.dataDir, 'keys'), expectedKeyId: '0'.repeat(32) })).rejects.toThrow(/not by/);
  });

  it('takes the evidence from an S3 store into the archive and restores it into an S3 store', async () => {
    const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(work, 's3'), configureBuckets: [{ name: 'konform', configs: [] }] });
    const { port } = (await s3.run()) as { port: number };
    try {
      const s3Store = (prefix: string) => new S3ObjectStorage({ endpoint: `http://127.0.0.1:${port}`, bucket: 'konform', region: 'eu-central-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', prefix }, path.join(work, 's3-staging'));
      // The instance's objects, moved into a shared store as a multi-instance deployment keeps them.
      const local = new LocalFileStorage(path.join(t.dataDir, 'evidence'));
      const source = s3Store('quelle/');
      const objects: string[] = [];
      for await (const sha of local.list()) {
        await (await source.put((await local.get(sha))!)).commit();
        objects.push(sha);
      }
      const sha = createHash('sha256').update(EVIDENCE).digest('hex');
      expect(objects).toContain(sha);
      const archive = path.join(work, 's3.tar.gz');
      const { manifest } = await createBackup(t.db.database, { dataDir: t.dataDir, keyDir: path.join(t.dataDir, 'keys'), output: archive, storage: source });
      expect(manifest.entries.filter((e) => e.path.startsWith('evidence/')).map((e) => e.path).sort()).toEqual(objects.map((o) => `evidence/${o}`).sort());

      const target = await emptyTarget(TEST_DIALECT);
      const destination = s3Store('ziel/');
      try {
        await restoreBackup(target.open, { archive, dataDir: target.dataDir, keyDir: path.join(target.dataDir, 'keys'), storage: destination });
        const restored: string[] = [];
        for await (const o of destination.list()) restored.push(o);
        expect(restored.sort()).toEqual([...objects].sort());
        const chunks: Buffer[] = [];
        for await (const chunk of (await destination.get(sha))! as AsyncIterable<Buffer>) chunks.push(chunk);
        expect(Buffer.concat(chunks).equals(EVIDENCE)).toBe(true);
        // Nothing went into the target's local folder: the store holds the evidence.
        expect(existsSync(path.join(target.dataDir, 'evidence', 'objects'))).toBe(false);
      } finally {
        await target.drop();
      }
    } finally {
      await s3.close();
    }
  });

  it('works from the command line: konform backup, then konform restore into an empty folder', () => {
    const archive = path.join(work, 'cli.tar.gz');
    const env = { ...process.env, DATABASE_URL: TEST_DIALECT === 'postgres' ? t.db.url : '', KONFORM_KEY_DIR: path.join(t.dataDir, 'keys') };
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const cli = ['--conditions=source', path.join(root, 'packages/server/src/cli.ts')];
    // On SQLite the database file lives in the test database's own folder; evidence files are not needed here.
    const out = execFileSync(tsx, [...cli, 'backup', '-o', archive, '--data', t.db.dataDir ?? t.dataDir], { env, encoding: 'utf8' });
    expect(out).toMatch(/manifest signed with key [0-9a-f]{32}/);
    const target = mkdtempSync(path.join(work, 'cli-target-'));
    const restored = execFileSync(tsx, [...cli, 'restore', archive, '--data', target], { env: { ...process.env, DATABASE_URL: '', KONFORM_KEY_DIR: '' }, encoding: 'utf8' });
    expect(restored).toMatch(/the audit trail verifies up to event \d+/);
    expect(existsSync(path.join(target, 'konform.sqlite'))).toBe(true);
  });
});
