import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCycloneDxBom, officeToday, readModelCard, splitFrontMatter } from '@konform/core';
import type { Actor } from '../../src/access/actor.js';
import { systemActor } from '../../src/access/actor.js';
import { FIXTURE_CATALOGS, startTestApp, type TestApp } from '../support/test-app.js';
import { authorise, environment, fixedPlan, itemParam, modelVersion, personActor, validatedMethod } from '../support/lab-run-fixtures.js';

type User = Awaited<ReturnType<TestApp['newUser']>>;
let t: TestApp;
let unit: string;
let otherUnit: string;
let manager: Actor;
let admin: User;
let operator: User;
let viewer: User;
let systemId: string;
let method: { id: string; name: string };
let env: { id: string };
let model: Awaited<ReturnType<typeof modelVersion>>;
let datasetVersionId: string;

const labFixture = (name: string) => readFileSync(new URL(`../fixtures/lab/${name}`, import.meta.url), 'utf8');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/interchange/${name}`, import.meta.url), 'utf8');
const MARKDOWN = { 'content-type': 'text/markdown' };

async function count(table: 'model' | 'model_version' | 'dataset' | 'dataset_version' | 'lab_run' | 'audit_event') {
  return Number((await t.db.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}
const counts = async () => ({ models: await count('model'), modelVersions: await count('model_version'), datasets: await count('dataset'), datasetVersions: await count('dataset_version'), audit: await count('audit_event') });

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }, { orgUnitId: otherUnit, role: 'admin' }]);
  manager = personActor(admin, [{ orgUnitId: unit, role: 'admin' }, { orgUnitId: otherUnit, role: 'admin' }]);
  operator = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  const owner = systemActor('test setup');
  systemId = (await t.services.systems.create(owner, {
    name: 'Beliebtheitsprüfung', shortName: 'BP', purpose: 'Texte einschätzen', description: '', orgUnitId: unit, responsible: '', lifecycleStage: 'planned',
    roles: ['deployer'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
  })).id;
  method = await validatedMethod(t, manager, unit, 'Inspect popularity', ['accuracy']);
  await authorise(t, manager, method.id, operator.id);
  env = await environment(t, manager, unit);
  model = await modelVersion(t, manager, unit);
  const dataset = await t.services.datasets.create(manager, { name: 'Beiträge 2025', kind: 'text', orgUnitId: unit });
  datasetVersionId = (await t.services.datasets.createVersion(manager, dataset.id, { label: '1', receivedOn: officeToday(), manifest: [{ path: 'posts.jsonl', sha256: 'd'.repeat(64) }], personalData: false })).id;
  await t.services.systemItems.update(manager, systemId, { version: 0, items: [{ type: 'model', versionId: model.versionId, role: 'in-operation' }, { type: 'dataset', versionId: datasetVersionId, role: 'test' }] });
  await t.services.risks.create(manager, systemId, { title: 'Falsche Einschätzung <b>', affectedGroups: 'Verfasserinnen von Beiträgen' });
});
afterAll(async () => t.close());

describe('Inspect evaluation logs as lab runs', () => {
  it('imports the real log: accuracy matched to the plan by its bare name, standard error and sample size kept', async () => {
    const plan = await fixedPlan(t, manager, { systemId }, [{ key: 'TC-01', metric: 'accuracy', comparator: '>=', threshold: 0.9, methodId: method.id }]);
    const reply = await operator.client.post(`/api/lab/runs?format=inspect&planId=${plan.id}&methodId=${method.id}&environmentId=${env.id}&${itemParam(model)}`, labFixture('inspect-ai-log.json'));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ sourceFormat: 'inspect', startedAt: '2025-07-05T13:59:40.000Z', endedAt: '2025-07-05T13:59:43.000Z', verdict: 'pass', unmatchedMetrics: [], passed: 1 });
    expect(reply.body.results[0]).toMatchObject({ metric: 'match/accuracy', value: 1, stdError: 0, sampleSize: 1, verdict: 'pass' });
    expect(reply.body.attachments[0]).toMatchObject({ filename: `run-${reply.body.number}-inspect.json`, tool: { name: 'inspect', version: '0.3.95.dev16+g6527d0861' } });
  });

  it('refuses a malformed log naming the path, and stores nothing', async () => {
    const plan = await fixedPlan(t, manager, { systemId }, [{ key: 'TC-01', metric: 'accuracy', comparator: '>=', threshold: 0.9, methodId: method.id }]);
    const runs = await count('lab_run');
    const log = JSON.parse(labFixture('inspect-ai-log.json'));
    log.results.scores[0].metrics.accuracy.value = 'high';
    const reply = await operator.client.post(`/api/lab/runs?format=inspect&planId=${plan.id}&methodId=${method.id}&environmentId=${env.id}&${itemParam(model)}`, JSON.stringify(log));
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'results.scores.0.metrics.accuracy.value', message: 'Not a finite number' }]);
    expect(await count('lab_run')).toBe(runs);
  });
});

describe('CycloneDX ML-BOM', () => {
  it('exports a system as a 1.6 BOM that passes the check: model card with lab metrics, datasets, risks as considerations', async () => {
    const reply = await viewer.client.fetch(`/api/systems/${systemId}/cyclonedx`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/vnd.cyclonedx+json');
    expect(reply.headers.get('content-disposition')).toContain('BP.cdx.json');
    const bom = (await reply.json()) as Record<string, any>;
    expect(checkCycloneDxBom(bom, { accept: ['1.6'], strict: true })).toEqual([]);
    expect(bom.specVersion).toBe('1.6');
    const [m, d] = bom.components;
    expect(m).toMatchObject({ type: 'machine-learning-model', version: '1.0', 'bom-ref': `konform:model-version:${model.versionId}` });
    expect(m.modelCard.modelParameters).toEqual({ task: 'llm', datasets: [{ ref: `konform:dataset-version:${datasetVersionId}` }] });
    expect(m.modelCard.quantitativeAnalysis.performanceMetrics).toContainEqual(expect.objectContaining({ type: 'match/accuracy', value: '1' }));
    expect(m.modelCard.considerations.ethicalConsiderations).toEqual([{ name: 'Falsche Einschätzung <b>' }]);
    expect(d).toMatchObject({ type: 'data', name: 'Beiträge 2025', version: '1' });
  });

  it('imports the real 1.7 sample: the model with its version, the inline dataset; again, nothing changes', async () => {
    const before = await counts();
    const reply = await admin.client.post(`/api/interchange/cyclonedx?orgUnitId=${unit}`, fixture('ml-bom-1.7-sample.json'));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ specVersion: '1.7', serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', ignored: [] });
    expect(reply.body.items.map((i: any) => [i.type, i.path, i.name, i.item, i.version, i.versionLabel])).toEqual([
      ['model', 'components.0', 'CompVis/stable-diffusion', 'created', 'created', '1.4'],
      ['dataset', 'components.0.modelCard.modelParameters.datasets.0', 'Training Data', 'created', 'skipped', null],
    ]);
    const modelId = reply.body.items[0].itemId;
    const stored = await admin.client.get(`/api/models/${modelId}`);
    expect(stored.body).toMatchObject({ name: 'CompVis/stable-diffusion', provider: 'Acme Inc', orgUnitId: unit });
    const version = await admin.client.get(`/api/models/${modelId}/versions/${reply.body.items[0].versionId}`);
    expect(version.body.notes).toContain('Approach: supervised');
    expect(version.body.notes).toContain('Technical limitations:');
    expect(await counts()).toEqual({ ...before, models: before.models + 1, modelVersions: before.modelVersions + 1, datasets: before.datasets + 1, audit: before.audit + 3 });

    const again = await admin.client.post(`/api/interchange/cyclonedx?orgUnitId=${unit}`, fixture('ml-bom-1.7-sample.json'));
    expect(again.body.items.map((i: any) => [i.item, i.version])).toEqual([['unchanged', 'unchanged'], ['unchanged', 'skipped']]);
    expect((await counts()).audit).toBe(before.audit + 3);
  });

  it('imports its own export into another unit', async () => {
    const bom = await (await admin.client.fetch(`/api/systems/${systemId}/cyclonedx`)).text();
    const reply = await admin.client.post(`/api/interchange/cyclonedx?orgUnitId=${otherUnit}`, bom);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.items.map((i: any) => [i.type, i.item, i.version])).toEqual([['model', 'created', 'created'], ['dataset', 'created', 'created']]);
  });

  it('refuses a malformed BOM naming the JSON path, and stores nothing', async () => {
    const before = await counts();
    const bad = JSON.parse(fixture('ml-bom-1.7-sample.json'));
    bad.components[0].modelCard.modelParameters.approach.type = 'guessing';
    delete bad.components[0].name;
    const reply = await admin.client.post(`/api/interchange/cyclonedx?orgUnitId=${otherUnit}`, JSON.stringify(bad));
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      { path: 'components.0.name', message: 'Required' },
      { path: 'components.0.modelCard.modelParameters.approach.type', message: expect.stringContaining('supervised') },
    ]);
    const old = await admin.client.post(`/api/interchange/cyclonedx?orgUnitId=${otherUnit}`, JSON.stringify({ ...JSON.parse(fixture('ml-bom-1.7-sample.json')), specVersion: '1.4' }));
    expect(old.body.errors).toEqual([{ path: 'specVersion', message: 'Expected one of the spec versions 1.5, 1.6, 1.7' }]);
    const syntax = await admin.client.post(`/api/interchange/cyclonedx?orgUnitId=${otherUnit}`, '{"bomFormat": "CycloneDX",}');
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors[0]).toMatchObject({ path: 'body', message: expect.stringContaining('line 1') });
    expect(await counts()).toEqual(before);
  });

  it('needs model.edit in the unit to import', async () => {
    const reply = await viewer.client.post(`/api/interchange/cyclonedx?orgUnitId=${unit}`, fixture('ml-bom-1.7-sample.json'));
    expect(reply.status).toBe(403);
  });
});

describe('Hugging Face model cards', () => {
  it('takes a card over into a model version and lists what was taken and what was ignored', async () => {
    const before = await counts();
    const reply = await admin.client.post(`/api/models/${model.modelId}/versions/${model.versionId}/model-card`, fixture('whisper-model-card.md'), MARKDOWN);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.licenceTaken).toBe(true);
    expect(reply.body.taken.map((x: any) => x.field)).toEqual(['license', 'datasets', 'base_model', 'metrics', 'model-index', 'pipeline_tag', 'language']);
    expect(reply.body.ignored.map((x: any) => x.field)).toEqual(['library_name', 'tags', 'text']);
    expect(reply.body.results).toEqual([{ task: 'Automatic Speech Recognition', dataset: 'Common Voice 16.1 (de)', split: 'test', metric: 'Test WER', value: 6.84 }]);
    const version = await admin.client.get(`/api/models/${model.modelId}/versions/${model.versionId}`);
    expect(version.body.licence).toBe('apache-2.0');
    expect(version.body.notes).toContain('Base model: openai/whisper-large-v3');
    expect(version.body.notes).toContain('Result Automatic Speech Recognition / Common Voice 16.1 (de) / test: Test WER = 6.84');
    expect((await counts()).audit).toBe(before.audit + 1);

    const second = await admin.client.post(`/api/models/${model.modelId}/versions/${model.versionId}/model-card`, '---\nlicense: mit\n---\n', MARKDOWN);
    expect(second.body.licenceTaken).toBe(false);
    expect(second.body.ignored[0]).toMatchObject({ field: 'license' });
  });

  it('refuses a card without front matter or with malformed fields, naming the path; nothing changes', async () => {
    const before = await counts();
    const url = `/api/models/${model.modelId}/versions/${model.versionId}/model-card`;
    expect((await admin.client.post(url, '# Just text\n', MARKDOWN)).body.errors).toEqual([{ path: 'front-matter', message: expect.any(String) }]);
    expect((await admin.client.post(url, '---\nlicense: [mit\n---\n', MARKDOWN)).body.errors[0].path).toMatch(/^front-matter/);
    const bad = await admin.client.post(url, '---\nmodel-index:\n- name: x\n  results:\n  - metrics:\n    - type: wer\n      value: [1]\n---\n', MARKDOWN);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'model-index.0.results.0.metrics.0.value', message: 'Expected a number or a string' }]);
    expect(await counts()).toEqual(before);
  });

  it('exports a card for a model version whose front matter reads back', async () => {
    const reply = await viewer.client.fetch(`/api/models/${model.modelId}/versions/${model.versionId}/model-card`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/markdown');
    const text = await reply.text();
    const split = splitFrontMatter(text);
    const card = readModelCard(parse(split.yaml!));
    expect(card.ok).toBe(true);
    if (!card.ok) return;
    expect(card.value.licence).toBe('apache-2.0');
    expect(card.value.datasets).toEqual(['Beiträge 2025 1']);
    expect(card.value.results).toContainEqual(expect.objectContaining({ metric: 'match/accuracy', value: 1 }));
    expect(split.body).toContain('Beliebtheitsprüfung (in-operation)');
  });

  it('needs model.edit to import', async () => {
    expect((await viewer.client.post(`/api/models/${model.modelId}/versions/${model.versionId}/model-card`, '---\nlicense: mit\n---\n', MARKDOWN)).status).toBe(403);
  });
});
