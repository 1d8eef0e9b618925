import { describe, expect, it } from 'vitest';
import { apiFor } from './support/api.js';
import { newContext, signIn } from './support/browser.js';
import { useSuite } from './support/suite.js';

const suite = useSuite();

describe('inventory list', () => {
  it('sorts, filters and pages, keeping the state in the URL', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    const { post } = await apiFor(page, suite.server.baseUrl);
    const unit = await post<{ id: string }>('/org-units', { name: 'Abteilung 7', shortName: 'A7' });
    for (let i = 1; i <= 30; i++) {
      await post('/systems', {
        name: `System ${String(i).padStart(2, '0')}`,
        purpose: 'Testbestand für die Listenansicht.',
        orgUnitId: unit.id,
        lifecycleStage: i % 3 === 0 ? 'operation' : 'planned',
        roles: ['deployer'],
      });
    }

    await page.goto(`${suite.server.baseUrl}/systems`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(25);
    await page.getByText('30 KI-Systeme').waitFor();
    const nameHeader = page.getByRole('columnheader', { name: /Bezeichnung/ });
    await expect(nameHeader.getAttribute('aria-sort')).resolves.toBe('ascending');

    // Page 2 holds the remaining five
    await page.getByRole('button', { name: 'Seite 2' }).click();
    await page.waitForURL(/page=2/);
    await page.getByRole('link', { name: 'System 26' }).waitFor();
    await expect(rows.count()).resolves.toBe(5);

    // Sorting descending starts over on page 1
    await nameHeader.getByRole('button').click();
    await page.waitForURL(/sort=-name/);
    expect(page.url()).not.toContain('page=');
    // The URL changes before the navigation's render commits; wait for the header to follow.
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
    await rows.first().filter({ hasText: 'System 30' }).waitFor();

    // A filter, and the page size, survive a reload through the URL
    await page.getByRole('combobox', { name: 'Lebenszyklusphase' }).selectOption({ label: 'Im Betrieb' });
    await page.waitForURL(/stage=operation/);
    await page.getByText('10 KI-Systeme').waitFor();
    await page.getByRole('combobox', { name: 'Einträge pro Seite' }).selectOption('50');
    await page.waitForURL(/size=50/);
    await page.reload();
    await page.getByText('10 KI-Systeme').waitFor();
    await expect(page.getByRole('combobox', { name: 'Lebenszyklusphase' }).inputValue()).resolves.toBe('operation');
    await expect(page.getByRole('combobox', { name: 'Einträge pro Seite' }).inputValue()).resolves.toBe('50');
    await rows.first().filter({ hasText: 'System 30' }).waitFor();
    await context.close();
  });
});
