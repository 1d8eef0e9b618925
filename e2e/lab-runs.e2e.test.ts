import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Test runs (#8 point 5): a pipeline posts the real lm-evaluation-harness results file with an API token limited to the
 * system; the run page shows the verdicts per case, the missing case, the raw file and the evidence it became; an
 * amendment with a reason replaces it (the old run stays, marked as replaced); a run is recorded by hand from the plan.
 */
const suite = useSuite();
const UNIT = 'Referat KI-Prüflabor (Prüfläufe)';
const OPERATOR = { email: 'paula.pruefer@e2e.example', displayName: 'Paula Prüfer', password: 'Pruefer-Passwort-2026!' };
const SYSTEM = 'Assistenz Bürgeranfragen';
const PLAN = 'Abnahme Sprachmodell BEEP';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const LM_EVAL = readFileSync(new URL('../packages/server/test/fixtures/lab/lm-eval-harness-results-gpt2.json', import.meta.url), 'utf8');
let ids: { planId: string; methodId: string; environmentId: string; systemId: string; versionId: string; digest: string };

beforeAll(async () => {
  ids = await asAdmin(suite, async ({ post, put }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'KI 7' });
    const operator = await post<{ id: string }>('/users', { ...OPERATOR, roles: [{ orgUnitId: unit.id, role: 'lab' }] });
    const method = await post<{ id: string }>('/lab/methods', {
      orgUnitId: unit.id, name: 'BEEP Zero-Shot', harness: 'lm-evaluation-harness', harnessVersion: '9126f613', configuration: { task: 'beep', metrics: [{ name: 'acc', unit: '', higherIsBetter: true }] },
    });
    await post(`/lab/methods/${method.id}/validations`, { result: 'passed', report: 'Wiederholbarkeit über drei Seeds geprüft.' });
    await post(`/lab/methods/${method.id}/authorisations`, { userId: operator.id });
    const environment = await post<{ id: string }>('/lab/environments', { orgUnitId: unit.id, name: 'GPU-Knoten Bonn 3', containerDigest: `sha256:${'7e'.repeat(32)}` });
    await post(`/lab/environments/${environment.id}/verifications`, { referenceRun: 'Referenzlauf R-07', expectedValue: 0.52, measuredValue: 0.519, tolerance: 0.005 });
    const system = await post<{ id: string }>('/systems', { name: SYSTEM, purpose: 'Beantwortet Anfragen von Bürgerinnen und Bürgern.', orgUnitId: unit.id, roles: ['deployer'] });
    const model = await post<{ id: string }>('/models', { name: 'GPT-2 (Prüfling)', kind: 'llm', orgUnitId: unit.id });
    const version = await post<{ id: string; manifestDigest: string }>(`/models/${model.id}/versions`, { label: 'main-607a30d', receivedOn: '2026-11-02', manifest: [{ path: 'model.safetensors', sha256: sha('gpt2') }] });
    await put(`/systems/${system.id}/models`, { version: 0, items: [{ type: 'model', versionId: version.id, role: 'in-operation' }] });
    const plan = await post<{ id: string; version: number }>('/lab/plans', {
      systemId: system.id, name: PLAN,
      cases: [
        { key: 'TC-01', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.5, methodId: method.id, requirementKeys: ['eu-ai-act:art-15-1'] },
        { key: 'TC-02', name: 'Genauigkeit, ungünstige Grenze', metric: 'beep/acc', comparator: '>=', threshold: 0.505, decisionRule: 'conservative-bound', methodId: method.id },
        { key: 'TC-03', name: 'Normierte Genauigkeit', metric: 'acc_norm', comparator: '>=', threshold: 0.5, methodId: method.id, mandatory: false },
      ],
    });
    await post(`/lab/plans/${plan.id}/fix`, { version: plan.version });
    return { planId: plan.id, methodId: method.id, environmentId: environment.id, systemId: system.id, versionId: version.id, digest: version.manifestDigest };
  });
});

