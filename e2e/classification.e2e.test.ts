import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { newContext, signIn, watchPageErrors } from './support/browser.js';
import { asAdmin, useSuite } from './support/suite.js';

const suite = useSuite();

const OWNER = { email: 'anna.antrag@e2e.example', displayName: 'Anna Antrag', password: 'Owner-Passwort-2026' };
const ADVISER = { email: 'bernd.berater@e2e.example', displayName: 'Bernd Berater', password: 'Berater-Passwort-2026' };
const APPROVER = { email: 'clara.controlling@e2e.example', displayName: 'Clara Controlling', password: 'Controlling-Passwort-2026' };

beforeAll(async () => {
  // The admin arranges a unit and three people: a system owner, two members of the AI-coordination team.
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat 23 – Ermittlungsunterstützung', shortName: 'R 23' });
    await post('/users', { ...OWNER, roles: [{ orgUnitId: unit.id, role: 'owner' }] });
    await post('/users', { ...ADVISER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/users', { ...APPROVER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
  });
});

async function session(person: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(suite.browser);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await signIn(page, suite.server.baseUrl, person.email, person.password);
  return { context, page, errors };
}

/** A yes/no question of the questionnaire, found by its text (the legend of its fieldset, a group). */
async function answer(page: Page, question: string | RegExp, choice: 'Ja' | 'Nein') {
  await page.getByRole('group', { name: question }).getByRole('radio', { name: choice, exact: true }).check();
}

