/**
 * Compliance-matrix benchmark: GET /api/systems/{id}/requirements?applies=all (every catalogue, ~500 rows) over real
 * HTTP on a portfolio of 1,000 classified systems. Target from the issue: p95 ≤ 50 ms. Runs on SQLite always, and on
 * PostgreSQL when KONFORM_BENCH_DATABASE_URL names a server (a fresh database is created there and dropped afterwards).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { parse } from 'yaml';
import { Timeline } from '@konform/core';
import { createServices, ensureFirstAdmin, migrateToLatest, systemActor, type Database, type Services } from '@konform/server';
import { CLASSIFICATION_PROFILES, prng, seedClassified, seedSystems, seedUnits } from './seed.js';
import { withPostgresDatabase, withSqliteDatabase } from './databases.js';
import { PASSWORD, percentile, signIn, startApp, timedGet } from './support.js';

const TARGET_P95_MS = 50;
const SYSTEMS = Number(process.env.KONFORM_BENCH_SYSTEMS ?? 1_000);
const SAMPLES = Number(process.env.KONFORM_BENCH_SAMPLES ?? 300);
const WARMUP = 30;
const catalogRoot = process.env.KONFORM_CATALOG_DIR ?? path.resolve(import.meta.dirname, '../catalogs');
const timeline = Timeline.parse(parse(readFileSync(path.join(catalogRoot, 'eu-ai-act/timeline.yaml'), 'utf8')));

const STATUSES = ['in-progress', 'implemented', 'verified', 'not-applicable'] as const;

/** About 30 touched rows in mixed states and 4 applied measures per system. */
function seedRequirements(database: Database, services: Services) {
  return seedClassified(database, services, {
    profiles: CLASSIFICATION_PROFILES,
    classify: { timeline, act: timeline.defaultAct, locale: 'de' },
    row: (random) => {
      const status = STATUSES[Math.floor(random() * STATUSES.length)]!;
      return { status, due_date: null, justification: status === 'not-applicable' ? 'Nicht einschlägig für dieses System' : null };
    },
    measuresPerSystem: 4,
  });
}

interface Row { name: string; rows: number; p50: number; p95: number; p99: number; max: number }

async function runAgainst(label: string, database: Database): Promise<Row[]> {
  let t = performance.now();
  await migrateToLatest(database);
  const units = await seedUnits(database, 50);
  await ensureFirstAdmin(database, 'admin@bench.local', PASSWORD);
  await seedSystems(database, units, SYSTEMS);
  const services = createServices(database);
  const systemIds = await seedRequirements(database, services);
  const ownerUnit = units.find((u) => u.parentId === units[0]!.id)!;
  await services.users.create(systemActor('benchmark'), {
    email: 'owner@bench.local', displayName: 'Benchmark Owner', password: PASSWORD, locale: 'de', roles: [{ orgUnitId: ownerUnit.id, role: 'owner' }],
  });
  if (database.dialect === 'postgres') {
    for (const table of ['ai_system', 'classification_revision', 'requirement_row', 'system_measure']) await sql`vacuum analyze ${sql.table(table)}`.execute(database.db);
  }
  console.log(`[${label}] seeded ${systemIds.length} systems with classifications, rows and measures in ${Math.round(performance.now() - t)} ms`);

  const app = await startApp(database);
  const baseUrl = app.baseUrl;
  try {
    const admin = await signIn(baseUrl, 'admin@bench.local');
    const random = prng(7);
    const url = (id: string, query = 'applies=all') => `${baseUrl}/api/systems/${id}/requirements?${query}`;
    const results: Row[] = [];
    const measure = async (name: string, ids: readonly string[], query?: string) => {
      const samples: number[] = [];
      let rows = 0;
      for (const id of ids) {
        const r = await timedGet<{ total: number }>(url(id, query), admin);
        samples.push(r.ms);
        rows = Math.max(rows, r.body.total);
      }
      samples.sort((a, b) => a - b);
      results.push({ name, rows, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: samples[samples.length - 1]! });
    };
    for (let i = 0; i < WARMUP; i++) await timedGet(url(systemIds[i]!), admin);
    t = performance.now();
    // First request for each system: applicability derived afresh (nothing cached for it yet).
    const cold = systemIds.slice(WARMUP, WARMUP + SAMPLES);
    await measure('first request per system', cold);
    // Repeated requests over a working set of 50 systems: the derived applicability comes from the cache.
    const working = systemIds.slice(WARMUP, WARMUP + 50);
    await measure('repeat (cached context)', Array.from({ length: SAMPLES }, () => working[Math.floor(random() * working.length)]!));
    await measure('applicable, eu-ai-act only', Array.from({ length: SAMPLES }, () => working[Math.floor(random() * working.length)]!), 'catalog=eu-ai-act');
    console.log(`[${label}] ${SAMPLES * 3} timed requests in ${Math.round(performance.now() - t)} ms`);
    return results;
  } finally {
    await app.close();
  }
}

function printTable(label: string, rows: readonly Row[]): boolean {
  const ms = (v: number) => v.toFixed(1).padStart(7);
  console.log(`\n${label}: GET /api/systems/{id}/requirements?applies=all, ${SYSTEMS} systems, ${SAMPLES} requests per case`);
  console.log(`${'case'.padEnd(28)} ${'rows'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  (ms)`);
  let ok = true;
  for (const r of rows) {
    const over = r.p95 > TARGET_P95_MS;
    if (over) ok = false;
    console.log(`${r.name.padEnd(28)} ${String(r.rows).padStart(5)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)}${over ? '  ← over target' : ''}`);
  }
  console.log(`target p95 ≤ ${TARGET_P95_MS} ms for every case → ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

async function benchSqlite(): Promise<boolean> {
  return withSqliteDatabase(async (database) => printTable('SQLite', await runAgainst('SQLite', database)));
}

async function benchPostgres(serverUrl: string): Promise<boolean> {
  return withPostgresDatabase(serverUrl, async (database) => printTable('PostgreSQL', await runAgainst('PostgreSQL', database)));
}

async function main() {
  console.log(`Konform compliance-matrix benchmark (Node ${process.version}, ${process.platform}/${process.arch}), catalogues from ${catalogRoot}`);
  const results = [await benchSqlite()];
  const pgUrl = process.env.KONFORM_BENCH_DATABASE_URL;
  if (pgUrl) results.push(await benchPostgres(pgUrl));
  else console.log('\nPostgreSQL: skipped (set KONFORM_BENCH_DATABASE_URL=postgres://… to include it)');
  process.exitCode = results.every(Boolean) ? 0 : 1;
}

await main();
