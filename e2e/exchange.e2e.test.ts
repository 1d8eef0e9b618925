import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Exchange formats in the UI (#11, points 5–8): from a system's "Austauschformate" tab the OSCAL component definition
 * and the CycloneDX ML-BOM download as JSON, the POA&M explains why there is none; a Hugging Face model card is taken
 * over into a model version and the page lists what was taken; a CycloneDX BOM is imported on the models register; an
 * auditor imports OSCAL assessment results into an audit (a malformed file first: the JSON path is named).
 */
const suite = useSuite();
const OWNER = { email: 'erik.export@e2e.example', displayName: 'Erik Export', password: 'Export-Passwort-2026!' };
const LEAD = { email: 'gesa.governance@e2e.example', displayName: 'Gesa Governance', password: 'Governance-Passwort-2026!' };
const AUDITOR = { email: 'ida.import@e2e.example', displayName: 'Ida Import', password: 'Import-Passwort-2026!' };
const SYSTEM = 'Bescheidprüfung Wohngeld';
const UNIT = 'Referat 42 – Austausch';
/** The real files of ../shared/data, as copied into the server's test fixtures (CI has only the repository). */
const shared = (name: string) => readFileSync(new URL(`../packages/server/test/fixtures/${name}`, import.meta.url));
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const CARD = `---
license: apache-2.0
base_model: openai/whisper-large-v3
datasets:
- mozilla-foundation/common_voice_16_1
metrics:
- wer
tags:
- audio
model-index:
- name: whisper-de-verwaltung
  results:
  - task:
      type: automatic-speech-recognition
    dataset:
      name: Common Voice 16.1 (de)
      type: mozilla-foundation/common_voice_16_1
      split: test
    metrics:
    - type: wer
      value: 6.84
      name: Test WER
---

# Whisper für die Verwaltung
`;

let systemId = '';
let modelId = '';
let auditId = '';
let unitId = '';
let lab: { planId: string; environmentId: string; versionId: string };
const OPERATOR = { email: 'paul.pruefer@e2e.example', displayName: 'Paul Prüfer', password: 'Pruefer-Passwort-2026!' };

beforeAll(async () => {
  const auditor = await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'R 42' });
    unitId = unit.id;
    await post('/users', { ...OWNER, roles: [{ orgUnitId: unit.id, role: 'owner' }] });
    await post('/users', { ...LEAD, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    return post<{ id: string }>('/users', { ...AUDITOR, roles: [{ orgUnitId: unit.id, role: 'auditor' }] });
  });
  const owner = await session(suite, OWNER);
  const api = await apiFor(owner.page, suite.server.baseUrl);
  systemId = (await api.post<{ id: string }>('/systems', { name: SYSTEM, shortName: 'BWG', purpose: 'Prüft Wohngeldbescheide vor.', orgUnitId: unitId, roles: ['deployer'] })).id;
  modelId = (await api.post<{ id: string }>('/models', { name: 'Whisper Verwaltung', provider: 'Referat 42', kind: 'speech-recognition', orgUnitId: unitId })).id;
  const version = await api.post<{ id: string }>(`/models/${modelId}/versions`, { label: '1.0', receivedOn: '2026-11-02', manifest: [{ path: 'model.safetensors', sha256: sha('model') }] });
  await api.put(`/systems/${systemId}/models`, { version: 0, items: [{ type: 'model', versionId: version.id, role: 'in-operation' }] });
  await owner.context.close();
  const lead = await session(suite, LEAD);
  const leadApi = await apiFor(lead.page, suite.server.baseUrl);
  const plan = await leadApi.post<{ id: string; version: number }>('/audits', {
    title: 'Audit Austauschformate', kind: 'internal-aims', orgUnitId: unitId, objective: 'Feststellungen übernehmen',
    scope: { systemIds: [systemId], orgUnitIds: [], catalogIds: ['iso-42001'], requirementPrefixes: [] },
    auditorIds: [auditor.id], plannedStart: '2026-12-01', plannedEnd: '2026-12-03',
  });
  auditId = (await leadApi.post<{ id: string }>(`/audits/${plan.id}/transition`, { version: plan.version, to: 'in-progress' })).id;
  await lead.context.close();
  // The lab: a validated Inspect method the operator is authorised for, a verified environment, a fixed plan.
  lab = await asAdmin(suite, async ({ post, put }) => {
    const operator = await post<{ id: string }>('/users', { ...OPERATOR, roles: [{ orgUnitId: unitId, role: 'lab' }] });
    const method = await post<{ id: string }>('/lab/methods', {
      orgUnitId: unitId, name: 'Inspect Beliebtheit', harness: 'inspect', harnessVersion: '0.3.95', configuration: { task: 'popularity', metrics: [{ name: 'accuracy', unit: '', higherIsBetter: true }] },
    });
    await post(`/lab/methods/${method.id}/validations`, { result: 'passed', report: 'Mit Referenzlog geprüft.' });
    await post(`/lab/methods/${method.id}/authorisations`, { userId: operator.id });
    const environment = await post<{ id: string }>('/lab/environments', { orgUnitId: unitId, name: 'Prüfrechner Austausch', containerDigest: `sha256:${'5a'.repeat(32)}` });
    await post(`/lab/environments/${environment.id}/verifications`, { referenceRun: 'Referenzlauf R-01', expectedValue: 0.5, measuredValue: 0.5, tolerance: 0.01 });
    const model = await post<{ id: string }>('/models', { name: 'Prüfling Inspect', kind: 'llm', orgUnitId: unitId });
    const version = await post<{ id: string }>(`/models/${model.id}/versions`, { label: '2.0', receivedOn: '2026-11-03', manifest: [{ path: 'weights.safetensors', sha256: sha('inspect') }] });
    const system = await post<{ id: string }>('/systems', { name: 'Beliebtheitsschätzung', purpose: 'Schätzt die Beliebtheit von Beiträgen.', orgUnitId: unitId, roles: ['deployer'] });
    await put(`/systems/${system.id}/models`, { version: 0, items: [{ type: 'model', versionId: version.id, role: 'in-operation' }] });
    const plan = await post<{ id: string; version: number }>('/lab/plans', {
      systemId: system.id, name: 'Prüfplan Beliebtheit', cases: [{ key: 'TC-01', name: 'Genauigkeit', metric: 'accuracy', comparator: '>=', threshold: 0.9, methodId: method.id }],
    });
    await post(`/lab/plans/${plan.id}/fix`, { version: plan.version });
    return { planId: plan.id, environmentId: environment.id, versionId: version.id };
  });
});

