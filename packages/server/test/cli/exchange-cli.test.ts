import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkSystemExportQuery, checkCycloneDxBom, LabPlanCreate } from '@konform/core';
import type { Actor } from '../../src/access/actor.js';
import { EXCHANGE_COMMANDS } from '../../src/cli-exchange.js';
import { assertExportValid } from '../../src/modules/oscal/validate.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_DIALECT } from '../support/database.js';
import { authorise, environment, modelVersion, personActor, validatedMethod } from '../support/lab-run-fixtures.js';

/**
 * `konform import|export …` against the test database, with the real files of ../shared/data (copied into
 * test/fixtures, since CI has only the repository): the same checks, errors and audit trail as the API.
 */
const root = path.resolve(import.meta.dirname, '../../../..');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const OSCAL_AR = path.join(FIXTURES, 'oscal/content/ifa_assessment-results-example.json');
const INSPECT_LOG = path.join(FIXTURES, 'lab/inspect-ai-log.json');
const ML_BOM = path.join(FIXTURES, 'interchange/ml-bom-1.7-sample.json');
const MODEL_CARD = path.join(FIXTURES, 'interchange/whisper-model-card.md');

/** Each call starts a CLI process: seconds each on a busy machine. */
const CLI_TIMEOUT = 300_000;

type User = Awaited<ReturnType<TestApp['newUser']>>;
let t: TestApp;
let work: string;
let unit: string;
let admin: User;
let auditor: User;
let operator: User;
let viewer: User;
let manager: Actor;
let systemId: string;

/**
 * Runs `konform …` (asynchronously: the test app keeps answering meanwhile): the built CLI, which `npm test` builds
 * before the suites and which starts in a fraction of tsx's time, or the sources through tsx when nothing is built.
 */
