import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';

type User = Awaited<ReturnType<TestApp['newUser']>>;
let t: TestApp;
let unit: string;
let subUnit: string;
let otherUnit: string;
let lab: User;
let viewer: User;
let owner: User;
let governance: User;
let stranger: User;
let systemA: string;
let systemB: string;
let method: { id: string; name: string };
let strangerMethod: string;
let datasetVersion: { id: string; label: string };
let model: { id: string; name: string };

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const CONFIG = { task: 'arc_easy', metrics: [{ name: 'acc', unit: '', higherIsBetter: true }] };
const ids = (body: { items: { id: string }[] }) => body.items.map((x) => x.id);

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  subUnit = await t.newUnit(unit);
  otherUnit = await t.newUnit();
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'governance' }]);
  stranger = await t.newUser([{ orgUnitId: otherUnit, role: 'lab' }]);
  systemA = (await t.newSystem(owner.client, unit, { name: 'Transkription A' })).id;
  systemB = (await t.newSystem(owner.client, unit, { name: 'Chatbot B' })).id;
  method = (await lab.client.post('/api/lab/methods', { orgUnitId: unit, name: 'ARC easy', harness: 'lm-evaluation-harness', harnessVersion: '0.4.5', configuration: CONFIG })).body;
  strangerMethod = (await stranger.client.post('/api/lab/methods', { orgUnitId: otherUnit, name: 'Fremd', harness: 'inspect', harnessVersion: '1', configuration: CONFIG })).body.id;
  const dataset = (await lab.client.post('/api/datasets', { name: 'Prüfkorpus Telefon', kind: 'audio', orgUnitId: unit })).body;
  datasetVersion = (await lab.client.post(`/api/datasets/${dataset.id}/versions`, { label: '2026-11', receivedOn: '2026-11-01', manifest: [{ path: 'a.wav', sha256: sha('w') }], personalData: false })).body;
  model = (await lab.client.post('/api/models', { name: 'Whisper large-v3', provider: 'OpenAI', kind: 'speech-recognition', licence: 'MIT', orgUnitId: unit })).body;
});
afterAll(async () => t.close());

const kase = (over: Record<string, unknown> = {}) => ({ key: 'TC-01', name: 'Wortfehlerrate', metric: 'wer', comparator: '<=', threshold: 0.12, unit: '', methodId: method.id, ...over });

