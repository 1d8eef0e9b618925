import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.js';
import { systemActor } from '../../src/access/actor.js';
import { FIXTURE_CATALOGS, startTestApp, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';
import { authorise, environment, fixedPlan, itemParam, modelVersion, personActor, validatedMethod, type CaseSpec } from '../support/lab-run-fixtures.js';

type User = Awaited<ReturnType<TestApp['newUser']>>;
let t: TestApp;
let unit: string;
let manager: Actor;
let admin: User;
let operator: User;
let unauthorised: User;
let viewer: User;
let stranger: User;
let systemA: string;
let systemB: string;
let method: { id: string; name: string };
let env: { id: string };
let expiredEnv: { id: string };
let model: Awaited<ReturnType<typeof modelVersion>>;

const fixture = (name: string) => readFileSync(new URL(`../fixtures/lab/${name}`, import.meta.url), 'utf8');
const XML = { 'content-type': 'application/xml' };
const ART_4 = 'eu-ai-act:art-4';
const A_6_2_8 = 'iso-42001:a-6-2-8';

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
  manager = personActor(admin, [{ orgUnitId: unit, role: 'admin' }]);
  operator = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  unauthorised = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'lab' }]);
  const owner = systemActor('test setup');
  const system = (name: string) => t.services.systems.create(owner, {
    name, shortName: '', purpose: 'Transkription', description: '', orgUnitId: unit, responsible: '', lifecycleStage: 'planned',
    roles: ['deployer'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
  });
  systemA = (await system('Transkription A')).id;
  systemB = (await system('Chatbot B')).id;
  method = await validatedMethod(t, manager, unit, 'BEEP Zero-Shot');
  await authorise(t, manager, method.id, operator.id);
  env = await environment(t, manager, unit);
  expiredEnv = await environment(t, manager, unit, 'expired');
  model = await modelVersion(t, manager, unit);
});
afterAll(async () => t.close());

/** A fixed plan of system A (or the system given) whose cases use the authorised method. */
function plan(cases: Omit<CaseSpec, 'methodId'>[], systemId = systemA) {
  return fixedPlan(t, manager, { systemId }, cases.map((c) => ({ methodId: method.id, ...c })));
}

/** A run in Konform's format against a plan, with the model version and its true digest. */
function konformRun(planId: string, results: unknown[], extra: Record<string, unknown> = {}) {
  return {
    planId, methodId: method.id, environmentId: env.id, items: [{ type: 'model', versionId: model.versionId, manifestDigest: model.digest }],
    seed: 42, startedAt: '2026-11-20T09:00:00+01:00', endedAt: '2026-11-20T09:30:00+01:00', results, ...extra,
  };
}

/** The query string of an import: plan, method, environment, the model version. */
function frame(planId: string, extra = '') {
  return `planId=${planId}&methodId=${method.id}&environmentId=${env.id}&${itemParam(model)}${extra}`;
}

async function audit(entityType: string, entityId: string) {
  return (await admin.client.get(`/api/audit-events?entityType=${entityType}&entityId=${entityId}`)).body.items as { action: string; reason: string | null; changes: { field: string; before: unknown; after: unknown }[] }[];
}

async function counts() {
  const db = t.db.database.db;
  const n = async (table: 'lab_run' | 'lab_run_result' | 'evidence' | 'evidence_link' | 'audit_event') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { runs: await n('lab_run'), results: await n('lab_run_result'), evidence: await n('evidence'), links: await n('evidence_link'), audit: await n('audit_event') };
}

