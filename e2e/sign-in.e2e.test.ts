import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newContext } from './support/browser.js';
import { useSuite } from './support/suite.js';

const suite = useSuite();

async function attempt(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(email);
  await page.getByLabel(/^Passwort/).fill(password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await answered;
}

describe('sign-in', () => {
  it('explains wrong credentials, then throttling', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await page.goto(`${suite.server.baseUrl}/systems`);
    await page.waitForURL(/\/login$/);
    await page.waitForFunction(() => document.title === 'Anmeldung – Konform');

    await attempt(page, 'niemand@e2e.example', 'falsches-passwort');
    await page.getByRole('alert').filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' }).waitFor();

    for (let i = 0; i < 5; i++) await attempt(page, 'niemand@e2e.example', 'falsches-passwort');
    await page.getByRole('alert').filter({ hasText: 'Zu viele Anmeldeversuche' }).waitFor();

    // The right password still works for another account, and returns to the page asked for
    await page.goto(`${suite.server.baseUrl}/org-units`);
    await page.waitForURL(/\/login$/);
    await attempt(page, suite.server.adminEmail, suite.server.adminPassword);
    await page.waitForURL(/\/org-units$/);
    await context.close();
  });
});