describe('intake → accept → classify → approve', () => {
  let systemUrl = '';

  it('a system owner submits a planned use case', async () => {
    const { context, page, errors } = await session(OWNER);
    await page.getByRole('link', { name: 'Vorhaben' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meine Meldungen' }).waitFor();
    await page.getByRole('link', { name: 'Vorhaben melden' }).click();
    await page.waitForFunction(() => document.title === 'Vorhaben melden – Konform');
    await page.getByRole('textbox', { name: 'Bezeichnung des Vorhabens' }).fill('Rückfallprognose Bewährungshilfe');
    await page.getByRole('textbox', { name: 'Was soll das KI-System tun?' }).fill('Schätzt das Risiko erneuter Straffälligkeit ein, um Termine der Bewährungshilfe zu priorisieren.');
    await page.getByRole('textbox', { name: 'Für wen?' }).fill('Bewährungshelferinnen und -helfer; betroffen sind Probandinnen und Probanden.');
    await page.getByRole('textbox', { name: 'Welche Daten werden verwendet?' }).fill('Vorgangsdaten, Registerauszüge, Berichte der Bewährungshilfe.');
    await page.getByRole('radio', { name: 'Beschafft' }).check();
    await page.getByRole('textbox', { name: 'Hersteller / Lieferant' }).fill('Prognose Systeme AG');
    await page.getByRole('combobox', { name: 'Organisationseinheit' }).selectOption({ label: 'Referat 23 – Ermittlungsunterstützung' });
    await page.getByRole('button', { name: 'Vorhaben melden' }).click();
    await page.waitForURL(/\/intakes\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Rückfallprognose Bewährungshilfe' }).waitFor();
    await page.getByText('Eingereicht', { exact: true }).waitFor();
    // The owner neither advises nor decides
    await expect(page.getByRole('button', { name: 'In das Inventar übernehmen' }).count()).resolves.toBe(0);
    await expect(page.getByRole('textbox', { name: 'Neuer Beratungsvermerk' }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the AI-coordination team advises on it and accepts it into the inventory', async () => {
    const { context, page, errors } = await session(ADVISER);
    await page.getByRole('link', { name: 'Vorhaben' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eingang' }).waitFor();
    await page.getByRole('link', { name: 'Rückfallprognose Bewährungshilfe' }).click();
    await page.getByRole('textbox', { name: 'Neuer Beratungsvermerk' }).fill('Voraussichtlich Hochrisiko nach Anhang III Nr. 6 Buchst. d; Grundrechte-Folgenabschätzung einplanen.');
    await page.getByRole('button', { name: 'Vermerk speichern' }).click();
    const entry = page.getByRole('listitem').filter({ hasText: 'Grundrechte-Folgenabschätzung einplanen' });
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('Bernd Berater');
    await page.getByText('In Beratung', { exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/konform-intake.png', fullPage: true });

    await page.getByRole('button', { name: 'In das Inventar übernehmen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Vorhaben in das KI-Inventar übernehmen' });
    await expect(dialog.getByRole('textbox', { name: 'Bezeichnung', exact: true }).inputValue()).resolves.toBe('Rückfallprognose Bewährungshilfe');
    await expect(dialog.getByRole('textbox', { name: 'Hersteller / Lieferant' }).inputValue()).resolves.toBe('Prognose Systeme AG');
    await dialog.getByRole('textbox', { name: 'Kurzbezeichnung' }).fill('RPB');
    await dialog.getByRole('button', { name: 'Übernehmen' }).click();
    await page.waitForURL(/\/systems\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Rückfallprognose Bewährungshilfe' }).waitFor();
    systemUrl = page.url();

    // The advice log stays with the system
    await page.getByRole('tab', { name: 'Beratung' }).click();
    await page.getByText(/Grundrechte-Folgenabschätzung einplanen/).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the adviser classifies it with the questionnaire: deployer, public authority, Annex III 6(d)', async () => {
    const { context, page, errors } = await session(ADVISER);
    await page.goto(`${systemUrl}?tab=classification`);
    await page.getByText('Keine Einstufung', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: 'Einstufung durchführen' }).click();
    await page.waitForURL(/\/classification\/edit$/);
    await page.waitForFunction(() => document.title === 'Einstufung durchführen – Konform');

    await answer(page, /maschinengestützt/, 'Ja');
    await answer(page, /selbst ab, wie es Ergebnisse/, 'Ja');
    await answer(page, /selbstständig/, 'Ja');
    // Questions appear as earlier answers make them relevant
    await page.getByRole('checkbox', { name: 'Betreiber' }).check();
    await answer(page, /Strafverfolgungsbehörden für deren Aufgaben/, 'Ja');
    await page.getByRole('checkbox', { name: /Risiko einer \(erneuten\) Straftat einschätzen/ }).check();
    await answer(page, /Behörde oder eine andere Einrichtung des öffentlichen Rechts/, 'Ja');
    // A question shown only for a "no" disappears with the "yes"
    await expect(page.getByRole('group', { name: /als private Einrichtung öffentliche Dienstleistungen/ }).count()).resolves.toBe(0);

    const preview = page.getByRole('complementary', { name: 'Vorläufiges Ergebnis' });
    await preview.getByText('Hochrisiko', { exact: true }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Vorläufiges Ergebnis: Hochrisiko' }).waitFor({ state: 'attached' });
    await page.getByRole('textbox', { name: 'Vermerk zur Einstufung (optional)' }).fill('Einstufung nach Beratung vom Eingang.');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/konform-questionnaire.png' });
    await page.getByRole('heading', { name: 'Hochrisiko: Einsatzbereiche nach Anhang III' }).evaluate((h) => h.scrollIntoView());
    await page.screenshot({ path: '/tmp/konform-questionnaire-annex-iii.png' });
    await page.getByRole('button', { name: 'Einstufung speichern' }).click();

    await page.waitForURL(/\/systems\/[0-9a-f-]{36}\?tab=classification$/);
    const tab = page.getByRole('tabpanel', { name: 'Einstufung' });
    await tab.getByText('Hochrisiko', { exact: true }).first().waitFor();
    await tab.getByText('Entwurf', { exact: true }).first().waitFor();
    await expect(tab.textContent()).resolves.toContain('Bernd Berater');
    await expect(tab.textContent()).resolves.toContain('Anhang III (Art. 6 Abs. 2)');
    await expect(tab.textContent()).resolves.toMatch(/Zeitplan: KI-VO in der Fassung/);

    // Four eyes: whoever decided cannot approve
    await tab.getByRole('button', { name: 'Genehmigen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Einstufung genehmigen' });
    await dialog.getByLabel(/^Passwort/).fill(ADVISER.password);
    await dialog.getByRole('button', { name: 'Genehmigen und zeichnen' }).click();
    await dialog.getByText('Sie haben diese Einstufung selbst entschieden.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await tab.getByText('Noch nicht genehmigt').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a second person approves with the password; the tab shows the signature', async () => {
    const { context, page, errors } = await session(APPROVER);
    await page.goto(`${systemUrl}?tab=classification`);
    const tab = page.getByRole('tabpanel', { name: 'Einstufung' });
    await tab.getByRole('button', { name: 'Genehmigen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Einstufung genehmigen' });
    await dialog.getByText('Vier-Augen-Prinzip').waitFor();

    // A wrong password is refused beside the field
    await dialog.getByLabel(/^Passwort/).fill('falsches-Passwort-123');
    await dialog.getByRole('button', { name: 'Genehmigen und zeichnen' }).click();
    await dialog.getByText('Das Passwort ist falsch.').waitFor();
    await expect(dialog.getByLabel(/^Passwort/).getAttribute('aria-invalid')).resolves.toBe('true');

    await dialog.getByLabel(/^Passwort/).fill(APPROVER.password);
    await dialog.getByRole('textbox', { name: 'Bemerkung (optional)' }).fill('Geprüft im Vier-Augen-Prinzip.');
    await dialog.getByRole('button', { name: 'Genehmigen und zeichnen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await tab.getByText('Genehmigt', { exact: true }).first().waitFor();
    await tab.getByText(/Genehmigt von Clara Controlling .* am/).waitFor();
    await expect(tab.getByRole('button', { name: 'Genehmigen' }).count()).resolves.toBe(0);
    await page.screenshot({ path: '/tmp/konform-classification.png', fullPage: true });

    // The portfolio: risk class and review state, quick filter in the URL
    await page.getByRole('link', { name: 'KI-Systeme' }).click();
    await page.getByRole('button', { name: 'Hochrisiko' }).click();
    await page.waitForURL(/riskClass=high/);
    const row = page.getByRole('row', { name: /Rückfallprognose Bewährungshilfe/ });
    await expect(row.textContent()).resolves.toMatch(/Hochrisiko.*Genehmigt/);
    await page.screenshot({ path: '/tmp/konform-portfolio.png' });
    await page.getByRole('button', { name: 'Überprüfung nötig' }).click();
    await page.waitForURL(/classification=needs-review/);
    await page.getByText('Keine KI-Systeme entsprechen den Filtern.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the queue filters by status and shows the accepted intake', async () => {
    const { context, page, errors } = await session(ADVISER);
    await page.goto(`${suite.server.baseUrl}/intakes/queue`);
    await page.getByText('Keine Vorhaben entsprechen den Filtern.').waitFor();
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Übernommen' });
    await page.waitForURL(/status=accepted/);
    await page.getByRole('link', { name: 'Rückfallprognose Bewährungshilfe' }).waitFor();
    await page.screenshot({ path: '/tmp/konform-queue.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
