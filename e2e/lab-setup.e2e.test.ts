import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
const UNIT = 'Referat KI-Prüflabor';
const LEAD = { email: 'lena.labor@e2e.example', displayName: 'Lena Labor', password: 'Labor-Passwort-2026!' };
const OPERATOR = { email: 'otto.operator@e2e.example', displayName: 'Otto Operator', password: 'Operator-Passwort-2026!' };
const READER = { email: 'rita.revision@e2e.example', displayName: 'Rita Revision', password: 'Revision-Passwort-2026!' };
const METHOD = 'ARC Easy, Zero-Shot';
const ENVIRONMENT = 'GPU-Knoten Bonn 1';
const DIGEST = `sha256:${'4f'.repeat(32)}`;
let operatorId = '';

beforeAll(async () => {
  operatorId = await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'KI 4' });
    await post('/users', { ...LEAD, roles: [{ orgUnitId: unit.id, role: 'lab' }] });
    await post('/users', { ...READER, roles: [{ orgUnitId: unit.id, role: 'auditor' }] });
    return (await post<{ id: string }>('/users', { ...OPERATOR, roles: [{ orgUnitId: unit.id, role: 'lab' }] })).id;
  });
});

describe('test lab: methods and environments', () => {
  it('records a method, validates it, authorises a person, changes its version; records an environment and verifies it', async () => {
    const { context, page, errors } = await session(suite, LEAD);

    // The lab, from the navigation
    await page.getByRole('link', { name: 'Prüflabor', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Prüflabor' }).waitFor();
    // The lab opens on its overview; methods have their own tab.
    await page.getByRole('tab', { name: 'Prüfverfahren' }).click();
    await page.getByText('Keine Prüfverfahren gefunden.').waitFor();
    await expectAccessible(page, 'lab methods (empty)');

    // A new method
    await page.getByTestId('lab-method-create').click();
    const drawer = page.getByRole('dialog', { name: 'Prüfverfahren anlegen' });
    await drawer.getByTestId('lab-method-name').fill(METHOD);
    await drawer.getByTestId('lab-method-unit').selectOption({ label: UNIT });
    await drawer.getByTestId('lab-method-version').fill('0.4.5');
    await drawer.getByTestId('lab-method-task').fill('arc_easy');
    await drawer.getByTestId('lab-method-metric-name-0').fill('acc');
    await drawer.getByRole('button', { name: 'Metrik hinzufügen' }).click();
    await drawer.getByTestId('lab-method-metric-name-1').fill('acc_norm');
    await drawer.getByTestId('lab-method-decoding').fill('temperature = 0\nnum_fewshot = oops = 1\nbad line');
    await drawer.getByTestId('lab-method-submit').click();
    await drawer.getByText('Zeile 3 hat nicht das Format name = wert.').waitFor();
    await drawer.getByTestId('lab-method-decoding').fill('temperature = 0\nnum_fewshot = 0');
    await expectAccessible(page, 'method drawer');
    await drawer.getByTestId('lab-method-submit').click();
    await page.getByRole('heading', { level: 1, name: METHOD }).waitFor();
    await page.locator('[data-status="not-validated"]').getByText('Nicht validiert').waitFor();
    await expect(page.getByTestId('lab-method-facts').textContent()).resolves.toContain('num_fewshot = 0');
    await expectAccessible(page, 'method detail (not validated)');

    // Validation of version 0.4.5
    await page.getByTestId('lab-method-validate').click();
    const validation = page.getByRole('dialog', { name: 'Validierung erfassen' });
    await validation.getByText('Die Validierung gilt für die aktuelle Version 0.4.5.').waitFor();
    await validation.getByTestId('lab-validation-report').fill('Wiederholbarkeit über 3 Seeds innerhalb ±0,3 pp; Vergleich mit 0.4.3 ohne Abweichung.');
    await expectAccessible(page, 'validation dialog');
    await validation.getByTestId('lab-validation-submit').click();
    await page.locator('[data-status="validated"]').first().waitFor();
    await page.getByTestId('lab-validation-table').getByText('Wiederholbarkeit über 3 Seeds').waitFor();

    // Authorise the operator
    await page.getByTestId('lab-method-authorise').click();
    const authorise = page.getByRole('dialog', { name: 'Person autorisieren' });
    await authorise.getByTestId('lab-authorise-submit').click();
    await authorise.getByText('Pflichtangabe').waitFor();
    await authorise.getByTestId('lab-authorise-user').click();
    await page.getByRole('option', { name: `${OPERATOR.displayName} (${OPERATOR.email})` }).click();
    await authorise.getByRole('textbox', { name: 'Anmerkung' }).fill('Einweisung in lm-evaluation-harness erfolgt.');
    await expectAccessible(page, 'authorise dialog');
    await authorise.getByTestId('lab-authorise-submit').click();
    const staffRow = page.getByTestId(`lab-authorisation-${operatorId}`);
    await staffRow.getByText('Gültig').waitFor();
    await expect(staffRow.textContent()).resolves.toContain(LEAD.displayName);

    // The withdraw dialog (cancelled)
    await staffRow.getByTestId(`lab-revoke-${operatorId}`).click();
    const revoke = page.getByRole('dialog', { name: 'Autorisierung entziehen' });
    await revoke.getByText(`Möchten Sie die Autorisierung von ${OPERATOR.displayName} entziehen?`, { exact: false }).waitFor();
    await expectAccessible(page, 'withdraw dialog');
    await revoke.getByRole('button', { name: 'Abbrechen' }).click();
    await revoke.waitFor({ state: 'hidden' });
    await expectAccessible(page, 'method detail (validated, staff)');
    await page.screenshot({ path: '/tmp/konform-lab-method.png', fullPage: true });

    // A new harness version needs re-validation
    await page.getByTestId('lab-method-edit').click();
    const edit = page.getByRole('dialog', { name: 'Prüfverfahren bearbeiten' });
    await edit.getByTestId('lab-method-version').fill('0.4.7');
    await edit.getByTestId('lab-method-reason').fill('Update auf 0.4.7');
    await expectAccessible(page, 'method edit drawer');
    await edit.getByTestId('lab-method-submit').click();
    await page.locator('[data-status="revalidation-needed"]').getByText('Erneute Validierung nötig').waitFor();
    await expect(page.getByTestId('lab-method-revalidation-hint').textContent()).resolves.toContain('Validiert wurde Version 0.4.5');
    await expectAccessible(page, 'method detail (re-validation needed)');

    // The list says so too
    await page.getByRole('link', { name: 'Zurück zu den Prüfverfahren' }).click();
    const methodRow = page.getByRole('row', { name: new RegExp(METHOD) });
    await methodRow.getByText('Erneute Validierung nötig').waitFor();
    await expect(methodRow.textContent()).resolves.toMatch(/Erneute Validierung nötig.*1$/);

    // An environment
    await page.getByRole('tab', { name: 'Prüfumgebungen' }).click();
    await page.getByText('Keine Prüfumgebungen gefunden.').waitFor();
    await expectAccessible(page, 'lab environments (empty)');
    await page.getByTestId('lab-environment-create').click();
    const envDrawer = page.getByRole('dialog', { name: 'Prüfumgebung anlegen' });
    await envDrawer.getByTestId('lab-environment-name').fill(ENVIRONMENT);
    await envDrawer.getByTestId('lab-environment-unit').selectOption({ label: UNIT });
    await envDrawer.getByTestId('lab-environment-gpu').fill('NVIDIA H100 80GB');
    await envDrawer.getByRole('textbox', { name: 'Anzahl GPUs' }).fill('4');
    await envDrawer.getByTestId('lab-environment-driver').fill('550.54.15');
    await envDrawer.getByTestId('lab-environment-digest').fill('sha256:XYZ');
    await envDrawer.getByTestId('lab-environment-submit').click();
    await envDrawer.getByText('Erwartet wird sha256: gefolgt von 64 Hexadezimalziffern in Kleinbuchstaben.').waitFor();
    await envDrawer.getByTestId('lab-environment-digest').fill(DIGEST);
    await expectAccessible(page, 'environment drawer');
    await envDrawer.getByTestId('lab-environment-submit').click();
    await page.getByRole('heading', { level: 1, name: ENVIRONMENT }).waitFor();
    await page.getByText('Verifizierung nötig · noch nie verifiziert').waitFor();
    await expectAccessible(page, 'environment detail (never verified)');

    // A reference run: the dialog shows the verdict as it is typed
    await page.getByTestId('lab-environment-verify').click();
    const verify = page.getByRole('dialog', { name: 'Verifizierung erfassen' });
    await verify.getByTestId('lab-verification-run').fill('golden-run-2026-11-26');
    await verify.getByTestId('lab-verification-expected').fill('0.7');
    await verify.getByTestId('lab-verification-tolerance').fill('0.005');
    await verify.getByTestId('lab-verification-measured').fill('0.71');
    await verify.locator('[data-verdict="failed"]').getByText(/Nicht bestanden: Abweichung 0,01 > Toleranz 0,005/).waitFor();
    await expectAccessible(page, 'verification dialog (failing)');
    await verify.getByTestId('lab-verification-measured').fill('0.704');
    await verify.locator('[data-verdict="passed"]').getByText(/Bestanden: Abweichung 0,004 ≤ Toleranz 0,005/).waitFor();
    await expectAccessible(page, 'verification dialog (passing)');
    await verify.getByTestId('lab-verification-submit').click();
    await page.locator('[data-status="verified"]').getByText('Verifiziert').waitFor();
    await page.getByTestId('lab-verification-table').getByText('golden-run-2026-11-26').waitFor();
    await expectAccessible(page, 'environment detail (verified)');
    await page.screenshot({ path: '/tmp/konform-lab-environment.png', fullPage: true });

    await page.getByRole('link', { name: 'Zurück zu den Prüfumgebungen' }).click();
    const envRow = page.getByRole('row', { name: new RegExp(ENVIRONMENT) });
    await envRow.getByText('Verifiziert', { exact: true }).waitFor();
    await expect(envRow.textContent()).resolves.toContain('4 × NVIDIA H100 80GB');
    await expectAccessible(page, 'lab environments');
    await page.screenshot({ path: '/tmp/konform-lab-environments.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the lab in English', async () => {
    const { context, page, errors } = await session(suite, READER);
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('link', { name: 'Test lab', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Test lab' }).waitFor();
    await page.getByRole('tab', { name: 'Methods' }).click();
    const row = page.getByRole('row', { name: new RegExp(METHOD) });
    await expect(row.textContent()).resolves.toContain('Re-validation needed');
    // An auditor reads the lab (lab.read) but does not manage it: no buttons to change anything.
    await expect(page.getByTestId('lab-method-create').count()).resolves.toBe(0);
    await expectAccessible(page, 'lab methods in English');
    await page.screenshot({ path: '/tmp/konform-lab-methods-en.png', fullPage: true });
    await page.getByRole('tab', { name: 'Environments' }).click();
    await page.getByRole('row', { name: new RegExp(ENVIRONMENT) }).getByText('Verified', { exact: true }).waitFor();
    await expectAccessible(page, 'lab environments in English');
    expect(errors).toEqual([]);
    await context.close();
  });
});
