/**
 * SQLite commit latency on the event loop (WAL, synchronous FULL): with WAL checkpoints run by the committing
 * connection (SQLite's default, every 1,000 pages) against checkpoints on the thread `konform serve` starts
 * (db/sqlite-checkpointer.ts). Over a 200,000-row table, so a checkpoint writes scattered pages; 1,500 transactions
 * of 10 rows each, a short pause after every third. Prints p50/p99/p99.9/max per mode, twice, in alternation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sqliteCheckpointer } from '@konform/server';
import { percentile } from './support.js';

const TRANSACTIONS = Number(process.env.KONFORM_BENCH_TRANSACTIONS ?? 1_500);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const dir = mkdtempSync(path.join(tmpdir(), 'konform-commit-bench-'));

async function run(mode: 'in the commit' | 'on the thread'): Promise<void> {
  const file = path.join(dir, `${mode === 'in the commit' ? 'main' : 'thread'}-${Date.now()}.sqlite`);
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table t (id integer primary key, a text, b text); create index t_a on t(a); create index t_b on t(b)');
  const insert = db.prepare('insert into t (a, b) values (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 200_000; i++) insert.run(String(Math.random()), `${Math.random()}${'y'.repeat(300)}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const checkpointer = mode === 'on the thread' ? sqliteCheckpointer(file, db) : null;
  if (checkpointer && !(await checkpointer.ready)) throw new Error('the checkpoint thread did not start');
  const write = db.transaction(() => {
    for (let i = 0; i < 10; i++) insert.run(String(Math.random()), `${Math.random()}${'x'.repeat(800)}`);
  });
  const times: number[] = [];
  for (let i = 0; i < TRANSACTIONS; i++) {
    const start = performance.now();
    write();
    times.push(performance.now() - start);
    if (i % 3 === 0) await sleep(2);
  }
  await checkpointer?.close();
  db.close();
  times.sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(2).padStart(7);
  console.log(`${mode.padEnd(14)} ${f(percentile(times, 50))} ${f(percentile(times, 99))} ${f(percentile(times, 99.9))} ${f(times[times.length - 1]!)} ${String(times.filter((t) => t > 10).length).padStart(8)}`);
}

try {
  console.log(`SQLite commits of 10 rows (WAL, synchronous FULL), ${TRANSACTIONS} per run (ms)`);
  console.log('checkpoints        p50     p99   p99.9     max  over 10');
  for (let round = 0; round < 2; round++) {
    await run('in the commit');
    await run('on the thread');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
