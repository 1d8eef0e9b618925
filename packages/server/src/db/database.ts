import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type Compilable, CompiledQuery } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import type { DialectName } from './dialect.js';
import { SQLITE_BUSY_TIMEOUT_MS, sqliteDialect } from './sqlite-connection.js';
import { sqliteCheckpointer, type SqliteCheckpointer } from './sqlite-checkpointer.js';
import { sqliteReader } from './sqlite-reader.js';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /**
   * Runs a read-only query without blocking the event loop: on SQLite on a reader thread of `lane` (sqlite-reader.ts),
   * on PostgreSQL as any query. For heavy reads; never inside a transaction (it does not see its writes).
   */
  readAside<R>(query: Compilable<R>, lane?: ReadLane): Promise<R[]>;
  /**
   * `readAside` for a query that searches text through a trigram index (migration 0037). PostgreSQL's default planner
   * costs (random_page_cost 4, set for spinning disks) make it read the whole table rather than the index for a term
   * that one row in five contains: 16 against 5 ms over 10,000 systems. So on PostgreSQL such a query runs on a small
   * pool of connections of its own (SEARCH_POOL_SIZE) whose sessions cost a random page read at 1.1, the usual setting
   * for SSDs and data held in memory; every other query keeps the server's setting.
   */
  readSearch<R>(query: Compilable<R>): Promise<R[]>;
  /**
   * A server calls this once: on SQLite, WAL checkpoints then run on a thread of their own instead of in the commit of
   * whichever request crosses the WAL's size limit (sqlite-checkpointer.ts). True once they do; PostgreSQL: false,
   * its own checkpointer does this already.
   */
  checkpointAside(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * SQLite's reader threads, each with its own connection, each running one query at a time: `lists` (the default) for
 * the pages of lists, `figures` for the dashboard's aggregates. A large portfolio's figures take tens of milliseconds
 * on their own thread, so the lists do not wait behind them.
 */
export type ReadLane = 'lists' | 'figures';

/** PostgreSQL's planner cost of a random page read for searches (readSearch), and their connections per process. */
export const SEARCH_RANDOM_PAGE_COST = 1.1;
export const SEARCH_POOL_SIZE = 4;

/**
 * The connection URL with a planner setting added to the session options it may already carry (`options=-c …`), so
 * an operator's own options (a search_path, say) stay in force.
 */
export function withPlannerOption(databaseUrl: string, setting: string): string {
  const url = new URL(databaseUrl);
  const own = url.searchParams.get('options');
  url.searchParams.set('options', [own, `-c ${setting}`].filter(Boolean).join(' '));
  return url.toString();
}

/** The nice value of SQLite's figures thread (sqlite-reader.ts). */
const FIGURES_NICE = 10;

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
    // Searches run on connections of their own whose planner costs a random page read at 1.1 (readSearch).
    const searchPool = new pg.Pool({ connectionString: withPlannerOption(options.databaseUrl, `random_page_cost=${SEARCH_RANDOM_PAGE_COST}`), max: SEARCH_POOL_SIZE });
    searchPool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    const searchDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: searchPool }) });
    const readSearch = async <R>(query: Compilable<R>) => (await searchDb.executeQuery(query)).rows;
    return {
      db, dialect: 'postgres', readAside, readSearch, checkpointAside: () => Promise.resolve(false),
      close: async () => {
        await Promise.all([db.destroy(), searchDb.destroy()]);
      },
    };
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
  // Each thread starts at its lane's first read. The figures thread runs at a lower priority: a large dashboard's
  // aggregates (over 100 ms) then take the CPU only when the request threads leave it.
  const readers = { lists: sqliteReader(file, inline), figures: sqliteReader(file, inline, { nice: FIGURES_NICE }) };
  const readAside = async <R>(query: Compilable<R>, lane: ReadLane = 'lists') => {
    const compiled = query.compile();
    return (await readers[lane].read(compiled.sql, compiled.parameters)) as R[];
  };
  let checkpointer: SqliteCheckpointer | null = null;
  return {
    db, dialect: 'sqlite', readAside, readSearch: (query) => readAside(query),
    checkpointAside: () => (checkpointer ??= sqliteCheckpointer(file, sqlite)).ready,
    close: async () => {
      await Promise.all([readers.lists.close(), readers.figures.close(), checkpointer?.close()]);
      await db.destroy();
    },
  };
}
