import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
const UNIT = 'Referat KI-Prüflabor (Übersicht)';
const LEAD = { email: 'ulla.uebersicht@e2e.example', displayName: 'Ulla Übersicht', password: 'Uebersicht-Passwort-2026!' };
const SYSTEM = 'Spracherkennung Außenstelle';
const PLAN = 'Abnahme Spracherkennung';
const ENV_DUE = 'CPU-Knoten ohne Verifizierung';
const METHOD_DUE = 'Robustheit (noch nicht validiert)';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
let runIds: string[] = [];
let gateId = '';

beforeAll(async () => {
  const { unitId, leadId, systemId } = await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'KI 6' });
    const lead = await post<{ id: string }>('/users', { ...LEAD, roles: [{ orgUnitId: unit.id, role: 'lab' }] });
    const system = await post<{ id: string }>('/systems', { name: SYSTEM, purpose: 'Transkribiert Gespräche der Außenstelle.', orgUnitId: unit.id, roles: ['deployer'] });
    return { unitId: unit.id, leadId: lead.id, systemId: system.id };
  });

  // The lab lead records what the dashboard counts, through the same API a pipeline uses.
  const { context, page } = await session(suite, LEAD);
  const { post } = await apiFor(page, suite.server.baseUrl);
  const model = await post<{ id: string }>('/models', { name: 'Whisper large-v3', kind: 'speech-recognition', orgUnitId: unitId });
  const mv = await post<{ id: string; manifestDigest: string }>(`/models/${model.id}/versions`, { label: '1.0', receivedOn: '2026-11-02', manifest: [{ path: 'model.safetensors', sha256: sha('m') }] });
  const dataset = await post<{ id: string }>('/datasets', { name: 'Prüfkorpus Außenstelle', kind: 'audio', orgUnitId: unitId });
  const dv = await post<{ id: string; manifestDigest: string }>(`/datasets/${dataset.id}/versions`, { label: '2026-11', receivedOn: '2026-11-03', manifest: [{ path: 'audio.tar', sha256: sha('d') }], personalData: false });
  const method = await post<{ id: string }>('/lab/methods', {
    orgUnitId: unitId, name: 'Wortfehlerrate', harness: 'own-script', harnessVersion: '1.0', configuration: { task: 'asr_de', metrics: [{ name: 'wer', unit: '%', higherIsBetter: false }] },
  });
  await post(`/lab/methods/${method.id}/validations`, { result: 'passed', report: 'Vergleich mit dem Referenzskript' });
  await post(`/lab/methods/${method.id}/authorisations`, { userId: leadId });
  await post('/lab/methods', { orgUnitId: unitId, name: METHOD_DUE, harness: 'inspect', harnessVersion: '0.3', configuration: { task: 'noise', metrics: [{ name: 'wer', unit: '%', higherIsBetter: false }] } });
  const env = await post<{ id: string }>('/lab/environments', { orgUnitId: unitId, name: 'GPU-Prüfstand Außenstelle', hardware: { gpuModel: 'NVIDIA L40S', gpuCount: 2 }, driverVersion: '550.54' });
  await post(`/lab/environments/${env.id}/verifications`, { referenceRun: 'golden-run', metric: 'wer', expectedValue: 8, measuredValue: 8.05, tolerance: 0.1 });
  await post('/lab/environments', { orgUnitId: unitId, name: ENV_DUE });
  const plan = await post<{ id: string; version: number }>('/lab/plans', {
    systemId, name: PLAN, cases: [{ key: 'TC-01', name: 'Wortfehlerrate deutsch', metric: 'wer', comparator: '<=', threshold: 12, unit: '%', decisionRule: 'conservative-bound', methodId: method.id }],
  });
  await post(`/lab/plans/${plan.id}/fix`, { version: plan.version });
  const run = (startedAt: Date, wer: number) =>
    post<{ id: string }>('/lab/runs', {
      planId: plan.id, methodId: method.id, environmentId: env.id, seed: 42,
      items: [{ type: 'model', versionId: mv.id, manifestDigest: mv.manifestDigest }, { type: 'dataset', versionId: dv.id, manifestDigest: dv.manifestDigest }],
      startedAt: startedAt.toISOString(), endedAt: new Date(startedAt.getTime() + 30_000).toISOString(),
      results: [{ metric: 'wer', value: wer, ciLower: wer - 0.4, ciUpper: wer + 0.4, sampleSize: 800, unit: '%' }],
    });
  // One week ago (the previous ISO week, whatever the day), and a minute ago (the current week).
  runIds = [(await run(new Date(Date.now() - 7 * 86_400_000), 9.8)).id, (await run(new Date(Date.now() - 60_000), 12.2)).id];
  gateId = (await post<{ id: string }>('/lab/gates', { systemId, planId: plan.id, title: 'Freigabe zum Betrieb' })).id;
  await context.close();
});

