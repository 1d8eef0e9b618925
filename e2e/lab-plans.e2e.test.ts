import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
const UNIT = 'Referat KI-Prüflabor (Pläne)';
const LEAD = { email: 'paula.plan@e2e.example', displayName: 'Paula Plan', password: 'Plan-Passwort-2026!' };
const READER = { email: 'rudi.revision@e2e.example', displayName: 'Rudi Revision', password: 'Revision-Passwort-2026!' };
const SYSTEM = 'Transkription Bürgertelefon';
const METHOD = 'Whisper-Abnahme (lm-eval)';
const DATASET = 'Prüfkorpus Telefon';
const PLAN = 'Abnahmeprüfung Transkription';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
let systemId = '';

beforeAll(async () => {
  systemId = await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'KI 5' });
    await post('/users', { ...LEAD, roles: [{ orgUnitId: unit.id, role: 'lab' }] });
    await post('/users', { ...READER, roles: [{ orgUnitId: unit.id, role: 'auditor' }] });
    await post('/lab/methods', {
      orgUnitId: unit.id, name: METHOD, harness: 'lm-evaluation-harness', harnessVersion: '0.4.5',
      configuration: { task: 'asr_de', metrics: [{ name: 'wer', unit: '%', higherIsBetter: false }, { name: 'attack_success_rate', unit: '%', higherIsBetter: false }] },
    });
    const dataset = await post<{ id: string }>('/datasets', { name: DATASET, kind: 'audio', orgUnitId: unit.id });
    await post(`/datasets/${dataset.id}/versions`, { label: '2026-11', receivedOn: '2026-11-01', manifest: [{ path: 'audio/0001.wav', sha256: sha('a') }], personalData: false });
    return (await post<{ id: string }>('/systems', { name: SYSTEM, purpose: 'Transkribiert Anrufe am Bürgertelefon.', orgUnitId: unit.id, roles: ['deployer'] })).id;
  });
});

