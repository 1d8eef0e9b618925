import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationFacts, EvidenceUrlCreate, LabPlanCreate, LabVerificationCreate, SupplierDocumentsUpdate, officeToday, type LabGateDetail } from '@konform/core';
import { systemActor, type Actor } from '../../src/access/actor.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';
import { insertLabRun } from '../support/lab-run-rows.js';

/**
 * Release gates (#8 point 6): each check refuses a release when it fails, four eyes with the lab and governance roles,
 * release, supersession, invalidation when the released digests change, withdrawal, and the scope of tokens.
 */
type User = Awaited<ReturnType<TestApp['newUser']>>;
let t: TestApp;
let unit: string;
let otherUnit: string;
let lab: User;
let lab2: User;
let gov: User;
let admin: User;
let both: User;
let viewer: User;
let stranger: User;
let person: Actor;
const actor = systemActor('gate test setup');
let methodId: string;
let environmentId: string;
let expiredEnvironmentId: string;
let modelId: string;

const ACC = 'eu-ai-act:art-15-1';
const RISK = 'eu-ai-act:art-9-1';
const digest = () => randomUUID().replaceAll('-', '').repeat(2);

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  lab2 = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  gov = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
  both = await t.newUser([{ orgUnitId: unit, role: 'lab' }, { orgUnitId: unit, role: 'governance' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: otherUnit, role: 'lab' }]);
  // Validations and authorisations name a person: the administrator records them.
  person = { ...actor, userId: admin.id, label: `Admin <${admin.email}>` };
  const method = await t.services.labMethods.create(person, {
    orgUnitId: unit, name: `Whisper WER ${randomUUID().slice(0, 6)}`, harness: 'own-script', harnessVersion: '1.0', configuration: { task: 'asr', prompts: [], decoding: {}, metrics: [{ name: 'acc', unit: '', higherIsBetter: true, description: '' }] }, description: '',
  });
  methodId = method.id;
  await t.services.labMethods.validate(person, methodId, { result: 'passed', report: 'Referenzvergleich' });
  const environment = (name: string) => t.services.labEnvironments.create(actor, {
    orgUnitId: unit, name, hardware: { cpu: '', gpuModel: 'H100', gpuCount: 1, memoryGb: 80 }, driverVersion: '550.54', runtime: { python: '3.11', cuda: '12.4', other: '' },
    containerDigest: null, location: '', notes: '', verificationValidityMonths: 6,
  });
  environmentId = (await environment(`GPU ${randomUUID().slice(0, 6)}`)).id;
  await t.services.labEnvironments.verify(person, environmentId, LabVerificationCreate.parse({ referenceRun: 'golden', expectedValue: 0.7, measuredValue: 0.7, tolerance: 0.01 }));
  expiredEnvironmentId = (await environment(`Alt ${randomUUID().slice(0, 6)}`)).id;
  modelId = (await t.services.models.create(actor, { name: `Whisper ${randomUUID().slice(0, 6)}`, kind: 'speech-recognition', orgUnitId: unit })).id;
});
afterAll(async () => t.close());

interface Scenario {
  systemId: string;
  planId: string;
  modelVersionId: string;
  datasetVersionId: string;
  cases: { acc: string; risk: string };
}

async function newModelVersion(label = `v${randomUUID().slice(0, 4)}`) {
  return t.services.models.createVersion(actor, modelId, { label, receivedOn: officeToday(), manifest: [{ path: 'model.safetensors', sha256: digest() }] });
}

