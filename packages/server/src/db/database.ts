import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type Compilable, CompiledQuery } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import type { DialectName } from './dialect.js';
import { SQLITE_BUSY_TIMEOUT_MS, sqliteDialect } from './sqlite-connection.js';
import { sqliteReader } from './sqlite-reader.js';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /**
   * Runs a read-only query without blocking the event loop: on SQLite on a reader thread of `lane` (sqlite-reader.ts),
   * on PostgreSQL as any query. For heavy reads; never inside a transaction (it does not see its writes).
   */
  readAside<R>(query: Compilable<R>, lane?: ReadLane): Promise<R[]>;
  close(): Promise<void>;
}

/**
 * SQLite's reader threads, each with its own connection, each running one query at a time: `lists` (the default) for
 * the pages of lists, `figures` for the dashboard's aggregates. A large portfolio's figures take tens of milliseconds
 * on their own thread, so the lists do not wait behind them.
 */
export type ReadLane = 'lists' | 'figures';

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; otherwise the embedded SQLite file under dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(options: DatabaseOptions): Database {
  if (isPostgresUrl(options.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process; the pool reconnects.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const readAside = async <R>(query: Compilable<R>) => (await db.executeQuery(query)).rows;
    return { db, dialect: 'postgres', readAside, close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'konform.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: every commit (each carries its audit event) is on disk before it is acknowledged, also across a power
  // loss; NORMAL would survive a process crash but not an operating-system one.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Page cache of 64 MiB (the default is 2 MiB; the matrix and audit tables are larger), reads through a memory map,
  // temporary sort tables in memory. None of these changes what is durable.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<DB>({ dialect: sqliteDialect(sqlite) });
  const inline = async (text: string, parameters: readonly unknown[]) => (await db.executeQuery(CompiledQuery.raw(text, [...parameters]))).rows;
  // Each thread starts at its lane's first read.
  const readers = { lists: sqliteReader(file, inline), figures: sqliteReader(file, inline) };
  const readAside = async <R>(query: Compilable<R>, lane: ReadLane = 'lists') => {
    const compiled = query.compile();
    return (await readers[lane].read(compiled.sql, compiled.parameters)) as R[];
  };
  return {
    db, dialect: 'sqlite', readAside,
    close: async () => {
      await Promise.all([readers.lists.close(), readers.figures.close()]);
      await db.destroy();
    },
  };
}
