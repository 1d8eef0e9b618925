import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeToday } from '@konform/core';
import type { Actor } from '../../src/access/actor.js';
import { systemActor } from '../../src/access/actor.js';
import { cycloneDxSchemaProblems } from '../../src/modules/interchange/cyclonedx-schema.js';
import { FIXTURE_CATALOGS, startTestApp, type TestApp } from '../support/test-app.js';
import { modelVersion, personActor } from '../support/lab-run-fixtures.js';

// The official CycloneDX schemas (assets/cyclonedx): every export is valid against 1.6, imports are checked against
// the schema of their declared specVersion, and a BOM that only the schema refuses names the JSON path.

type User = Awaited<ReturnType<TestApp['newUser']>>;
let t: TestApp;
let unit: string;
let admin: User;
let manager: Actor;
let systemId: string;

/** The real ML-BOM of the shared reference data (CycloneDX specification example, 1.7). */
const SAMPLE = readFileSync(new URL('../fixtures/interchange/ml-bom-1.7-sample.json', import.meta.url), 'utf8');
const modelCount = async () => Number((await t.db.database.db.selectFrom('model').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
  manager = personActor(admin, [{ orgUnitId: unit, role: 'admin' }]);
  systemId = (await t.services.systems.create(systemActor('test setup'), {
    name: 'Schema-Prüfung', shortName: 'SP', purpose: 'BOM prüfen', description: 'Ein System mit Modell und Datensatz', orgUnitId: unit, responsible: '', lifecycleStage: 'planned',
    roles: ['deployer'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
  })).id;
  const model = await modelVersion(t, manager, unit);
  const dataset = await t.services.datasets.create(manager, { name: 'Prüfdaten', kind: 'text', orgUnitId: unit });
  const datasetVersionId = (await t.services.datasets.createVersion(manager, dataset.id, { label: '2', receivedOn: officeToday(), manifest: [{ path: 'test.jsonl', sha256: 'e'.repeat(64) }], personalData: true })).id;
  await t.services.systemItems.update(manager, systemId, { version: 0, items: [{ type: 'model', versionId: model.versionId, role: 'in-operation' }, { type: 'dataset', versionId: datasetVersionId, role: 'test' }] });
  await t.services.risks.create(manager, systemId, { title: 'Fehlklassifikation', affectedGroups: 'Bürgerinnen und Bürger' });
});
afterAll(async () => t.close());

describe('CycloneDX official schema', () => {
  it('the export is valid against the official 1.6 schema (and the schema is not a rubber stamp)', async () => {
    const reply = await admin.client.fetch(`/api/systems/${systemId}/cyclonedx`);
    expect(reply.status).toBe(200);
    const bom = (await reply.json()) as Record<string, any>;
    expect(bom.components.map((c: any) => c.type)).toEqual(['machine-learning-model', 'data']);
    expect(cycloneDxSchemaProblems(bom, '1.6')).toEqual([]);
    bom.components[0].modelCard.modelParameters.approach = { type: 'guessing' };
    bom.metadata.timestamp = 'yesterday';
    expect(cycloneDxSchemaProblems(bom, '1.6')).toEqual(expect.arrayContaining([
      { path: 'components.0.modelCard.modelParameters.approach.type', message: expect.stringContaining('allowed values') },
      { path: 'metadata.timestamp', message: expect.stringContaining('date-time') },
    ]));
  });

  it('the real 1.7 ML-BOM of the reference data passes the 1.7 schema and imports', async () => {
    expect(cycloneDxSchemaProblems(JSON.parse(SAMPLE), '1.7')).toEqual([]);
    const reply = await admin.client.post(`/api/interchange/cyclonedx?orgUnitId=${unit}`, SAMPLE);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.items.map((i: any) => [i.type, i.name, i.item])).toEqual([['model', 'CompVis/stable-diffusion', 'created'], ['dataset', 'Training Data', 'created']]);
  });

  it('refuses a BOM that only the official schema catches, naming the JSON path, and stores nothing', async () => {
    const before = await modelCount();
    const bad = JSON.parse(SAMPLE);
    bad.components[0].name = 'Another model';
    bad.components[0].externalReferences = [{ type: 'homepage-of-the-model', url: 'https://example.org/model' }];
    bad.components[0].supplier = 'Acme Inc';
    const reply = await admin.client.post(`/api/interchange/cyclonedx?orgUnitId=${unit}`, JSON.stringify(bad));
    expect(reply.status).toBe(400);
    expect(reply.body.detail ?? reply.body.title).toContain('1.7 schema');
    const paths = (reply.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toContain('components.0.externalReferences.0.type');
    expect(paths).toContain('components.0.supplier');
    expect(await modelCount()).toBe(before);
  });

  it('checks a BOM against the schema of its declared version: 1.5 knows no 1.6 fields', () => {
    const bom = (v: string) => ({ bomFormat: 'CycloneDX', specVersion: v, version: 1, components: [{ type: 'machine-learning-model', name: 'm', omniborId: ['gitoid:blob:sha1:261eeb9e9f8b2b4b0d119366dda99c6fd7d35c64'] }] });
    expect(cycloneDxSchemaProblems(bom('1.6'), '1.6')).toEqual([]);
    expect(cycloneDxSchemaProblems(bom('1.5'), '1.5')).toEqual([{ path: 'components.0', message: 'must NOT have additional properties (omniborId)' }]);
  });
});
