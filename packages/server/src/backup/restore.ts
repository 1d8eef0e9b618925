// `konform restore`: brings a backup archive back into an empty data directory (and an empty database when
// PostgreSQL is configured). The archive is unpacked and checked against its manifest before anything is written
// to the database; the rows are then loaded in one transaction, and the result is checked again.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { knownMigrations, migrateTo, migrateToLatest } from '../db/migrate.js';
import { verifyAuditChain } from '../audit/audit-log.js';
import { verifyBytes } from '../signing/ed25519.js';
import { SKIPPED_TABLES, describeTables, loadOrder, parentsFirst, type TableInfo } from './tables.js';
import { readTar } from './tar.js';
import { BACKUP_FORMAT, ENTRY_NAME, MANIFEST_NAME, SIGNATURE_NAME, type BackupManifest } from './manifest.js';
import { LocalFileStorage } from '../storage/local-storage.js';
import type { ObjectStorage } from '../storage/storage.js';

const BATCH = 200;
/** Kept by database triggers from requirement rows: loaded last, replacing what the triggers counted on the way. */
const TRIGGER_KEPT = 'requirement_count';

export class RestoreRefused extends Error {}

export interface RestoreOptions {
  archive: string;
  dataDir: string;
  keyDir: string;
  /** When set, the manifest must be signed by this key id (the operator knows their organisation's key). */
  expectedKeyId?: string | undefined;
  /** Accept an archive without a manifest signature (an instance that never had a signing key). */
  allowUnsigned?: boolean | undefined;
  /** Where the evidence objects go: an S3 store when the target uses one; the local folder when not given. */
  storage?: ObjectStorage | undefined;
}

export interface RestoreSummary {
  manifest: BackupManifest;
  rows: Record<string, number>;
  auditChainHead: { seq: number; chainHash: string | null };
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Unpacks every entry into the staging folder, refusing unknown names and duplicates. */
async function unpack(archive: string, staging: string): Promise<Set<string>> {
  const names = new Set<string>();
  await readTar(createReadStream(archive).pipe(createGunzip()), (entry) => {
    if (!ENTRY_NAME.test(entry.name)) throw new RestoreRefused(`The archive holds an unexpected entry: ${entry.name}`);
    if (names.has(entry.name)) throw new RestoreRefused(`The archive holds ${entry.name} twice`);
    names.add(entry.name);
    const target = path.join(staging, entry.name);
    let out: WriteStream | null = null;
    const open = async () => {
      if (!out) {
        await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        out = createWriteStream(target, { flags: 'wx', mode: 0o600 });
      }
      return out;
    };
    return {
      write: async (chunk) => {
        const stream = await open();
        if (!stream.write(chunk)) await once(stream, 'drain');
      },
      end: async () => {
        const stream = await open();
        stream.end();
        await once(stream, 'finish');
      },
    };
  }).catch((error: unknown) => {
    if (error instanceof RestoreRefused) throw error;
    throw new RestoreRefused(`The archive cannot be read: ${(error as Error).message}`);
  });
  return names;
}

async function signingKeyPem(staging: string, keyId: string): Promise<string | undefined> {
  const file = path.join(staging, 'db', 'signing_key.jsonl');
  try {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (!line) continue;
      const row = JSON.parse(line) as { id: string; public_key_pem: string };
      if (row.id === keyId) return row.public_key_pem;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return undefined;
}

/** Every listed entry present with its size and hash, nothing unlisted, and the signature over the manifest. */
async function verifyManifest(staging: string, names: Set<string>, options: RestoreOptions): Promise<BackupManifest> {
  if (!names.has(MANIFEST_NAME)) throw new RestoreRefused('The archive has no manifest');
  const bytes = await readFile(path.join(staging, MANIFEST_NAME));
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as BackupManifest;
  } catch {
    throw new RestoreRefused('The manifest is not valid JSON');
  }
  if (manifest.format !== BACKUP_FORMAT) throw new RestoreRefused(`Unknown archive format ${String(manifest.format)}`);
  const listed = new Set(manifest.entries.map((e) => e.path));
  for (const name of names) {
    if (name !== MANIFEST_NAME && name !== SIGNATURE_NAME && !listed.has(name)) throw new RestoreRefused(`${name} is in the archive but not in the manifest`);
  }
  for (const entry of manifest.entries) {
    if (!names.has(entry.path)) throw new RestoreRefused(`${entry.path} is in the manifest but missing from the archive`);
    const actual = await sha256File(path.join(staging, entry.path));
    if (actual.sha256 !== entry.sha256 || actual.size !== entry.size) throw new RestoreRefused(`${entry.path} does not match its hash in the manifest`);
  }
  if (manifest.signature) {
    if (!names.has(SIGNATURE_NAME)) throw new RestoreRefused('The manifest says it is signed, but the signature is missing');
    if (options.expectedKeyId && manifest.signature.keyId !== options.expectedKeyId) throw new RestoreRefused(`The manifest is signed by key ${manifest.signature.keyId}, not by ${options.expectedKeyId}`);
    const pem = await signingKeyPem(staging, manifest.signature.keyId);
    const signature = (await readFile(path.join(staging, SIGNATURE_NAME), 'utf8')).trim();
    if (!pem) throw new RestoreRefused(`The manifest is signed by key ${manifest.signature.keyId}, which the archive does not hold`);
    if (!verifyBytes(pem, bytes, signature)) throw new RestoreRefused('The manifest signature does not verify');
  } else if (options.expectedKeyId || !options.allowUnsigned) {
    throw new RestoreRefused('The manifest is not signed (the instance had no signing key); pass --allow-unsigned to restore it anyway');
  }
  return manifest;
}

async function* jsonLines(file: string): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as Record<string, unknown>;
}

