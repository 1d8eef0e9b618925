/**
 * Load benchmark (issue #12, point 2): a portfolio of 10,000 AI systems with approved classifications, 500-row
 * compliance matrices for 1,000 of them, 50,000 risks and 1,000,000 audit events in a valid hash chain; then a mixed
 * load (80 % reads, 20 % writes) with autocannon over loopback, one instance per endpoint class at its share of the
 * overall rate, an unthrottled run of the same mix and a bare Fastify `GET /hello` as the machine's baseline; and the
 * verification of the whole audit chain. Targets at 200 requests/s: read p99 ≤ 50 ms, write p99 ≤ 150 ms, no
 * errors; chain verification ≤ 10 s. Runs on SQLite always, and on PostgreSQL when KONFORM_BENCH_DATABASE_URL names
 * a server (a fresh database is created there and dropped afterwards). The server runs in a child process
 * (`load-server.ts`), so the load generator does not share its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { parse } from 'yaml';
import { ClassificationFacts, Timeline, classify } from '@konform/core';
import { createServices, ensureFirstAdmin, migrateToLatest, verifyAuditChain, type Database } from '@konform/server';
import { CLASSIFICATION_PROFILES, prng, seedAuditEvents, seedSystems, seedUnits, syncRiskClass, systemFields, type SeededUnit } from './seed.js';
import { withPostgresDatabase, withSqliteDatabase } from './databases.js';
import { ms, signInSession, summarise, timedGet, type Summary } from './support.js';
import { describePauses, watchPauses, type PauseReport } from './pauses.js';
import { installSteadyIntervals, pinIntervals } from './steady-interval.js';
import { postgresCpuMs, postgresCpuSince, processCpuMs, threadCpuMs } from './proc-cpu.js';

const SCALE = Number(process.env.KONFORM_BENCH_SCALE ?? 1);
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));
const SYSTEMS = scaled(10_000);
const MATRIX_SYSTEMS = scaled(1_000);
const MATRIX_ROWS = 500;
const RISKS = scaled(50_000);
const AUDIT_EVENTS = scaled(1_000_000);
const RATE = Number(process.env.KONFORM_BENCH_RATE ?? 200);
const DURATION_S = Number(process.env.KONFORM_BENCH_DURATION ?? 30);
const MAX_DURATION_S = Number(process.env.KONFORM_BENCH_MAX_DURATION ?? 10);
const WARMUP_S = Number(process.env.KONFORM_BENCH_WARMUP ?? 10);
const SEQUENTIAL = 20;
/**
 * The matrix read: by default every row of every catalogue (`?applies=all`, the whole 500-row matrix, the heaviest
 * view); KONFORM_BENCH_MATRIX_VIEW=screen asks what the matrix tab asks when it opens (the EU AI Act, applicable rows).
 */
const MATRIX_VIEW = process.env.KONFORM_BENCH_MATRIX_VIEW ?? 'all';
if (MATRIX_VIEW !== 'all' && MATRIX_VIEW !== 'screen') throw new Error('KONFORM_BENCH_MATRIX_VIEW must be all or screen');
const MATRIX_QUERY = MATRIX_VIEW === 'all' ? '?applies=all' : '?catalog=eu-ai-act&applies=true';
/** Seconds each class runs alone for its CPU cost per request. */
const COST_SECONDS = 4;
const TARGET = { readP99: 50, writeP99: 150, verifyMs: 10_000 };
const catalogRoot = process.env.KONFORM_CATALOG_DIR ?? path.resolve(import.meta.dirname, '../catalogs');
const timeline = Timeline.parse(parse(readFileSync(path.join(catalogRoot, 'eu-ai-act/timeline.yaml'), 'utf8')));
const PASSWORD = 'Benchmark-Passwort-2026!';

const ROW_STATUSES = ['open', 'in-progress', 'implemented', 'verified', 'not-applicable'] as const;
const RISK_LEVELS = ['niedrig', 'mittel', 'hoch', 'sehr-hoch'] as const;
const RISK_STATUSES = ['identified', 'assessed', 'treated', 'closed'] as const;

