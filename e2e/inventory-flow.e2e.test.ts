import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiFor } from './support/api.js';
import { newContext, signIn, watchPageErrors } from './support/browser.js';
import { useSuite } from './support/suite.js';

const suite = useSuite();

const SELECTS = new Set(['Organisationseinheit', 'Lebenszyklusphase']);

/** A form field by its accessible name (label text without the required asterisk). */
async function field(page: Page, label: string) {
  return page.getByRole(SELECTS.has(label) ? 'combobox' : 'textbox', { name: label, exact: true });
}

/** The texts an input points to through aria-describedby (Mantine puts the error there). */
async function describedBy(page: Page, label: string): Promise<string> {
  return (await field(page, label)).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' | '),
  );
}

describe('AI system inventory', () => {
  it('creates, finds, edits, audits and archives an AI system', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);

    // An organisational unit to put the system in
    await page.getByRole('link', { name: 'Organisationseinheiten' }).click();
    await page.getByRole('button', { name: 'Organisationseinheit anlegen' }).click();
    const unitDialog = page.getByRole('dialog');
    await unitDialog.getByRole('textbox', { name: 'Bezeichnung', exact: true }).fill('Referat KI-Prüfung');
    await unitDialog.getByRole('textbox', { name: 'Kurzbezeichnung' }).fill('KIP');
    await unitDialog.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByText('Referat KI-Prüfung', { exact: true }).waitFor();

    // Create the AI system through the form
    await page.getByRole('link', { name: 'KI-Systeme' }).click();
    await page.getByRole('link', { name: 'KI-System anlegen' }).click();
    await page.waitForFunction(() => document.title === 'KI-System anlegen – Konform');
    await (await field(page, 'Bezeichnung')).fill('Prüfassistent Bescheide');
    await (await field(page, 'Kurzbezeichnung')).fill('PAB');
    await (await field(page, 'Zweckbestimmung')).fill('Vorprüfung eingehender Bescheide auf Vollständigkeit.');
    await (await field(page, 'Organisationseinheit')).selectOption({ label: 'Referat KI-Prüfung' });
    await (await field(page, 'Verantwortliche Person')).fill('Erika Mustermann');
    await page.getByRole('checkbox', { name: 'Anbieter' }).check();
    await page.getByRole('radio', { name: 'Beschafft' }).check();
    await (await field(page, 'Hersteller / Lieferant')).fill('Muster Software GmbH');
    await (await field(page, 'Schlagwörter')).fill('Bescheide');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.waitForURL(/\/systems\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Prüfassistent Bescheide' }).waitFor();

    // Find it through the search box; the query lands in the URL
    await page.getByRole('link', { name: 'KI-Systeme' }).click();
    await page.getByRole('searchbox', { name: 'KI-Systeme durchsuchen' }).fill('Prüfassistent');
    await page.waitForURL(/q=Pr%C3%BCfassistent/);
    const row = page.getByRole('row', { name: /Prüfassistent Bescheide/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Referat KI-Prüfung');
    await row.getByRole('link', { name: 'Prüfassistent Bescheide' }).click();

    // Edit: move it to validation, with a reason
    await page.getByRole('link', { name: 'Bearbeiten' }).click();
    await (await field(page, 'Lebenszyklusphase')).selectOption({ label: 'In Erprobung' });
    await (await field(page, 'Grund der Änderung')).fill('Pilotbetrieb im Referat beginnt');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/\/systems\/[0-9a-f-]{36}$/);

    // The change shows in the history, field by field
    await page.getByRole('tab', { name: 'Änderungsprotokoll' }).click();
    const stageRow = page.getByRole('row', { name: /Lebenszyklusphase/ }).first();
    await stageRow.waitFor();
    await expect(stageRow.textContent()).resolves.toMatch(/Geplant.*In Erprobung/);
    await page.getByText('Grund: Pilotbetrieb im Referat beginnt').waitFor();
    await page.screenshot({ path: '/tmp/konform-history.png', fullPage: true });

    // Archive, with confirmation and reason
    await page.getByRole('button', { name: 'Archivieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'KI-System archivieren' });
    await dialog.getByRole('textbox', { name: 'Grund der Archivierung (optional)' }).fill('Durch Nachfolgesystem ersetzt');
    await dialog.getByRole('button', { name: 'Archivieren' }).click();
    await page.getByText(/Dieses KI-System wurde am .* archiviert/).waitFor();
    await page.getByText('Archiviert', { exact: true }).first().waitFor();
    await expect(page.getByRole('button', { name: 'Archivieren' }).count()).resolves.toBe(0);

    // Archived systems leave the default list
    await page.getByRole('link', { name: 'KI-Systeme' }).click();
    await page.getByRole('searchbox', { name: 'KI-Systeme durchsuchen' }).fill('Prüfassistent');
    await page.getByText('Keine KI-Systeme entsprechen den Filtern.').waitFor();

    // Sign out
    await page.getByRole('button', { name: /Benutzermenü/ }).click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByText('Sie wurden abgemeldet.').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the server’s field errors beside the fields', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    await page.goto(`${suite.server.baseUrl}/systems/new`);
    await (await field(page, 'Bezeichnung')).fill('Ohne Zweckbestimmung');
    await (await field(page, 'Organisationseinheit')).selectOption({ index: 1 });

    const first = page.waitForResponse((r) => r.url().endsWith('/api/systems') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    expect((await first).status()).toBe(400);
    await expect.poll(async () => (await field(page, 'Zweckbestimmung')).getAttribute('aria-invalid')).toBe('true');
    await expect(describedBy(page, 'Zweckbestimmung')).resolves.toContain('Pflichtangabe');

    // A rule across fields: a procured system needs its vendor
    await (await field(page, 'Zweckbestimmung')).fill('Test der Fehleranzeige.');
    await page.getByRole('radio', { name: 'Beschafft' }).check();
    const second = page.waitForResponse((r) => r.url().endsWith('/api/systems') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    expect((await second).status()).toBe(400);
    await expect.poll(() => describedBy(page, 'Hersteller / Lieferant')).toContain('Bei beschafften KI-Systemen ist der Hersteller anzugeben.');
    await expect((await field(page, 'Zweckbestimmung')).getAttribute('aria-invalid')).resolves.not.toBe('true');
    await context.close();
  });

  it('tells the user when someone else changed the record, and reloads it', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    const api = await apiFor(page, suite.server.baseUrl);
    const units = await page.request.get(`${suite.server.baseUrl}/api/org-units?limit=500`);
    const unitId = ((await units.json()) as { items: { id: string }[] }).items[0]!.id;
    const system = await api.post<{ id: string }>('/systems', { name: 'Konfliktfall', purpose: 'Test paralleler Änderungen.', orgUnitId: unitId, roles: ['deployer'] });

    await page.goto(`${suite.server.baseUrl}/systems/${system.id}/edit`);
    await (await field(page, 'Verantwortliche Person')).fill('Meine Änderung');
    await api.patch(`/systems/${system.id}`, { version: 1, responsible: 'Andere Person' });
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Datensatz zwischenzeitlich geändert').waitFor();
    await page.getByRole('button', { name: 'Neu laden' }).click();
    // The reload is a refetch: wait for the form to show the other person's value.
    await expect.poll(async () => (await field(page, 'Verantwortliche Person')).inputValue(), { timeout: 5_000 }).toBe('Andere Person');
    await (await field(page, 'Verantwortliche Person')).fill('Meine Änderung');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/\/systems\/[0-9a-f-]{36}$/);
    await page.getByText('Meine Änderung').waitFor();
    await context.close();
  });
});
