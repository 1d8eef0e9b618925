import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestProvider, type TestProvider } from '../packages/server/test/support/oidc-provider.js';
import { expectAccessible } from './support/axe.js';
import { newContext, watchPageErrors } from './support/browser.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Single sign-on (#11, point 1) against a real OpenID provider: the administrator configures it on the admin page →
 * a mapped user signs in at the provider and lands in Konform with the mapped role → an unmapped user is refused
 * with a message → the SSO user signs a risk acceptance after re-authenticating in a popup.
 */
const suite = useSuite();
const UNIT = 'Referat 31 – Identitäten';
const accounts = {
  anna: { email: 'anna.sso@e2e.example', name: 'Anna Anmeldung', groups: ['konform-owners'] },
  carla: { email: 'carla.sso@e2e.example', name: 'Carla Kantine', groups: ['kantine'] },
};
let idp: TestProvider;
let riskId: string;

beforeAll(async () => {
  idp = await startTestProvider([`${suite.server.baseUrl}/api/auth/sso/callback`], accounts);
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'R 31' });
    const system = await post<{ id: string }>('/systems', { name: 'Antragsprüfung', purpose: 'Prüft Anträge.', description: 'Sortiert Anträge vor.', autonomy: 'human-in-the-loop', orgUnitId: unit.id, roles: ['deployer'] });
    riskId = (await post<{ id: string }>(`/systems/${system.id}/risks`, { title: 'Fehlsortierung', likelihood: 1, impact: 1, treatment: 'accept' })).id;
  });
});
afterAll(async () => idp?.close());

/** The provider's own pages (dev interactions): any login, any password; consent when asked. */
async function loginAtProvider(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('beliebig');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  if (await consent.isVisible({ timeout: 2_000 }).catch(() => false)) await consent.click();
}

describe('single sign-on', () => {
  it('is configured by the administrator, lets a mapped user in, refuses an unmapped one, and re-authenticates for a signature', async () => {
    const base = suite.server.baseUrl;
    const admin = await session(suite, { email: suite.server.adminEmail, password: suite.server.adminPassword });
    await admin.page.goto(`${base}/systems`);
    // The page is in the administration part of the navigation.
    expect(await admin.page.getByRole('link', { name: 'Single Sign-on' }).getAttribute('href')).toBe('/settings/single-sign-on');
    await admin.page.goto(`${base}/settings/single-sign-on`);
    await admin.page.getByRole('heading', { name: 'Single Sign-on (OpenID Connect)', level: 1 }).waitFor();
    expect(await admin.page.getByTestId('sso-redirect-uri').textContent()).toBe(`${base}/api/auth/sso/callback`);
    await admin.page.getByTestId('sso-enabled').check();
    await admin.page.getByTestId('sso-display-name').fill('Behörden-IdP');
    await admin.page.getByTestId('sso-issuer').fill(idp.issuer);
    await admin.page.getByTestId('sso-client-id').fill(idp.clientId);
    await admin.page.getByTestId('sso-client-secret').fill(idp.clientSecret);
    await admin.page.getByTestId('sso-mapping-add').click();
    await admin.page.getByTestId('sso-mapping-0-claim').fill('konform-owners');
    await admin.page.getByTestId('sso-mapping-0-role').selectOption('owner');
    await admin.page.getByTestId('sso-mapping-0-unit').selectOption({ label: UNIT });
    await expectAccessible(admin.page, 'sso settings');
    await admin.page.getByTestId('sso-save').click();
    await admin.page.getByText('Gespeichert.').waitFor();
    await admin.page.getByText('Ein Geheimnis ist hinterlegt.', { exact: false }).waitFor();
    expect(await admin.page.getByTestId('sso-client-secret').inputValue()).toBe('');
    await admin.page.screenshot({ path: '/tmp/konform-sso-settings.png', fullPage: true });
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    // A mapped user: sign-in page → provider → Konform, with the mapped role.
    const annaContext = await newContext(suite.browser);
    const anna = await annaContext.newPage();
    const errors = watchPageErrors(anna);
    await anna.goto(`${base}/login`);
    await anna.getByTestId('sso-sign-in').getByText('Anmelden mit Behörden-IdP').waitFor();
    await expectAccessible(anna, 'sign-in page with sso');
    await anna.screenshot({ path: '/tmp/konform-sso-sign-in.png' });
    await anna.getByTestId('sso-sign-in').click();
    await loginAtProvider(anna, 'anna');
    await anna.waitForURL(/\/systems$/);
    const me = await anna.request.get(`${base}/api/auth/me`);
    expect(((await me.json()) as { user: { roles: { role: string }[]; signIn: string } }).user).toMatchObject({ roles: [{ role: 'owner' }], signIn: 'sso' });

    // She signs a risk acceptance after re-authenticating at the provider in a popup.
    await anna.goto(`${base}/risks/${riskId}`);
    await anna.getByTestId('risk-accept').click();
    const dialog = anna.getByRole('dialog', { name: 'Risiko akzeptieren – Zeichnung' });
    await dialog.getByLabel('Begründung der Akzeptanz').fill('Geringes Restrisiko, vertretbar nach Prüfung.');
    expect(await dialog.getByTestId('risk-accept-submit').isDisabled()).toBe(true);
    await expectAccessible(anna, 'signature dialog with re-authentication');
    const [popup] = await Promise.all([anna.waitForEvent('popup'), dialog.getByTestId('sso-reauth-button').click()]);
    await loginAtProvider(popup, 'anna');
    await popup.waitForEvent('close');
    await dialog.getByTestId('sso-reauth-ok').waitFor();
    await dialog.getByTestId('risk-accept-submit').click();
    await anna.getByText('ist akzeptiert.', { exact: false }).waitFor();
    expect(errors).toEqual([]);
    await annaContext.close();

    // An unmapped user is refused: no account, and the sign-in page says why.
    const carlaContext = await newContext(suite.browser);
    const carla = await carlaContext.newPage();
    await carla.goto(`${base}/login`);
    await carla.getByTestId('sso-sign-in').click();
    await loginAtProvider(carla, 'carla');
    await carla.waitForURL(/\/login\?sso=refused$/);
    await carla.getByTestId('sso-outcome').getByText('zu keiner Gruppe', { exact: false }).waitFor();
    await expectAccessible(carla, 'sign-in page refused');
    expect((await carla.request.get(`${base}/api/auth/me`)).status()).toBe(401);
    await carlaContext.close();
  });
});