describe('test lab: test plans', () => {
  it('drafts a plan with two cases in the drawer, fixes it and shows it read-only', async () => {
    const { context, page, errors } = await session(suite, LEAD);

    await page.getByRole('link', { name: 'Prüflabor', exact: true }).click();
    await page.getByRole('tab', { name: 'Prüfpläne' }).click();
    await page.getByText('Noch keine Prüfpläne.').waitFor();
    await expectAccessible(page, 'test plans (empty)');

    // A new plan for the system, with two cases
    await page.getByTestId('lab-plan-create').click();
    const drawer = page.getByRole('dialog', { name: 'Prüfplan anlegen' });
    await drawer.getByTestId('lab-plan-system').selectOption({ label: SYSTEM });
    await drawer.getByTestId('lab-plan-name').fill(PLAN);
    const first = drawer.getByTestId('lab-plan-case-0');
    await expect(first.getByTestId('lab-plan-case-0-key').inputValue()).resolves.toBe('TC-01');
    await first.getByTestId('lab-plan-case-0-name').fill('Wortfehlerrate Telefonmitschnitte');
    await first.getByTestId('lab-plan-case-0-method').selectOption({ label: `${METHOD} (0.4.5) · Nicht validiert` });
    await first.getByTestId('lab-plan-case-0-metric').fill('wer');
    await page.getByRole('option', { name: 'wer', exact: true }).click();
    // The method's metric brings its unit and direction.
    await expect(first.getByTestId('lab-plan-case-0-unit').inputValue()).resolves.toBe('%');
    await expect(first.getByTestId('lab-plan-case-0-comparator').inputValue()).resolves.toBe('<=');
    await first.getByTestId('lab-plan-case-0-threshold').fill('zwölf');
    await first.getByTestId('lab-plan-case-0-rule').selectOption('conservative-bound');
    await first.getByRole('combobox', { name: 'Datensatz', exact: true }).selectOption({ label: DATASET });
    await first.getByRole('combobox', { name: 'Datensatzversion' }).selectOption({ label: '2026-11' });

    await drawer.getByTestId('lab-plan-add-case').click();
    const second = drawer.getByTestId('lab-plan-case-1');
    await expect(second.getByTestId('lab-plan-case-1-key').inputValue()).resolves.toBe('TC-02');
    await second.getByTestId('lab-plan-case-1-name').fill('Prompt-Injection-Suite');
    await second.getByTestId('lab-plan-case-1-method').selectOption({ label: `${METHOD} (0.4.5) · Nicht validiert` });
    await second.getByTestId('lab-plan-case-1-metric').fill('attack_success_rate');
    await second.getByTestId('lab-plan-case-1-comparator').selectOption('<=');
    await second.getByTestId('lab-plan-case-1-threshold').fill('2');
    await second.getByTestId('lab-plan-case-1-unit').fill('%');
    await second.getByTestId('lab-plan-case-1-mandatory').uncheck();

    // A threshold that is no number is refused in the form
    await drawer.getByTestId('lab-plan-submit').click();
    await first.getByText('Bitte eine Zahl angeben, z. B. 0,92.').waitFor();
    await first.getByTestId('lab-plan-case-0-threshold').fill('12,5');
    await expectAccessible(page, 'plan drawer');
    await page.screenshot({ path: '/tmp/konform-lab-plan-drawer.png', fullPage: true });
    await drawer.getByTestId('lab-plan-submit').click();

    // The draft
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    await page.locator('[data-status="draft"]').getByText('Entwurf').waitFor();
    const tc1 = page.getByTestId('lab-plan-case-row-TC-01');
    await expect(tc1.textContent()).resolves.toMatch(/wer.*höchstens.*12,5 %/);
    await expect(tc1.textContent()).resolves.toContain('Ungünstige Grenze des Konfidenzintervalls');
    await expect(tc1.textContent()).resolves.toContain(`${DATASET} 2026-11`);
    await tc1.getByText('Nicht validiert').waitFor();
    await expect(page.getByTestId('lab-plan-case-row-TC-02').textContent()).resolves.toMatch(/attack_success_rate.*2 %.*Optional/);
    await expectAccessible(page, 'plan detail (draft)');

    // Fix it: the dialog says the method is not validated yet, and that this freezes the cases
    await page.getByTestId('lab-plan-fix').click();
    const fix = page.getByRole('dialog', { name: 'Prüfplan festlegen' });
    await fix.getByTestId('lab-plan-fix-unvalidated').getByText(/TC-01, TC-02/).waitFor();
    await expectAccessible(page, 'fix dialog');
    await fix.getByTestId('lab-plan-fix-submit').click();
    await fix.waitFor({ state: 'hidden' });
    await page.locator('[data-status="fixed"]').getByText('Festgelegt').waitFor();
    await page.getByTestId('lab-plan-readonly').waitFor();
    await expect(page.getByTestId('lab-plan-edit').count()).resolves.toBe(0);
    await expect(page.getByTestId('lab-plan-fix').count()).resolves.toBe(0);
    await expect(page.getByTestId('lab-plan-notice').textContent()).resolves.toContain(`von ${LEAD.displayName}`);
    await expectAccessible(page, 'plan detail (fixed)');
    await page.screenshot({ path: '/tmp/konform-lab-plan-fixed.png', fullPage: true });

    // The retire dialog asks for a reason (cancelled)
    await page.getByTestId('lab-plan-retire').click();
    const retire = page.getByRole('dialog', { name: 'Prüfplan außer Kraft setzen' });
    await retire.getByTestId('lab-plan-retire-submit').click();
    await retire.getByText('Pflichtangabe').waitFor();
    await expectAccessible(page, 'retire dialog');
    await retire.getByRole('button', { name: 'Abbrechen' }).click();
    await retire.waitFor({ state: 'hidden' });

    // The system's page leads to its plans
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}`);
    await page.getByRole('tab', { name: 'Modelle & Daten' }).click();
    await page.getByTestId('system-lab-plans-link').click();
    const row = page.getByRole('row', { name: new RegExp(PLAN) });
    await row.getByText('Festgelegt').waitFor();
    await expect(row.textContent()).resolves.toContain('2 Prüffälle (1 Pflicht)');
    await expect(page.getByTestId('lab-plan-system-filter').inputValue()).resolves.toBe(systemId);
    await expectAccessible(page, 'test plans of the system');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a fixed plan in English, read-only for an auditor', async () => {
    const { context, page, errors } = await session(suite, READER);
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('link', { name: 'Test lab', exact: true }).click();
    await page.getByRole('tab', { name: 'Test plans' }).click();
    await page.getByRole('link', { name: PLAN }).click();
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    await page.locator('[data-status="fixed"]').getByText('Fixed').waitFor();
    await expect(page.getByTestId('lab-plan-case-row-TC-01').textContent()).resolves.toMatch(/wer.*at most.*12\.5 %.*Unfavourable bound/);
    await expect(page.getByTestId('lab-plan-retire').count()).resolves.toBe(0);
    await expect(page.getByTestId('lab-plan-revise').count()).resolves.toBe(0);
    await expectAccessible(page, 'plan detail in English');
    await page.screenshot({ path: '/tmp/konform-lab-plan-en.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