/** Clicks a download button and returns the saved file's name and text. */
async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('exchange formats', () => {
  it('downloads the OSCAL component definition and the CycloneDX ML-BOM from the system page; explains an empty POA&M', async () => {
    const { context, page, errors } = await session(suite, OWNER);
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}`);
    await page.getByTestId('system-tab-exchange').click();
    await page.getByRole('heading', { level: 2, name: 'OSCAL-Komponentendefinition' }).waitFor();
    // The choices come with the matrix, which may still be loading when the heading shows.
    await page.getByTestId('exchange-catalog').locator('option[value="iso-42001"]').waitFor({ state: 'attached' });
    const catalogs = await page.getByTestId('exchange-catalog').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(catalogs).toContain('iso-42001');
    await page.getByTestId('exchange-catalog').selectOption('iso-42001');
    const component = await download(page, 'exchange-component-definition-download');
    expect(component.name).toMatch(/iso-42001-component-definition\.json$/);
    const definition = JSON.parse(component.text) as Record<string, any>;
    expect(Object.keys(definition)).toEqual(['component-definition']);
    expect(Object.keys(definition['component-definition'])).toEqual(expect.arrayContaining(['uuid', 'metadata', 'components']));
    expect(definition['component-definition'].components[0].title).toBe(SYSTEM);

    const bomFile = await download(page, 'exchange-cyclonedx-download');
    expect(bomFile.name).toBe('BWG.cdx.json');
    const bom = JSON.parse(bomFile.text) as Record<string, any>;
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(Object.keys(bom)).toEqual(expect.arrayContaining(['serialNumber', 'metadata', 'components']));
    expect(bom.components[0]).toMatchObject({ type: 'machine-learning-model', name: 'Whisper Verwaltung', version: '1.0' });
    await page.getByTestId('exchange-cyclonedx-download-done').waitFor();

    await page.getByTestId('exchange-poam-download').click();
    await page.getByTestId('exchange-poam-download-problem').getByText('Für dieses System ist nichts offen').waitFor();
    await expectAccessible(page, 'exchange tab');
    await page.screenshot({ path: '/tmp/konform-exchange-system.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes a Hugging Face model card over into a model version and shows what was taken; exports a card', async () => {
    const { context, page, errors } = await session(suite, OWNER);
    await page.goto(`${suite.server.baseUrl}/models/${modelId}`);
    const exchange = page.getByTestId('model-card-exchange');
    await exchange.waitFor();
    await exchange.getByTestId('model-card-import-file').setInputFiles({ name: 'README.md', mimeType: 'text/markdown', buffer: Buffer.from(CARD) });
    await exchange.getByTestId('model-card-import-submit').click();
    const taken = page.getByTestId('model-card-taken');
    await taken.waitFor();
    expect(await page.getByTestId('model-card-taken-license').textContent()).toContain('apache-2.0');
    expect(await page.getByTestId('model-card-taken-base_model').textContent()).toContain('openai/whisper-large-v3');
    expect(await page.getByTestId('model-card-taken-datasets').textContent()).toContain('mozilla-foundation/common_voice_16_1');
    expect(await page.getByTestId('model-card-results').textContent()).toContain('Test WER');
    expect(await page.getByTestId('model-card-results').textContent()).toContain('6.84');
    expect(await page.getByTestId('model-card-ignored').textContent()).toContain('tags');
    await page.getByText('Die Lizenz wurde in die Version eingetragen.').waitFor();
    await expectAccessible(page, 'model card import result');
    await page.screenshot({ path: '/tmp/konform-exchange-model-card.png', fullPage: true });

    const card = await download(page, 'model-card-export');
    expect(card.name).toBe('Whisper-Verwaltung-1.0.README.md');
    expect(card.text.startsWith('---\n')).toBe(true);
    expect(card.text).toContain('license: apache-2.0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports a CycloneDX BOM on the models register and lists the created model and dataset', async () => {
    const { context, page, errors } = await session(suite, OWNER);
    await page.goto(`${suite.server.baseUrl}/models`);
    await page.getByTestId('cyclonedx-import-open').click();
    const dialog = page.getByRole('dialog', { name: 'CycloneDX-BOM importieren' });
    await dialog.getByTestId('cyclonedx-import-unit').selectOption(unitId);
    await dialog.getByTestId('cyclonedx-import-file').setInputFiles({ name: 'bom.json', mimeType: 'application/json', buffer: shared('interchange/ml-bom-1.7-sample.json') });
    await dialog.getByTestId('cyclonedx-import-submit').click();
    const result = dialog.getByTestId('cyclonedx-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('CycloneDX 1.7: 2 Einträge übernommen');
    expect(await dialog.getByTestId('cyclonedx-item-components.0').textContent()).toContain('CompVis/stable-diffusion');
    expect(await dialog.getByTestId('cyclonedx-item-components.0').textContent()).toContain('angelegt');
    await expectAccessible(page, 'cyclonedx import result');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an auditor imports OSCAL assessment results into an audit: a malformed file names the path, the real one creates the finding', async () => {
    const { context, page, errors } = await session(suite, AUDITOR);
    await page.goto(`${suite.server.baseUrl}/audits/${auditId}`);
    const section = page.getByTestId('audit-exchange');
    await section.waitFor();
    const example = JSON.parse(shared('oscal/content/ifa_assessment-results-example.json').toString('utf8'));
    const broken = structuredClone(example);
    delete broken['assessment-results'].results[0].findings[0].target;
    await section.getByTestId('audit-oscal-import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await section.getByTestId('audit-oscal-import-submit').click();
    const problem = page.getByTestId('audit-oscal-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('$.assessment-results.results[0].findings[0]');
    await expectAccessible(page, 'audit import problem');

    await section.getByTestId('audit-oscal-import-file').setInputFiles({ name: 'results.json', mimeType: 'application/json', buffer: shared('oscal/content/ifa_assessment-results-example.json') });
    await section.getByTestId('audit-oscal-import-submit').click();
    const result = page.getByTestId('audit-oscal-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('1 Feststellung aus „IFA GoodRead Continuous Monitoring Assessment Results June 2023“ angelegt');
    await result.getByText("GoodRead AwesomeCloud Account's System Engineer Role Permits High Risk Actions").waitFor();
    await page.screenshot({ path: '/tmp/konform-exchange-audit.png', fullPage: true });

    const exported = await download(page, 'audit-oscal-export');
    const doc = JSON.parse(exported.text) as Record<string, any>;
    expect(Object.keys(doc)).toEqual(['assessment-results']);
    expect(JSON.stringify(doc)).toContain('System Engineer Role Permits High Risk Actions');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an operator records a run from an Inspect log (JSON) in the run dialog', async () => {
    const { context, page, errors } = await session(suite, OPERATOR);
    await page.goto(`${suite.server.baseUrl}/lab/plans/${lab.planId}`);
    await page.getByTestId('lab-plan-record-run').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Aus Datei importieren').click();
    const form = drawer.getByTestId('lab-run-import');
    await form.waitFor();
    expect(await form.getByTestId('lab-run-import-format').inputValue()).toBe('inspect');
    const formats = await form.getByTestId('lab-run-import-format').locator('option').allTextContents();
    expect(formats).toEqual(['JUnit-XML', 'lm-evaluation-harness (JSON)', 'Inspect-Log (JSON)']);
    await form.getByTestId('lab-run-import-environment').selectOption(lab.environmentId);
    await form.getByTestId(`lab-run-import-item-${lab.versionId}`).check();
    await form.getByTestId('lab-run-import-form-file').setInputFiles({ name: 'inspect.json', mimeType: 'application/json', buffer: shared('lab/inspect-ai-log.json') });
    await expectAccessible(page, 'run import form');
    await form.getByTestId('lab-run-import-form-submit').click();
    await page.waitForURL(/\/lab\/runs\/[0-9a-f-]{36}$/);
    await page.getByText('Inspect (UK AISI)').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
