/**
 * Inventory list benchmark: GET /api/systems over real HTTP against 10,000 seeded AI systems.
 * Target from the issue: p95 ≤ 50 ms. Runs on SQLite always, and on PostgreSQL when
 * KONFORM_BENCH_DATABASE_URL names a server (a fresh database is created there and dropped afterwards).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createServices, ensureFirstAdmin, migrateToLatest, systemActor, type Database } from '@konform/server';
import { seedSystems, seedUnits, type SeededUnit } from './seed.js';
import { withPostgresDatabase, withSqliteDatabase } from './databases.js';
import { PASSWORD, percentile, signIn, startApp, timedGet } from './support.js';

const TARGET_P95_MS = 50;
const SYSTEMS = Number(process.env.KONFORM_BENCH_SYSTEMS ?? 10_000);
const UNITS = 50;
const WARMUP = 30;
const SAMPLES = Number(process.env.KONFORM_BENCH_SAMPLES ?? 300);

interface QueryType {
  name: string;
  user: 'admin' | 'owner';
  /** Query strings used in rotation, so caches see a realistic mix. */
  queries: string[];
}

function queryTypes(units: readonly SeededUnit[], ownerUnits: readonly SeededUnit[]): QueryType[] {
  const sections = units.filter((u) => u.parentId !== null && !units.some((c) => c.parentId === u.id));
  const ownerRoots = new Set(ownerUnits.map((u) => u.id));
  const ownerSections = sections.filter((u) => ownerRoots.has(u.id) || ownerRoots.has(u.parentId ?? ''));
  return [
    { name: 'default page (limit 50)', user: 'admin', queries: ['limit=50', 'limit=50&offset=50', 'limit=50&offset=100'] },
    { name: 'search q=', user: 'admin', queries: ['q=übersetzung', 'q=asservate', 'q=nordlicht', 'q=00042', 'q=gesichtsabgleich', 'q=tkü'] },
    { name: 'filter by unit', user: 'admin', queries: sections.slice(0, 8).map((u) => `unit=${u.id}`) },
    { name: 'filter by stage', user: 'admin', queries: ['stage=operation', 'stage=planned', 'stage=validation', 'stage=retired'] },
    { name: 'filter by role', user: 'admin', queries: ['role=provider', 'role=deployer', 'role=importer'] },
    { name: 'sort -updatedAt', user: 'admin', queries: ['sort=-updatedAt', 'sort=-updatedAt&offset=50'] },
    { name: 'deep offset 9000', user: 'admin', queries: ['offset=9000', 'offset=9000&sort=-createdAt'] },
    { name: 'owner: default page', user: 'owner', queries: ['limit=50', 'limit=50&offset=50'] },
    { name: 'owner: search q=', user: 'owner', queries: ['q=übersetzung', 'q=asservate', 'q=bild'] },
    { name: 'owner: unit + stage', user: 'owner', queries: ownerSections.map((u) => `unit=${u.id}&stage=operation`) },
    { name: 'owner: sort -updatedAt', user: 'owner', queries: ['sort=-updatedAt'] },
  ];
}

