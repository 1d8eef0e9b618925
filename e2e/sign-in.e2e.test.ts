import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext } from './support/browser.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function attempt(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(email);
  await page.getByLabel(/^Passwort/).fill(password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await answered;
}

describe('sign-in', () => {
  it('explains wrong credentials, then throttling', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/systems`);
    await page.waitForURL(/\/login$/);
    await page.waitForFunction(() => document.title === 'Anmeldung – Konform');

    await attempt(page, 'niemand@e2e.example', 'falsches-passwort');
    await page.getByRole('alert').filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' }).waitFor();

    for (let i = 0; i < 5; i++) await attempt(page, 'niemand@e2e.example', 'falsches-passwort');
    await page.getByRole('alert').filter({ hasText: 'Zu viele Anmeldeversuche' }).waitFor();

    // The right password still works for another account, and returns to the page asked for
    await page.goto(`${server.baseUrl}/org-units`);
    await page.waitForURL(/\/login$/);
    await attempt(page, server.adminEmail, server.adminPassword);
    await page.waitForURL(/\/org-units$/);
    await context.close();
  });
});
