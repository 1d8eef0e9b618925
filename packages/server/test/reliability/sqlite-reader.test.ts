import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { sqliteReader, type RowReader } from '../../src/db/sqlite-reader.js';
import { TEST_DIALECT } from '../support/database.js';

// Heavy list queries on SQLite run on a reader thread with its own connection, so the event loop stays free.
describe.runIf(TEST_DIALECT === 'sqlite')('the SQLite reader thread', () => {
  let dir: string;
  let database: Database;
  let file: string;
  let inlineCalls = 0;
  const inline: RowReader = async (text, parameters) => {
    inlineCalls++;
    return (await database.db.executeQuery(CompiledQuery.raw(text, [...parameters]))).rows;
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'konform-reader-'));
    database = openDatabase({ dataDir: dir });
    await migrateToLatest(database);
    file = path.join(dir, 'konform.sqlite');
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // A query that keeps SQLite busy for a while (counting through a recursive sequence).
  const SLOW = 'with recursive n(i) as (select 1 union all select i + 1 from n where i < ?) select count(*) as c from n';

  it('runs a query beside the event loop and sees what the main connection committed just before', async () => {
    const reader = sqliteReader(file, inline);
    try {
      expect(await reader.ready()).toBe(true);
      inlineCalls = 0;
      await database.db.insertInto('setting').values({ key: 'reader-test', value: '"eins"', updated_at: '2026-11-27T00:00:00.000Z', updated_by_label: 'test' }).execute();
      expect(await reader.read('select value from setting where key = ?', ['reader-test'])).toEqual([{ value: '"eins"' }]);
      await database.db.updateTable('setting').set({ value: '"zwei"' }).where('key', '=', 'reader-test').execute();
      expect(await reader.read('select value from setting where key = ?', ['reader-test'])).toEqual([{ value: '"zwei"' }]);

      // While the reader thread counts, timers on this thread keep firing; on the main connection they could not.
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 1);
      const [rows] = await Promise.all([reader.read(SLOW, [3_000_000])]);
      clearInterval(ticker);
      expect(rows).toEqual([{ c: 3_000_000 }]);
      expect(ticks).toBeGreaterThan(3);
      expect(inlineCalls).toBe(0);
    } finally {
      await reader.close();
    }
  });

  // The figures lane's thread yields the CPU to the threads that answer requests (database.ts): its nice value is
  // raised, the process's other threads keep theirs. Linux keeps a nice value per thread in /proc/self/task.
  it.runIf(process.platform === 'linux')('runs at a lower priority when asked to, without lowering the rest of the process', async () => {
    const niceValues = () => readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
    const before = niceValues();
    const reader = sqliteReader(file, inline, { nice: 7 });
    try {
      expect(await reader.ready()).toBe(true);
      expect(await reader.read('select 1 as one', [])).toEqual([{ one: 1 }]);
      const after = niceValues();
      expect(after.filter((n) => n === 7)).toHaveLength(before.filter((n) => n === 7).length + 1);
      expect(Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')[16])).toBe(before[0]);
    } finally {
      await reader.close();
    }
  });

  it('answers errors of the query as errors, and refuses a statement that writes', async () => {
    const reader = sqliteReader(file, inline);
    try {
      expect(await reader.ready()).toBe(true);
      await expect(reader.read('select * from no_such_table', [])).rejects.toThrow(/no such table/);
      await expect(reader.read("insert into setting (key, value, updated_at, updated_by_label) values ('x', '1', '', '')", [])).rejects.toThrow(/only statements that return rows/);
      expect(await database.db.selectFrom('setting').select('key').where('key', '=', 'x').execute()).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('falls back to the main connection when the thread cannot start', async () => {
    const reader = sqliteReader(file, inline, { module: { url: pathToFileURL(path.join(dir, 'no-such-worker.js')) } });
    try {
      expect(await reader.ready()).toBe(false);
      inlineCalls = 0;
      expect(await reader.read('select value from setting where key = ?', ['reader-test'])).toEqual([{ value: '"zwei"' }]);
      expect(inlineCalls).toBe(1);
    } finally {
      await reader.close();
    }
  });

  it('keeps a process alive while it starts and while a read is owed, and lets it end when idle', () => {
    // A CLI command whose last work is such a read must print its result; a process with an idle thread must end.
    const script = path.join(dir, 'last-read.mts');
    const reader = pathToFileURL(path.resolve(import.meta.dirname, '../../src/db/sqlite-reader.ts')).href;
    writeFileSync(script, [
      `import { sqliteReader } from ${JSON.stringify(reader)};`,
      `const reader = sqliteReader(${JSON.stringify(file)}, async () => { throw new Error('read on the main connection'); });`,
      `console.log(await reader.ready());`,
      `console.log(JSON.stringify(await reader.read(${JSON.stringify(SLOW)}, [1000000])));`,
    ].join('\n'));
    const output = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(output.trim().split('\n')).toEqual(['true', JSON.stringify([{ c: 1_000_000 }])]);
  });

  it('reads aside through the database as a query on the main connection would', async () => {
    const rows = await database.readAside(database.db.selectFrom('setting').select('key').where('key', '=', 'reader-test'));
    expect(rows).toEqual([{ key: 'reader-test' }]);
  });

  it("runs the dashboard's figures on a thread of their own: a long one does not hold up a list read", async () => {
    const slow = database.db.selectNoFrom(sql<number>`(with recursive n(i) as (select 1 union all select i + 1 from n where i < ${3_000_000}) select count(*) from n)`.as('c'));
    const quick = database.db.selectFrom('setting').select('key').where('key', '=', 'reader-test');
    // Each lane's thread starts at its first read (run on the main connection meanwhile); once both run, the quick
    // list read issued after the long figures read comes back first. Sharing one thread, it never could.
    let quickFirst = false;
    for (let attempt = 0; attempt < 40 && !quickFirst; attempt++) {
      const order: string[] = [];
      await Promise.all([
        database.readAside(slow, 'figures').then(() => order.push('figures')),
        database.readAside(quick, 'lists').then(() => order.push('lists')),
      ]);
      quickFirst = order[0] === 'lists';
      if (!quickFirst) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(quickFirst).toBe(true);
  });
});