describe('test lab: dashboard and reports', () => {
  it('shows the figures of the recorded runs, gates, environments and methods, each also as text', async () => {
    const { context, page, errors } = await session(suite, LEAD);
    await page.getByRole('link', { name: 'Prüflabor', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Übersicht des Prüflabors' }).waitFor();
    await page.getByTestId('lab-dashboard-unit').selectOption({ label: UNIT });
    await page.getByTestId('lab-figure-runs').getByText('2', { exact: true }).waitFor();

    await expect(page.getByTestId('lab-figure-pass-rate').textContent()).resolves.toMatch(/50\s?%.*1 von 2 bestanden/);
    await expect(page.getByTestId('lab-figure-open-gates').textContent()).resolves.toContain('1');
    await expect(page.getByTestId('lab-figure-environments').textContent()).resolves.toContain('1');
    await expect(page.getByTestId('lab-figure-methods').textContent()).resolves.toContain('1');

    // Runs per week: the chart has a text alternative, the table every number (current week first).
    await page.getByRole('img', { name: /Balkendiagramm der Prüfläufe je Kalenderwoche/ }).waitFor();
    const weeks = page.getByTestId('lab-dashboard-weeks').locator('tbody tr');
    await expect(weeks.count()).resolves.toBe(12);
    await expect(weeks.nth(0).locator('td').allTextContents()).resolves.toEqual([expect.any(String), '1', '0', '1', '0']);
    await expect(weeks.nth(1).locator('td').allTextContents()).resolves.toEqual([expect.any(String), '1', '1', '0', '0']);

    const subjects = page.getByTestId('lab-dashboard-subjects');
    await subjects.getByRole('link', { name: SYSTEM }).waitFor();
    await subjects.getByRole('progressbar', { name: `Bestehensquote von ${SYSTEM}: 50 %` }).waitFor();

    const gate = page.getByTestId(`lab-dashboard-gate-${gateId}`);
    await gate.getByRole('link', { name: /Freigabeprüfung 1: Freigabe zum Betrieb/ }).waitFor();
    await gate.getByText(/von 5 Prüfungen nicht erfüllt/).waitFor();
    await page.getByTestId('lab-dashboard-environments').getByRole('link', { name: ENV_DUE }).waitFor();
    await page.getByTestId('lab-dashboard-environments').getByText('noch nie verifiziert', { exact: false }).waitFor();
    await page.getByTestId('lab-dashboard-methods').getByRole('link', { name: METHOD_DUE }).waitFor();
    const latest = page.getByTestId('lab-dashboard-latest');
    await latest.getByText('Nicht bestanden').waitFor();
    await latest.getByText('Bestanden', { exact: true }).waitFor();
    await expectAccessible(page, 'lab dashboard');
    await page.screenshot({ path: '/tmp/konform-lab-dashboard.png', fullPage: true });

    // Into the lists: an environment that is due.
    await page.getByTestId('lab-dashboard-environments').getByRole('link', { name: ENV_DUE }).click();
    await page.getByRole('heading', { level: 1, name: ENV_DUE }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('downloads a run’s test report as PDF and DOCX from the run’s page, and shows the dashboard in English', async () => {
    const { context, page, errors } = await session(suite, LEAD);
    await page.getByRole('link', { name: 'Prüflabor', exact: true }).click();
    await page.getByTestId('lab-dashboard-latest').getByRole('link', { name: 'Prüflauf 1' }).click();
    const download = page.getByTestId('lab-report-run');
    await download.waitFor();
    await expectAccessible(page, 'run page with the report download');
    for (const [format, type, name] of [['pdf', 'application/pdf', 'konform-pruefbericht-lauf-1.pdf'], ['docx', 'wordprocessingml', 'konform-test-report-run-1.docx']] as const) {
      if (format === 'docx') await page.getByTestId('lab-report-run-locale').selectOption('en');
      const link = page.getByRole('link', { name: format === 'pdf' ? 'Prüfbericht als PDF herunterladen' : 'Prüfbericht als DOCX herunterladen' });
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toBe(`/api/lab/runs/${runIds[0]}/report?format=${format}&locale=${format === 'pdf' ? 'de' : 'en'}`);
      const response = await page.request.get(`${suite.server.baseUrl}${href}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain(type);
      expect(response.headers()['content-disposition']).toContain(name);
      expect(response.headers()['x-content-type-options']).toBe('nosniff');
      const body = Buffer.from(await response.body());
      expect(body.subarray(0, format === 'pdf' ? 5 : 2).toString()).toBe(format === 'pdf' ? '%PDF-' : 'PK');
    }
    const english = await page.request.get(`${suite.server.baseUrl}/api/lab/runs/${runIds[1]}/report?format=md&locale=en`);
    const text = await english.text();
    expect(text).toContain('Test report');
    expect(text).toContain('Overall verdict | fail');

    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('link', { name: 'Test lab', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Test lab overview' }).waitFor();
    await page.getByTestId('lab-dashboard-latest').getByText('Failed').waitFor();
    await page.getByText('1 of 2 passed').waitFor();
    await expectAccessible(page, 'lab dashboard in English');
    await page.screenshot({ path: '/tmp/konform-lab-dashboard-en.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