/** Runs one seed step and prints how long it took. */
async function step<T>(label: string, what: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await run();
  console.log(`[${label}] seed: ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

/** One approved classification revision per active system (a realistic mix of facts), risk class copied onto the system. */
async function seedClassifications(database: Database, systemIds: readonly string[]): Promise<void> {
  const random = prng(42);
  const now = new Date().toISOString();
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < systemIds.length; i += 200) {
      await trx.insertInto('classification_revision').values(systemIds.slice(i, i + 200).map((id) => {
        const facts = ClassificationFacts.parse(CLASSIFICATION_PROFILES[Math.floor(random() * CLASSIFICATION_PROFILES.length)]!);
        const result = classify(facts, { timeline, act: timeline.defaultAct, locale: 'de' });
        return {
          id: randomUUID(), system_id: id, number: 1, status: 'approved', facts: JSON.stringify(facts), answers: '{}', note: '', result: JSON.stringify(result),
          risk_class: result.riskClass, decided_by_id: null, decided_by_label: 'bench', decided_at: now, state_hash: '0'.repeat(64), approval_signature_id: randomUUID(),
        };
      })).execute();
    }
  });
  await syncRiskClass(database);
}

/** 500 stored matrix rows per system: every requirement of every catalogue (about 375), the rest rows a catalogue update retired. */
async function seedMatrices(database: Database, systemIds: readonly string[]): Promise<number> {
  const registry = await createServices(database).catalogs.current();
  const current = registry.list().flatMap((c) => c.catalog.requirements.filter((r) => r.kind === 'requirement').map((r) => `${c.catalog.id}:${r.id}`)).slice(0, MATRIX_ROWS);
  const keys = [...current, ...Array.from({ length: MATRIX_ROWS - current.length }, (_, i) => `eu-ai-act:retired-${i + 1}`)];
  const now = new Date().toISOString();
  let total = 0;
  await database.db.transaction().execute(async (trx) => {
    for (const [s, systemId] of systemIds.entries()) {
      for (let i = 0; i < keys.length; i += 250) {
        const rows = keys.slice(i, i + 250).map((key, n) => {
          const status = ROW_STATUSES[(s + i + n) % ROW_STATUSES.length]!;
          return {
            system_id: systemId, requirement_key: key, status, owner: 'Referat KI-Governance', due_date: (s + n) % 7 === 0 ? '2026-08-02' : null,
            justification: status === 'not-applicable' ? 'Nicht einschlägig für dieses System' : null, implemented_by: null, verified_by: null, version: 1, updated_at: now,
            ...(key.includes(':retired-') ? { retired_at: now, retired_in_version: '2026-01', retired_snapshot: JSON.stringify({ ref: key, title: { de: 'Entfallen', en: 'Removed' } }) } : {}),
          };
        });
        await trx.insertInto('requirement_row').values(rows).execute();
        total += rows.length;
      }
    }
  });
  return total;
}

/** `count` risks spread round-robin over the systems (numbers R-1, R-2 … per system), mixed ratings and states. */
async function seedRisks(database: Database, systemIds: readonly string[], count: number): Promise<void> {
  const random = prng(99);
  const now = new Date().toISOString();
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i += 500) {
      const rows = [];
      for (let n = i; n < Math.min(count, i + 500); n++) {
        rows.push({
          id: randomUUID(), system_id: systemIds[n % systemIds.length]!, number: Math.floor(n / systemIds.length) + 1, title: `Fehlklassifikation in Fallgruppe ${n + 1}`,
          description: 'Falsch zugeordnete Vorgänge verzögern die Bearbeitung und belasten Betroffene.', source_id: null, affected: '[]', rights: '[]', affected_groups: 'Bürgerinnen und Bürger',
          likelihood: 1 + Math.floor(random() * 5), impact: 1 + Math.floor(random() * 5), inherent_level: RISK_LEVELS[Math.floor(random() * 4)]!, treatment: 'reduce', measures: '[]',
          residual_likelihood: null, residual_impact: null, residual_level: random() < 0.5 ? RISK_LEVELS[Math.floor(random() * 4)]! : null, owner: 'Referat Z',
          status: RISK_STATUSES[Math.floor(random() * RISK_STATUSES.length)]!, next_review: null, version: 1, created_at: now, updated_at: now, created_by_label: 'bench',
        });
      }
      await trx.insertInto('risk').values(rows).execute();
    }
  });
}

/** The app (or the bare hello app) in a child process; answers its base URL and a stop function. */
interface BenchServer {
  baseUrl: string;
  stop: () => Promise<void>;
  markWarm: () => void;
  /** The server process's CPU time so far (user + system, ms) from /proc; null where there is no /proc. */
  cpuMs: () => number | null;
  /** CPU time (ms) of the main thread and of the other threads; null where there is no /proc. */
  threadsMs: () => { main: number; others: number } | null;
}

async function startServer(env: Record<string, string>): Promise<BenchServer> {
  // KONFORM_BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (Node refuses --cpu-prof in NODE_OPTIONS).
  const profile = process.env.KONFORM_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.KONFORM_BENCH_CPU_PROF)}`] : [];
  // The young-generation size `npm start` gives the server (package.json); KONFORM_BENCH_SEMI_SPACE_MB=0 for V8's default.
  const semiSpace = Number(process.env.KONFORM_BENCH_SEMI_SPACE_MB ?? 64);
  const heap = semiSpace > 0 ? [`--max-semi-space-size=${semiSpace}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, ...heap, '--conditions=source', '--import', 'tsx', path.join(import.meta.dirname, 'load-server.ts')], {
    cwd: import.meta.dirname, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
      else console.log(`  server: ${line}`);
    });
    child.once('exit', (code) => reject(new Error(`The server process ended (exit code ${code}) before it listened`)));
  });
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  /** Marks the end of the warm-up: the server counts its CPU time per request from here (see load-server.ts). */
  const markWarm = () => void child.kill('SIGUSR2');
  return { baseUrl: `http://127.0.0.1:${port}`, stop, markWarm, cpuMs: () => processCpuMs(child.pid), threadsMs: () => threadCpuMs(child.pid) };
}

interface Endpoint {
  name: string;
  kind: 'read' | 'write';
  /** Share of the overall rate. */
  share: number;
  /** Connections in the unthrottled run (keeps the mix there). */
  connections: number;
  method: 'GET' | 'POST';
  /** The next request's path (and body for writes). */
  next: () => { path: string; body?: string };
}

interface Measured {
  name: string;
  kind: 'read' | 'write';
  requested: number | null;
  rate: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

interface Tally { requests: number; errors: number; non2xx: number }

/**
 * One autocannon instance sending one endpoint class's requests; every response's latency goes to `samples`
 * (autocannon's own histogram has no p95). `connectionRate` limits each connection to that many requests per second.
 * Only requests sent from `measureFrom` on (performance.now()) are counted, so one instance can warm up and then be
 * measured without closing its connections; `sent` collects their send times and `timeline` [send time, latency].
 */
function cannon(baseUrl: string, endpoint: Endpoint, session: { cookie: string; csrfToken: string }, options: { seconds: number; connections: number; connectionRate?: number; measureFrom?: number }, samples: number[], record?: { sent: number[]; timeline: Array<[number, number]> }): Promise<Tally> {
  const headers: Record<string, string> = { cookie: session.cookie, accept: 'application/json' };
  if (endpoint.method === 'POST') Object.assign(headers, { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' });
  const from = options.measureFrom ?? -Infinity;
  const tally: Tally = { requests: 0, errors: 0, non2xx: 0 };
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: baseUrl,
      connections: options.connections,
      pipelining: 1,
      duration: options.seconds,
      timeout: 10,
      headers,
      ...(options.connectionRate === undefined ? {} : { connectionRate: options.connectionRate }),
      requests: [{
        method: endpoint.method,
        setupRequest: (request) => {
          const next = endpoint.next();
          return { ...request, path: next.path, ...(next.body === undefined ? {} : { body: next.body }) };
        },
      }],
    }, (error) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      resolve(tally);
    });
    instance.on('response', (_client, status, _bytes, responseTime) => {
      const sentAt = performance.now() - responseTime;
      if (sentAt < from) return;
      tally.requests++;
      if (status < 200 || status > 299) tally.non2xx++;
      samples.push(responseTime);
      record?.sent.push(sentAt);
      record?.timeline.push([sentAt, responseTime]);
    });
    // Connection errors and timeouts (autocannon reports both as reqError).
    instance.on('reqError', () => {
      if (performance.now() >= from) tally.errors++;
    });
  });
}