interface Row {
  name: string;
  matches: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

async function runAgainst(label: string, database: Database): Promise<{ rows: Row[]; overallP95: number }> {
  let t = performance.now();
  await migrateToLatest(database);
  const units = await seedUnits(database, UNITS);
  await ensureFirstAdmin(database, 'admin@bench.local', PASSWORD);
  await seedSystems(database, units, SYSTEMS);
  // Owner of one department (with its sections) and two sections elsewhere: the scoped case.
  const department = units.find((u) => u.parentId === units[0]!.id)!;
  const elsewhere = units.filter((u) => u.parentId !== null && u.parentId !== department.id && u.parentId !== units[0]!.id).slice(0, 2);
  const ownerUnits = [department, ...elsewhere];
  await createServices(database).users.create(systemActor('benchmark'), {
    email: 'owner@bench.local',
    displayName: 'Benchmark Owner',
    password: PASSWORD,
    locale: 'de',
    roles: ownerUnits.map((u) => ({ orgUnitId: u.id, role: 'owner' as const })),
  });
  if (database.dialect === 'postgres') {
    // Autovacuum vacuums and analyses a table soon after a bulk load (visibility map for index-only scans,
    // statistics for the planner); do it now so the plans measured are the steady-state ones.
    await sql`vacuum analyze ai_system`.execute(database.db);
  }
  console.log(`[${label}] seeded ${UNITS} units and ${SYSTEMS} systems in ${Math.round(performance.now() - t)} ms`);

  const app = await startApp(database);
  const baseUrl = app.baseUrl;
  try {
    const cookies = { admin: await signIn(baseUrl, 'admin@bench.local'), owner: await signIn(baseUrl, 'owner@bench.local') };
    const rows: Row[] = [];
    const all: number[] = [];
    t = performance.now();
    for (const type of queryTypes(units, ownerUnits)) {
      const urls = type.queries.map((q) => `${baseUrl}/api/systems?${q}`);
      for (let i = 0; i < WARMUP; i++) await timedGet(urls[i % urls.length]!, cookies[type.user]);
      const samples: number[] = [];
      let matches = 0;
      for (let i = 0; i < SAMPLES; i++) {
        const { ms, body } = await timedGet<{ total: number }>(urls[i % urls.length]!, cookies[type.user]);
        samples.push(ms);
        if (i < urls.length) matches += body.total;
      }
      samples.sort((a, b) => a - b);
      all.push(...samples);
      rows.push({
        name: type.name,
        matches: Math.round(matches / urls.length),
        p50: percentile(samples, 50),
        p95: percentile(samples, 95),
        p99: percentile(samples, 99),
        max: samples[samples.length - 1]!,
      });
    }
    all.sort((a, b) => a - b);
    console.log(`[${label}] ${all.length} timed requests in ${Math.round(performance.now() - t)} ms`);
    return { rows, overallP95: percentile(all, 95) };
  } finally {
    await app.close();
  }
}

function printTable(label: string, rows: readonly Row[], overallP95: number): boolean {
  const ms = (v: number) => v.toFixed(1).padStart(7);
  console.log(`\n${label}: GET /api/systems, ${SYSTEMS} systems, ${SAMPLES} requests per query type (after ${WARMUP} warm-up)`);
  console.log(`${'query'.padEnd(26)} ${'matches'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  (ms)`);
  let ok = overallP95 <= TARGET_P95_MS;
  for (const r of rows) {
    const over = r.p95 > TARGET_P95_MS;
    if (over) ok = false;
    console.log(`${r.name.padEnd(26)} ${String(r.matches).padStart(7)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)}${over ? '  ← over target' : ''}`);
  }
  console.log(`overall p95: ${overallP95.toFixed(1)} ms (target ≤ ${TARGET_P95_MS} ms for every query type) → ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

async function benchSqlite(): Promise<boolean> {
  return withSqliteDatabase(async (database) => {
    const { rows, overallP95 } = await runAgainst('SQLite', database);
    return printTable('SQLite', rows, overallP95);
  });
}

async function benchPostgres(serverUrl: string): Promise<boolean> {
  return withPostgresDatabase(serverUrl, async (database) => {
    const { rows, overallP95 } = await runAgainst('PostgreSQL', database);
    return printTable('PostgreSQL', rows, overallP95);
  });
}

async function main() {
  console.log(`Konform inventory list benchmark (Node ${process.version}, ${process.platform}/${process.arch})`);
  const results = [await benchSqlite()];
  const pgUrl = process.env.KONFORM_BENCH_DATABASE_URL;
  if (pgUrl) {
    if (!/^postgres(ql)?:\/\//.test(pgUrl)) throw new Error('KONFORM_BENCH_DATABASE_URL must be a postgres:// URL');
    results.push(await benchPostgres(pgUrl));
  } else {
    console.log('\nPostgreSQL: skipped (set KONFORM_BENCH_DATABASE_URL=postgres://… to include it)');
  }
  process.exitCode = results.every(Boolean) ? 0 : 1;
}

await main();
