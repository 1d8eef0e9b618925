import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { TEST_DIALECT } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Several server processes share one SQLite file (KONFORM_WORKERS). A transaction that finds another process holding
// the write lock must wait for it without blocking its own event loop: better-sqlite3 is synchronous, and waiting in
// SQLite's busy handler would stall every request of the process. Here the other "process" is a second connection in
// this one, which releases its lock from a timer: if the waiting transaction blocked the event loop, the timer could
// not fire before the busy timeout, and the transaction would fail with SQLITE_BUSY.
describe.runIf(TEST_DIALECT === 'sqlite')('a transaction waiting for the SQLite write lock of another process', () => {
  let dir: string;
  let database: Database;
  let other: SQLite.Database;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'konform-write-lock-'));
    database = openDatabase({ dataDir: dir });
    await migrateToLatest(database);
    other = new SQLite(path.join(dir, 'konform.sqlite'));
  });
  afterAll(async () => {
    other.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the event loop free while it waits, and writes once the lock is released', async () => {
    other.prepare('begin immediate').run();
    other.prepare("insert into setting (key, value, updated_at, updated_by_label) values ('write-lock-test', '\"other\"', '2026-11-27T00:00:00.000Z', 'test')").run();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const released = new Promise<number>((resolve) => setTimeout(() => {
      other.prepare('commit').run();
      resolve(ticks);
    }, 200));
    try {
      await database.db.transaction().execute(async (trx) => {
        await trx.updateTable('setting').set({ value: '"ours"' }).where('key', '=', 'write-lock-test').execute();
      });
    } finally {
      clearInterval(ticker);
    }
    // The other connection's commit ran while this transaction waited, and timers kept firing before it.
    expect(await released).toBeGreaterThan(5);
    const row = await database.db.selectFrom('setting').select('value').where('key', '=', 'write-lock-test').executeTakeFirstOrThrow();
    expect(row.value).toBe('"ours"');
  });

  it('reads that need no lock go on while another process writes', async () => {
    other.prepare('begin immediate').run();
    try {
      const rows = await database.db.selectFrom('setting').select('key').execute();
      expect(rows.map((r) => r.key)).toContain('write-lock-test');
    } finally {
      other.prepare('commit').run();
    }
  });
});

describe.runIf(TEST_DIALECT === 'sqlite')('a write lock held by another process beyond the busy timeout', () => {
  let t: TestApp;
  let other: SQLite.Database;
  beforeAll(async () => {
    t = await startTestApp();
    other = new SQLite(path.join(t.db.dataDir!, 'konform.sqlite'));
  });
  afterAll(async () => {
    other.close();
    await t.close();
  });

  it('answers 503 with Retry-After and writes nothing', async () => {
    const unit = await t.newUnit();
    const { client } = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    other.prepare('begin immediate').run();
    let reply;
    try {
      reply = await client.post('/api/systems', { name: 'Während der Sperre', purpose: 'Test', orgUnitId: unit, roles: ['deployer'] });
    } finally {
      other.prepare('rollback').run();
    }
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('1');
    expect(reply.body).toMatchObject({ code: 'database-busy', status: 503 });
    const list = await client.get(`/api/systems?q=${encodeURIComponent('Während der Sperre')}`);
    expect(list.body.total).toBe(0);
  }, 20_000);
});
