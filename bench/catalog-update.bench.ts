/**
 * Catalogue-update benchmark: the impact analysis of CatalogUpdateService on a portfolio of 1,000 classified systems
 * with stored matrix rows, called directly (no HTTP). Measures the dry run of a changed EU AI Act catalogue
 * (previewUpload), storing and accepting it (importUpload, accept), and the preview of switching the AI Act text
 * (actPreview). No target from the issue: the figures are printed, nothing fails. Runs on SQLite always, and on
 * PostgreSQL when KONFORM_BENCH_DATABASE_URL names a server (a fresh database is created there and dropped afterwards).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { parse, stringify } from 'yaml';
import type { CatalogUpdatePreview } from '@konform/core';
import { createServices, migrateToLatest, systemActor, type Database } from '@konform/server';
import { CLASSIFICATION_PROFILES, seedClassified, seedSystems, seedUnits } from './seed.js';
import { withPostgresDatabase, withSqliteDatabase } from './databases.js';
import { percentile, timed } from './support.js';

const SYSTEMS = Number(process.env.KONFORM_BENCH_SYSTEMS ?? 1_000);
const RUNS = Number(process.env.KONFORM_BENCH_RUNS ?? 10);
const catalogRoot = process.env.KONFORM_CATALOG_DIR ?? path.resolve(import.meta.dirname, '../catalogs');
const actor = systemActor('benchmark');

/** The classification mix of the compliance-matrix bench without the derogation: high-risk, transparency, minimal, GPAI, out of scope. */
const PROFILES = CLASSIFICATION_PROFILES.filter((p) => p.derogation === undefined);
const STATUSES = ['open', 'in-progress', 'implemented', 'verified'] as const;

interface ChangedCatalog {
  yaml: Buffer;
  version: string;
  summary: string;
}

/**
 * The shipped EU AI Act catalogue with a new version: 8 requirements get a fixed `appliesFrom` instead of their
 * timeline group, 2 move to another timeline group, 2 are removed and 2 new ones (copies of existing duties) are added.
 * Requirements are picked evenly over the catalogue among the dated leaf requirements.
 */
function changedEuAiAct(): ChangedCatalog {
  const data = parse(readFileSync(path.join(catalogRoot, 'eu-ai-act/catalog.yaml'), 'utf8')) as {
    version: string;
    requirements: { id: string; ref: string; kind?: string; parent?: string; timelineGroup?: string; appliesFrom?: string; title: { de: string; en: string } }[];
  };
  const parents = new Set(data.requirements.map((r) => r.parent));
  const candidates = data.requirements.filter((r) => r.kind !== 'group' && r.timelineGroup && !parents.has(r.id));
  const stride = Math.floor(candidates.length / 14);
  if (stride < 1) throw new Error(`Only ${candidates.length} dated requirements in eu-ai-act; the bench needs 14`);
  const picked = Array.from({ length: 14 }, (_, i) => candidates[i * stride]!);
  const [fixed, regrouped, removed, copied] = [picked.slice(0, 8), picked.slice(8, 10), picked.slice(10, 12), picked.slice(12, 14)];
  for (const r of fixed) {
    delete r.timelineGroup;
    r.appliesFrom = '2028-02-01';
  }
  for (const r of regrouped) r.timelineGroup = r.timelineGroup === 'transparency' ? 'transparency-50-2-legacy' : 'public-authority-legacy';
  const gone = new Set(removed.map((r) => r.id));
  data.requirements = data.requirements.filter((r) => !gone.has(r.id));
  for (const r of copied) {
    const at = data.requirements.indexOf(r);
    data.requirements.splice(at + 1, 0, { ...structuredClone(r), id: `${r.id}-bench`, ref: `${r.ref} (neu)`, title: { de: `${r.title.de} (neu)`, en: `${r.title.en} (new)` } });
  }
  data.version = `${data.version}-bench.1`;
  const ids = (list: readonly { id: string }[]) => list.map((r) => r.id).join(', ');
  return {
    yaml: Buffer.from(stringify(data, { lineWidth: 0 }), 'utf8'),
    version: data.version,
    summary: `fixed date: ${ids(fixed)}; new group: ${ids(regrouped)}; removed: ${ids(removed)}; added: ${ids(copied.map((r) => ({ id: `${r.id}-bench` })))}`,
  };
}

