import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationFacts, EvidenceUrlCreate, LabPlanCreate, LabVerificationCreate, officeToday, type ImpactResult, type SystemGraph } from '@konform/core';
import { systemActor } from '../../src/access/actor.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';
import { insertLabRun } from '../support/lab-run-rows.js';

/**
 * Relations at a glance (#9 point 7): a seeded chain system → model and dataset version → plan → run → gate → evidence
 * gives exactly these nodes and edges, and the impact of the dataset version walks it backwards with its paths.
 */
type User = Awaited<ReturnType<TestApp['newUser']>>;
let t: TestApp;
let unit: string;
let otherUnit: string;
let viewer: User;
let lab: User;
let stranger: User;
const actor = systemActor('relations test setup');
const ACC = 'eu-ai-act:art-15-1';
const digest = () => randomUUID().replaceAll('-', '').repeat(2);

interface Chain {
  system: string;
  second: string;
  foreign: string;
  model: string;
  modelItem: string;
  dataset: string;
  datasetItem: string;
  method: string;
  environment: string;
  plan: string;
  run: string;
  gate: string;
  evidence: string;
}
let c: Chain;

async function newSystem(orgUnitId: string, name: string) {
  return t.services.systems.create(actor, {
    name, shortName: '', purpose: 'Test', description: '', orgUnitId, responsible: '', lifecycleStage: 'planned',
    roles: ['provider'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
  });
}

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  stranger = await t.newUser([{ orgUnitId: otherUnit, role: 'viewer' }]);
  const admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
  const person = { ...actor, userId: admin.id, label: `Admin <${admin.email}>` };
  const suffix = randomUUID().slice(0, 6);

  const method = await t.services.labMethods.create(person, {
    orgUnitId: unit, name: `WER ${suffix}`, harness: 'own-script', harnessVersion: '1.0', configuration: { task: 'asr', prompts: [], decoding: {}, metrics: [{ name: 'acc', unit: '', higherIsBetter: true, description: '' }] }, description: '',
  });
  await t.services.labMethods.validate(person, method.id, { result: 'passed', report: 'Referenzvergleich' });
  const environment = await t.services.labEnvironments.create(actor, {
    orgUnitId: unit, name: `GPU ${suffix}`, hardware: { cpu: '', gpuModel: 'H100', gpuCount: 1, memoryGb: 80 }, driverVersion: '550.54', runtime: { python: '3.11', cuda: '12.4', other: '' },
    containerDigest: null, location: '', notes: '', verificationValidityMonths: 6,
  });
  await t.services.labEnvironments.verify(person, environment.id, LabVerificationCreate.parse({ referenceRun: 'golden', expectedValue: 0.7, measuredValue: 0.7, tolerance: 0.01 }));

  const system = await newSystem(unit, `Transkription ${suffix}`);
  const second = await newSystem(unit, `Protokoll ${suffix}`);
  const foreign = await newSystem(otherUnit, `Fremd ${suffix}`);
  await t.services.classification.decide(actor, system.id, { facts: ClassificationFacts.parse({ roles: ['provider'], annexIII: ['4.a'] }), answers: {}, note: '' });
  const modelItem = await t.services.models.create(actor, { name: `Whisper ${suffix}`, kind: 'speech-recognition', orgUnitId: unit });
  const model = await t.services.models.createVersion(actor, modelItem.id, { label: '1.0', receivedOn: officeToday(), manifest: [{ path: 'model.safetensors', sha256: digest() }] });
  const datasetItem = await t.services.datasets.create(actor, { name: `Korpus ${suffix}`, kind: 'audio', orgUnitId: unit });
  const dataset = await t.services.datasets.createVersion(actor, datasetItem.id, { label: '2.0', receivedOn: officeToday(), manifest: [{ path: 'test.tar', sha256: digest() }], personalData: false });
  await t.services.systemItems.update(actor, system.id, { version: 0, items: [{ type: 'model', versionId: model.id, role: 'in-operation' }, { type: 'dataset', versionId: dataset.id, role: 'test' }] });
  await t.services.systemItems.update(actor, second.id, { version: 0, items: [{ type: 'dataset', versionId: dataset.id, role: 'training' }] });
  await t.services.systemItems.update(actor, foreign.id, { version: 0, items: [{ type: 'dataset', versionId: dataset.id, role: 'validation' }] });

  const plan = await t.services.labPlans.create(actor, LabPlanCreate.parse({
    systemId: system.id, name: 'Abnahme', cases: [{ key: 'TC-01', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.9, methodId: method.id, datasetVersionId: dataset.id, requirementKeys: [ACC] }],
  }));
  await t.services.labPlans.fix(actor, plan.id, { version: plan.version });
  const fixed = await t.services.labPlans.get(actor, plan.id);
  const run = await insertLabRun(t.db.database.db, {
    planId: plan.id, orgUnitId: unit, systemId: system.id, methodId: method.id, environmentId: environment.id, operatorId: lab.id,
    items: [{ type: 'model', versionId: model.id }, { type: 'dataset', versionId: dataset.id }],
    results: [{ caseId: fixed.cases[0]!.id, metric: 'acc', value: 0.95, verdict: 'pass' }],
  });
  const evidence = await t.services.evidence.recordLink(actor, EvidenceUrlCreate.parse({ systemId: system.id, url: 'https://example.org/lauf', title: 'Prüflauf-Nachweis' }));
  await t.db.database.db.updateTable('evidence').set({ lab_run_id: run.id }).where('id', '=', evidence.id).execute();
  await t.services.evidence.link(actor, evidence.id, { systemId: system.id, requirementKey: ACC });
  const gate = await lab.client.post('/api/lab/gates', { systemId: system.id, planId: plan.id, title: 'Freigabe zum Betrieb' });
  expect(gate.status, JSON.stringify(gate.body)).toBe(201);
  // The release itself is covered by the gate tests; here only its status matters.
  await t.db.database.db.updateTable('lab_gate').set({ status: 'released' }).where('id', '=', gate.body.id).execute();
  c = {
    system: system.id, second: second.id, foreign: foreign.id, model: model.id, modelItem: modelItem.id, dataset: dataset.id, datasetItem: datasetItem.id,
    method: method.id, environment: environment.id, plan: plan.id, run: run.id, gate: gate.body.id, evidence: evidence.id,
  };
});
afterAll(async () => t.close());

