import { describe, expect, it } from 'vitest';
import { newContext, signIn } from './support/browser.js';
import { useSuite } from './support/suite.js';

const suite = useSuite();

describe('language switch', () => {
  it('shows German by default and English after switching, and remembers the choice', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    await page.getByRole('heading', { level: 1, name: 'KI-Systeme' }).waitFor();
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('de');

    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'AI systems' }).waitFor();
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');
    await page.getByRole('link', { name: 'Organisational units' }).waitFor();
    await page.getByRole('link', { name: 'Create AI system' }).waitFor();
    await page.getByRole('combobox', { name: 'Lifecycle stage' }).waitFor();
    await page.waitForFunction(() => document.title === 'AI systems – Konform');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'AI systems' }).waitFor();
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');

    await page.getByRole('link', { name: 'Create AI system' }).click();
    await page.getByRole('textbox', { name: 'Intended purpose', exact: true }).waitFor();
    await page.getByRole('checkbox', { name: 'Deployer' }).waitFor();

    await page.locator('label', { hasText: /^DE$/ }).click();
    await page.getByRole('textbox', { name: 'Zweckbestimmung', exact: true }).waitFor();
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('de');
    await context.close();
  });
});