/** One untimed warm-up run, then RUNS timed runs; prints `name: median X ms, p95 Y ms (n=…)`. */
async function repeated<T>(name: string, run: () => Promise<T>): Promise<T> {
  let value = await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    value = await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  console.log(`${name}: median ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms (n=${RUNS}, no target)`);
  return value;
}

function printTotals(preview: CatalogUpdatePreview) {
  const t = preview.impact?.totals;
  const d = preview.diff;
  console.log(`  diff: ${d?.added.length ?? 0} added, ${d?.removed.length ?? 0} removed, ${d?.changed.length ?? 0} changed; impact: ${t?.systems ?? 0} systems affected, rows appear ${t?.appear ?? 0}, disappear ${t?.disappear ?? 0}, dueDateChanged ${t?.dueDateChanged ?? 0}`);
}

async function runAgainst(label: string, database: Database, dataDir: string): Promise<void> {
  const started = performance.now();
  await migrateToLatest(database);
  const units = await seedUnits(database, 50);
  await seedSystems(database, units, SYSTEMS);
  const services = createServices(database, 8, { dataDir, catalogDir: catalogRoot });
  // Per active system one classification revision (about 60 % approved) and about 30 stored matrix rows.
  const classified = await seedClassified(database, services, {
    profiles: PROFILES,
    classify: { timeline: services.catalogs.timeline, act: services.catalogs.dates.actInForce, locale: 'de' },
    // Every fifth row carries its own due date, which the impact keeps instead of the catalogue's.
    row: (random) => ({ status: STATUSES[Math.floor(random() * STATUSES.length)]!, due_date: random() < 0.2 ? '2027-03-31' : null, justification: null }),
  });
  if (database.dialect === 'postgres') {
    for (const table of ['ai_system', 'classification_revision', 'requirement_row']) await sql`vacuum analyze ${sql.table(table)}`.execute(database.db);
  }
  console.log(`\n${label}: seeded ${classified.length} classified systems (of ${SYSTEMS}) with matrix rows in ${Math.round(performance.now() - started)} ms`);

  const updates = services.catalogUpdates;
  const changed = changedEuAiAct();
  console.log(`  eu-ai-act ${changed.version} (${changed.yaml.length} bytes): ${changed.summary}`);
  const upload = { data: changed.yaml, fileName: 'catalog.yaml' };

  const preview = await repeated(`[${label}] previewUpload (dry run)`, () => updates.previewUpload(actor, upload));
  if (!preview.valid) throw new Error(`The changed catalogue is invalid: ${JSON.stringify(preview.errors)}`);
  printTotals(preview);

  const imported = await timed(() => updates.importUpload(actor, upload));
  console.log(`[${label}] importUpload: ${imported.ms.toFixed(1)} ms (n=1, no target)`);
  const accepted = await timed(() => updates.accept(actor, 'eu-ai-act', changed.version, {}));
  console.log(`[${label}] accept: ${accepted.ms.toFixed(1)} ms (n=1, no target)`);
  console.log(`  ${accepted.value.systemsAffected} systems affected, ${accepted.value.retiredRows} rows retired, ${accepted.value.restoredRows} restored`);

  const current = services.catalogs.dates.actInForce;
  const other = services.catalogs.timeline.acts.find((a) => a.id !== current);
  if (!other) throw new Error('The timeline has only one act');
  const act = await repeated(`[${label}] actPreview ${current} → ${other.id}`, () => updates.actPreview(actor, other.id));
  printTotals(act);
}

async function benchSqlite(): Promise<void> {
  await withSqliteDatabase((database, dir) => runAgainst('SQLite', database, dir));
}

async function benchPostgres(serverUrl: string): Promise<void> {
  await withPostgresDatabase(serverUrl, (database, dir) => runAgainst('PostgreSQL', database, dir));
}

async function main() {
  console.log(`Konform catalogue-update benchmark (Node ${process.version}, ${process.platform}/${process.arch}), ${SYSTEMS} systems, catalogues from ${catalogRoot}`);
  await benchSqlite();
  const pgUrl = process.env.KONFORM_BENCH_DATABASE_URL;
  if (pgUrl) await benchPostgres(pgUrl);
  else console.log('\nPostgreSQL: skipped (set KONFORM_BENCH_DATABASE_URL=postgres://… to include it)');
}

await main();