const req = () => `requirement:${c.system}:${ACC}`;
const edgeList = (g: { edges: { from: string; to: string; relation: string; qualifier: string | null }[] }) => g.edges.map((e) => `${e.from} -${e.relation}${e.qualifier ? `(${e.qualifier})` : ''}-> ${e.to}`).sort();

describe('GET /api/systems/{id}/graph', () => {
  it('shows the chain with exactly these nodes and edges, and counts the open requirements left out', async () => {
    const reply = await viewer.client.get(`/api/systems/${c.system}/graph`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const g = reply.body as SystemGraph;
    expect(g.root).toBe(`system:${c.system}`);
    expect(g.nodes.map((n) => n.id)).toEqual([
      `system:${c.system}`, `model-version:${c.model}`, `dataset-version:${c.dataset}`, req(), `plan:${c.plan}`, `run:${c.run}`, `gate:${c.gate}`, `evidence:${c.evidence}`,
    ]);
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get(`dataset-version:${c.dataset}`)).toMatchObject({ kind: 'dataset-version', label: expect.stringMatching(/^Korpus .* 2\.0$/), href: `/datasets/${c.datasetItem}` });
    expect(byId.get(req())).toMatchObject({ kind: 'requirement', status: 'open', href: `/systems/${c.system}?tab=matrix`, systemId: c.system });
    expect(byId.get(`gate:${c.gate}`)).toMatchObject({ status: 'released', href: `/lab/gates/${c.gate}` });
    expect(byId.get(`run:${c.run}`)).toMatchObject({ status: 'pass', href: `/lab/runs/${c.run}` });
    expect(edgeList(g)).toEqual([
      `evidence:${c.evidence} -recorded-from-> run:${c.run}`,
      `gate:${c.gate} -gates-> plan:${c.plan}`,
      `gate:${c.gate} -rests-on-> run:${c.run}`,
      `plan:${c.plan} -covers-> ${req()}`,
      `plan:${c.plan} -uses-data-> dataset-version:${c.dataset}`,
      `${req()} -evidenced-by-> evidence:${c.evidence}`,
      `run:${c.run} -runs-> plan:${c.plan}`,
      `run:${c.run} -tested-> dataset-version:${c.dataset}`,
      `run:${c.run} -tested-> model-version:${c.model}`,
      `system:${c.system} -bound-by-> ${req()}`,
      `system:${c.system} -tested-by-> plan:${c.plan}`,
      `system:${c.system} -uses(in-operation)-> model-version:${c.model}`,
      `system:${c.system} -uses(test)-> dataset-version:${c.dataset}`,
    ].sort());
    expect(g.omitted.openRequirements).toBeGreaterThan(5);
    expect(g.omitted.areas).toEqual([]);
  });

  it('shows risks and applied measures, with the requirements a measure advances', async () => {
    const system = await newSystem(unit, `Risiken ${randomUUID().slice(0, 6)}`);
    await t.services.classification.decide(actor, system.id, { facts: ClassificationFacts.parse({ roles: ['provider'], annexIII: ['4.a'] }), answers: {}, note: '' });
    const registry = await t.services.catalogs.current();
    const measure = registry.measures().find((m) => m.requirements.includes(ACC)) ?? registry.measures()[0]!;
    await t.services.systemMeasures.apply(actor, system.id, { measureId: measure.id, status: 'implemented', note: '' });
    const risk = await t.services.risks.create(actor, system.id, { title: 'Verzerrte Erkennung von Dialekten' });
    const g = (await viewer.client.get(`/api/systems/${system.id}/graph`)).body as SystemGraph;
    const m = `measure:${system.id}:${measure.id}`;
    expect(g.nodes.find((n) => n.id === m)).toMatchObject({ kind: 'measure', label: measure.id, status: 'implemented', title: measure.title });
    expect(g.nodes.find((n) => n.id === `risk:${risk.id}`)).toMatchObject({ kind: 'risk', label: `R-${risk.number} Verzerrte Erkennung von Dialekten`, href: `/risks/${risk.id}` });
    expect(edgeList(g)).toEqual(expect.arrayContaining([`system:${system.id} -applies-> ${m}`, `system:${system.id} -has-risk-> risk:${risk.id}`]));
    const advanced = g.edges.filter((e) => e.relation === 'advanced-by');
    expect(advanced.length).toBeGreaterThan(0);
    expect(new Set(advanced.map((e) => e.to))).toEqual(new Set([m]));
    for (const e of advanced) expect(g.edges).toContainEqual({ from: `system:${system.id}`, to: e.from, relation: 'bound-by', qualifier: null });
  });

  it('refuses a caller without system.read in the unit and answers 404 for an unknown system', async () => {
    expect((await stranger.client.get(`/api/systems/${c.system}/graph`)).status).toBe(403);
    expect((await viewer.client.get(`/api/systems/${randomUUID()}/graph`)).status).toBe(404);
  });

  it('leaves out the areas a token may not read and names them', async () => {
    const created = await viewer.client.post('/api/tokens', { name: 'graph', expiresInDays: 1, permissions: ['system.read', 'model.read'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const token = new TestClient(t.baseUrl);
    token.bearer = created.body.token;
    const g = (await token.get(`/api/systems/${c.system}/graph`)).body as SystemGraph;
    expect(g.nodes.map((n) => n.kind)).toEqual(['system', 'model-version', 'dataset-version']);
    expect(g.omitted.areas).toEqual(['requirement', 'risk', 'lab', 'evidence', 'incident', 'monitoring', 'auditing']);
  });
});

describe('GET /api/impact', () => {
  it('names every system, plan, run, gate, evidence and requirement depending on a dataset version, each with its path', async () => {
    const reply = await viewer.client.get(`/api/impact?datasetVersionId=${c.dataset}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const r = reply.body as ImpactResult;
    expect(r.start).toMatchObject({ id: `dataset-version:${c.dataset}`, kind: 'dataset-version' });
    const d = `dataset-version:${c.dataset}`;
    expect(r.hits.map((h) => [h.node.id, h.path, h.relations, h.releaseRests])).toEqual([
      [`system:${c.second}`, [d, `system:${c.second}`], ['uses'], false],
      [`system:${c.system}`, [d, `system:${c.system}`], ['uses'], false],
      [req(), [d, `run:${c.run}`, `evidence:${c.evidence}`, req()], ['tested', 'recorded-from', 'evidenced-by'], false],
      [`plan:${c.plan}`, [d, `plan:${c.plan}`], ['uses-data'], false],
      [`run:${c.run}`, [d, `run:${c.run}`], ['tested'], false],
      [`gate:${c.gate}`, [d, `plan:${c.plan}`, `gate:${c.gate}`], ['uses-data', 'gates'], true],
      [`evidence:${c.evidence}`, [d, `run:${c.run}`, `evidence:${c.evidence}`], ['tested', 'recorded-from'], false],
    ]);
    // The system of the other unit uses the data too: counted, never named.
    expect(r.hidden).toBe(1);
    expect(r.nodes.map((n) => n.id)).toContain(`plan:${c.plan}`);
    expect(r.nodes.some((n) => n.id === `system:${c.foreign}`)).toBe(false);
  });

  it('names the dependants of a model version, a method, an environment and a requirement', async () => {
    const ids = async (q: string) => {
      const reply = await lab.client.get(`/api/impact?${q}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return (reply.body as ImpactResult).hits.map((h) => h.node.id);
    };
    expect(await ids(`modelVersionId=${c.model}`)).toEqual([`system:${c.system}`, req(), `run:${c.run}`, `gate:${c.gate}`, `evidence:${c.evidence}`]);
    expect(await ids(`methodId=${c.method}`)).toEqual([`system:${c.system}`, req(), `plan:${c.plan}`, `run:${c.run}`, `gate:${c.gate}`, `evidence:${c.evidence}`]);
    expect(await ids(`environmentId=${c.environment}`)).toEqual([`system:${c.system}`, req(), `run:${c.run}`, `gate:${c.gate}`, `evidence:${c.evidence}`]);
    // A requirement: the system bound by it, the plan covering it and what follows the plan (its runs, gate and their evidence).
    expect(await ids(`requirementKey=${encodeURIComponent(ACC)}`)).toEqual([`system:${c.system}`, `plan:${c.plan}`, `run:${c.run}`, `gate:${c.gate}`, `evidence:${c.evidence}`]);
  });

  it('sees everything in its own unit only: a stranger is refused, a wider reader sees the foreign system', async () => {
    expect((await stranger.client.get(`/api/impact?datasetVersionId=${c.dataset}`)).status).toBe(403);
    const everywhere = await t.newUser([{ orgUnitId: unit, role: 'viewer' }, { orgUnitId: otherUnit, role: 'viewer' }]);
    const r = (await everywhere.client.get(`/api/impact?datasetVersionId=${c.dataset}`)).body as ImpactResult;
    expect(r.hidden).toBe(0);
    expect(r.hits.filter((h) => h.node.kind === 'system').map((h) => h.node.id).sort()).toEqual([c.system, c.second, c.foreign].map((id) => `system:${id}`).sort());
  });

  it('narrows to the systems an API token is limited to, counting the rest', async () => {
    const created = await viewer.client.post('/api/tokens', { name: 'impact', expiresInDays: 1, systemIds: [c.second] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const token = new TestClient(t.baseUrl);
    token.bearer = created.body.token;
    const r = (await token.get(`/api/impact?datasetVersionId=${c.dataset}`)).body as ImpactResult;
    expect(r.hits.map((h) => h.node.id)).toEqual([`system:${c.second}`]);
    expect(r.hidden).toBe(7);
    expect((await token.get(`/api/systems/${c.system}/graph`)).status).toBe(403);
  });

  it('names the field when the query names no record, two records, an unknown one or an unknown requirement', async () => {
    const none = await viewer.client.get('/api/impact');
    expect(none.status).toBe(400);
    expect(none.body.errors.map((e: { path: string }) => e.path)).toEqual(['datasetVersionId']);
    const two = await viewer.client.get(`/api/impact?datasetVersionId=${c.dataset}&modelVersionId=${c.model}`);
    expect(two.status).toBe(400);
    expect(two.body.errors.map((e: { path: string }) => e.path)).toEqual(['modelVersionId']);
    expect((await viewer.client.get(`/api/impact?datasetVersionId=${randomUUID()}`)).status).toBe(404);
    const unknown = await viewer.client.get('/api/impact?requirementKey=eu-ai-act:nope');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['requirementKey']);
    expect((await viewer.client.get('/api/impact?datasetVersionId=x')).status).toBe(400);
  });
});
