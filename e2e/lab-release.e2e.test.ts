import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * The whole lab flow (#8): a model version registered in the UI, a plan fixed, a run posted by a pipeline with an API
 * token, its verdicts on the run page, a release gate opened, signed by the lab and by the coordination (two people,
 * two browser contexts), the released banner, and the gate's test report as PDF.
 */
const suite = useSuite();
const UNIT = 'Referat KI-Prüflabor (Freigabe)';
const LAB = { email: 'lars.labor@e2e.example', displayName: 'Lars Labor', password: 'Labor-Passwort-2026!' };
const GOV = { email: 'greta.koordination@e2e.example', displayName: 'Greta Koordination', password: 'Koordination-Passwort-2026!' };
const SYSTEM = 'Transkription Bürgertelefon (Freigabe)';
const UNTESTED = 'Übersetzung Schriftverkehr';
const MODEL = 'Whisper large-v3 (Freigabe)';
const METHOD = 'Genauigkeit Transkription';
const ENVIRONMENT = 'GPU-Knoten Bonn 2';
const PLAN = 'Abnahme vor dem Betrieb';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const FILES = [
  { path: 'model.safetensors', sha256: sha('gewichte-freigabe') },
  { path: 'config.json', sha256: sha('{"arch":"whisper","v":3}') },
];
let systemId = '';
let methodId = '';
let environmentId = '';
/** A second system with a fixed plan but no run yet: its gate cannot be released. */
let untestedSystem = '';

beforeAll(async () => {
  ({ systemId, methodId, environmentId, untestedSystem } = await asAdmin(suite, async ({ post, put }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'KI 6' });
    const lab = await post<{ id: string }>('/users', { ...LAB, roles: [{ orgUnitId: unit.id, role: 'lab' }] });
    await post('/users', { ...GOV, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    const method = await post<{ id: string }>('/lab/methods', {
      orgUnitId: unit.id, name: METHOD, harness: 'own-script', harnessVersion: '2.1.0', configuration: { task: 'asr_de', metrics: [{ name: 'acc', unit: '', higherIsBetter: true }] },
    });
    await post(`/lab/methods/${method.id}/validations`, { result: 'passed', report: 'Gegen 50 ausgezählte Aufnahmen geprüft.' });
    await post(`/lab/methods/${method.id}/authorisations`, { userId: lab.id });
    const environment = await post<{ id: string }>('/lab/environments', { orgUnitId: unit.id, name: ENVIRONMENT, containerDigest: `sha256:${'6d'.repeat(32)}` });
    await post(`/lab/environments/${environment.id}/verifications`, { referenceRun: 'Referenzlauf R-01', expectedValue: 0.91, measuredValue: 0.912, tolerance: 0.005 });
    const system = await post<{ id: string }>('/systems', { name: SYSTEM, purpose: 'Transkribiert Anrufe am Bürgertelefon.', orgUnitId: unit.id, roles: ['deployer'] });
    const untested = await post<{ id: string }>('/systems', { name: UNTESTED, purpose: 'Übersetzt Schriftverkehr.', orgUnitId: unit.id, roles: ['deployer'] });
    const model = await post<{ id: string }>('/models', { name: 'Übersetzungsmodell', kind: 'translation', orgUnitId: unit.id });
    const version = await post<{ id: string }>(`/models/${model.id}/versions`, { label: '1.0', receivedOn: '2026-11-01', manifest: [{ path: 'weights.bin', sha256: sha('uebersetzung') }] });
    await put(`/systems/${untested.id}/models`, { version: 0, items: [{ type: 'model', versionId: version.id, role: 'in-operation' }] });
    const plan = await post<{ id: string; version: number }>('/lab/plans', {
      systemId: untested.id, name: 'Abnahme Übersetzung', cases: [{ key: 'TC-01', name: 'Übersetzungsgüte', metric: 'acc', comparator: '>=', threshold: 0.8, methodId: method.id }],
    });
    await post(`/lab/plans/${plan.id}/fix`, { version: plan.version });
    return { systemId: system.id, methodId: method.id, environmentId: environment.id, untestedSystem: untested.id };
  }));
});

describe('test lab: from a model version to a signed release', () => {
  it('registers, plans, records a run by token, opens a gate, and releases it with the lab and the coordination', async () => {
    const lab = await session(suite, LAB);
    const { page } = lab;
    const base = suite.server.baseUrl;

    // A model version registered in the registry
    await page.getByRole('link', { name: 'Modelle & Datensätze', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Modelle & Datensätze' }).waitFor();
    await page.getByTestId('model-create').click();
    const itemForm = page.getByRole('dialog', { name: 'Modell erfassen' });
    await itemForm.getByTestId('item-form-name').fill(MODEL);
    await itemForm.getByTestId('item-form-kind').selectOption('speech-recognition');
    await itemForm.getByTestId('item-form-unit').selectOption({ label: UNIT });
    await itemForm.getByTestId('item-form-submit').click();
    await page.getByRole('heading', { level: 1, name: MODEL }).waitFor();
    const modelId = page.url().split('/').pop()!;
    await page.getByTestId('version-create').click();
    const versionForm = page.getByRole('dialog', { name: `Neue Version von „${MODEL}“` });
    await versionForm.getByTestId('version-form-label').fill('v3-2026-12');
    await versionForm.getByTestId('version-form-manifest').fill(FILES.map((f) => `${f.sha256}  ${f.path}`).join('\n'));
    await versionForm.getByTestId('version-form-submit').click();
    const card = page.getByTestId('version-v3-2026-12');
    await card.waitFor();
    const digest = (await card.getByTestId('version-digest').textContent())!.trim();
    await expectAccessible(page, 'model with its version');

    // The system uses the version in operation
    const api = await apiFor(page, base);
    const versions = (await (await page.request.get(`${base}/api/models/${modelId}/versions`)).json()) as { items: { id: string; label: string }[] };
    const versionId = versions.items.find((v) => v.label === 'v3-2026-12')!.id;
    await api.put(`/systems/${systemId}/models`, { version: 0, items: [{ type: 'model', versionId, role: 'in-operation' }] });

    // A plan with one mandatory case, fixed
    await page.getByRole('link', { name: 'Prüflabor', exact: true }).click();
    await page.getByRole('tab', { name: 'Prüfpläne' }).click();
    await page.getByTestId('lab-plan-create').click();
    const planForm = page.getByRole('dialog', { name: 'Prüfplan anlegen' });
    await planForm.getByTestId('lab-plan-system').selectOption({ label: SYSTEM });
    await planForm.getByTestId('lab-plan-name').fill(PLAN);
    const kase = planForm.getByTestId('lab-plan-case-0');
    await kase.getByTestId('lab-plan-case-0-name').fill('Genauigkeit auf dem Prüfkorpus');
    await kase.getByTestId('lab-plan-case-0-method').selectOption({ label: `${METHOD} (2.1.0) · Validiert` });
    await kase.getByTestId('lab-plan-case-0-metric').fill('acc');
    await page.getByRole('option', { name: 'acc', exact: true }).click();
    await kase.getByTestId('lab-plan-case-0-comparator').selectOption('>=');
    await kase.getByTestId('lab-plan-case-0-threshold').fill('0,9');
    await planForm.getByTestId('lab-plan-submit').click();
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    const planId = page.url().split('/').pop()!;
    await page.getByTestId('lab-plan-fix').click();
    const fix = page.getByRole('dialog', { name: 'Prüfplan festlegen' });
    await fix.getByTestId('lab-plan-fix-submit').click();
    await fix.waitFor({ state: 'hidden' });
    await page.locator('[data-status="fixed"]').getByText('Festgelegt').waitFor();

    // A pipeline posts the run with an API token limited to the system
    const token = await api.post<{ token: string }>('/tokens', { name: 'CI Transkription', expiresInDays: 7, permissions: ['lab.read', 'lab.run'], systemIds: [systemId] });
    const now = Date.now();
    const posted = await fetch(`${base}/api/lab/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        planId, methodId, environmentId, seed: 1234, startedAt: new Date(now - 3_600_000).toISOString(), endedAt: new Date(now - 600_000).toISOString(),
        items: [{ type: 'model', versionId, manifestDigest: digest }],
        results: [{ metric: 'acc', value: 0.934, ciLower: 0.921, ciUpper: 0.946, sampleSize: 1200 }],
      }),
    });
    expect(posted.status).toBe(201);
    const run = (await posted.json()) as { id: string; number: number; verdict: string };
    expect(run.verdict).toBe('pass');

    // Its verdicts on the run page
    await page.goto(`${base}/lab/runs/${run.id}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Prüflauf ${run.number}`) }).waitFor();
    await page.locator('[data-verdict="pass"]').first().waitFor();
    await page.getByTestId('lab-run-result-TC-01').locator('[data-verdict="pass"]').waitFor();
    await expectAccessible(page, 'run page');

    // A release gate for the system against the plan: every check met
    await page.goto(`${base}/lab?tab=gates`);
    await page.getByText('Noch keine Freigabeprüfungen.').waitFor();
    await expectAccessible(page, 'release gates (empty)');
    await page.getByTestId('lab-gate-create').click();
    const gateForm = page.getByRole('dialog', { name: 'Freigabeprüfung anlegen' });
    await gateForm.getByTestId('lab-gate-submit').click();
    await gateForm.getByText('Pflichtangabe').first().waitFor();
    await gateForm.getByTestId('lab-gate-system').selectOption({ label: SYSTEM });
    await gateForm.getByTestId('lab-gate-plan').selectOption({ label: PLAN });
    await expectAccessible(page, 'gate drawer');
    await gateForm.getByTestId('lab-gate-submit').click();
    await page.getByRole('heading', { level: 1, name: /Freigabeprüfung \d+: Freigabe für den Betrieb/ }).waitFor();
    const gateUrl = page.url();
    const gateId = gateUrl.split('/').pop()!;
    await page.locator('[data-testid="lab-gate-banner"][data-state="open"]').getByText('Bereit zur Zeichnung').waitFor();
    for (const key of ['digests', 'mandatory-cases', 'regression', 'evidence', 'registration']) {
      await expect(page.getByTestId(`lab-gate-check-${key}`).getAttribute('data-passed')).resolves.toBe('true');
    }
    await expect(page.getByTestId('lab-gate-check-mandatory-cases').textContent()).resolves.toContain(`TC-01: bestanden in Prüflauf ${run.number}`);
    await page.getByTestId('lab-gate-check-regression').getByText('Erste Freigabe dieses Gegenstands').waitFor();
    await expect(page.getByTestId('lab-gate-case-TC-01').getByRole('link').getAttribute('href')).resolves.toBe(`/lab/runs/${run.id}`);
    await expectAccessible(page, 'gate detail (open)');
    await page.screenshot({ path: '/tmp/konform-lab-gate-open.png', fullPage: true });

    // The lab signs first; signing again is refused (four eyes)
    await page.getByTestId('lab-gate-sign').click();
    const signLab = page.getByRole('dialog', { name: /Freigabeprüfung \d+ zeichnen/ });
    await signLab.getByTestId('lab-gate-sign-comment').fill('Alle Pflicht-Prüffälle bestanden.');
    await expectAccessible(page, 'sign dialog');
    await signLab.getByTestId('lab-gate-sign-password').fill(LAB.password);
    await signLab.getByTestId('lab-gate-sign-submit').click();
    await signLab.waitFor({ state: 'hidden' });
    const labRow = page.getByTestId('lab-gate-signature-lab');
    await labRow.getByText(LAB.displayName, { exact: false }).waitFor();
    await expect(labRow.textContent()).resolves.toContain('Prüflabor');
    await page.getByTestId('lab-gate-missing-roles').getByText('KI-Koordinierung').waitFor();
    await page.getByTestId('lab-gate-sign').click();
    const again = page.getByRole('dialog', { name: /Freigabeprüfung \d+ zeichnen/ });
    await again.getByTestId('lab-gate-sign-password').fill(LAB.password);
    await again.getByTestId('lab-gate-sign-submit').click();
    await again.getByTestId('lab-gate-sign-refused').getByText('Nach dem Vier-Augen-Prinzip zeichnet eine zweite Person.', { exact: false }).waitFor();
    await expectAccessible(page, 'sign dialog refused');
    await again.getByRole('button', { name: 'Abbrechen' }).click();

    // The coordination signs in a browser of its own: released
    const gov = await session(suite, GOV);
    await gov.page.goto(gateUrl);
    await gov.page.getByTestId('lab-gate-sign').click();
    const signGov = gov.page.getByRole('dialog', { name: /Freigabeprüfung \d+ zeichnen/ });
    await signGov.getByTestId('lab-gate-sign-password').fill(GOV.password);
    await signGov.getByTestId('lab-gate-sign-submit').click();
    await signGov.waitFor({ state: 'hidden' });
    await gov.page.locator('[data-testid="lab-gate-banner"][data-state="released"]').getByText('Freigegeben', { exact: true }).waitFor();
    await gov.page.locator('[data-status="released"]').first().waitFor();
    await expect(gov.page.getByTestId('lab-gate-signature-governance').textContent()).resolves.toContain(GOV.displayName);
    await expect(gov.page.getByTestId('lab-gate-sign').count()).resolves.toBe(0);
    await expectAccessible(gov.page, 'gate detail (released)');
    await gov.page.screenshot({ path: '/tmp/konform-lab-gate-released.png', fullPage: true });

    // The lab sees the release, and downloads the gate's test report as PDF
    await page.reload();
    await page.locator('[data-testid="lab-gate-banner"][data-state="released"]').waitFor();
    const report = await page.request.get(`${base}/api/lab/gates/${gateId}/report?format=pdf&locale=de`);
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toContain('application/pdf');
    expect((await report.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await expect(page.getByTestId('lab-report-gate-pdf').getAttribute('href')).resolves.toContain(`/api/lab/gates/${gateId}/report?format=pdf`);

    // The list shows the release
    await page.goto(`${base}/lab?tab=gates`);
    await page.getByTestId(`lab-gate-row-${gateId}`).locator('[data-status="released"]').waitFor();
    await expectAccessible(page, 'release gates (one released)');

    expect(lab.errors).toEqual([]);
    expect(gov.errors).toEqual([]);
    await gov.context.close();
    await lab.context.close();
  });

  it('shows why a gate cannot be released, refuses the signature, and withdraws it with a reason', async () => {
    const { context, page, errors } = await session(suite, LAB);
    await page.goto(`${suite.server.baseUrl}/lab?tab=gates&systemId=${untestedSystem}`);
    await page.getByTestId('lab-gate-create').click();
    const form = page.getByRole('dialog', { name: 'Freigabeprüfung anlegen' });
    await expect(form.getByTestId('lab-gate-system').inputValue()).resolves.toBe(untestedSystem);
    await form.getByTestId('lab-gate-plan').selectOption({ label: 'Abnahme Übersetzung' });
    await form.getByTestId('lab-gate-submit').click();
    await page.locator('[data-testid="lab-gate-banner"][data-state="open"]').getByText('Nicht freigabefähig').waitFor();
    await expect(page.getByTestId('lab-gate-check-digests').getAttribute('data-passed')).resolves.toBe('false');
    await page.getByTestId('lab-gate-check-digests').getByText('Übersetzungsmodell 1.0: Kein zählender Prüflauf hat diese Version geprüft.').waitFor();
    await page.getByTestId('lab-gate-check-mandatory-cases').getByText('TC-01: Kein Prüflauf hat ein Ergebnis für diesen Pflicht-Prüffall.').waitFor();
    await expectAccessible(page, 'gate detail (not releasable)');
    await page.screenshot({ path: '/tmp/konform-lab-gate-failing.png', fullPage: true });

    await page.getByTestId('lab-gate-sign').click();
    const sign = page.getByRole('dialog', { name: /Freigabeprüfung \d+ zeichnen/ });
    await sign.getByTestId('lab-gate-sign-password').fill(LAB.password);
    await sign.getByTestId('lab-gate-sign-submit').click();
    await sign.getByTestId('lab-gate-sign-refused').getByText('Nicht alle Prüfungen sind erfüllt: Hashwerte der Prüfgegenstände, Pflicht-Prüffälle.').waitFor();
    await sign.getByRole('button', { name: 'Abbrechen' }).click();

    await page.getByTestId('lab-gate-withdraw').click();
    const withdraw = page.getByRole('dialog', { name: /Freigabeprüfung \d+ zurückziehen/ });
    await withdraw.getByTestId('lab-gate-withdraw-submit').click();
    await withdraw.getByText('Pflichtangabe').waitFor();
    await expectAccessible(page, 'withdraw dialog');
    await withdraw.getByTestId('lab-gate-withdraw-reason').fill('Noch kein Prüflauf; Freigabe später neu anlegen.');
    await withdraw.getByTestId('lab-gate-withdraw-submit').click();
    await page.locator('[data-testid="lab-gate-banner"][data-state="withdrawn"]').getByText('Noch kein Prüflauf; Freigabe später neu anlegen.', { exact: false }).waitFor();
    await expect(page.getByTestId('lab-gate-sign').count()).resolves.toBe(0);
    await expectAccessible(page, 'gate detail (withdrawn)');
    expect(errors).toEqual([]);
    await context.close();
  });
});