function measured(endpoint: Endpoint, requested: number | null, seconds: number, tallies: Tally[], samples: number[]): Measured {
  const s = summarise(samples);
  const total = (key: keyof Tally) => tallies.reduce((n, t) => n + t[key], 0);
  return {
    name: endpoint.name, kind: endpoint.kind, requested, rate: total('requests') / seconds, requests: total('requests'),
    p50: s.p50, p95: s.p95, p99: s.p99, errors: total('errors'), non2xx: total('non2xx'),
  };
}

/** An endpoint class as fast as its connections go (the unthrottled run and the `/hello` baseline). */
async function runUnthrottled(baseUrl: string, endpoint: Endpoint, session: { cookie: string; csrfToken: string }, seconds: number): Promise<Measured> {
  const samples: number[] = [];
  const tally = await cannon(baseUrl, endpoint, session, { seconds, connections: endpoint.connections }, samples);
  return measured(endpoint, null, seconds, [tally], samples);
}

/**
 * The mix at `rate` requests/s, evenly spaced. autocannon's rate limit lets a connection send its quota for the second
 * back to back when its one-second timer fires, and the timers of all connections started together fire together:
 * the load would arrive as one burst per second. So each request slot of the second gets its own autocannon instance
 * with one connection at `connectionRate: 1`, started at its own offset within the first second. Every slot of the
 * mix has an offset of its own, i/n s for the n slots of all classes; the classes are interleaved by their own
 * spacing (slot j of a class with m slots sits near (j + ½)/m s), so each class is spread over the second too. Each
 * slot's ticks are pinned to its intended offset (steady-interval.ts), however late its instance was created.
 *
 * The first `warmupSeconds` are sent but not measured, on the same connections: the measured window does not contain
 * the load generator opening 200 connections. `onMeasuring` runs when the window starts.
 */