/** A system of the unit using a fresh model version in operation and a test dataset, with a fixed plan of two mandatory cases. */
async function scenario(options: { procured?: boolean } = {}): Promise<Scenario> {
  const system = await t.services.systems.create(actor, {
    name: `Transkription ${randomUUID().slice(0, 6)}`, shortName: '', purpose: 'Test', description: '', orgUnitId: unit, responsible: '', lifecycleStage: 'planned',
    roles: ['deployer'], sourcing: options.procured ? 'procured' : 'in-house', vendor: options.procured ? `Lieferant ${randomUUID().slice(0, 6)}` : '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
  });
  const model = await newModelVersion();
  const dataset = await t.services.datasets.create(actor, { name: `Testkorpus ${randomUUID().slice(0, 6)}`, kind: 'audio', orgUnitId: unit });
  const data = await t.services.datasets.createVersion(actor, dataset.id, { label: '1.0', receivedOn: officeToday(), manifest: [{ path: 'test.tar', sha256: digest() }], personalData: false });
  await t.services.systemItems.update(actor, system.id, { version: 0, items: [{ type: 'model', versionId: model.id, role: 'in-operation' }, { type: 'dataset', versionId: data.id, role: 'test' }] });
  const plan = await t.services.labPlans.create(actor, LabPlanCreate.parse({
    systemId: system.id, name: 'Abnahme',
    cases: [
      { key: 'TC-01', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.9, methodId, requirementKeys: [ACC] },
      { key: 'TC-02', name: 'Angriffserfolg', metric: 'asr', comparator: '<=', threshold: 0.02, methodId, regressionTolerance: 0.005, requirementKeys: [RISK] },
    ],
  }));
  await t.services.labPlans.fix(actor, plan.id, { version: plan.version });
  const fixed = await t.services.labPlans.get(actor, plan.id);
  const caseId = (key: string) => fixed.cases.find((c) => c.key === key)!.id;
  return { systemId: system.id, planId: plan.id, modelVersionId: model.id, datasetVersionId: data.id, cases: { acc: caseId('TC-01'), risk: caseId('TC-02') } };
}

/** Evidence on the system's matrix rows of the plan's requirements. */
async function evidence(s: Scenario, keys = [ACC, RISK]) {
  const record = await t.services.evidence.recordLink(actor, EvidenceUrlCreate.parse({ systemId: s.systemId, url: 'https://example.org/bericht', title: 'Prüfbericht' }));
  for (const requirementKey of keys) await t.services.evidence.link(actor, record.id, { systemId: s.systemId, requirementKey });
}

interface RunOptions {
  acc?: number | null;
  asr?: number | null;
  matches?: boolean;
  methodStatus?: string;
  environmentStatus?: string;
  operatorAuthorised?: boolean;
  environment?: string;
  modelVersionId?: string;
}

/** A recorded run of the scenario's plan (verdicts by the plan's thresholds: acc ≥ 0.9, asr ≤ 0.02; null leaves a case out). */
function recordRun(s: Scenario, o: RunOptions = {}) {
  const acc = o.acc === undefined ? 0.95 : o.acc;
  const asr = o.asr === undefined ? 0.01 : o.asr;
  return insertLabRun(t.db.database.db, {
    planId: s.planId, orgUnitId: unit, systemId: s.systemId, methodId, environmentId: o.environment ?? environmentId, operatorId: lab.id,
    items: [{ type: 'model', versionId: o.modelVersionId ?? s.modelVersionId, matches: o.matches }, { type: 'dataset', versionId: s.datasetVersionId }],
    results: [
      ...(acc === null ? [] : [{ caseId: s.cases.acc, metric: 'acc', value: acc, verdict: acc >= 0.9 ? 'pass' as const : 'fail' as const }]),
      ...(asr === null ? [] : [{ caseId: s.cases.risk, metric: 'asr', value: asr, verdict: asr <= 0.02 ? 'pass' as const : 'fail' as const }]),
    ],
    methodStatus: o.methodStatus, environmentStatus: o.environmentStatus, operatorAuthorised: o.operatorAuthorised,
  });
}

