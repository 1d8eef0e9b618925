import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { sqliteCheckpointer } from '../../src/db/sqlite-checkpointer.js';
import { TEST_DIALECT } from '../support/database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// WAL checkpoints run on a thread of their own, not in the commit of a request on the event loop.
describe.runIf(TEST_DIALECT === 'sqlite')('the SQLite checkpoint thread', () => {
  let dir: string;
  let file: string;
  let main: SQLite.Database;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'konform-checkpoint-'));
    file = path.join(dir, 'konform.sqlite');
    main = new SQLite(file);
    main.pragma('journal_mode = WAL');
    main.exec('create table payload (id integer primary key, body text not null)');
  });
  afterEach(() => {
    main.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const autocheckpoint = () => main.pragma('wal_autocheckpoint', { simple: true });
  const walBytes = () => statSync(`${file}-wal`).size;

  it('takes over the checkpoints: the main connection stops, the WAL stays small, nothing written is lost', async () => {
    const checkpointer = sqliteCheckpointer(file, main, { intervalMs: 10 });
    try {
      expect(autocheckpoint()).toBe(1000);
      expect(await checkpointer.ready).toBe(true);
      expect(autocheckpoint()).toBe(0);
      // 12 MB in transactions of 200 kB. Without a checkpoint the WAL would hold all of it; with the main
      // connection's own (every 1,000 pages) it would grow to 4 MB.
      const insert = main.prepare('insert into payload (body) values (?)');
      const write = main.transaction(() => {
        for (let i = 0; i < 50; i++) insert.run('x'.repeat(4000));
      });
      for (let t = 0; t < 60; t++) {
        write();
        await sleep(15);
      }
      expect(checkpointer.checkpoints()).toBeGreaterThan(0);
      expect(walBytes()).toBeLessThan(2 * 1024 * 1024);
      expect(main.prepare('select count(*) as n from payload').get()).toEqual({ n: 3000 });
    } finally {
      await checkpointer.close();
    }
    // Closed: the main connection checkpoints by itself again.
    expect(autocheckpoint()).toBe(1000);
  });

  it('leaves the checkpoints to the main connection when the thread cannot start, or when it ends', async () => {
    const missing = sqliteCheckpointer(file, main, { module: { url: pathToFileURL(path.join(dir, 'no-such-worker.js')) } });
    expect(await missing.ready).toBe(false);
    expect(autocheckpoint()).toBe(1000);
    await missing.close();

    // A thread that reports ready and then ends.
    const script = path.join(dir, 'ending-worker.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage('ready');\nsetTimeout(() => process.exit(3), 50);\n");
    const ending = sqliteCheckpointer(file, main, { module: { url: pathToFileURL(script) } });
    expect(await ending.ready).toBe(true);
    expect(autocheckpoint()).toBe(0);
    for (let i = 0; i < 100 && autocheckpoint() === 0; i++) await sleep(10);
    expect(autocheckpoint()).toBe(1000);
    await ending.close();
  });

  it('is what a server asks its database for', async () => {
    const database = openDatabase({ dataDir: path.join(dir, 'server') });
    try {
      const setting = async () => (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db)).rows[0]?.wal_autocheckpoint;
      expect(await setting()).toBe(1000);
      expect(await database.checkpointAside()).toBe(true);
      expect(await setting()).toBe(0);
    } finally {
      await database.close();
    }
  });
});