async function runPaced(baseUrl: string, mix: Endpoint[], session: { cookie: string; csrfToken: string }, seconds: number, rate: number, options: { warmupSeconds?: number; onMeasuring?: () => void; record?: { sent: number[]; timeline: Array<[number, number]> } } = {}): Promise<Measured[]> {
  const warmupMs = (options.warmupSeconds ?? 0) * 1000;
  const slotsOf = mix.map((endpoint) => Math.max(1, Math.round(rate * endpoint.share)));
  const order = mix.flatMap((_, c) => Array.from({ length: slotsOf[c]! }, (_, j) => ({ c, j, at: (j + 0.5) / slotsOf[c]! }))).sort((a, b) => a.at - b.at || a.c - b.c);
  const offset = new Map(order.map((slot, i) => [`${slot.c}:${slot.j}`, (i / order.length) * 1000]));
  const origin = performance.now();
  const measureFrom = origin + warmupMs;
  const window = setTimeout(() => options.onMeasuring?.(), warmupMs);
  try {
    return await Promise.all(mix.map(async (endpoint, c) => {
      const samples: number[] = [];
      const tallies = await Promise.all(Array.from({ length: slotsOf[c]! }, async (_, j) => {
        const at = offset.get(`${c}:${j}`)!;
        await new Promise((resolve) => setTimeout(resolve, at - (performance.now() - origin)));
        return pinIntervals(origin + at, () => cannon(baseUrl, endpoint, session, { seconds: seconds + warmupMs / 1000, connections: 1, connectionRate: 1, measureFrom }, samples, options.record));
      }));
      return measured(endpoint, slotsOf[c]!, seconds, tallies, samples);
    }));
  } finally {
    clearTimeout(window);
  }
}

/**
 * The paced run second by second: the seconds whose p99 was highest, so a tail can be told apart as one stall (one
 * bad second) or a steady share of slow requests (every second alike).
 */
function describeSeconds(timeline: Array<[number, number]>, target: number): string {
  if (timeline.length === 0) return 'per second: nothing measured';
  const first = Math.min(...timeline.map(([at]) => at));
  const bySecond = new Map<number, number[]>();
  for (const [at, ms] of timeline) {
    const second = Math.floor((at - first) / 1000);
    const list = bySecond.get(second) ?? [];
    list.push(ms);
    bySecond.set(second, list);
  }
  const seconds = [...bySecond.entries()].map(([second, list]) => ({ second, ...summarise(list), n: list.length, over: list.filter((ms) => ms > target).length }));
  const worst = [...seconds].sort((a, b) => b.p99 - a.p99).slice(0, 5);
  const clean = seconds.filter((s) => s.over === 0).length;
  const startedAt = new Date(Date.now() - (performance.now() - first)).toISOString().slice(11, 19);
  return `per second (${seconds.length} s from ${startedAt} UTC): ${clean} without a request over ${target} ms; highest p99: ${worst.map((s) => `s${s.second} ${s.p99.toFixed(0)} ms (${s.over} of ${s.n} over)`).join(', ')}`;
}

/**
 * How evenly the paced requests left the load generator: requests sent per 20 ms window over the run (evenly spaced,
 * every window holds rate/50). A burst shows as a window holding many more; the server then answers them one after
 * the other, and the last waits for all before it.
 */
function describeSpacing(sent: number[], rate: number): string {
  if (sent.length === 0) return 'requests per 20 ms window: none sent';
  const first = Math.min(...sent);
  const windows = new Map<number, number>();
  for (const t of sent) {
    const w = Math.floor((t - first) / 20);
    windows.set(w, (windows.get(w) ?? 0) + 1);
  }
  const last = Math.floor((Math.max(...sent) - first) / 20);
  const counts = Array.from({ length: last + 1 }, (_, w) => windows.get(w) ?? 0).sort((a, b) => a - b);
  const at = (p: number) => counts[Math.min(counts.length - 1, Math.floor((p / 100) * counts.length))]!;
  return `requests sent per 20 ms window (evenly spaced: ${(rate / 50).toFixed(0)}): p50 ${at(50)}, p99 ${at(99)}, max ${counts.at(-1)}; windows with none: ${((counts.filter((c) => c === 0).length / counts.length) * 100).toFixed(0)} %`;
}