async function konform(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: TEST_DIALECT === 'postgres' ? t.db.url : '' };
  const built = path.join(root, 'packages/server/dist/cli.js');
  const [command, ...prefix] = existsSync(built) ? [process.execPath, built] : [path.join(root, 'node_modules/.bin/tsx'), '--conditions=source', path.join(root, 'packages/server/src/cli.ts')];
  const full = [...prefix, ...args, ...(t.db.dataDir ? ['--data', t.db.dataDir] : [])];
  try {
    const { stdout, stderr } = await promisify(execFile)(command, full, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function count(table: 'audit_finding' | 'model' | 'model_version' | 'dataset' | 'lab_run' | 'audit_event' | 'ai_system') {
  return Number((await t.db.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

async function lastAuditLabel(action: string) {
  const row = await t.db.database.db.selectFrom('audit_event').select('actor_label').where('action', '=', action).orderBy('seq', 'desc').executeTakeFirst();
  return row?.actor_label;
}

function broken(file: string, change: (doc: any) => void): string {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  change(doc);
  const target = path.join(work, `broken-${path.basename(file)}`);
  writeFileSync(target, JSON.stringify(doc));
  return target;
}

beforeAll(async () => {
  t = await startTestApp();
  work = mkdtempSync(path.join(tmpdir(), 'konform-exchange-cli-'));
  unit = await t.newUnit();
  const otherUnit = await t.newUnit();
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
  auditor = await t.newUser([{ orgUnitId: unit, role: 'auditor' }]);
  operator = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: otherUnit, role: 'viewer' }]);
  manager = personActor(admin, [{ orgUnitId: unit, role: 'admin' }]);
  systemId = (await t.newSystem(admin.client, unit, { name: 'Bescheid-Assistent' })).id;
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('konform import', () => {
  it('uses the permission each matching API route declares', () => {
    const declared = new Map(t.routes.map((r) => [`${r.method} ${r.url}`, r.access]));
    for (const [command, { route, permission }] of Object.entries(EXCHANGE_COMMANDS)) expect(declared.get(route), command).toBe(permission);
  }, CLI_TIMEOUT);

  it('imports OSCAL assessment results as findings of an audit, as the named auditor', async () => {
    const governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
    const plan = await governance.client.post('/api/audits', {
      title: 'CLI-Audit', kind: 'internal-aims', orgUnitId: unit, objective: 'Wirksamkeit prüfen',
      scope: { systemIds: [systemId], orgUnitIds: [], catalogIds: ['iso-42001'], requirementPrefixes: [] },
      auditorIds: [auditor.id], plannedStart: '2026-12-01', plannedEnd: '2026-12-03',
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const audit = await governance.client.post(`/api/audits/${plan.body.id}/transition`, { version: plan.body.version, to: 'in-progress' });
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);

    const before = await count('audit_finding');
    const bad = await konform('import', 'oscal', broken(OSCAL_AR, (d) => delete d['assessment-results'].metadata.title), '--audit', audit.body.id, '--as', auditor.email);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('The file is not valid OSCAL assessment results');
    expect(bad.stderr).toMatch(/ {2}at \$\.assessment-results\.metadata\S*: /);
    const notJson = path.join(work, 'not.json');
    writeFileSync(notJson, '{"assessment-results": ');
    expect((await konform('import', 'oscal', notJson, '--audit', audit.body.id, '--as', auditor.email)).stderr).toMatch(/The file is not JSON\n {2}at \$: /);
    expect(await count('audit_finding')).toBe(before);

    const refused = await konform('import', 'oscal', OSCAL_AR, '--audit', audit.body.id, '--as', viewer.email);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${viewer.email} does not hold the permission auditing.record`);
    expect((await konform('import', 'oscal', OSCAL_AR, '--audit', audit.body.id)).stderr).toContain("required option '--as <email>'");

    const ok = await konform('import', 'oscal', OSCAL_AR, '--audit', audit.body.id, '--as', auditor.email);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/finding\(s\) created/);
    expect(await count('audit_finding')).toBeGreaterThan(before);
    expect(await lastAuditLabel('audit.oscal-import')).toBe(`Test User <${auditor.email}> via CLI`);

    const exported = path.join(work, 'audit-ar.json');
    const out = await konform('export', 'oscal-ar', audit.body.id, '-o', exported, '--as', auditor.email);
    expect(out.status, out.stderr).toBe(0);
    const document = JSON.parse(readFileSync(exported, 'utf8'));
    expect(() => assertExportValid('assessment-results', document)).not.toThrow();
    expect(document['assessment-results'].results[0].findings.length).toBeGreaterThan(0);
  }, CLI_TIMEOUT);

  it('imports a CycloneDX BOM into a unit; a malformed one names the path and stores nothing', async () => {
    const before = { models: await count('model'), datasets: await count('dataset'), audit: await count('audit_event') };
    const bad = await konform('import', 'cyclonedx', broken(ML_BOM, (d) => { d.components[0].type = 'spaceship'; }), '--unit', unit, '--as', admin.email);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/ {2}at \S*components\S*0\S*: /);
    expect({ models: await count('model'), datasets: await count('dataset'), audit: await count('audit_event') }).toEqual(before);

    const ok = await konform('import', 'cyclonedx', ML_BOM, '--unit', unit, '--as', admin.email, '--json');
    expect(ok.status, ok.stderr).toBe(0);
    const result = JSON.parse(ok.stdout);
    expect(result.specVersion).toBe('1.7');
    expect(result.items.length).toBeGreaterThan(0);
    expect(await count('model')).toBeGreaterThan(before.models);
  }, CLI_TIMEOUT);

  it('takes a Hugging Face model card over into a model version', async () => {
    const model = await modelVersion(t, manager, unit);
    const ok = await konform('import', 'model-card', MODEL_CARD, '--model', model.modelId, '--model-version', model.versionId, '--as', admin.email);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^Took \d+ field\(s\)/);
    const version = await admin.client.get(`/api/models/${model.modelId}/versions/${model.versionId}`);
    expect(version.body.notes).toContain('Base model: openai/whisper-large-v3');
    const missing = await konform('import', 'model-card', MODEL_CARD, '--model', model.modelId, '--model-version', '00000000-0000-4000-8000-000000000000', '--as', admin.email);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/not found/);
  }, CLI_TIMEOUT);

  it('records an Inspect log as a lab run of a fixed plan; a malformed log names the path and stores nothing', async () => {
    const method = await validatedMethod(t, manager, unit, 'Inspect CLI', ['accuracy']);
    await authorise(t, manager, method.id, operator.id);
    const env = await environment(t, manager, unit);
    const model = await modelVersion(t, manager, unit);
    const created = await t.services.labPlans.create(manager, LabPlanCreate.parse({ systemId, name: 'Prüfplan CLI', cases: [{ key: 'TC-01', name: 'Genauigkeit', metric: 'accuracy', comparator: '>=', threshold: 0.9, methodId: method.id }] }));
    const plan = await t.services.labPlans.fix(manager, created.id, { version: created.version });
    const options = ['--plan', plan.id, '--method', method.id, '--environment', env.id, '--item', `model:${model.versionId}:${model.digest}`, '--as', operator.email];

    const runs = await count('lab_run');
    const bad = await konform('import', 'inspect', broken(INSPECT_LOG, (d) => { d.results.scores[0].metrics.accuracy.value = 'high'; }), ...options);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('  at results.scores.0.metrics.accuracy.value: Not a finite number');
    const badOption = await konform('import', 'inspect', INSPECT_LOG, ...options.slice(0, -2), '--seed', 'x'.repeat(201), '--as', operator.email);
    expect(badOption.stderr).toMatch(/The options are invalid\n {2}at seed: /);
    expect(await count('lab_run')).toBe(runs);

    const ok = await konform('import', 'inspect', INSPECT_LOG, ...options);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Recorded lab run \S+: verdict pass/);
    expect(await count('lab_run')).toBe(runs + 1);
    expect(await lastAuditLabel('lab-run.create')).toBe(`Test User <${operator.email}> via CLI`);
  }, CLI_TIMEOUT);

  it('imports a spreadsheet of AI systems: dry run, refused file, then all rows', async () => {
    const file = await t.services.bulk.exportSystems(manager, BulkSystemExportQuery.parse({ unit, format: 'csv', lang: 'en' }));
    const text = file.body.toString('utf8');
    expect(text).toContain('Bescheid-Assistent');
    const renamed = path.join(work, 'systems.csv');
    writeFileSync(renamed, text.replace('Bescheid-Assistent', 'Bescheid-Assistent 2'));
    const wrong = path.join(work, 'systems-wrong.csv');
    writeFileSync(wrong, text.replace('Bescheid-Assistent', ''));

    const dry = await konform('import', 'xlsx', renamed, '--kind', 'systems', '--dry-run', '--as', admin.email);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/update 1/);
    expect(dry.stdout).toContain('dry run: nothing stored');
    const refused = await konform('import', 'xlsx', wrong, '--kind', 'systems', '--as', admin.email);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Nothing was imported[^\n]*\n {2}at rows\.\d+\.\w+: /);
    expect((await t.services.systems.get(manager, systemId)).name).toBe('Bescheid-Assistent');

    const ok = await konform('import', 'xlsx', renamed, '--kind', 'systems', '--as', admin.email);
    expect(ok.status, ok.stderr).toBe(0);
    expect((await t.services.systems.get(manager, systemId)).name).toBe('Bescheid-Assistent 2');
  }, CLI_TIMEOUT);
});

describe('konform export', () => {
  it('writes OSCAL component definition and POA&M and a CycloneDX BOM that pass their schemas', async () => {
    const component = await konform('export', 'oscal-component', systemId, '--catalog', 'iso-42001', '--as', admin.email);
    expect(component.status, component.stderr).toBe(0);
    expect(() => assertExportValid('component', JSON.parse(component.stdout))).not.toThrow();

    const nonconformity = await admin.client.post('/api/nonconformities', { systemId, title: 'Protokollierung fehlt', description: 'Kein Log', source: 'other', severity: 'minor' });
    expect(nonconformity.status, JSON.stringify(nonconformity.body)).toBe(201);
    const poamFile = path.join(work, 'poam.json');
    const poam = await konform('export', 'oscal-poam', systemId, '-o', poamFile, '--as', admin.email);
    expect(poam.status, poam.stderr).toBe(0);
    expect(() => assertExportValid('poam', JSON.parse(readFileSync(poamFile, 'utf8')))).not.toThrow();

    const bom = await konform('export', 'cyclonedx', systemId, '--as', admin.email);
    expect(bom.status, bom.stderr).toBe(0);
    expect(checkCycloneDxBom(JSON.parse(bom.stdout), { accept: ['1.6'], strict: true })).toEqual([]);
  }, CLI_TIMEOUT);

  it('refuses without --as, for a user outside the scope, and for an unknown catalogue', async () => {
    expect((await konform('export', 'cyclonedx', systemId)).status).toBe(1);
    const outside = await konform('export', 'cyclonedx', systemId, '--as', viewer.email);
    expect(outside.status).toBe(1);
    expect(outside.stdout).toBe('');
    const unknown = await konform('export', 'oscal-component', systemId, '--catalog', 'no-such-catalog', '--as', admin.email);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('  at catalog: Unknown catalogue no-such-catalog');
    expect((await konform('export', 'oscal-ar', '--as', admin.email)).stderr).toContain('Name either an audit id or --gate GATE_ID');
  }, CLI_TIMEOUT);
});
