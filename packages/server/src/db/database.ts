import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import type { DialectName } from './dialect.js';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  close(): Promise<void>;
}

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
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'konform.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: every commit (each carries its audit event) is on disk before it is acknowledged, also across a power
  // loss; NORMAL would survive a process crash but not an operating-system one.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Page cache of 64 MiB (the default is 2 MiB; the matrix and audit tables are larger), reads through a memory map,
  // temporary sort tables in memory. None of these changes what is durable.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * better-sqlite3 for Kysely with a cache of prepared statements. Kysely prepares every statement afresh, which on a
 * busy server costs about as much as running the short ones; the SQL text of a query is the same from request to
 * request (values are parameters), so a statement is prepared once and reused. Kysely runs one statement at a time
 * on the connection (a stream holds it until it ends), so a cached statement is never busy when it is reused.
 * SQLite re-prepares a statement by itself when the schema changed. Transactions begin immediately (see prepare).
 */
function withStatementCache(sqlite: SQLite.Database, size = 1000): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      // Kysely opens transactions with a deferred `begin`, which takes the write lock only at the first write. With
      // several processes on one file (KONFORM_WORKERS), a transaction that read the audit chain's head and then
      // writes would fail with SQLITE_BUSY once another process committed in between. `begin immediate` takes the
      // write lock at once (waiting up to busy_timeout), so transactions of all processes run one after the other.
      const text = sqlText === 'begin' ? 'begin immediate' : sqlText;
      let statement = statements.get(text);
      if (statement) {
        // Most recently used last, so the oldest is the first to go.
        statements.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}