/** The 80/20 mix: five read classes of 16 % each, two write classes of 10 % each. */
function endpoints(context: { systemIds: string[]; matrixIds: string[]; units: SeededUnit[] }): Endpoint[] {
  const random = prng(2026);
  const any = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const department = context.units.find((u) => u.parentId === context.units[0]!.id)!;
  const section = context.units.find((u) => u.parentId === department.id)!;
  const lists = ['?limit=50', '?limit=50&offset=50', `?q=${encodeURIComponent('übersetzung')}`, '?stage=operation', '?role=provider', '?sort=-updatedAt', `?unit=${section.id}`, '?riskClass=high'];
  const dashboards = ['', `?orgUnitId=${department.id}`];
  let created = 0;
  return [
    { name: 'GET /api/systems (list)', kind: 'read', share: 0.16, connections: 2, method: 'GET', next: () => ({ path: `/api/systems${any(lists)}` }) },
    { name: 'GET /api/systems/{id}', kind: 'read', share: 0.16, connections: 2, method: 'GET', next: () => ({ path: `/api/systems/${any(context.systemIds)}` }) },
    { name: 'GET …/{id}/requirements', kind: 'read', share: 0.16, connections: 2, method: 'GET', next: () => ({ path: `/api/systems/${any(context.matrixIds)}/requirements${MATRIX_QUERY}` }) },
    { name: 'GET /api/dashboard', kind: 'read', share: 0.16, connections: 2, method: 'GET', next: () => ({ path: `/api/dashboard${any(dashboards)}` }) },
    { name: 'GET …/{id}/risks', kind: 'read', share: 0.16, connections: 2, method: 'GET', next: () => ({ path: `/api/systems/${any(context.systemIds)}/risks` }) },
    {
      name: 'POST /api/systems', kind: 'write', share: 0.1, connections: 1, method: 'POST',
      next: () => ({ path: '/api/systems', body: JSON.stringify(systemFields(random, 90_000 + ++created, any(context.units).id)) }),
    },
    {
      name: 'POST …/{id}/risks', kind: 'write', share: 0.1, connections: 1, method: 'POST',
      next: () => ({ path: `/api/systems/${any(context.systemIds)}/risks`, body: JSON.stringify({ title: 'Verzerrte Trainingsdaten', description: 'Unterrepräsentierte Gruppen werden häufiger falsch zugeordnet.', likelihood: 3, impact: 4 }) }),
    },
  ];
}

interface EngineReport {
  label: string;
  seedSeconds: number;
  verify: { ms: number; ok: boolean; checked: number };
  sequential: Array<{ name: string } & Summary>;
  paced: Measured[];
  unthrottled: Measured[];
  hello: number;
  portfolioRisks: { p50: number; max: number; total: number };
}

const sum = (rows: readonly Measured[]) => rows.reduce((total, r) => total + r.rate, 0);