async function insertRows(trx: Transaction<DB>, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  // Column names come from the archive: only those of the table itself are accepted (checked by the caller).
  await trx.insertInto(table as keyof DB).values(rows).execute();
}

async function loadTable(trx: Transaction<DB>, table: TableInfo, file: string, columns: Set<string>): Promise<number> {
  const check = (row: Record<string, unknown>) => {
    for (const column of Object.keys(row)) if (!columns.has(column)) throw new RestoreRefused(`db/${table.name}.jsonl names a column the table does not have: ${column}`);
    return row;
  };
  if (table.references.some((r) => r.table === table.name)) {
    const rows: Record<string, unknown>[] = [];
    for await (const row of jsonLines(file)) rows.push(check(row));
    const ordered = parentsFirst(rows, table);
    for (let i = 0; i < ordered.length; i += BATCH) await insertRows(trx, table.name, ordered.slice(i, i + BATCH));
    return rows.length;
  }
  let batch: Record<string, unknown>[] = [];
  let count = 0;
  for await (const row of jsonLines(file)) {
    batch.push(check(row));
    count += 1;
    if (batch.length === BATCH) {
      await insertRows(trx, table.name, batch);
      batch = [];
    }
  }
  await insertRows(trx, table.name, batch);
  return count;
}

async function columnsOf(trx: Transaction<DB>, database: Database, table: string): Promise<Set<string>> {
  const rows = database.dialect === 'postgres'
    ? await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(trx)
    : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(trx);
  return new Set(rows.rows.map((r) => r.name));
}

