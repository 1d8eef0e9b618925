/**
 * Audit-chain verification alone (issue #12, point 2: 1,000,000 events ≤ 10 s): seeds a chain of
 * KONFORM_BENCH_EVENTS events (default 1,000,000, as the load benchmark does) and times `verifyAuditChain` with the
 * default (`auto`: the payload hashing in a worker thread when a core is idle, else inline; this run is judged), then
 * with the worker and inline forced, for comparison. SQLite always; PostgreSQL too when KONFORM_BENCH_DATABASE_URL
 * names a server. Much quicker than the whole load benchmark when only the verification changed.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { migrateToLatest, verifyAuditChain, type Database } from '@konform/server';
import { withPostgresDatabase, withSqliteDatabase } from './databases.js';
import { seedAuditEvents } from './seed.js';

const EVENTS = Number(process.env.KONFORM_BENCH_EVENTS ?? 1_000_000);
const TARGET_MS = 10_000;

async function run(label: string, database: Database): Promise<boolean> {
  await migrateToLatest(database);
  const seeding = performance.now();
  await seedAuditEvents(database, EVENTS, ['system-1', 'system-2', 'system-3'], 'bench-actor');
  if (database.dialect === 'postgres') await sql`vacuum analyze audit_event`.execute(database.db);
  console.log(`[${label}] seed: ${EVENTS} audit events in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  let passed = true;
  console.log(`[${label}] load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
  for (const hashing of ['auto', 'worker', 'inline'] as const) {
    const started = performance.now();
    const result = await verifyAuditChain(database.db, { hashing });
    const ms = performance.now() - started;
    const met = result.ok && ms <= TARGET_MS;
    if (hashing === 'auto') passed = met;
    console.log(`[${label}] verifyAuditChain (${hashing} hashing): ${result.checked} events, ok=${result.ok}, ${(ms / 1000).toFixed(2)} s (target ≤ ${TARGET_MS / 1000} s: ${met ? 'met' : 'missed'})`);
  }
  return passed;
}

let passed = await withSqliteDatabase((database) => run('sqlite', database));
const serverUrl = process.env.KONFORM_BENCH_DATABASE_URL;
if (serverUrl) passed = (await withPostgresDatabase(serverUrl, (database) => run('postgres', database))) && passed;
console.log(passed ? 'PASS' : 'FAIL');
process.exitCode = passed ? 0 : 1;
