import { describe, expect, it } from 'vitest';
import { newContext, signIn } from './support/browser.js';
import { useSuite } from './support/suite.js';

const suite = useSuite();

describe('administration', () => {
  it('creates, renames and moves organisational units', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    await page.goto(`${suite.server.baseUrl}/org-units`);
    for (const name of ['Abteilung 1', 'Abteilung 2', 'Referat 11']) {
      await page.getByRole('button', { name: 'Organisationseinheit anlegen' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Bezeichnung', exact: true }).fill(name);
      if (name === 'Referat 11') await dialog.getByRole('combobox', { name: 'Übergeordnete Einheit' }).selectOption({ label: 'Abteilung 1' });
      await dialog.getByRole('button', { name: 'Anlegen' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    const referat = page.locator('li', { has: page.getByText('Referat 11', { exact: true }) }).last();
    await expect(page.locator('li', { hasText: 'Abteilung 1' }).first().textContent()).resolves.toContain('Referat 11');

    await page.getByRole('button', { name: '„Referat 11“ bearbeiten' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Bezeichnung', exact: true }).fill('Referat 21');
    await dialog.getByRole('combobox', { name: 'Übergeordnete Einheit' }).selectOption({ label: 'Abteilung 2' });
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Referat 21', { exact: true }).waitFor();
    await expect(page.locator('li', { hasText: 'Abteilung 2' }).first().textContent()).resolves.toContain('Referat 21');
    await expect(page.locator('li', { hasText: 'Abteilung 1' }).first().textContent()).resolves.not.toContain('Referat');
    expect(await referat.count()).toBe(0);
    await context.close();
  });

  it('creates and edits users with roles per unit; a taken e-mail address shows beside the field', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    await page.goto(`${suite.server.baseUrl}/users`);
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    let dialog = page.getByRole('dialog', { name: 'Benutzer anlegen' });
    await dialog.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill('referentin@e2e.example');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Rita Referentin');
    await dialog.getByLabel(/^Anfangspasswort/).fill('kurz');
    await dialog.getByRole('button', { name: 'Rolle hinzufügen' }).click();
    await dialog.getByRole('combobox', { name: 'Rolle (Rolle 1)' }).selectOption({ label: 'Systemverantwortliche' });
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await dialog.getByText('Mindestens 12 Zeichen', { exact: true }).waitFor();
    await dialog.getByLabel(/^Anfangspasswort/).fill('Sachgebiet-Passwort-2026');
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: /Rita Referentin/ });
    await expect(row.textContent()).resolves.toContain('Systemverantwortliche');

    // The same address again: the server's conflict lands on the e-mail field
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    dialog = page.getByRole('dialog', { name: 'Benutzer anlegen' });
    await dialog.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill('referentin@e2e.example');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Noch einmal');
    await dialog.getByLabel(/^Anfangspasswort/).fill('Sachgebiet-Passwort-2026');
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await dialog.getByText('Es gibt bereits ein Konto mit dieser E-Mail-Adresse.').first().waitFor();
    await expect(dialog.getByRole('textbox', { name: 'E-Mail-Adresse' }).getAttribute('aria-invalid')).resolves.toBe('true');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();

    // Edit: deactivate and change the role
    await page.getByRole('button', { name: '„Rita Referentin“ bearbeiten' }).click();
    dialog = page.getByRole('dialog', { name: 'Benutzer bearbeiten' });
    await dialog.getByRole('switch', { name: 'Konto aktiv' }).uncheck({ force: true });
    await dialog.getByRole('combobox', { name: 'Rolle (Rolle 1)' }).selectOption({ label: 'Prüflabor' });
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(row.textContent()).resolves.toMatch(/Prüflabor.*Deaktiviert/);

    // Search
    await page.getByRole('searchbox', { name: 'Benutzer durchsuchen' }).fill('rita');
    await page.getByText('1 Eintrag').waitFor();
    await context.close();
  });

  it('the navigation scrolls by mouse wheel on a small window, so its last entry can be reached', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 600 });
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    const last = nav.getByRole('link', { name: 'Änderungsprotokoll' });
    const below = await last.boundingBox();
    expect(below!.y).toBeGreaterThan(600); // out of sight before scrolling, or the test proves nothing
    const box = (await nav.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 400);
    await expect.poll(async () => (await last.boundingBox())!.y + (await last.boundingBox())!.height).toBeLessThanOrEqual(600);
    await last.click();
    await page.waitForURL(/\/audit$/);
    await context.close();
  });
});