describe('test runs: formats', () => {
  it('imports the real lm-evaluation-harness results file: values, standard error, sample size, dates, seed, the file kept as attachment', async () => {
    const p = await plan([
      { key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5, requirementKeys: [ART_4] },
      { key: 'TC-02', metric: 'beep/acc', comparator: '>=', threshold: 0.505, decisionRule: 'conservative-bound', requirementKeys: [A_6_2_8] },
      { key: 'TC-03', metric: 'acc_norm', comparator: '>=', threshold: 0.5, mandatory: false },
    ]);
    const text = fixture('lm-eval-harness-results-gpt2.json');
    const reply = await operator.client.post(`/api/lab/runs?format=lm-eval&${frame(p.id)}`, text);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const run = reply.body;
    expect(run).toMatchObject({
      planId: p.id, systemId: systemA, methodId: method.id, methodStatus: 'validated', environmentStatus: 'verified', operatorId: operator.id, operatorAuthorised: true,
      sourceFormat: 'lm-eval', startedAt: '2024-09-30T11:29:08.169Z', endedAt: '2024-09-30T11:37:27.793Z', seed: 'random_seed=0, numpy_seed=1234, torch_seed=1234, fewshot_seed=1234',
      items: [{ type: 'model', versionId: model.versionId, manifestDigest: model.digest, matches: true, registeredDigest: model.digest }],
      unmatchedMetrics: [], passed: 1, failed: 1, missing: 1, verdict: 'fail', amendsRunId: null, supersededByRunId: null,
    });
    // TC-01 passes on the estimate; TC-02 fails on the lower bound 0.5192 − 1.96 · 0.00925 = 0.5011 < 0.505.
    expect(run.results.map((r: { key: string; metric: string; verdict: string }) => [r.key, r.metric, r.verdict])).toEqual([['TC-01', 'beep/acc', 'pass'], ['TC-02', 'beep/acc', 'fail']]);
    expect(run.results[0]).toMatchObject({ value: 0.5191780821917809, stdError: 0.009247689843527664, sampleSize: 2920, decidedBy: 0.5191780821917809, ciLower: null });
    expect(run.results[1].decidedBy).toBeCloseTo(0.5191780821917809 - 1.959964 * 0.009247689843527664, 9);
    expect(run.missingCases).toEqual([{ testCaseId: expect.any(String), key: 'TC-03', name: 'Testfall TC-03', metric: 'acc_norm', mandatory: false }]);
    const sha = createHash('sha256').update(text).digest('hex');
    expect(run.attachments).toEqual([{ filename: `run-${run.number}-lm-eval.json`, sha256: sha, size: Buffer.byteLength(text), contentType: 'application/json', tool: { name: 'lm-evaluation-harness', version: '9126f613', details: expect.stringContaining('model gpt2') } }]);

    const download = await viewer.client.fetch(`/api/lab/runs/${run.id}/attachments/${sha}`);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(text);
    expect(download.headers.get('content-disposition')).toContain(`attachment; filename="run-${run.number}-lm-eval.json"`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    expect(download.headers.get('etag')).toBe(`"${sha}"`);
    expect((await viewer.client.fetch(`/api/lab/runs/${run.id}/attachments/${sha}`, { 'if-none-match': `"${sha}"` })).status).toBe(304);
    expect((await viewer.client.fetch(`/api/lab/runs/${run.id}/attachments/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await stranger.client.fetch(`/api/lab/runs/${run.id}/attachments/${sha}`)).status).toBe(403);
  });

  it('imports real Vitest JUnit reports: an annotated metric, pass rate and single tests; derived counts never listed as unmatched', async () => {
    const p = await plan([
      { key: 'TC-01', metric: 'word_accuracy', comparator: '>=', threshold: 0.85 },
      { key: 'TC-02', metric: 'pass_rate', comparator: '>=', threshold: 1 },
      { key: 'TC-03', metric: 'transcription > no empty transcript', comparator: '>=', threshold: 1, mandatory: false },
    ]);
    const annotated = await operator.client.post(`/api/lab/runs?${frame(p.id)}`, fixture('vitest-junit-annotated.xml'), XML);
    expect(annotated.status, JSON.stringify(annotated.body)).toBe(201);
    expect(annotated.body).toMatchObject({ sourceFormat: 'junit', verdict: 'fail', unmatchedMetrics: [], startedAt: '2026-11-27T01:34:27.626Z', seed: null });
    expect(annotated.body.results.map((r: Record<string, unknown>) => [r.key, r.value, r.sampleSize, r.verdict])).toEqual([['TC-01', 0.9, 10, 'pass'], ['TC-02', 2 / 3, 3, 'fail'], ['TC-03', 1, 1, 'pass']]);
    expect(annotated.body.attachments[0]).toMatchObject({ contentType: 'application/xml', tool: { name: 'Vitest', details: '3 run, 1 failed, 1 skipped' } });

    // The repository's own tests: all passed, but no word accuracy → a mandatory case is missing
    const plain = await operator.client.post(`/api/lab/runs?${frame(p.id, '&seed=7')}`, fixture('vitest-junit.xml'), { 'content-type': 'text/xml; charset=utf-8' });
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body).toMatchObject({ verdict: 'incomplete', seed: '7', passed: 1, failed: 0, missing: 2, unmatchedMetrics: [] });
    expect(plain.body.results).toEqual([expect.objectContaining({ key: 'TC-02', value: 1, sampleSize: 9 })]);
  });

  it('imports a pytest report with metrics on testcases and suite: units, intervals and standard errors decide by the rule', async () => {
    const p = await plan([
      { key: 'WER', metric: 'word_error_rate', comparator: '<=', threshold: 12, unit: '%', decisionRule: 'conservative-bound' },
      { key: 'DPD', metric: 'demographic_parity_difference', comparator: '<=', threshold: 0.05, decisionRule: 'conservative-bound' },
      { key: 'ASR', metric: 'attack_success_rate', comparator: '<', threshold: 0.02 },
    ]);
    const reply = await operator.client.post(`/api/lab/runs?${frame(p.id)}`, fixture('pytest-metrics-junit.xml'), XML);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const byKey = Object.fromEntries(reply.body.results.map((r: { key: string }) => [r.key, r]));
    expect(byKey.WER).toMatchObject({ value: 9.8, ciLower: 9.1, ciUpper: 10.6, unit: '%', decidedBy: 10.6, verdict: 'pass' });
    // 0.031 + 1.96 · 0.012 = 0.0545 > 0.05: the estimate would pass, the conservative bound fails
    expect(byKey.DPD).toMatchObject({ value: 0.031, stdError: 0.012, sampleSize: 4120, verdict: 'fail' });
    expect(byKey.DPD.decidedBy).toBeCloseTo(0.031 + 1.959964 * 0.012, 9);
    expect(byKey.ASR).toMatchObject({ value: 0.034, sampleSize: 500, verdict: 'fail' });
    expect(reply.body.unmatchedMetrics).toEqual(['accuracy_under_noise']);
    expect(reply.body).toMatchObject({ verdict: 'fail', startedAt: '2026-11-20T08:15:02.113Z', endedAt: '2026-11-20T08:28:34.530Z' });
  });

  it("decides per comparator and rule in Konform's format, lets two cases share a metric, and reports unmatched metrics", async () => {
    const p = await plan([
      { key: 'GE', metric: 'acc', comparator: '>=', threshold: 0.9 },
      { key: 'GT', metric: 'acc', comparator: '>', threshold: 0.9, mandatory: false },
      { key: 'LE', metric: 'wer', comparator: '<=', threshold: 12, unit: '%', decisionRule: 'conservative-bound' },
      { key: 'LT', metric: 'asr', comparator: '<', threshold: 0.02 },
      { key: 'SE', metric: 'f1', comparator: '>=', threshold: 0.8, decisionRule: 'conservative-bound' },
    ]);
    const reply = await operator.client.post('/api/lab/runs', konformRun(p.id, [
      { metric: 'acc', value: 0.9, sampleSize: 1000, note: 'Grenzwert genau erreicht' },
      { metric: 'wer', value: 11, ciLower: 9.5, ciUpper: 12.5 },
      { metric: 'asr', value: 0.019 },
      { metric: 'f1', value: 0.85, stdError: 0.02 },
      { metric: 'latency_ms', value: 180, unit: 'ms' },
    ], { deviations: 'Testdatensatz B statt A', notes: 'Nachtlauf' }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const r = reply.body;
    expect(r.results.map((x: Record<string, unknown>) => [x.key, x.decidedBy, x.verdict])).toEqual([
      ['GE', 0.9, 'pass'], ['GT', 0.9, 'fail'], ['LE', 12.5, 'fail'], ['LT', 0.019, 'pass'], ['SE', expect.closeTo(0.85 - 1.959964 * 0.02, 9), 'pass'],
    ]);
    expect(r.results[0]).toMatchObject({ note: 'Grenzwert genau erreicht', sampleSize: 1000, comparator: '>=', threshold: 0.9, decisionRule: 'point-estimate', mandatory: true });
    expect(r.results[2]).toMatchObject({ unit: '%', ciLower: 9.5, ciUpper: 12.5 });
    expect(r).toMatchObject({ verdict: 'fail', unmatchedMetrics: ['latency_ms'], unmatchedCount: 1, seed: '42', deviations: 'Testdatensatz B statt A', notes: 'Nachtlauf', sourceFormat: 'konform', startedAt: '2026-11-20T08:00:00.000Z' });
    expect(r.attachments[0]).toMatchObject({ filename: `run-${r.number}-konform.json`, tool: null });

    const passing = await operator.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 0.95 }, { metric: 'wer', value: 8, ciLower: 7, ciUpper: 9 }, { metric: 'asr', value: 0 }, { metric: 'f1', value: 0.9 }]));
    expect(passing.body).toMatchObject({ verdict: 'pass', passed: 5, failed: 0, missing: 0 });
  });
});

describe('test runs: refused input stores nothing', () => {
  it('answers malformed, unknown or unfitting input with a problem naming the field or line, and stores no row and no event', async () => {
    const p = await plan([{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5, unit: '%', requirementKeys: [ART_4] }]);
    const draft = await fixedPlan(t, manager, { systemId: systemA }, [{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5, methodId: method.id }], true);
    const other = await validatedMethod(t, manager, unit);
    await authorise(t, manager, other.id, operator.id);
    const before = await counts();
    const c = operator.client;
    const expectProblem = async (reply: Promise<{ status: number; headers: Headers; body: any }>, status: number, path: string | null, message?: RegExp) => {
      const r = await reply;
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.headers.get('content-type')).toContain('problem+json');
      if (path !== null) expect(r.body.errors?.map((e: { path: string }) => e.path), JSON.stringify(r.body)).toContain(path);
      if (message) expect([r.body.code, r.body.detail, ...(r.body.errors ?? []).map((e: { message: string }) => e.message)].join(' | ')).toMatch(message);
      return r.body;
    };
    // Syntax
    await expectProblem(c.post('/api/lab/runs', '{\n  "planId": "x",\n  "results": [}\n'), 400, 'body', /line 3, column 15: Unexpected token '}'/);
    await expectProblem(c.post(`/api/lab/runs?format=lm-eval&${frame(p.id)}`, '{"results": {"beep": {"acc,none": 0.5,}}}'), 400, 'body', /line 1, column 39/);
    await expectProblem(c.post(`/api/lab/runs?${frame(p.id)}`, '<testsuites>\n<testsuite>\n<testcase name="a">\n</testsuite>\n</testsuites>', XML), 400, 'body', /line 4/);
    await expectProblem(c.post(`/api/lab/runs?${frame(p.id)}`, '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<testsuites><testsuite><testcase name="&e;"/></testsuite></testsuites>', XML), 400, 'body', /DOCTYPE/);
    await expectProblem(c.post(`/api/lab/runs?${frame(p.id)}`, '<report/>', XML), 400, 'body', /root element is <report>/);
    // Unknown content type and a format that does not fit it
    await expectProblem(c.post('/api/lab/runs', 'acc=0.9', { 'content-type': 'text/plain' }), 415, null);
    await expectProblem(c.post(`/api/lab/runs?format=lm-eval&${frame(p.id)}`, fixture('vitest-junit.xml'), XML), 415, 'format');
    await expectProblem(c.post('/api/lab/runs?format=junit', konformRun(p.id, [{ metric: 'acc', value: 60 }])), 415, 'format');
    await expectProblem(c.post('/api/lab/runs?format=pdf', konformRun(p.id, [{ metric: 'acc', value: 60 }])), 400, 'format');
    // The frame
    await expectProblem(c.post(`/api/lab/runs?format=lm-eval&methodId=${method.id}&environmentId=${env.id}&${itemParam(model)}`, fixture('lm-eval-harness-results-gpt2.json')), 400, 'planId');
    await expectProblem(c.post(`/api/lab/runs?format=lm-eval&planId=${p.id}&methodId=${method.id}&environmentId=${env.id}&item=model:${model.versionId}`, fixture('lm-eval-harness-results-gpt2.json')), 400, 'item.0');
    await expectProblem(c.post(`/api/lab/runs?format=lm-eval&planId=${p.id}&methodId=${method.id}&environmentId=${env.id}`, fixture('lm-eval-harness-results-gpt2.json')), 400, 'item');
    await expectProblem(c.post(`/api/lab/runs?planId=${p.id}`, konformRun(p.id, [{ metric: 'acc', value: 60 }])), 400, 'planId', /Konform's format names it in the body/);
    await expectProblem(c.post('/api/lab/runs', fixture('lm-eval-harness-results-gpt2.json')), 400, 'results', /format=lm-eval/);
    await expectProblem(c.post(`/api/lab/runs?${frame(p.id)}`, '<testsuite><testcase name="a"/></testsuite>', XML), 400, 'startedAt');
    // Konform's format, field by field
    await expectProblem(c.post('/api/lab/runs', { ...konformRun(p.id, [{ metric: 'acc', value: 'hoch' }]), colour: 'blau' }), 400, 'results.0.value');
    await expectProblem(c.post('/api/lab/runs', { ...konformRun(p.id, [{ metric: 'acc', value: 60 }]), colour: 'blau' }), 400, 'colour');
    await expectProblem(c.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }], { endedAt: '2026-11-20T07:00:00Z' })), 400, 'endedAt');
    await expectProblem(c.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }], { startedAt: '2099-01-01T00:00:00Z', endedAt: '2099-01-01T01:00:00Z' })), 400, 'endedAt', /future/);
    await expectProblem(c.post('/api/lab/runs', konformRun(randomUUID(), [{ metric: 'acc', value: 60 }])), 400, 'planId');
    await expectProblem(c.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }], { methodId: other.id })), 400, 'methodId');
    await expectProblem(c.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }], { environmentId: randomUUID() })), 400, 'environmentId');
    await expectProblem(c.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }], { items: [{ type: 'dataset', versionId: model.versionId, manifestDigest: model.digest }] })), 400, 'items.0.versionId');
    await expectProblem(c.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }], { items: [{ type: 'model', versionId: model.versionId, manifestDigest: 'xyz' }] })), 400, 'items.0.manifestDigest');
    // The results against the plan
    await expectProblem(c.post('/api/lab/runs', konformRun(p.id, [{ metric: 'f1', value: 0.9 }])), 400, 'results', /Expected acc; the file reports f1/);
    await expectProblem(c.post('/api/lab/runs', konformRun(p.id, [{ metric: 'other', value: 1 }, { metric: 'acc', value: 0.6, unit: 'ratio' }])), 400, 'results.1.unit', /expects "%"/);
    await expectProblem(c.post('/api/lab/runs', konformRun(draft.id, [{ metric: 'acc', value: 60 }])), 409, null, /plan-not-fixed/);
    // People
    await expectProblem(unauthorised.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }])), 403, null, /not-authorised.*BEEP Zero-Shot/);
    await expectProblem(viewer.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }])), 403, null);
    await expectProblem(stranger.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }])), 403, null);
    expect((await t.client().post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }]))).status).toBe(401);
    expect(await counts()).toEqual(before);
    // …and the same request from the authorised operator goes through
    expect((await c.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 60 }]))).status).toBe(201);
  });

  it('records a model plan only with a version of its model among the items', async () => {
    const other = await modelVersion(t, manager, unit);
    const p = await fixedPlan(t, manager, { modelId: model.modelId }, [{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5, methodId: method.id }]);
    const wrong = await operator.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 0.6 }], { items: [{ type: 'model', versionId: other.versionId, manifestDigest: other.digest }] }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('items');
    const right = await operator.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 0.6 }], { items: [{ type: 'model', versionId: model.versionId, manifestDigest: 'f'.repeat(64) }] }));
    expect(right.status).toBe(201);
    // A digest other than the registered one is recorded as such, never trusted
    expect(right.body).toMatchObject({ systemId: null, evidenceId: null, items: [{ manifestDigest: 'f'.repeat(64), matches: false, registeredDigest: model.digest }] });
  });
});

describe('test runs: status at recording, amendments, evidence', () => {
  it('flags an expired environment and a method awaiting validation as they were when the run was recorded', async () => {
    const fresh = await validatedMethod(t, manager, unit);
    await authorise(t, manager, fresh.id, operator.id);
    const p = await fixedPlan(t, manager, { systemId: systemA }, [{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5, methodId: fresh.id }]);
    await t.services.labMethods.update(manager, fresh.id, { version: 1, harnessVersion: '0.4.7' });
    const reply = await operator.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 0.6 }], { methodId: fresh.id, environmentId: expiredEnv.id }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ environmentStatus: 'expired', methodStatus: 'revalidation-needed', methodHarnessVersion: '0.4.7', verdict: 'pass' });
    // Verifying the environment later does not change the run's record
    await t.services.labEnvironments.verify(manager, expiredEnv.id, { referenceRun: 'neu', metric: '', expectedValue: 1, measuredValue: 1, tolerance: 0, notes: '' });
    expect((await viewer.client.get(`/api/lab/runs/${reply.body.id}`)).body.environmentStatus).toBe('expired');
  });

  it('makes passing results evidence on the requirement rows, with a link back to the run, in the same transaction and audited', async () => {
    const p = await plan([
      { key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5, requirementKeys: [ART_4, A_6_2_8] },
      { key: 'TC-02', metric: 'f1', comparator: '>=', threshold: 0.5, requirementKeys: [A_6_2_8] },
      { key: 'TC-03', metric: 'wer', comparator: '<=', threshold: 10, requirementKeys: ['eu-ai-act:art-50-1'] },
    ]);
    const run = (await operator.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 0.7 }, { metric: 'f1', value: 0.6 }, { metric: 'wer', value: 12 }]))).body;
    expect(run.verdict).toBe('fail');
    expect(run.evidenceId).toEqual(expect.any(String));
    const evidence = (await viewer.client.get(`/api/evidence/${run.evidenceId}`)).body;
    expect(evidence).toMatchObject({
      systemId: systemA, kind: 'link', labRunId: run.id, owner: expect.stringContaining(operator.email), url: expect.stringMatching(new RegExp(`^https?://[^/]+/lab/runs/${run.id}$`)),
      title: `Prüflauf ${run.number}: ${p.name} – 2 von 3 Prüffällen bestanden`,
    });
    expect(evidence.description).toContain('TC-01 Testfall TC-01: acc = 0.7 (Kriterium >= 0.5)');
    expect(evidence.description).not.toContain('TC-03');
    // Only the keys of passing cases, each once
    expect(evidence.links.map((l: { requirementKey: string }) => l.requirementKey).sort()).toEqual([ART_4, A_6_2_8].sort());
    const matrix = (await viewer.client.get(`/api/systems/${systemA}/requirements?applies=all`)).body;
    const row = (key: string) => matrix.items.find((r: { requirementId: string }) => r.requirementId === key);
    expect(row(ART_4).evidence).toContain(run.evidenceId);
    expect(row('eu-ai-act:art-50-1').evidence).not.toContain(run.evidenceId);
    expect((await audit('evidence', run.evidenceId)).map((e) => e.action).sort()).toEqual(['evidence.create', 'evidence.link', 'evidence.link']);
    const events = await audit('lab-run', run.id);
    expect(events.map((e) => e.action)).toEqual(['lab-run.create']);
    expect(events[0]!.changes).toEqual(expect.arrayContaining([{ field: 'verdict', before: null, after: 'fail' }, { field: 'planId', before: null, after: p.id }]));

    const allPass = (await operator.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 0.7 }, { metric: 'f1', value: 0.6 }, { metric: 'wer', value: 5 }]))).body;
    expect((await viewer.client.get(`/api/evidence/${allPass.evidenceId}`)).body.title).toBe(`Prüflauf ${allPass.number}: ${p.name} – bestanden (3 Prüffälle)`);
    // No passing case, or none naming a requirement: no evidence
    const none = (await operator.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 0.1 }]))).body;
    expect(none.evidenceId).toBeNull();
  });

  it('corrects a run only by an amendment with a reason: the old run is superseded, never edited; evidence moves with it', async () => {
    const p = await plan([{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5, requirementKeys: [ART_4] }]);
    const first = (await operator.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 0.7 }]))).body;
    expect((await operator.client.patch(`/api/lab/runs/${first.id}`, { verdict: 'pass' })).status).toBe(404);
    const amendment = { ...konformRun(p.id, [{ metric: 'acc', value: 0.45 }]), reason: 'Falscher Testdatensatz' };
    const shortReason = await operator.client.post(`/api/lab/runs/${first.id}/amendments`, { ...amendment, reason: 'falsch' });
    expect(shortReason.status).toBe(400);
    expect(shortReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    expect((await operator.client.post(`/api/lab/runs/${first.id}/amendments`, { ...amendment, planId: randomUUID() })).body.errors[0].path).toBe('planId');
    expect((await viewer.client.post(`/api/lab/runs/${first.id}/amendments`, amendment)).status).toBe(403);
    expect((await unauthorised.client.post(`/api/lab/runs/${first.id}/amendments`, amendment)).body.code).toBe('not-authorised');

    const { planId: _p, ...withoutPlan } = amendment;
    const second = await operator.client.post(`/api/lab/runs/${first.id}/amendments`, withoutPlan);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({ amendsRunId: first.id, amendmentReason: 'Falscher Testdatensatz', verdict: 'fail', evidenceId: null, sourceFormat: 'konform' });
    const old = (await viewer.client.get(`/api/lab/runs/${first.id}`)).body;
    const { supersededByRunId, supersededByNumber, chain: _chain, ...rest } = old;
    expect(supersededByRunId).toBe(second.body.id);
    expect(supersededByNumber).toBe(second.body.number);
    // Nothing else about the old run changed
    const { supersededByRunId: _s, supersededByNumber: _n, chain: _c, ...firstRest } = first;
    expect(rest).toEqual(firstRest);
    expect((await operator.client.post(`/api/lab/runs/${first.id}/amendments`, withoutPlan)).body.code).toBe('superseded');
    // Its evidence no longer stands on the matrix
    expect((await viewer.client.get(`/api/evidence/${first.evidenceId}`)).body.links).toEqual([]);
    const unlink = (await audit('evidence', first.evidenceId)).find((e) => e.action === 'evidence.unlink');
    expect(unlink?.reason).toBe(`Prüflauf ${first.number} wurde durch den Nachtrag Prüflauf ${second.body.number} ersetzt`);

    const third = await operator.client.post(`/api/lab/runs/${second.body.id}/amendments`, { ...withoutPlan, results: [{ metric: 'acc', value: 0.55 }], reason: 'Nachmessung mit Datensatz A' });
    expect(third.status).toBe(201);
    expect(third.body.evidenceId).toEqual(expect.any(String));
    expect((await viewer.client.get(`/api/evidence/${third.body.evidenceId}`)).body.links.map((l: { requirementKey: string }) => l.requirementKey)).toEqual([ART_4]);
    const chainOfThird = third.body.chain.map((l: { id: string; amendmentReason: string | null }) => [l.id, l.amendmentReason]);
    expect(chainOfThird).toEqual([[first.id, null], [second.body.id, 'Falscher Testdatensatz'], [third.body.id, 'Nachmessung mit Datensatz A']]);
    expect((await viewer.client.get(`/api/lab/runs/${first.id}`)).body.chain.map((l: { id: string }) => l.id)).toEqual([first.id, second.body.id, third.body.id]);
    expect((await audit('lab-run', first.id)).map((e) => e.action)).toEqual(['lab-run.supersede', 'lab-run.create']);
    const amended = await audit('lab-run', second.body.id);
    expect(amended.map((e) => e.action)).toEqual(['lab-run.supersede', 'lab-run.amend']);
    expect(amended[1]!.reason).toBe('Falscher Testdatensatz');
    // The list can hide superseded runs
    const current = (await viewer.client.get(`/api/lab/runs?planId=${p.id}&current=true`)).body;
    expect(current.items.map((r: { id: string }) => r.id)).toEqual([third.body.id]);
  });
});