describe('test lab: test runs', () => {
  it('takes a run from a pipeline by API token, shows its verdicts and evidence, and corrects it by an amendment', async () => {
    const { context, page, errors } = await session(suite, OPERATOR);
    const base = suite.server.baseUrl;

    // The pipeline: a token limited to the system, the real results file of the harness
    const api = await apiFor(page, base);
    const token = await api.post<{ token: string }>('/tokens', { name: 'CI Bürgeranfragen', expiresInDays: 7, permissions: ['lab.read', 'lab.run'], systemIds: [ids.systemId] });
    const query = `format=lm-eval&planId=${ids.planId}&methodId=${ids.methodId}&environmentId=${ids.environmentId}&item=model:${ids.versionId}:${ids.digest}`;
    const posted = await fetch(`${base}/api/lab/runs?${query}`, { method: 'POST', headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' }, body: LM_EVAL });
    expect(posted.status).toBe(201);
    const run = (await posted.json()) as { id: string; number: number; verdict: string; unmatchedMetrics: string[] };
    expect(run).toMatchObject({ verdict: 'fail', unmatchedMetrics: [] });

    // The run page: verdicts per case, the case without a result, the items, the raw file, the evidence
    await page.goto(`${base}/lab/runs/${run.id}`);
    await page.getByRole('heading', { level: 1, name: `Prüflauf ${run.number}` }).waitFor();
    await page.getByTestId('lab-run-verdict').getByText('Nicht bestanden').waitFor();
    await page.getByTestId('lab-run-result-TC-01').locator('[data-verdict="pass"]').waitFor();
    await page.getByTestId('lab-run-result-TC-02').locator('[data-verdict="fail"]').waitFor();
    await expect(page.getByTestId('lab-run-result-TC-01').textContent()).resolves.toMatch(/0,519178082192.*beep\/acc.*SE 0,009247689844.*n = 2920.*acc ≥/s);
    await expect(page.getByTestId('lab-run-result-TC-02').textContent()).resolves.toContain('Ungünstige Grenze des Konfidenzintervalls');
    await expect(page.getByTestId('lab-run-missing').textContent()).resolves.toContain('TC-03 Normierte Genauigkeit');
    await expect(page.getByTestId('lab-run-facts').textContent()).resolves.toMatch(/random_seed=0.*lm-evaluation-harness/s);
    await page.getByTestId('lab-run-items').getByText('Stimmt überein').waitFor();
    await page.getByRole('link', { name: `run-${run.number}-lm-eval.json herunterladen` }).waitFor();
    await page.getByText('Alle übermittelten Metriken wurden einem Prüffall zugeordnet.').waitFor();
    await expectAccessible(page, 'run page (failed)');
    await page.screenshot({ path: '/tmp/konform-lab-run.png', fullPage: true });

    // The evidence it became points back to the run
    await page.getByTestId('lab-run-evidence-link').click();
    await page.getByRole('heading', { level: 1, name: `Prüflauf ${run.number}: ${PLAN} – 1 von 2 Prüffällen bestanden` }).waitFor();
    await page.getByTestId('evidence-lab-run').click();
    await page.getByRole('heading', { level: 1, name: `Prüflauf ${run.number}` }).waitFor();

    // An amendment: the reason is required, the values come prefilled
    await page.getByTestId('lab-run-amend').click();
    const amend = page.getByRole('dialog', { name: `Nachtrag zu Prüflauf ${run.number}` });
    await expect(amend.getByTestId('lab-run-amend-results-value-0').inputValue()).resolves.toBe('0,5191780821917809');
    await amend.getByTestId('lab-run-amend-reason').fill('zu kurz');
    await amend.getByTestId('lab-run-amend-submit').click();
    await amend.getByText('Bitte den Grund in mindestens 10 Zeichen angeben.').waitFor();
    await expectAccessible(page, 'amendment dialog');
    await amend.getByTestId('lab-run-amend-reason').fill('Standardfehler falsch übertragen; Bootstrap mit 100 000 Wiederholungen ergibt 0,001.');
    await amend.getByTestId('lab-run-amend-results-stdError-1').fill('0,001');
    await amend.getByTestId('lab-run-amend-submit').click();
    await page.getByRole('heading', { level: 1, name: `Prüflauf ${run.number + 1}` }).waitFor();
    await page.getByTestId('lab-run-verdict').getByText('Bestanden').waitFor();
    await page.getByTestId('lab-run-amends').getByText(`Nachtrag zu Prüflauf ${run.number}. Grund: Standardfehler falsch übertragen`, { exact: false }).waitFor();
    await expect(page.getByTestId('lab-run-chain').textContent()).resolves.toMatch(new RegExp(`Prüflauf ${run.number}.*ursprünglich.*Prüflauf ${run.number + 1}`, 's'));
    await expectAccessible(page, 'run page (amendment)');

    // The old run stays as it was, marked as replaced, and can no longer be amended
    await page.getByTestId('lab-run-amends').getByRole('link').click();
    await page.getByTestId('lab-run-superseded').getByText(`durch den Nachtrag Prüflauf ${run.number + 1} ersetzt`, { exact: false }).waitFor();
    await page.getByTestId('lab-run-verdict').getByText('Nicht bestanden').waitFor();
    await expect(page.getByTestId('lab-run-amend').count()).resolves.toBe(0);

    // The list: both runs, or only the valid one
    await page.goto(`${base}/lab?tab=runs`);
    await page.getByTestId(`lab-run-row-${run.id}`).getByText(`durch Prüflauf ${run.number + 1} ersetzt`).waitFor();
    await expectAccessible(page, 'runs tab');
    // The filter lives in the address: the box is checked once the page re-renders, so click rather than check.
    await page.getByTestId('lab-run-current').click();
    await page.getByTestId(`lab-run-row-${run.id}`).waitFor({ state: 'detached' });
    await page.getByTestId('lab-run-verdict-filter').selectOption('pass');
    await expect(page.getByTestId('lab-run-table').locator('tbody tr').count()).resolves.toBe(1);
    await page.screenshot({ path: '/tmp/konform-lab-runs.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('records a run by hand from the plan page', async () => {
    const { context, page, errors } = await session(suite, OPERATOR);
    await page.goto(`${suite.server.baseUrl}/lab/plans/${ids.planId}`);
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    await page.getByTestId('lab-plan-record-run').click();
    const drawer = page.getByRole('dialog', { name: 'Prüflauf von Hand erfassen' });
    await drawer.getByTestId('lab-run-manual-results-value-0').waitFor();
    await drawer.getByTestId('lab-run-manual-submit').click();
    await drawer.getByText('Mindestens ein Messwert ist nötig.').waitFor();
    await expectAccessible(page, 'manual run drawer');
    await drawer.getByTestId('lab-run-manual-environment').selectOption({ label: 'GPU-Knoten Bonn 3 – Verifiziert' });
    await drawer.getByLabel('Modellversion: GPT-2 (Prüfling) main-607a30d').check();
    await drawer.getByTestId('lab-run-manual-started').fill('2026-11-20T09:00');
    await drawer.getByTestId('lab-run-manual-ended').fill('2026-11-20T09:30');
    await drawer.getByTestId('lab-run-manual-results-value-0').fill('0,61');
    await drawer.getByTestId('lab-run-manual-results-value-1').fill('0,6');
    await drawer.getByTestId('lab-run-manual-results-ciLower-1').fill('0,58');
    await drawer.getByTestId('lab-run-manual-results-ciUpper-1').fill('0,62');
    await drawer.getByTestId('lab-run-manual-submit').click();
    await page.getByTestId('lab-run-verdict').getByText('Bestanden').waitFor();
    await expect(page.getByTestId('lab-run-facts').textContent()).resolves.toContain('Von Hand erfasst');
    await expect(page.getByTestId('lab-run-result-TC-02').textContent()).resolves.toContain('KI 0,58 – 0,62');
    await page.getByText('Keine Rohdaten (von Hand erfasst).').waitFor();
    await expectAccessible(page, 'run recorded by hand');

    // In English
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByTestId('lab-run-verdict').getByText('Passed').waitFor();
    await page.getByRole('heading', { name: 'Results per test case' }).waitFor();
    await expectAccessible(page, 'run page in English');
    await page.screenshot({ path: '/tmp/konform-lab-run-en.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
