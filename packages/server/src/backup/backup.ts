// `konform backup`: one consistent online snapshot of an instance — every table read in one snapshot transaction,
// the evidence files (local folder or S3 store), the key directory — in one .tar.gz with a manifest of SHA-256 hashes signed by the
// organisation's key. The rows are written as JSON lines per table, so an archive restores into either engine.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { OrganisationKeys } from '../signing/organisation-keys.js';
import { signBytes } from '../signing/ed25519.js';
import { VERSION } from '../version.js';
import { LocalFileStorage } from '../storage/local-storage.js';
import type { ObjectStorage } from '../storage/storage.js';
import { SKIPPED_TABLES, describeTables, type TableInfo } from './tables.js';
import { TarWriter } from './tar.js';
import { BACKUP_FORMAT, MANIFEST_NAME, SIGNATURE_NAME, type BackupManifest, type ManifestEntry } from './manifest.js';

const PAGE = 2000;

export interface BackupOptions {
  dataDir: string;
  keyDir: string;
  /** The archive to write (.tar.gz); refused when it exists. */
  output: string;
  /** The evidence store; the local folder `<dataDir>/evidence` when not given. */
  storage?: ObjectStorage;
}

export interface BackupSummary {
  output: string;
  manifest: BackupManifest;
}

/** Streams a table's rows into a JSON-lines file, page by page along the primary key, inside the snapshot. */
async function dumpTable(trx: Transaction<DB>, table: TableInfo, file: string): Promise<ManifestEntry & { rows: number }> {
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const hash = createHash('sha256');
  let size = 0;
  let rows = 0;
  const emit = async (row: Record<string, unknown>) => {
    const line = Buffer.from(`${JSON.stringify(row)}\n`, 'utf8');
    hash.update(line);
    size += line.length;
    rows += 1;
    if (!out.write(line)) await once(out, 'drain');
  };
  const name = sql.table(table.name);
  if (table.primaryKey.length === 1) {
    const key = sql.ref(table.primaryKey[0]!);
    let last: unknown;
    for (;;) {
      const page = await sql<Record<string, unknown>>`select * from ${name} ${last === undefined ? sql`` : sql`where ${key} > ${last}`} order by ${key} limit ${PAGE}`.execute(trx);
      for (const row of page.rows) await emit(row);
      if (page.rows.length < PAGE) break;
      last = page.rows[page.rows.length - 1]![table.primaryKey[0]!];
    }
  } else {
    const order = table.primaryKey.length > 0 ? sql`order by ${sql.join(table.primaryKey.map((c) => sql.ref(c)))}` : sql``;
    const all = await sql<Record<string, unknown>>`select * from ${name} ${order}`.execute(trx);
    for (const row of all.rows) await emit(row);
  }
  out.end();
  await once(out, 'finish');
  return { path: `db/${table.name}.jsonl`, size, sha256: hash.digest('hex'), rows };
}

async function fileEntry(file: string, archivePath: string): Promise<ManifestEntry & { file: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const { createReadStream } = await import('node:fs');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { path: archivePath, size, sha256: hash.digest('hex'), file };
}

/**
 * Every object of the evidence store, whatever is stored when the walk reaches it (objects never change, so an object
 * the snapshot refers to is there). Local objects are read in place; objects of an S3 store are downloaded into the
 * work directory first, because the archive needs each file's size before its content.
 */
async function evidenceEntries(storage: ObjectStorage, work: string): Promise<(ManifestEntry & { file: string })[]> {
  const entries: (ManifestEntry & { file: string })[] = [];
  const downloads = path.join(work, 'evidence');
  for await (const sha of storage.list()) {
    let file: string;
    if (storage instanceof LocalFileStorage) file = storage.objectPath(sha);
    else {
      const content = await storage.get(sha);
      if (!content) continue; // removed between listing and reading
      await mkdir(downloads, { recursive: true });
      file = path.join(downloads, sha);
      await pipeline(content, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    }
    entries.push(await fileEntry(file, `evidence/${sha}`));
  }
  return entries;
}

async function keyFiles(keyDir: string): Promise<{ file: string; archivePath: string }[]> {
  let entries;
  try {
    entries = await readdir(keyDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => e.isFile() && /^[A-Za-z0-9._-]+$/.test(e.name) && !e.name.endsWith('.tmp'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => ({ file: path.join(keyDir, e.name), archivePath: `keys/${e.name}` }));
}

export async function createBackup(database: Database, options: BackupOptions): Promise<BackupSummary> {
  try {
    await stat(options.output);
    throw new Error(`${options.output} exists already; choose another name`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const work = await mkdtemp(path.join(tmpdir(), 'konform-backup-'));
  try {
    // One snapshot for every table: REPEATABLE READ on PostgreSQL; on SQLite (WAL) a read transaction sees the
    // database as of its first read while other processes keep writing.
    const snapshot = database.dialect === 'postgres' ? database.db.transaction().setIsolationLevel('repeatable read') : database.db.transaction();
    const { tables, head, migrations } = await snapshot.execute(async (trx) => {
      if (database.dialect === 'postgres') await sql`set transaction read only`.execute(trx);
      const described = (await describeTables(trx, database.dialect)).filter((t) => !SKIPPED_TABLES.has(t.name));
      const dumped: (ManifestEntry & { rows: number; table: string })[] = [];
      for (const table of described) dumped.push({ ...(await dumpTable(trx, table, path.join(work, `${table.name}.jsonl`))), table: table.name });
      const chain = await trx.selectFrom('audit_chain_head').select(['seq', 'chain_hash']).where('id', '=', 1).executeTakeFirst();
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx);
      return { tables: dumped, head: chain ? { seq: Number(chain.seq), chainHash: chain.chain_hash } : { seq: 0, chainHash: null }, migrations: applied.rows.map((r) => r.name) };
    });
    const evidence = await evidenceEntries(options.storage ?? new LocalFileStorage(path.join(options.dataDir, 'evidence')), work);
    const keys = await Promise.all((await keyFiles(options.keyDir)).map((f) => fileEntry(f.file, f.archivePath)));

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      konformVersion: VERSION,
      sourceDialect: database.dialect,
      migrations,
      auditChainHead: head,
      tables: Object.fromEntries(tables.map((t) => [t.table, { rows: t.rows }])),
      entries: [...tables.map(({ path: p, size, sha256 }) => ({ path: p, size, sha256 })), ...evidence.map(({ path: p, size, sha256 }) => ({ path: p, size, sha256 })), ...keys.map(({ path: p, size, sha256 }) => ({ path: p, size, sha256 }))],
      signature: null,
    };
    const key = await new OrganisationKeys(database, options.keyDir).existingActive();
    const manifestBytes = Buffer.from(`${JSON.stringify({ ...manifest, signature: key ? { keyId: key.id, algorithm: 'Ed25519' } : null }, null, 2)}\n`, 'utf8');

    const file = createWriteStream(options.output, { flags: 'wx', mode: 0o600 });
    const gzip = createGzip();
    gzip.pipe(file);
    const tar = new TarWriter(gzip);
    for (const t of tables) await tar.addFile(t.path, path.join(work, `${t.table}.jsonl`), t.size);
    for (const f of [...evidence, ...keys]) await tar.addFile(f.path, f.file, f.size);
    await tar.addBuffer(MANIFEST_NAME, manifestBytes);
    if (key) await tar.addBuffer(SIGNATURE_NAME, Buffer.from(signBytes(key, manifestBytes), 'utf8'));
    await tar.finish();
    gzip.end();
    await once(file, 'close');
    return { output: options.output, manifest: JSON.parse(manifestBytes.toString('utf8')) as BackupManifest };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