async function databaseIsEmpty(database: Database): Promise<boolean> {
  const tables = database.dialect === 'postgres'
    ? await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema()`.execute(database.db)
    : await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db);
  return Number(tables.rows[0]?.n ?? 0) === 0;
}

/** After a failed restore into PostgreSQL: drops what the restore created, so the database is empty again. */
async function dropSchemaObjects(database: Database): Promise<void> {
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(database.db);
  for (const { name } of tables.rows) await sql`drop table if exists ${sql.table(name)} cascade`.execute(database.db);
  const functions = await sql<{ name: string }>`
    select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = current_schema()
      -- an extension's functions (pg_trgm, migration 0037) belong to the extension, which stays
      and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`.execute(database.db);
  for (const { name } of functions.rows) await sql`drop function if exists ${sql.id(name)} cascade`.execute(database.db);
}

async function place(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
  }
  await chmod(to, 0o600);
}

/**
 * Restores into an empty data directory and an empty database. `openTarget` opens the database only after the
 * archive has been verified, so a refused archive leaves no database file behind.
 */
export async function restoreBackup(openTarget: () => Database, options: RestoreOptions): Promise<RestoreSummary> {
  const sqliteFile = path.join(options.dataDir, 'konform.sqlite');
  if (!(await isEmptyDir(options.dataDir))) throw new RestoreRefused(`The data directory ${options.dataDir} is not empty`);
  if (!(await isEmptyDir(options.keyDir))) throw new RestoreRefused(`The key directory ${options.keyDir} is not empty`);
  await stat(options.archive).catch(() => {
    throw new RestoreRefused(`${options.archive} cannot be read`);
  });
  const staging = path.join(options.dataDir, '.restore-staging');
  await mkdir(staging, { recursive: true, mode: 0o700 });
  let database: Database | null = null;
  let done = false;
  let createdSchema = false;
  try {
    const names = await unpack(options.archive, staging);
    const manifest = await verifyManifest(staging, names, options);
    const known = knownMigrations();
    const last = manifest.migrations[manifest.migrations.length - 1];
    if (!last || manifest.migrations.some((m, i) => known[i] !== m)) {
      throw new RestoreRefused('The archive was made by a Konform version whose migrations this version does not know; restore it with that version or a newer one');
    }

    database = openTarget();
    if (!(await databaseIsEmpty(database))) throw new RestoreRefused('The target database is not empty');
    createdSchema = true;
    await migrateTo(database, last);
    const target = database;
    const rows: Record<string, number> = {};
    await target.db.transaction().execute(async (trx) => {
      const tables = loadOrder((await describeTables(trx, target.dialect)).filter((t) => !SKIPPED_TABLES.has(t.name)));
      const archived = new Set(Object.keys(manifest.tables));
      for (const name of archived) if (!tables.some((t) => t.name === name)) throw new RestoreRefused(`The archive holds table ${name}, which the schema does not have`);
      // Rows the migrations seeded (the chain's genesis head, defaults) are replaced by the archive's.
      for (const table of [...tables].reverse()) await trx.deleteFrom(table.name as keyof DB).execute();
      const ordered = [...tables.filter((t) => t.name !== TRIGGER_KEPT), ...tables.filter((t) => t.name === TRIGGER_KEPT)];
      for (const table of ordered) {
        if (!archived.has(table.name)) continue;
        if (table.name === TRIGGER_KEPT) await trx.deleteFrom(TRIGGER_KEPT).execute();
        rows[table.name] = await loadTable(trx, table, path.join(staging, 'db', `${table.name}.jsonl`), await columnsOf(trx, target, table.name));
        if (rows[table.name] !== manifest.tables[table.name]!.rows) throw new RestoreRefused(`db/${table.name}.jsonl holds ${rows[table.name]} rows, the manifest says ${manifest.tables[table.name]!.rows}`);
      }
    });
    await migrateToLatest(database);

    for (const entry of manifest.entries) {
      if (entry.path.startsWith('evidence/')) {
        const sha = entry.path.slice('evidence/'.length);
        if (options.storage && !(options.storage instanceof LocalFileStorage)) {
          // Into the shared store, checked again by its hash; an object left there by a refused restore is harmless
          // (content-addressed, referenced by nothing).
          const staged = await options.storage.put(createReadStream(path.join(staging, entry.path)));
          if (staged.sha256 !== sha) throw new RestoreRefused(`${entry.path} does not hold the content its name says`);
          await staged.commit();
        } else await place(path.join(staging, entry.path), path.join(options.dataDir, 'evidence', 'objects', sha.slice(0, 2), sha.slice(2, 4), sha));
      } else if (entry.path.startsWith('keys/')) {
        await place(path.join(staging, entry.path), path.join(options.keyDir, entry.path.slice('keys/'.length)));
      }
    }

    const chain = await verifyAuditChain(database.db);
    const head = await database.db.selectFrom('audit_chain_head').select(['seq', 'chain_hash']).where('id', '=', 1).executeTakeFirst();
    const restoredHead = { seq: Number(head?.seq ?? 0), chainHash: head?.chain_hash ?? null };
    if (!chain.ok) throw new RestoreRefused(`The restored audit trail does not verify (first break at event ${chain.firstBroken?.seq})`);
    if (restoredHead.seq !== manifest.auditChainHead.seq || restoredHead.chainHash !== manifest.auditChainHead.chainHash) {
      throw new RestoreRefused('The restored audit trail does not end where the archive says it does');
    }
    done = true;
    return { manifest, rows, auditChainHead: restoredHead };
  } finally {
    if (!done && createdSchema && database?.dialect === 'postgres') await dropSchemaObjects(database);
    await database?.close();
    await rm(staging, { recursive: true, force: true });
    if (!done) {
      // Leave the data directory as empty as it was: a failed restore must not look like a half-restored instance.
      for (const leftover of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`, path.join(options.dataDir, 'evidence')]) await rm(leftover, { recursive: true, force: true });
      if (await isEmptyDir(options.keyDir)) await rm(options.keyDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