describe('test runs: lists, scopes and tokens', () => {
  it('lists runs in scope with filters by plan, system, verdict, unit and start day, newest first and paged', async () => {
    const pA = await plan([{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5 }]);
    const pB = await plan([{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5 }], systemB);
    const a1 = (await operator.client.post('/api/lab/runs', konformRun(pA.id, [{ metric: 'acc', value: 0.7 }], { startedAt: '2026-10-01T22:30:00Z', endedAt: '2026-10-01T23:00:00Z' }))).body;
    const a2 = (await operator.client.post('/api/lab/runs', konformRun(pA.id, [{ metric: 'acc', value: 0.2 }]))).body;
    const b1 = (await operator.client.post('/api/lab/runs', konformRun(pB.id, [{ metric: 'acc', value: 0.7 }]))).body;
    const ids = async (q: string, client: TestClient = viewer.client) => (await client.get(`/api/lab/runs?${q}`)).body.items.map((r: { id: string }) => r.id);
    expect(await ids(`planId=${pA.id}`)).toEqual([a2.id, a1.id]);
    expect(await ids(`planId=${pA.id}&verdict=pass`)).toEqual([a1.id]);
    expect(await ids(`systemId=${systemB}&planId=${pB.id}`)).toEqual([b1.id]);
    // 22:30 UTC on 1 October is 2 October in Berlin
    expect(await ids(`planId=${pA.id}&from=2026-10-02&to=2026-10-02`)).toEqual([a1.id]);
    expect(await ids(`planId=${pA.id}&to=2026-10-01`)).toEqual([]);
    expect(await ids(`orgUnitId=${unit}&planId=${pA.id}`)).toEqual([a2.id, a1.id]);
    expect(await ids(`planId=${pA.id}`, stranger.client)).toEqual([]);
    const page = (await viewer.client.get(`/api/lab/runs?planId=${pA.id}&limit=1&offset=1`)).body;
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: a1.id, planName: pA.name, systemName: 'Transkription A', methodName: 'BEEP Zero-Shot', environmentName: expect.any(String), passed: 1, failed: 0, missing: 0 }] });
    expect((await viewer.client.get('/api/lab/runs?verdict=great')).status).toBe(400);
    expect((await stranger.client.get(`/api/lab/runs/${a1.id}`)).status).toBe(403);
    expect((await viewer.client.get(`/api/lab/runs/${randomUUID()}`)).status).toBe(404);
  });

  it('gives runs recorded at the same moment distinct readable numbers', async () => {
    const p = await plan([{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5 }]);
    const replies = await Promise.all(Array.from({ length: 5 }, (_, i) => operator.client.post('/api/lab/runs', konformRun(p.id, [{ metric: 'acc', value: 0.5 + i / 100 }]))));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.number)).size).toBe(5);
  });

  it('lets a token limited to system A post and read runs of A only', async () => {
    const pA = await plan([{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5 }]);
    const pB = await plan([{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5 }], systemB);
    const created = await operator.client.post('/api/tokens', { name: 'CI Transkription', expiresInDays: 30, permissions: ['lab.run', 'lab.read'], systemIds: [systemA] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ci = new TestClient(t.baseUrl);
    ci.bearer = created.body.token;
    const mine = await ci.post(`/api/lab/runs?format=lm-eval&${frame(pA.id)}`, fixture('lm-eval-harness-results-gpt2.json'));
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body.operatorLabel).toContain(`via API token ${created.body.id}`);
    expect(mine.body.operatorId).toBe(operator.id);
    const foreign = await ci.post(`/api/lab/runs?format=lm-eval&${frame(pB.id)}`, fixture('lm-eval-harness-results-gpt2.json'));
    expect(foreign.status).toBe(403);
    const bRun = (await operator.client.post('/api/lab/runs', konformRun(pB.id, [{ metric: 'acc', value: 0.7 }]))).body;
    expect((await ci.get(`/api/lab/runs/${bRun.id}`)).status).toBe(403);
    expect((await ci.post(`/api/lab/runs/${bRun.id}/amendments`, { ...konformRun(pB.id, [{ metric: 'acc', value: 0.7 }]), reason: 'Versuch über Systemgrenze' })).status).toBe(403);
    const listed = (await ci.get('/api/lab/runs?limit=500')).body.items.map((r: { systemId: string | null }) => r.systemId);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((s: string | null) => s === systemA || s === null)).toBe(true);
    expect((await ci.get(`/api/lab/runs?systemId=${systemB}`)).status).toBe(403);

    const readOnly = await operator.client.post('/api/tokens', { name: 'nur lesen', expiresInDays: 30, permissions: ['lab.read'] });
    const reader = new TestClient(t.baseUrl);
    reader.bearer = readOnly.body.token;
    expect((await reader.post('/api/lab/runs', konformRun(pA.id, [{ metric: 'acc', value: 0.7 }]))).status).toBe(403);
  });
});
