import { setTimeout as sleep } from 'node:timers/promises';
import type SQLite from 'better-sqlite3';
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase } from 'kysely';

/** How long a statement waits for another process's write lock before it fails with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Kysely's SQLite dialect over better-sqlite3 with two changes: prepared statements are cached, and transactions begin
 * with `begin immediate`, waiting for another process's write lock without blocking the event loop.
 */
export function sqliteDialect(sqlite: SQLite.Database): SqliteDialect {
  const config = { database: withStatementCache(sqlite) };
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new ImmediateSqliteDriver(config, sqlite);
    }
  })(config);
}

/**
 * Kysely opens transactions with a deferred `begin`, which takes the write lock only at the first write. With several
 * processes on one file (KONFORM_WORKERS), a transaction that read the audit chain's head and then writes would fail
 * with SQLITE_BUSY once another process committed in between. `begin immediate` takes the write lock at once, so the
 * transactions of all processes run one after the other.
 *
 * better-sqlite3 is synchronous: with a busy timeout, a `begin immediate` that finds another process writing sleeps in
 * SQLite's busy handler (1, 2, 5, 10 … ms), and the whole process with it, requests that need no lock included. So
 * the begin is tried without a busy timeout and, while the lock is taken, retried after a short asynchronous pause,
 * up to the same limit; the event loop serves other requests meanwhile (this process's other statements wait for
 * the one connection, as they would anyway).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #begin: SQLite.Statement;
  readonly #noWait: SQLite.Statement;
  readonly #wait: SQLite.Statement;

  constructor(config: ConstructorParameters<typeof SqliteDriver>[0], sqlite: SQLite.Database) {
    super(config);
    this.#begin = sqlite.prepare('begin immediate');
    this.#noWait = sqlite.prepare('pragma busy_timeout = 0');
    this.#wait = sqlite.prepare(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  }

  override async beginTransaction(_connection: DatabaseConnection): Promise<void> {
    const deadline = performance.now() + SQLITE_BUSY_TIMEOUT_MS;
    for (let attempt = 0; ; attempt++) {
      if (this.#tryBegin()) return;
      if (performance.now() >= deadline) {
        throw Object.assign(new Error('database is locked: another process held the write lock too long'), { code: 'SQLITE_BUSY' });
      }
      // 1 ms for the first tries (most write transactions take a few milliseconds), then up to 8 ms.
      await sleep(Math.min(8, 1 << Math.floor(attempt / 4)));
    }
  }

  /** One `begin immediate` without waiting: true when this connection now holds the write lock. */
  #tryBegin(): boolean {
    this.#noWait.get();
    try {
      this.#begin.run();
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
      throw error;
    } finally {
      this.#wait.get();
    }
  }
}

/**
 * better-sqlite3 for Kysely with a cache of prepared statements. Kysely prepares every statement afresh, which on a
 * busy server costs about as much as running the short ones; the SQL text of a query is the same from request to
 * request (values are parameters), so a statement is prepared once and reused. Kysely runs one statement at a time
 * on the connection (a stream holds it until it ends), so a cached statement is never busy when it is reused.
 * SQLite re-prepares a statement by itself when the schema changed.
 */
function withStatementCache(sqlite: SQLite.Database, size = 1000): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (statement) {
        // Most recently used last, so the oldest is the first to go.
        statements.delete(sqlText);
      } else {
        statement = sqlite.prepare(sqlText);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(sqlText, statement);
      return statement;
    },
  };
}