async function runAgainst(label: string, database: Database, dataDir: string, databaseUrl?: string): Promise<EngineReport> {
  const seedStarted = performance.now();
  await step(label, 'migrations', () => migrateToLatest(database));
  const units = await step(label, '50 units and the administrator', async () => {
    const seeded = await seedUnits(database, 50);
    await ensureFirstAdmin(database, 'admin@bench.local', PASSWORD);
    return seeded;
  });
  await step(label, `${SYSTEMS} systems`, () => seedSystems(database, units, SYSTEMS));
  const systemIds = (await database.db.selectFrom('ai_system').select('id').where('archived_at', 'is', null).orderBy('id').execute()).map((s) => s.id);
  await step(label, `${systemIds.length} approved classifications (active systems)`, () => seedClassifications(database, systemIds));
  const matrixIds = systemIds.slice(0, MATRIX_SYSTEMS);
  const rows = await step(label, `${MATRIX_SYSTEMS} matrices of ${MATRIX_ROWS} rows`, () => seedMatrices(database, matrixIds));
  await step(label, `${RISKS} risks`, () => seedRisks(database, systemIds, RISKS));
  const admin = await database.db.selectFrom('app_user').select('id').where('email', '=', 'admin@bench.local').executeTakeFirstOrThrow();
  await step(label, `${AUDIT_EVENTS} audit events (hash chain)`, () => seedAuditEvents(database, AUDIT_EVENTS, systemIds, admin.id));
  if (database.dialect === 'postgres') {
    await step(label, 'vacuum analyze', async () => {
      for (const table of ['ai_system', 'classification_revision', 'requirement_row', 'requirement_count', 'risk', 'audit_event']) await sql`vacuum analyze ${sql.table(table)}`.execute(database.db);
    });
  }
  // The bulk load leaves gigabytes of dirty pages and WAL behind; the checkpoint that writes them out would otherwise
  // fall into the measured run (PostgreSQL's background checkpointer, SQLite's first automatic checkpoint in the
  // server) and be counted against requests a running installation would not have slowed down.
  await step(label, 'checkpoint', async () => {
    if (database.dialect === 'postgres') await sql`checkpoint`.execute(database.db);
    else await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  console.log(`[${label}] seeded ${SYSTEMS} systems, ${rows} matrix rows, ${RISKS} risks, ${AUDIT_EVENTS} audit events in ${seedSeconds.toFixed(1)} s`);

  const verifyStarted = performance.now();
  const verification = await verifyAuditChain(database.db);
  const verify = { ms: performance.now() - verifyStarted, ok: verification.ok, checked: verification.checked };
  console.log(`[${label}] verifyAuditChain: ${verify.checked} events, ok=${verify.ok}, ${(verify.ms / 1000).toFixed(2)} s (target ≤ ${TARGET.verifyMs / 1000} s)`);

  const server = await startServer({ KONFORM_BENCH_SERVER: 'app', KONFORM_BENCH_DATA_DIR: dataDir, KONFORM_BENCH_SERVER_DATABASE_URL: databaseUrl ?? '' });
  try {
    const session = await signInSession(server.baseUrl, 'admin@bench.local', PASSWORD);
    const mix = endpoints({ systemIds, matrixIds, units });
    // Warm-up (first-request costs: catalogue load, dashboard figures), then each read class one request at a time:
    // the latency without queueing, which tells a slow endpoint from one that waits behind others under load.
    const sequential: Array<{ name: string } & Summary> = [];
    for (const endpoint of mix.filter((e) => e.kind === 'read')) {
      for (let i = 0; i < 5; i++) await timedGet(`${server.baseUrl}${endpoint.next().path}`, session.cookie);
      const samples: number[] = [];
      for (let i = 0; i < SEQUENTIAL; i++) samples.push((await timedGet(`${server.baseUrl}${endpoint.next().path}`, session.cookie)).ms);
      sequential.push({ name: endpoint.name, ...summarise(samples) });
    }
    // The portfolio risk list (every risk in scope, paged after loading) is probed one request at a time, outside the mix.
    const probe: number[] = [];
    let total = 0;
    for (let i = 0; i < 5; i++) {
      const r = await timedGet<{ total: number }>(`${server.baseUrl}/api/risks?limit=50`, session.cookie);
      probe.push(r.ms);
      total = r.body.total;
    }
    const probeSummary = summarise(probe);
    console.log(`[${label}] GET /api/risks?limit=50 (portfolio, ${total} risks), 5 sequential requests: p50 ${probeSummary.p50.toFixed(0)} ms, max ${probeSummary.max.toFixed(0)} ms`);

    await printCostPerClass(label, database.dialect, server, mix, session);

    // The same paced mix, not measured, so that every server process has compiled its code paths, loaded its
    // caches and seen the catalogues before the measurement: the figures are those of a running server, not of its
    // first seconds (a worker that got none of the sequential requests above would otherwise start cold).
    // The warm-up and the measured window are one run on the same connections (runPaced).
    console.log(`[${label}] mixed load: ${RATE} requests/s, evenly spaced (one autocannon instance per request slot of the second): ${WARMUP_S} s warm-up, not measured, then ${DURATION_S} s measured …`);
    let stopWatching: (() => PauseReport) | undefined;
    const record = { sent: [] as number[], timeline: [] as Array<[number, number]> };
    const paced = await runPaced(server.baseUrl, mix, session, DURATION_S, RATE, {
      warmupSeconds: WARMUP_S,
      record,
      onMeasuring: () => {
        server.markWarm();
        stopWatching = watchPauses();
      },
    });
    const sent = record.sent;
    if (stopWatching) console.log(`[${label}] ${describePauses('load generator during the paced run', stopWatching())}`);
    console.log(`[${label}] ${describeSpacing(sent, RATE)}`);
    console.log(`[${label}] ${describeSeconds(record.timeline, TARGET.readP99)}`);
    console.log(`[${label}] unthrottled run of the same mix for ${MAX_DURATION_S} s …`);
    const unthrottled = await Promise.all(mix.map((e) => runUnthrottled(server.baseUrl, e, session, MAX_DURATION_S)));
    return { label, seedSeconds, verify, sequential, paced, unthrottled, hello: 0, portfolioRisks: { p50: probeSummary.p50, max: probeSummary.max, total } };
  } finally {
    await server.stop();
  }
}

/**
 * The server's CPU time per request of each class alone (two connections, unthrottled, COST_SECONDS each), from
 * /proc: what a class costs, independent of how the others queue behind it. Only with one server process (the
 * workers of a cluster are other processes).
 */
async function printCostPerClass(label: string, engine: 'sqlite' | 'postgres', server: BenchServer, mix: Endpoint[], session: { cookie: string; csrfToken: string }): Promise<void> {
  if (Number(process.env.KONFORM_BENCH_WORKERS ?? 1) !== 1 || server.cpuMs() === null) return;
  const parts: string[] = [];
  for (const endpoint of mix) {
    const before = server.cpuMs()!;
    const threadsBefore = server.threadsMs();
    const databaseBefore = engine === 'postgres' ? postgresCpuMs() : null;
    const tally = await cannon(server.baseUrl, endpoint, session, { seconds: COST_SECONDS, connections: 2 }, []);
    const used = server.cpuMs()! - before;
    const threadsAfter = server.threadsMs();
    const databaseUsed = databaseBefore === null ? null : postgresCpuSince(databaseBefore);
    const per = (n: number) => (n / Math.max(1, tally.requests)).toFixed(2);
    const split = threadsBefore && threadsAfter ? `main thread ${per(threadsAfter.main - threadsBefore.main)}, other threads ${per(threadsAfter.others - threadsBefore.others)}; ` : '';
    const database = databaseUsed === null ? '' : `PostgreSQL on this machine ${per(databaseUsed)} ms; `;
    parts.push(`${endpoint.name} ${per(used)} ms (${split}${database}${tally.requests} requests${tally.errors + tally.non2xx > 0 ? `, ${tally.errors + tally.non2xx} errors` : ''})`);
  }
  console.log(`[${label}] server CPU per request (ms), each class alone (2 connections, ${COST_SECONDS} s), the server's share by thread:`);
  for (const part of parts) console.log(`[${label}]   ${part}`);
}

/** The bare Fastify `GET /hello` with the settings of the unthrottled run (same duration, same connections in all). */
async function helloBaseline(connections: number): Promise<number> {
  const server = await startServer({ KONFORM_BENCH_SERVER: 'hello' });
  try {
    const endpoint: Endpoint = { name: 'GET /hello', kind: 'read', share: 1, connections, method: 'GET', next: () => ({ path: '/hello' }) };
    return (await runUnthrottled(server.baseUrl, endpoint, { cookie: '', csrfToken: '' }, MAX_DURATION_S)).rate;
  } finally {
    await server.stop();
  }
}

function met(r: Measured): boolean {
  return r.errors === 0 && r.non2xx === 0 && r.p99 <= (r.kind === 'read' ? TARGET.readP99 : TARGET.writeP99);
}

function printReport(report: EngineReport): boolean {
  const head = `${'endpoint'.padEnd(28)} ${'asked/s'.padStart(7)} ${'got/s'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'errors'.padStart(7)}  target`;
  const line = (r: Measured, target: boolean) =>
    `${r.name.padEnd(28)} ${(r.requested === null ? '-' : r.requested.toFixed(0)).padStart(7)} ${r.rate.toFixed(1).padStart(7)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${String(r.errors + r.non2xx).padStart(7)}  ${target ? (met(r) ? 'yes' : 'NO') : ''}`;
  console.log(`\n${report.label}: each read class alone, ${SEQUENTIAL} requests one at a time (ms)`);
  console.log(`${'endpoint'.padEnd(28)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`);
  for (const r of report.sequential) console.log(`${r.name.padEnd(28)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.max)}`);
  console.log(`\n${report.label}: mixed load at ${RATE} requests/s for ${DURATION_S} s (latency in ms; errors = connection errors + non-2xx)`);
  console.log(head);
  for (const r of report.paced) console.log(line(r, true));
  const totalPaced = sum(report.paced);
  console.log(`${'all'.padEnd(28)} ${String(RATE).padStart(7)} ${totalPaced.toFixed(1).padStart(7)}`);
  console.log(`targets: read p99 ≤ ${TARGET.readP99} ms, write p99 ≤ ${TARGET.writeP99} ms, no errors`);
  console.log(`\n${report.label}: unthrottled, ${MAX_DURATION_S} s`);
  console.log(head);
  for (const r of report.unthrottled) console.log(line(r, false));
  const max = sum(report.unthrottled);
  console.log(`${'all'.padEnd(28)} ${'-'.padStart(7)} ${max.toFixed(1).padStart(7)}`);
  console.log(`bare Fastify GET /hello, same settings: ${report.hello.toFixed(0)} requests/s → the app's mix reaches ${((max / report.hello) * 100).toFixed(1)} % of it (1 : ${(report.hello / max).toFixed(0)})`);
  console.log(`GET /api/risks?limit=50 (portfolio of ${report.portfolioRisks.total} risks, sequential): p50 ${report.portfolioRisks.p50.toFixed(0)} ms, max ${report.portfolioRisks.max.toFixed(0)} ms (not in the mix)`);
  const verifyOk = report.verify.ok && report.verify.ms <= TARGET.verifyMs;
  console.log(`audit chain: ${report.verify.checked} events verified in ${(report.verify.ms / 1000).toFixed(2)} s, intact=${report.verify.ok} → ${verifyOk ? 'target met' : `target ≤ ${TARGET.verifyMs / 1000} s missed${report.verify.ms > TARGET.verifyMs ? ` by ${((report.verify.ms - TARGET.verifyMs) / 1000).toFixed(1)} s` : ''}`}`);
  const ok = report.paced.every(met) && verifyOk && Math.abs(totalPaced - RATE) / RATE < 0.1;
  console.log(`seed ${report.seedSeconds.toFixed(0)} s; ${report.label} overall → ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

async function main() {
  // KONFORM_BENCH_STEADY=0 keeps Node's drifting intervals in the load generator (see steady-interval.ts), to compare.
  const steady = process.env.KONFORM_BENCH_STEADY !== '0';
  if (steady) installSteadyIntervals();
  console.log(`Konform load benchmark (Node ${process.version}, ${process.platform}/${process.arch}), scale ${SCALE}: ${SYSTEMS} systems, ${MATRIX_SYSTEMS}×${MATRIX_ROWS} matrix rows, ${RISKS} risks, ${AUDIT_EVENTS} audit events; server processes: ${process.env.KONFORM_BENCH_WORKERS ?? 1}, PostgreSQL pool per process: ${process.env.KONFORM_DATABASE_POOL_SIZE ?? 20}; server young generation: ${Number(process.env.KONFORM_BENCH_SEMI_SPACE_MB ?? 64) > 0 ? `--max-semi-space-size=${process.env.KONFORM_BENCH_SEMI_SPACE_MB ?? 64}` : "V8's default"}; admission: ${process.env.KONFORM_MAX_ACTIVE_REQUESTS ?? 16} requests at once, ${process.env.KONFORM_MAX_ACTIVE_WRITES ? `of them ${process.env.KONFORM_MAX_ACTIVE_WRITES} writes` : 'no write share'}; matrix read: ${MATRIX_VIEW === 'all' ? 'every row of every catalogue' : "the matrix tab's first view (EU AI Act, applicable rows)"}; paced ticks: ${steady ? 'on an absolute schedule' : "Node's setInterval (drifting)"}`);
  // The baseline first, so each engine's report can be printed as soon as it is done.
  const connections = endpoints({ systemIds: ['x'], matrixIds: ['x'], units: [{ id: 'r', name: '', parentId: null }, { id: 'd', name: '', parentId: 'r' }, { id: 's', name: '', parentId: 'd' }] }).reduce((n, e) => n + e.connections, 0);
  const hello = await helloBaseline(connections);
  console.log(`bare Fastify GET /hello (${connections} connections, ${MAX_DURATION_S} s): ${hello.toFixed(0)} requests/s`);
  // KONFORM_BENCH_ONLY=postgres skips the SQLite run (and =sqlite the PostgreSQL one), to look at one engine.
  const only = process.env.KONFORM_BENCH_ONLY;
  const results: boolean[] = [];
  if (only !== 'postgres') results.push(await withSqliteDatabase(async (database, dir) => printReport({ ...(await runAgainst('SQLite', database, dir)), hello })));
  const pgUrl = only === 'sqlite' ? undefined : process.env.KONFORM_BENCH_DATABASE_URL;
  if (pgUrl) results.push(await withPostgresDatabase(pgUrl, async (database, dir, url) => printReport({ ...(await runAgainst('PostgreSQL', database, dir, url)), hello })));
  if (!pgUrl) console.log('\nPostgreSQL: skipped (set KONFORM_BENCH_DATABASE_URL=postgres://… to include it)');
  process.exitCode = results.every(Boolean) ? 0 : 1;
}

await main();