async function openGate(s: Scenario, client = lab.client, body: Record<string, unknown> = {}): Promise<LabGateDetail> {
  const reply = await client.post('/api/lab/gates', { systemId: s.systemId, planId: s.planId, title: 'Freigabe zum Betrieb', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const sign = (client: TestClient, gate: { id: string }, body: Record<string, unknown> = {}) => client.post(`/api/lab/gates/${gate.id}/sign`, { password: TEST_PASSWORD, ...body });

async function release(gate: { id: string }): Promise<LabGateDetail> {
  expect((await sign(lab.client, gate)).status).toBe(200);
  const reply = await sign(gov.client, gate);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.body.status).toBe('released');
  return reply.body;
}

const check = (gate: LabGateDetail, key: string) => gate.checks.find((c) => c.key === key)!;
const blocking = (gate: LabGateDetail, key: string) => check(gate, key).findings.filter((f) => f.blocking).map((f) => f.code);

/** A scenario whose gate passes every check. */
async function ready() {
  const s = await scenario();
  await evidence(s);
  const run = await recordRun(s);
  return { s, run };
}

describe('release gates: checks', () => {
  it('opens a gate whose five checks pass and shows each one with its findings', async () => {
    const { s, run } = await ready();
    const gate = await openGate(s);
    expect(gate).toMatchObject({ status: 'open', checksFrozen: false, passed: true, subject: { type: 'system', systemId: s.systemId }, planId: s.planId, regressionTolerance: 0.01, missingRoles: ['lab', 'governance'], signoffs: [], baseline: null });
    expect(gate.checks.map((c) => [c.key, c.passed])).toEqual([['digests', true], ['mandatory-cases', true], ['regression', true], ['evidence', true], ['registration', true]]);
    expect(check(gate, 'mandatory-cases').findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'case-passed', caseKey: 'TC-01', runId: run.id, runNumber: run.number })]));
    expect(check(gate, 'regression').findings[0]!.code).toBe('first-release');
    expect(check(gate, 'registration').findings[0]!.code).toBe('no-approved-classification');
    expect(gate.items.map((i) => [i.type, i.underTest])).toEqual([['model', true], ['dataset', true]]);
    expect(gate.stateHash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await viewer.client.get(`/api/lab/gates?systemId=${s.systemId}&status=open`);
    expect(listed.body.items.map((g: { id: string }) => g.id)).toEqual([gate.id]);
    const history = (await gov.client.get(`/api/audit-events?entityType=lab-gate&entityId=${gate.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['lab-gate.create']);
  });

  const refusals: [string, string, string, (s: Scenario) => Promise<unknown>][] = [
    ['digest mismatch', 'digests', 'run-digest-mismatch', (s) => recordRun(s, { matches: false })],
    ['a run that tested another model version', 'digests', 'not-covered', async (s) => recordRun(s, { modelVersionId: (await newModelVersion()).id })],
    ['missing mandatory case', 'mandatory-cases', 'no-run', (s) => recordRun(s, { asr: null })],
    ['failed mandatory case', 'mandatory-cases', 'case-failed', (s) => recordRun(s, { acc: 0.85 })],
    ['unvalidated method', 'mandatory-cases', 'method-not-validated', (s) => recordRun(s, { methodStatus: 'revalidation-needed' })],
    ['unauthorised operator', 'mandatory-cases', 'operator-not-authorised', (s) => recordRun(s, { operatorAuthorised: false })],
    ['expired environment', 'mandatory-cases', 'environment-not-verified', (s) => recordRun(s, { environment: expiredEnvironmentId, environmentStatus: 'expired' })],
  ];
  it.each(refusals)('refuses the release on %s', async (_name, key, code, seed) => {
    const s = await scenario();
    await evidence(s);
    await seed(s);
    const gate = await openGate(s);
    expect(gate.passed).toBe(false);
    expect(blocking(gate, key)).toContain(code);
    const reply = await sign(lab.client, gate);
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('checks-failed');
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toContain(`checks.${key}`);
    expect((await t.services.signatures.list(person, { entityType: 'lab-gate', entityId: gate.id, limit: 10, offset: 0 })).total).toBe(0);
  });

  it('refuses the release when a requirement has no evidence on the matrix, naming it', async () => {
    const s = await scenario();
    await evidence(s, [ACC]);
    await recordRun(s);
    const gate = await openGate(s);
    expect(check(gate, 'evidence').findings.filter((f) => f.blocking)).toEqual([expect.objectContaining({ code: 'evidence-missing', requirementKey: RISK, systemId: s.systemId })]);
    expect((await sign(gov.client, gate)).body.code).toBe('checks-failed');
  });

  it('refuses the release of a high-risk system a public authority deploys until the EU registration is received (Art. 26(8))', async () => {
    const { s } = await (async () => {
      const s = await scenario({ procured: true });
      await evidence(s);
      await recordRun(s);
      return { s };
    })();
    await t.services.classification.decide(actor, s.systemId, { facts: ClassificationFacts.parse({ roles: ['deployer'], annexIII: ['4.a'], deployer: { publicAuthority: true } }), answers: {}, note: '' });
    expect((await gov.client.post(`/api/systems/${s.systemId}/classification/approve`, { revision: 1, password: TEST_PASSWORD })).status).toBe(200);
    const gate = await openGate(s);
    expect(check(gate, 'registration')).toMatchObject({ passed: false, findings: [{ code: 'registration-missing', status: 'missing' }] });
    expect((await sign(lab.client, gate)).body.errors.map((e: { path: string }) => e.path)).toEqual(['checks.registration']);
    const docs = await t.services.supplierDocuments.get(actor, s.systemId);
    await t.services.supplierDocuments.update(actor, s.systemId, SupplierDocumentsUpdate.parse({ version: docs.version, items: [{ kind: 'eu-registration', status: 'received', reference: 'EU-DB 4711' }] }));
    const after = (await lab.client.get(`/api/lab/gates/${gate.id}`)).body as LabGateDetail;
    expect(check(after, 'registration')).toMatchObject({ passed: true, findings: [{ code: 'registration-received' }] });
    expect((await sign(lab.client, after)).status).toBe(200);
  });

  it('refuses a regression against the released baseline beyond the tolerance, and supersedes the baseline on release', async () => {
    const { s } = await ready();
    const first = await release(await openGate(s));
    expect(first).toMatchObject({ checksFrozen: true, missingRoles: [] });
    await recordRun(s, { acc: 0.93, asr: 0.012 });
    const second = await openGate(s);
    expect(second.baseline).toMatchObject({ id: first.id, number: first.number, status: 'released' });
    expect(check(second, 'regression').findings.filter((f) => f.blocking)).toEqual([expect.objectContaining({ code: 'regressed', caseKey: 'TC-01', value: 0.93, baselineValue: 0.95, tolerance: 0.01 })]);
    expect(check(second, 'regression').findings.find((f) => f.caseKey === 'TC-02')).toMatchObject({ code: 'within-tolerance', tolerance: 0.005 });
    expect((await sign(lab.client, second)).body.code).toBe('checks-failed');
    // A wider tolerance for the gate lets it pass; the release supersedes the first one.
    expect((await lab.client.post(`/api/lab/gates/${second.id}/withdraw`, { version: second.version, reason: 'Toleranz zu eng gewählt' })).status).toBe(200);
    const third = await openGate(s, lab.client, { regressionTolerance: 0.05 });
    expect(check(third, 'regression').passed).toBe(true);
    const released = await release(third);
    expect(released.baseline?.id).toBe(first.id);
    const before = (await viewer.client.get(`/api/lab/gates/${first.id}`)).body as LabGateDetail;
    expect(before).toMatchObject({ status: 'superseded', supersededBy: { id: third.id } });
    const history = (await gov.client.get(`/api/audit-events?entityType=lab-gate&entityId=${first.id}`)).body.items.map((e: { action: string }) => e.action);
    expect(history).toContain('lab-gate.supersede');
  });
});

describe('release gates: runs recorded through the API', () => {
  it('passes on a run posted in Konform\'s format: items by digest, verdicts, and the evidence the run leaves on the matrix', async () => {
    const s = await scenario();
    await t.services.labMethods.authorise(person, methodId, { userId: lab.id, note: '' });
    const digestOf = async (table: 'model_version' | 'dataset_version', id: string) => (await t.db.database.db.selectFrom(table).select('manifest_digest').where('id', '=', id).executeTakeFirstOrThrow()).manifest_digest;
    const now = new Date().toISOString();
    const posted = await lab.client.post('/api/lab/runs', {
      planId: s.planId, methodId, environmentId, startedAt: now, endedAt: now,
      items: [{ type: 'model', versionId: s.modelVersionId, manifestDigest: await digestOf('model_version', s.modelVersionId) }, { type: 'dataset', versionId: s.datasetVersionId, manifestDigest: await digestOf('dataset_version', s.datasetVersionId) }],
      results: [{ metric: 'acc', value: 0.94 }, { metric: 'asr', value: 0.015 }],
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const gate = await openGate(s);
    expect(gate.checks.map((c) => [c.key, c.passed])).toEqual([['digests', true], ['mandatory-cases', true], ['regression', true], ['evidence', true], ['registration', true]]);
    expect(check(gate, 'mandatory-cases').cases?.map((c) => [c.key, c.value, c.runId])).toEqual([['TC-01', 0.94, posted.body.id], ['TC-02', 0.015, posted.body.id]]);
  });
});

describe('release gates: signatures', () => {
  it('is released by a lab and a governance signature of two people; checks, items and state hash freeze', async () => {
    const { s } = await ready();
    const gate = await openGate(s);
    const first = await sign(lab.client, gate, { comment: 'Prüfung vollständig', stateHash: gate.stateHash });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ status: 'open', missingRoles: ['governance'], signoffs: [{ role: 'lab', signer: { id: lab.id }, comment: 'Prüfung vollständig', current: true }] });
    const again = await sign(lab.client, gate);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('four-eyes');
    const sameRole = await sign(lab2.client, gate);
    expect(sameRole.status).toBe(409);
    expect(sameRole.body.code).toBe('role-missing');
    expect(sameRole.body.detail).toMatch(/governance role is still missing/);
    const adminOnly = await sign(admin.client, gate);
    expect(adminOnly.status).toBe(403);
    expect(adminOnly.body.detail).toMatch(/administrator role alone counts as neither/);
    const wrong = await sign(gov.client, gate, { password: 'wrong password!' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('password');
    const second = await sign(gov.client, gate);
    expect(second.status).toBe(200);
    const released = second.body as LabGateDetail;
    expect(released).toMatchObject({ status: 'released', checksFrozen: true, missingRoles: [], stateHash: gate.stateHash });
    expect(released.releasedAt).not.toBeNull();
    expect(released.signoffs.map((x) => [x.role, x.signer.id, x.current])).toEqual([['lab', lab.id, true], ['governance', gov.id, true]]);
    // A released gate is signed no more, and each signature verifies against the frozen state.
    expect((await sign(both.client, gate)).body.code).toBe('not-open');
    for (const x of released.signoffs) expect((await gov.client.get(`/api/signatures/${x.signatureId}/verify`)).body.ok).toBe(true);
    const history = (await gov.client.get(`/api/audit-events?entityType=lab-gate&entityId=${gate.id}`)).body.items.map((e: { action: string }) => e.action);
    expect(history).toEqual(['lab-gate.release', 'lab-gate.sign', 'lab-gate.sign', 'lab-gate.create']);
  });

  it('counts a person holding both roles in the one the other signer does not fill', async () => {
    const { s } = await ready();
    const gate = await openGate(s);
    expect((await sign(both.client, gate)).body.missingRoles).toEqual(['lab', 'governance']);
    const released = (await sign(lab.client, gate)).body as LabGateDetail;
    expect(released.status).toBe('released');
    expect(released.signoffs.map((x) => [x.signer.id, x.role])).toEqual([[both.id, 'governance'], [lab.id, 'lab']]);
  });

  it('lets a signature of an earlier state lapse when the checks change, and refuses a state the signer did not see', async () => {
    const { s } = await ready();
    const gate = await openGate(s);
    expect((await sign(lab.client, gate)).status).toBe(200);
    await recordRun(s, { acc: 0.96 });
    const changed = (await lab.client.get(`/api/lab/gates/${gate.id}`)).body as LabGateDetail;
    expect(changed.stateHash).not.toBe(gate.stateHash);
    expect(changed.signoffs.map((x) => x.current)).toEqual([false]);
    expect(changed.missingRoles).toEqual(['lab', 'governance']);
    const stale = await sign(gov.client, gate, { stateHash: gate.stateHash });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('state-changed');
    expect((await sign(gov.client, changed, { stateHash: changed.stateHash })).body.status).toBe('open');
    expect((await sign(lab.client, changed)).body.status).toBe('released');
  });

  it('refuses API tokens and readers outside the unit or the token\'s systems', async () => {
    const { s } = await ready();
    const gate = await openGate(s);
    const token = async (body: Record<string, unknown>) => {
      const created = await lab.client.post('/api/tokens', { name: 'CI', expiresInDays: 1, ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const client = new TestClient(t.baseUrl);
      client.bearer = created.body.token;
      return client;
    };
    const own = await token({ systemIds: [s.systemId] });
    expect((await own.get(`/api/lab/gates/${gate.id}`)).status).toBe(200);
    const signed = await sign(own, gate);
    expect(signed.status).toBe(403);
    expect(signed.body.code).toBe('reauth-required');
    const other = await token({ systemIds: [(await scenario()).systemId] });
    expect((await other.get(`/api/lab/gates/${gate.id}`)).status).toBe(403);
    expect((await other.get('/api/lab/gates?limit=500')).body.items.map((g: { id: string }) => g.id)).not.toContain(gate.id);
    expect((await stranger.client.get(`/api/lab/gates/${gate.id}`)).status).toBe(403);
    expect((await stranger.client.get('/api/lab/gates?limit=500')).body.items.map((g: { id: string }) => g.id)).not.toContain(gate.id);
    expect((await viewer.client.post(`/api/lab/gates/${gate.id}/sign`, { password: TEST_PASSWORD })).status).toBe(403);
  });
});

describe('release gates: lifecycle', () => {
  it('refuses bad input with the field named, a plan of another subject or not fixed, and a second open gate', async () => {
    const s = await scenario();
    const other = await scenario();
    const post = (body: Record<string, unknown>) => lab.client.post('/api/lab/gates', { planId: s.planId, title: 'Freigabe', ...body });
    const neither = await post({});
    expect(neither.status).toBe(400);
    expect(neither.body.errors.map((e: { path: string }) => e.path)).toEqual(['systemId']);
    expect((await post({ systemId: s.systemId, modelVersionId: s.modelVersionId })).body.errors[0].path).toBe('systemId');
    expect((await post({ systemId: s.systemId, regressionTolerance: -1, title: '' })).body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['title', 'regressionTolerance']));
    expect((await post({ systemId: other.systemId })).body.errors[0]).toEqual({ path: 'planId', message: 'Not a test plan of this AI system' });
    expect((await post({ modelVersionId: s.modelVersionId })).body.errors[0].path).toBe('planId');
    const draft = await t.services.labPlans.create(actor, LabPlanCreate.parse({ systemId: s.systemId, name: 'Entwurf' }));
    expect((await post({ systemId: s.systemId, planId: draft.id })).body.errors[0]).toEqual({ path: 'planId', message: 'Only a fixed test plan can be the basis of a release' });
    expect((await viewer.client.post('/api/lab/gates', { systemId: s.systemId, planId: s.planId, title: 'X' })).status).toBe(403);
    expect((await stranger.client.post('/api/lab/gates', { systemId: s.systemId, planId: s.planId, title: 'X' })).status).toBe(403);
    const gate = await openGate(s);
    const twice = await post({ systemId: s.systemId });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('gate-open');
    expect(twice.body.detail).toContain(String(gate.number));
  });

  it('is not signed once its plan is no longer in force (retired by a fixed revision)', async () => {
    const { s } = await ready();
    const gate = await openGate(s);
    const plan = await t.services.labPlans.get(actor, s.planId);
    const revision = await t.services.labPlans.revise(actor, s.planId, { version: plan.version });
    await t.services.labPlans.fix(actor, revision.id, { version: revision.version });
    const refused = await sign(lab.client, gate);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('plan-not-fixed');
  });

  it('withdraws an open gate with the reason; a withdrawn gate is not signed', async () => {
    const { s } = await ready();
    const gate = await openGate(s);
    expect((await lab.client.post(`/api/lab/gates/${gate.id}/withdraw`, { version: gate.version + 1, reason: 'Falscher Plan' })).status).toBe(409);
    expect((await viewer.client.post(`/api/lab/gates/${gate.id}/withdraw`, { version: gate.version, reason: 'Falscher Plan' })).status).toBe(403);
    expect((await lab.client.post(`/api/lab/gates/${gate.id}/withdraw`, { version: gate.version, reason: '' })).body.errors[0].path).toBe('reason');
    const withdrawn = await lab.client.post(`/api/lab/gates/${gate.id}/withdraw`, { version: gate.version, reason: 'Falscher Plan' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Falscher Plan' });
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    expect((await sign(lab.client, gate)).body.code).toBe('not-open');
    const again = await lab.client.post(`/api/lab/gates/${gate.id}/withdraw`, { version: withdrawn.body.version, reason: 'Nochmals' });
    expect(again.body.code).toBe('not-withdrawable');
    const history = (await gov.client.get(`/api/audit-events?entityType=lab-gate&entityId=${gate.id}`)).body.items;
    expect(history[0]).toMatchObject({ action: 'lab-gate.withdraw', reason: 'Falscher Plan' });
  });

  it('invalidates a release when the system links other versions, in the same transaction as the change', async () => {
    const { s } = await ready();
    const gate = await release(await openGate(s));
    const items = await t.services.systemItems.get(actor, s.systemId);
    const newer = await newModelVersion('3.0');
    const changed = await t.services.systemItems.update(actor, s.systemId, {
      version: items.version, items: [{ type: 'model', versionId: newer.id, role: 'in-operation' }, { type: 'dataset', versionId: s.datasetVersionId, role: 'test' }],
    });
    expect(changed.items[0]!.versionId).toBe(newer.id);
    const after = (await viewer.client.get(`/api/lab/gates/${gate.id}`)).body as LabGateDetail;
    expect(after.status).toBe('invalidated');
    expect(after.invalidatedAt).not.toBeNull();
    expect(after.invalidationReason).toMatch(/no longer linked/);
    expect(after.invalidationReason).toMatch(/3\.0 is now linked/);
    const events = (await gov.client.get(`/api/audit-events?entityType=lab-gate&entityId=${gate.id}`)).body.items;
    const invalidation = events.find((e: { action: string }) => e.action === 'lab-gate.invalidate');
    const itemsEvent = (await gov.client.get(`/api/audit-events?entityType=system-items&entityId=${s.systemId}`)).body.items[0];
    expect([invalidation.seq, invalidation.occurredAt]).toEqual([itemsEvent.seq + 1, itemsEvent.occurredAt]);
    // A new gate on the changed system is a first release again (the invalidated one is no baseline).
    await recordRun(s, { modelVersionId: newer.id });
    const next = await openGate(s);
    expect(next.baseline).toBeNull();
    expect(next.passed).toBe(true);
  });

  it('releases a model version against a model plan, and invalidates it when its stored digest differs at read time', async () => {
    const version = await newModelVersion();
    const plan = await t.services.labPlans.create(actor, LabPlanCreate.parse({
      modelId, orgUnitId: unit, name: 'Modellabnahme', cases: [{ key: 'TC-01', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.9, methodId, requirementKeys: [ACC] }],
    }));
    await t.services.labPlans.fix(actor, plan.id, { version: plan.version });
    const caseId = (await t.services.labPlans.get(actor, plan.id)).cases[0]!.id;
    const s: Scenario = { systemId: null as never, planId: plan.id, modelVersionId: version.id, datasetVersionId: (await scenario()).datasetVersionId, cases: { acc: caseId, risk: randomUUID() } };
    await recordRun({ ...s, systemId: null as never }, { asr: null });
    const gate = (await lab.client.post('/api/lab/gates', { modelVersionId: version.id, planId: plan.id, title: 'Modellfreigabe' })).body as LabGateDetail;
    expect(gate.subject).toMatchObject({ type: 'model-version', modelId, modelVersionId: version.id, modelVersionLabel: version.label });
    expect(gate.checks.map((c) => [c.key, c.passed, c.findings[0]!.code])).toEqual([
      ['digests', true, 'item-covered'], ['mandatory-cases', true, 'case-passed'], ['regression', true, 'first-release'], ['evidence', true, 'no-linked-systems'], ['registration', true, 'model-gate'],
    ]);
    expect((await lab.client.get(`/api/lab/gates?modelId=${modelId}`)).body.items.map((g: { id: string }) => g.id)).toContain(gate.id);
    await release(gate);
    await t.db.database.db.updateTable('model_version').set({ manifest_digest: 'e'.repeat(64) }).where('id', '=', version.id).execute();
    const listed = (await viewer.client.get(`/api/lab/gates?modelId=${modelId}`)).body.items.find((g: { id: string }) => g.id === gate.id);
    expect(listed.status).toBe('invalidated');
    const after = (await viewer.client.get(`/api/lab/gates/${gate.id}`)).body as LabGateDetail;
    expect(after.invalidationReason).toMatch(/digest .* is now eeeeeeeeeeee/);
    const event = (await gov.client.get(`/api/audit-events?entityType=lab-gate&entityId=${gate.id}`)).body.items[0];
    expect(event).toMatchObject({ action: 'lab-gate.invalidate', actorLabel: 'Konform (digest check)' });
  });
});