async function newPlan(body: Record<string, unknown> = {}, client = lab.client) {
  const reply = await client.post('/api/lab/plans', { systemId: systemA, name: `Prüfplan ${randomUUID().slice(0, 6)}`, cases: [kase()], ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const history = async (id: string) => (await governance.client.get(`/api/audit-events?entityType=lab-plan&entityId=${id}`)).body.items as { action: string; reason: string | null; changes: { field: string; before: unknown; after: unknown }[] }[];

describe('test plans', () => {
  it('requires sign-in, and lab.manage to write', async () => {
    expect((await t.client().get('/api/lab/plans')).status).toBe(401);
    expect((await viewer.client.post('/api/lab/plans', { systemId: systemA, name: 'X' })).status).toBe(403);
    expect((await owner.client.post('/api/lab/plans', { systemId: systemA, name: 'X' })).status).toBe(403);
    expect((await lab.client.get(`/api/lab/plans/${randomUUID()}`)).status).toBe(404);
  });

  it('drafts a plan for a system with cases naming method, dataset version and requirements, and keeps an audit trail', async () => {
    const plan = await newPlan({
      description: 'Abnahme vor Inbetriebnahme',
      cases: [
        kase({ description: 'Telefonmitschnitte', unit: '%', decisionRule: 'conservative-bound', regressionTolerance: 0.5, datasetVersionId: datasetVersion.id, requirementKeys: ['eu-ai-act:art-12-1', 'iso-42001:a-6-2-8'] }),
        kase({ key: 'TC-02', name: 'Prompt-Injection', metric: 'attack_success_rate', comparator: '<', threshold: 0.02, mandatory: false }),
      ],
    });
    expect(plan).toMatchObject({
      orgUnitId: unit, systemId: systemA, systemName: 'Transkription A', modelId: null, status: 'draft', caseCount: 2, mandatoryCount: 1, version: 1,
      description: 'Abnahme vor Inbetriebnahme', revises: null, revisedBy: null, fixProblems: [], fixedAt: null, createdByLabel: expect.stringContaining(lab.email),
    });
    expect(plan.cases[0]).toMatchObject({
      position: 0, key: 'TC-01', metric: 'wer', comparator: '<=', threshold: 0.12, unit: '%', decisionRule: 'conservative-bound', regressionTolerance: 0.5, mandatory: true,
      method: { id: method.id, name: 'ARC easy', harness: 'lm-evaluation-harness', harnessVersion: '0.4.5', status: 'not-validated' },
      datasetVersion: { id: datasetVersion.id, itemName: 'Prüfkorpus Telefon', label: '2026-11' },
      requirementKeys: ['eu-ai-act:art-12-1', 'iso-42001:a-6-2-8'],
      requirements: [{ key: 'eu-ai-act:art-12-1', catalogId: 'eu-ai-act', ref: expect.any(String), title: { de: expect.any(String), en: expect.any(String) } }, { key: 'iso-42001:a-6-2-8', catalogId: 'iso-42001' }],
    });
    expect(plan.cases[1]).toMatchObject({ key: 'TC-02', comparator: '<', decisionRule: 'point-estimate', regressionTolerance: null, datasetVersion: null, mandatory: false, requirements: [] });
    expect((await viewer.client.get(`/api/lab/plans/${plan.id}`)).body.cases).toHaveLength(2);
    const events = await history(plan.id);
    expect(events.map((e) => e.action)).toEqual(['lab-plan.create']);
    expect(events[0]!.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['case TC-01', 'case TC-02', 'systemId', 'status']));
  });

  it('drafts a plan for a model in a unit given, or the model’s own', async () => {
    const inSub = await newPlan({ systemId: undefined, modelId: model.id, orgUnitId: subUnit });
    expect(inSub).toMatchObject({ modelId: model.id, modelName: 'Whisper large-v3', systemId: null, orgUnitId: subUnit });
    expect((await newPlan({ systemId: undefined, modelId: model.id })).orgUnitId).toBe(unit);
    const unknown = await lab.client.post('/api/lab/plans', { modelId: randomUUID(), name: 'X' });
    expect(unknown.body.errors[0].path).toBe('modelId');
    // The stranger cannot read the model, nor plan in this unit.
    expect((await stranger.client.post('/api/lab/plans', { modelId: model.id, orgUnitId: otherUnit, name: 'X' })).status).toBe(403);
  });

  it('lists plans in scope, filtered by unit with sub-units, system, model, status and text, paged', async () => {
    const a = await newPlan({ name: 'Robustheit Filterliste' });
    const b = await newPlan({ systemId: systemB, name: 'Fairness Filterliste' });
    const m = await newPlan({ systemId: undefined, modelId: model.id, orgUnitId: subUnit, name: 'Modell Filterliste' });
    const list = async (query: string, client = viewer.client) => {
      const reply = await client.get(`/api/lab/plans?${query}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body;
    };
    expect(ids(await list('q=filterliste&limit=100'))).toEqual(expect.arrayContaining([a.id, b.id, m.id]));
    expect(ids(await list(`q=filterliste&systemId=${systemA}`))).toEqual([a.id]);
    expect(ids(await list(`q=filterliste&modelId=${model.id}`))).toEqual([m.id]);
    expect(ids(await list(`q=filterliste&orgUnitId=${subUnit}`))).toEqual([m.id]);
    expect(ids(await list(`q=filterliste&orgUnitId=${unit}`)).sort()).toEqual([a.id, b.id, m.id].sort());
    expect(ids(await list('q=chatbot'))).toContain(b.id);
    expect((await list('q=filterliste&status=fixed')).items).toEqual([]);
    const page = await list('q=filterliste&limit=2&offset=0');
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.items).toHaveLength(2);
    expect((await list('q=filterliste&limit=2&offset=2')).items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ caseCount: 1, mandatoryCount: 1, orgUnitName: expect.any(String) });
    expect((await list('q=filterliste', stranger.client)).items).toEqual([]);
    expect((await stranger.client.get(`/api/lab/plans/${a.id}`)).status).toBe(403);
    expect((await viewer.client.get('/api/lab/plans?status=open')).status).toBe(400);
  });

  it('refuses bad cases with the field named, and stores nothing', async () => {
    const name = `Fehlerhaft ${randomUUID().slice(0, 6)}`;
    const bad = await lab.client.post('/api/lab/plans', {
      systemId: systemA, name,
      cases: [kase({ metric: '' }), kase({ key: 'TC-02', comparator: '==' }), kase({ key: 'TC-03', threshold: 'hoch' }), kase({ key: 'TC-04', requirementKeys: ['kein Schlüssel'] })],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['cases.0.metric', 'cases.1.comparator', 'cases.2.threshold', 'cases.3.requirementKeys.0']);
    const twice = await lab.client.post('/api/lab/plans', { systemId: systemA, name, cases: [kase(), kase({ key: 'TC-02' }), kase()] });
    expect(twice.body.errors.map((e: { path: string }) => e.path)).toEqual(['cases.2.key']);
    const unknown = await lab.client.post('/api/lab/plans', {
      systemId: systemA, name,
      cases: [
        kase({ methodId: randomUUID() }),
        kase({ key: 'TC-02', datasetVersionId: randomUUID() }),
        kase({ key: 'TC-03', requirementKeys: ['eu-ai-act:art-12-1', 'eu-ai-act:art-999', 'eu-ai-act:ch-3'] }),
        kase({ key: 'TC-04', methodId: strangerMethod }),
      ],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['cases.0.methodId', 'cases.1.datasetVersionId', 'cases.2.requirementKeys.1', 'cases.2.requirementKeys.2', 'cases.3.methodId']);
    expect((await lab.client.post('/api/lab/plans', { name })).body.errors[0].path).toBe('systemId');
    expect((await lab.client.post('/api/lab/plans', { systemId: systemA, modelId: model.id, name })).body.errors[0].path).toBe('systemId');
    expect((await lab.client.post('/api/lab/plans', { systemId: systemA, orgUnitId: unit, name })).body.errors[0].path).toBe('orgUnitId');
    expect((await lab.client.post('/api/lab/plans', { systemId: randomUUID(), name })).body.errors[0].path).toBe('systemId');
    expect((await viewer.client.get(`/api/lab/plans?q=${encodeURIComponent(name)}`)).body.items).toEqual([]);
  });

  it('changes a draft with optimistic locking; cases are replaced wholesale', async () => {
    const plan = await newPlan({ cases: [kase(), kase({ key: 'TC-02', metric: 'acc', comparator: '>=', threshold: 0.9 })] });
    const changed = await lab.client.patch(`/api/lab/plans/${plan.id}`, {
      version: 1, name: 'Abnahme Transkription', reason: 'Schwelle nach Fachabstimmung',
      cases: [kase({ key: 'TC-02', metric: 'acc', comparator: '>=', threshold: 0.92 }), kase({ key: 'TC-03', metric: 'f1', comparator: '>', threshold: 0.8, mandatory: false })],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Abnahme Transkription', version: 2, caseCount: 2 });
    expect(changed.body.cases.map((c: { key: string; threshold: number; position: number }) => [c.key, c.threshold, c.position])).toEqual([['TC-02', 0.92, 0], ['TC-03', 0.8, 1]]);
    const stale = await lab.client.patch(`/api/lab/plans/${plan.id}`, { version: 1, name: 'veraltet' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
    const badCase = await lab.client.patch(`/api/lab/plans/${plan.id}`, { version: 2, cases: [kase({ threshold: null })] });
    expect(badCase.body.errors.map((e: { path: string }) => e.path)).toEqual(['cases.0.threshold']);
    // Nothing changed: no new version, no event.
    expect((await lab.client.patch(`/api/lab/plans/${plan.id}`, { version: 2, name: 'Abnahme Transkription' })).body.version).toBe(2);
    const events = await history(plan.id);
    expect(events.map((e) => e.action)).toEqual(['lab-plan.update', 'lab-plan.create']);
    expect(events[0]!.reason).toBe('Schwelle nach Fachabstimmung');
    expect(events[0]!.changes.map((c) => c.field).sort()).toEqual(['case TC-01', 'case TC-02', 'case TC-03', 'caseOrder', 'name']);
    expect(events[0]!.changes.find((c) => c.field === 'case TC-02')).toMatchObject({ before: { threshold: 0.9 }, after: { threshold: 0.92 } });
    expect((await stranger.client.patch(`/api/lab/plans/${plan.id}`, { version: 2, name: 'fremd' })).status).toBe(403);
  });

  it('fixes a draft only with a mandatory case; a fixed plan is frozen', async () => {
    const empty = await newPlan({ cases: [] });
    expect(empty.fixProblems).toEqual(['no-cases']);
    const noCases = await lab.client.post(`/api/lab/plans/${empty.id}/fix`, { version: 1 });
    expect(noCases.status).toBe(400);
    expect(noCases.body.errors[0].path).toBe('cases');
    const optional = await newPlan({ cases: [kase({ mandatory: false })] });
    expect(optional.fixProblems).toEqual(['no-mandatory-case']);
    expect((await lab.client.post(`/api/lab/plans/${optional.id}/fix`, { version: 1 })).body.errors[0].path).toBe('cases');

    const plan = await newPlan();
    expect((await lab.client.post(`/api/lab/plans/${plan.id}/fix`, { version: 7 })).status).toBe(409);
    expect((await viewer.client.post(`/api/lab/plans/${plan.id}/fix`, { version: 1 })).status).toBe(403);
    const fixed = await lab.client.post(`/api/lab/plans/${plan.id}/fix`, { version: 1 });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    // A method not yet validated may be fixed into a plan; its status shows on the case.
    expect(fixed.body).toMatchObject({ status: 'fixed', version: 2, fixedAt: expect.any(String), fixedByLabel: expect.stringContaining(lab.email), fixProblems: [] });
    expect(fixed.body.cases[0].method.status).toBe('not-validated');
    const frozen = await lab.client.patch(`/api/lab/plans/${plan.id}`, { version: 2, cases: [kase({ threshold: 0.5 })] });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('frozen');
    expect((await lab.client.post(`/api/lab/plans/${plan.id}/fix`, { version: 2 })).body.code).toBe('not-draft');
    expect((await viewer.client.get(`/api/lab/plans?status=fixed&systemId=${systemA}`)).body.items.map((p: { id: string }) => p.id)).toContain(plan.id);
    expect((await history(plan.id)).map((e) => e.action)).toEqual(['lab-plan.fix', 'lab-plan.create']);
  });

  it('revises a fixed plan into a draft copy, and fixing the revision retires the old one', async () => {
    const plan = await newPlan({ cases: [kase({ requirementKeys: ['eu-ai-act:art-12-1'] }), kase({ key: 'TC-02', metric: 'acc', comparator: '>=', threshold: 0.9, mandatory: false })] });
    expect((await lab.client.post(`/api/lab/plans/${plan.id}/revise`, { version: 1 })).body.code).toBe('not-fixed');
    await lab.client.post(`/api/lab/plans/${plan.id}/fix`, { version: 1 });
    const revision = await lab.client.post(`/api/lab/plans/${plan.id}/revise`, { version: 2 });
    expect(revision.status, JSON.stringify(revision.body)).toBe(201);
    expect(revision.body).toMatchObject({ status: 'draft', version: 1, name: plan.name, systemId: systemA, revisesPlanId: plan.id, revises: { id: plan.id, status: 'fixed' }, caseCount: 2 });
    expect(revision.body.cases.map((c: { key: string; id: string }) => c.key)).toEqual(['TC-01', 'TC-02']);
    expect(revision.body.cases[0].id).not.toBe(plan.cases[0].id);
    expect(revision.body.cases[0].requirementKeys).toEqual(['eu-ai-act:art-12-1']);
    expect((await lab.client.post(`/api/lab/plans/${plan.id}/revise`, { version: 2 })).body.code).toBe('revision-open');
    expect((await lab.client.get(`/api/lab/plans/${plan.id}`)).body).toMatchObject({ status: 'fixed', revisedBy: { id: revision.body.id, status: 'draft' } });

    const edited = await lab.client.patch(`/api/lab/plans/${revision.body.id}`, { version: 1, cases: [kase({ threshold: 0.1 })] });
    expect(edited.status).toBe(200);
    const fixed = await lab.client.post(`/api/lab/plans/${revision.body.id}/fix`, { version: 2 });
    expect(fixed.body.status).toBe('fixed');
    const old = (await lab.client.get(`/api/lab/plans/${plan.id}`)).body;
    expect(old).toMatchObject({ status: 'retired', retiredAt: expect.any(String), retirementReason: null, revisedBy: { id: revision.body.id, status: 'fixed' }, version: 3 });
    expect(old.cases[0].threshold).toBe(0.12);
    expect((await history(plan.id)).map((e) => e.action)).toEqual(['lab-plan.retire', 'lab-plan.fix', 'lab-plan.create']);
    expect((await history(plan.id))[0]!.changes).toEqual(expect.arrayContaining([{ field: 'supersededBy', before: null, after: revision.body.id }]));
    expect((await history(revision.body.id)).map((e) => e.action)).toEqual(['lab-plan.fix', 'lab-plan.update', 'lab-plan.revise']);
  });

  it('retires a draft or a fixed plan with a reason, once', async () => {
    const plan = await newPlan();
    await lab.client.post(`/api/lab/plans/${plan.id}/fix`, { version: 1 });
    expect((await lab.client.post(`/api/lab/plans/${plan.id}/retire`, { version: 2 })).status).toBe(400);
    expect((await lab.client.post(`/api/lab/plans/${plan.id}/retire`, { version: 2, reason: '' })).body.errors[0].path).toBe('reason');
    const retired = await lab.client.post(`/api/lab/plans/${plan.id}/retire`, { version: 2, reason: 'System außer Betrieb' });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect(retired.body).toMatchObject({ status: 'retired', retirementReason: 'System außer Betrieb', retiredByLabel: expect.stringContaining(lab.email), version: 3 });
    expect((await lab.client.post(`/api/lab/plans/${plan.id}/retire`, { version: 3, reason: 'nochmal' })).body.code).toBe('already-retired');
    expect((await lab.client.post(`/api/lab/plans/${plan.id}/revise`, { version: 3 })).body.code).toBe('not-fixed');
    expect((await lab.client.patch(`/api/lab/plans/${plan.id}`, { version: 3, name: 'x' })).body.code).toBe('frozen');
    const events = await history(plan.id);
    expect(events[0]).toMatchObject({ action: 'lab-plan.retire', reason: 'System außer Betrieb', changes: [{ field: 'status', before: 'fixed', after: 'retired' }] });
    const draft = await newPlan();
    expect((await lab.client.post(`/api/lab/plans/${draft.id}/retire`, { version: 1, reason: 'Nicht benötigt' })).body.status).toBe('retired');
  });

  it('checks the cases again when fixing: a method moved out of reach is refused', async () => {
    const moving = (await lab.client.post('/api/lab/methods', { orgUnitId: unit, name: 'Wandert', harness: 'inspect', harnessVersion: '1', configuration: CONFIG })).body;
    const plan = await newPlan({ cases: [kase({ methodId: moving.id })] });
    const admin = await t.newUser([{ orgUnitId: otherUnit, role: 'admin' }]);
    expect((await admin.client.patch(`/api/lab/methods/${moving.id}`, { version: moving.version, orgUnitId: otherUnit })).status).toBe(200);
    const refused = await lab.client.post(`/api/lab/plans/${plan.id}/fix`, { version: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['cases.0.methodId']);
  });
});

describe('test plans and scoped API tokens', () => {
  async function tokenClient(body: Record<string, unknown>): Promise<TestClient> {
    const created = await lab.client.post('/api/tokens', { name: 'CI', expiresInDays: 30, ...body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const client = new TestClient(t.baseUrl);
    client.bearer = created.body.token;
    return client;
  }

  it('a token for system A writes A’s plans only, and lists and reads only A’s (and model plans of its unit)', async () => {
    const client = await tokenClient({ systemIds: [systemA] });
    const created = await client.post('/api/lab/plans', { systemId: systemA, name: 'Per Token', cases: [kase()] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await client.post('/api/lab/plans', { systemId: systemB, name: 'Per Token B', cases: [kase()] })).status).toBe(403);
    const planB = await newPlan({ systemId: systemB, name: 'Token-Liste B' });
    const planModel = await newPlan({ systemId: undefined, modelId: model.id, name: 'Token-Liste Modell' });
    expect((await client.get(`/api/lab/plans/${planB.id}`)).status).toBe(403);
    expect((await client.post(`/api/lab/plans/${planB.id}/fix`, { version: 1 })).status).toBe(403);
    expect((await client.post(`/api/lab/plans/${created.body.id}/fix`, { version: 1 })).status).toBe(200);
    const listed = ids((await client.get('/api/lab/plans?limit=500')).body);
    expect(listed).toContain(created.body.id);
    expect(listed).toContain(planModel.id);
    expect(listed).not.toContain(planB.id);
  });

  it('a token without lab.manage cannot write plans', async () => {
    const client = await tokenClient({ permissions: ['lab.read'] });
    expect((await client.get('/api/lab/plans')).status).toBe(200);
    expect((await client.post('/api/lab/plans', { systemId: systemA, name: 'X', cases: [kase()] })).status).toBe(403);
  });
});
