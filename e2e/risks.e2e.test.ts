import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { newContext, signIn, watchPageErrors } from './support/browser.js';
import { asAdmin, useSuite } from './support/suite.js';

const suite = useSuite();
let systemId = '';

const OWNER = { email: 'emil.einsatz@e2e.example', displayName: 'Emil Einsatz', password: 'Einsatz-Passwort-2026' };
const RISK = 'Manipulierte Eingaben steuern die Antwortvorschläge';

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat Z 6 – Bürgerkommunikation', shortName: 'Z 6' });
    await post('/users', { ...OWNER, roles: [{ orgUnitId: unit.id, role: 'owner' }] });
    systemId = (await post<{ id: string }>('/systems', { name: 'Antwortassistent Bürgertelefon', purpose: 'Schlägt Antworten auf Bürgeranfragen vor.', orgUnitId: unit.id, roles: ['deployer'] })).id;
  });
});

describe('risk management', () => {
  it('adds a risk, rates it, links a measure, re-rates it, accepts it with a signature and finds it on the heat map', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, suite.server.baseUrl, OWNER.email, OWNER.password);
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}`);
    await page.getByRole('tab', { name: 'Risiken' }).click();
    await page.waitForURL(/tab=risks/);

    // Add and rate: likelihood high × impact very high
    await page.getByTestId('risk-create').click();
    const create = page.getByRole('dialog', { name: 'Risiko erfassen' });
    await create.getByRole('textbox', { name: 'Titel' }).fill(RISK);
    await create.getByLabel('Beschreibung').fill('Über präparierte Anfragen lassen sich die Vorschläge des Sprachmodells umlenken.');
    await create.getByRole('textbox', { name: 'Risikoquelle' }).fill('LLM01');
    await page.getByRole('option', { name: /LLM01:2025/ }).click();
    await create.getByRole('combobox', { name: 'Eintrittswahrscheinlichkeit', exact: true }).selectOption('4');
    await create.getByRole('combobox', { name: 'Auswirkung', exact: true }).selectOption('5');
    await expect(create.getByTestId('risk-form-inherent-level').textContent()).resolves.toContain('sehr hoch');
    await expectAccessible(page, 'risk form');
    await create.getByTestId('risk-form-submit').click();
    await page.getByText(`R-1 „${RISK}“ wurde erfasst.`).waitFor();

    // Treat: reduce with a measure of the catalogue, then rate the residual risk
    await page.getByTestId('risk-register').getByRole('link', { name: 'R-1' }).click();
    await page.getByRole('heading', { name: `R-1 · ${RISK}` }).waitFor();
    await page.getByTestId('risk-edit').click();
    const edit = page.getByRole('dialog', { name: 'R-1 bearbeiten' });
    await edit.getByRole('combobox', { name: 'Risikobehandlung' }).selectOption('reduce');
    await edit.getByRole('textbox', { name: 'Maßnahme suchen' }).fill('Protokoll');
    await edit.getByRole('button', { name: /verknüpfen$/ }).first().click();
    await edit.getByTestId('risk-form-measures').getByRole('button', { name: /entfernen$/ }).first().waitFor();
    await edit.getByRole('combobox', { name: 'Eintrittswahrscheinlichkeit nach Maßnahmen' }).selectOption('2');
    await edit.getByRole('combobox', { name: 'Auswirkung nach Maßnahmen' }).selectOption('2');
    await expect(edit.getByTestId('risk-form-residual-level').textContent()).resolves.toContain('niedrig');
    await edit.getByRole('combobox', { name: 'Status' }).selectOption('treated');
    await edit.getByTestId('risk-form-submit').click();
    await page.getByText('R-1 wurde gespeichert.').waitFor();
    await expect(page.getByTestId('risk-rating-residual').textContent()).resolves.toContain('niedrig');

    // Accept: the residual level is low, which the owner accepts alone, with a signature
    await page.getByTestId('risk-accept').click();
    const sign = page.getByRole('dialog', { name: 'Risiko akzeptieren – Zeichnung' });
    await sign.getByLabel('Begründung der Akzeptanz').fill('Nach Eingabefilter und Protokollierung vertretbares Restrisiko.');
    await sign.getByLabel('Ihr Passwort').fill(OWNER.password);
    await expectAccessible(page, 'acceptance dialog');
    await sign.getByTestId('risk-accept-submit').click();
    await page.getByText('R-1 ist akzeptiert.').waitFor();
    await page.locator('[data-acceptance="accepted"]').first().waitFor();
    await expectAccessible(page, 'risk detail accepted');
    await page.screenshot({ path: '/tmp/konform-risk-detail.png', fullPage: true });

    // The heat map: the inherent cell high × very high holds the risk and filters the register
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=risks`);
    const cell = page.getByTestId('heatmap-inherent-4-5');
    await expect(cell.getAttribute('aria-label').then((l) => l ?? cell.textContent())).resolves.toMatch(/1 Risiko/);
    await cell.click();
    await page.waitForURL(/cell=inherent%3A4-5/);
    await page.getByTestId('risk-filter-cell').waitFor();
    await page.getByTestId('risk-row-1').waitFor();
    await expect(page.getByTestId('heatmap-residual-2-2').textContent()).resolves.toContain('1');
    await expectAccessible(page, 'risks tab with heat maps');
    await page.screenshot({ path: '/tmp/konform-risk-heatmap.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens the notification bell from the header, keyboard operable and accessible', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, suite.server.baseUrl, OWNER.email, OWNER.password);
    const bell = page.getByRole('button', { name: /^Benachrichtigungen, / });
    await bell.click();
    const panel = page.getByRole('dialog', { name: 'Benachrichtigungen' });
    await panel.waitFor();
    await expectAccessible(page, 'notification panel');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
