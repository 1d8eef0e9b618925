import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser, newContext, signIn, watchPageErrors } from './support/browser.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let browser: Browser;
/** The administrator's password; the first test changes it. */
let adminPassword: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  adminPassword = server.adminPassword;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openAccount(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Benutzermenü/ }).click();
  await page.getByRole('menuitem', { name: 'Mein Konto' }).click();
  await page.waitForURL(/\/account$/);
  await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
}

/** Fills the three password fields and submits; resolves with the status of the request, if one was sent. */
async function changePassword(page: Page, current: string, next: string, repeat: string, expectRequest = true): Promise<number | null> {
  await page.getByLabel(/^Aktuelles Passwort( \*)?$/).fill(current);
  await page.getByLabel(/^Neues Passwort( \*)?$/).fill(next);
  await page.getByLabel(/^Neues Passwort wiederholen( \*)?$/).fill(repeat);
  const answered = expectRequest ? page.waitForResponse((r) => r.url().endsWith('/api/auth/password')) : null;
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  return answered === null ? null : (await answered).status();
}

async function systemsWith(token: string): Promise<number> {
  const response = await fetch(`${server.baseUrl}/api/systems`, { headers: { Authorization: `Bearer ${token}` } });
  return response.status;
}

describe('my account', () => {
  it('changes the own password, signing out the other sessions', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const otherContext = await newContext(browser);
    const other = await otherContext.newPage();
    await signIn(other, server.baseUrl, server.adminEmail, adminPassword);

    await signIn(page, server.baseUrl, server.adminEmail, adminPassword);
    await openAccount(page);
    await page.waitForFunction(() => document.title === 'Mein Konto – Konform');
    const newPassword = 'Neues-Verwaltungs-Passwort-2026';
    const current = page.getByLabel(/^Aktuelles Passwort( \*)?$/);
    const repeat = page.getByLabel(/^Neues Passwort wiederholen( \*)?$/);

    // The repetition differs: refused in the browser, nothing sent
    let sent = false;
    const onRequest = (request: { url: () => string }) => {
      if (request.url().endsWith('/api/auth/password')) sent = true;
    };
    page.on('request', onRequest);
    await changePassword(page, adminPassword, newPassword, 'Neues-Verwaltungs-Passwort-2025', false);
    await page.getByText('Die beiden Eingaben des neuen Passworts stimmen nicht überein.').waitFor();
    await expect(repeat.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'new-password-confirmation');
    page.off('request', onRequest);
    expect(sent).toBe(false);

    // Too short: the server's rule, in German beside the field
    expect(await changePassword(page, adminPassword, 'zu-kurz', 'zu-kurz')).toBe(400);
    await page.getByText('Mindestens 12 Zeichen', { exact: true }).waitFor();
    await expect(page.getByLabel(/^Neues Passwort( \*)?$/).getAttribute('aria-invalid')).resolves.toBe('true');

    // Wrong current password
    expect(await changePassword(page, 'Falsches-Passwort-2026', newPassword, newPassword)).toBe(400);
    await page.getByText('Das aktuelle Passwort ist falsch.').waitFor();
    await expect(current.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'current-password');

    // Right: success notice, fields emptied, this session stays, the other one ends
    const oldPassword = adminPassword;
    expect(await changePassword(page, oldPassword, newPassword, newPassword)).toBe(204);
    adminPassword = newPassword;
    await page.getByRole('status').filter({ hasText: 'Alle anderen Sitzungen Ihres Kontos wurden abgemeldet.' }).waitFor();
    await expect(current.inputValue()).resolves.toBe('');
    await expect(current.getAttribute('aria-invalid')).resolves.not.toBe('true');
    expect((await page.request.get(`${server.baseUrl}/api/auth/me`)).status()).toBe(200);
    expect((await other.request.get(`${server.baseUrl}/api/auth/me`)).status()).toBe(401);

    // Sign out; the old password no longer works, the new one does
    await page.getByRole('button', { name: /Benutzermenü/ }).click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(server.adminEmail);
    await page.getByLabel(/^Passwort/).fill(oldPassword);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    expect((await refused).status()).toBe(401);
    await page.getByRole('alert').filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' }).waitFor();
    await page.getByLabel(/^Passwort/).fill(newPassword);
    const accepted = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const acceptedResponse = await accepted;
    expect(acceptedResponse.status(), await acceptedResponse.text()).toBe(200);
    // After a deliberate sign-out the next sign-in starts at the inventory, not at the previous user's last page
    await page.waitForURL(/\/systems$/);
    await page.getByRole('heading', { level: 1, name: 'KI-Systeme' }).waitFor();

    expect(errors).toEqual([]);
    await otherContext.close();
    await context.close();
  });

  it('creates an API token that works as a bearer token until it is revoked', async () => {
    const context = await newContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, server.baseUrl, server.adminEmail, adminPassword);
    await openAccount(page);
    await page.getByText('Sie haben noch keine API-Tokens erstellt.').waitFor();

    // An empty name is refused beside the field
    await page.getByRole('button', { name: 'Token erstellen' }).click();
    await page.getByText('Pflichtangabe', { exact: true }).waitFor();
    const name = page.getByRole('textbox', { name: 'Bezeichnung', exact: true });
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');

    await name.fill('CI-Pipeline Prüflabor');
    await page.getByRole('textbox', { name: 'Gültigkeit (Tage)' }).fill('30');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/tokens') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Token erstellen' }).click();
    expect((await created).status()).toBe(201);

    // The secret, shown once, focused and copyable
    const notice = page.getByRole('region', { name: /Neuer API-Token „CI-Pipeline Prüflabor“/ });
    await notice.getByText('nur dieses eine Mal angezeigt').waitFor();
    const secretField = notice.getByRole('textbox', { name: 'Geheimer Token' });
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^kt_\S{20,}$/);
    await page.waitForFunction(() => document.activeElement instanceof HTMLInputElement && document.activeElement.value.startsWith('kt_'));
    await notice.getByRole('button', { name: 'Token kopieren' }).click();
    await notice.getByRole('button', { name: 'Kopiert' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(secret);

    const row = page.getByRole('row', { name: /CI-Pipeline Prüflabor/ });
    await expect(row.textContent()).resolves.toMatch(/Noch nie.*Aktiv/);

    // A machine uses it
    expect(await systemsWith(secret)).toBe(200);

    // After a reload the secret is gone for good, and the use shows
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    await row.waitFor();
    await expect(page.getByRole('region', { name: /Neuer API-Token/ }).count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain(secret);
    await expect(row.textContent()).resolves.not.toContain('Noch nie');

    // Revoke, with confirmation
    await row.getByRole('button', { name: '„CI-Pipeline Prüflabor“ widerrufen' }).click();
    const dialog = page.getByRole('dialog', { name: 'API-Token widerrufen' });
    await dialog.getByText('Soll der API-Token „CI-Pipeline Prüflabor“ widerrufen werden?').waitFor();
    await dialog.getByRole('button', { name: 'Widerrufen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('API-Token „CI-Pipeline Prüflabor“ wurde widerrufen.').waitFor();
    await row.getByText('Widerrufen', { exact: true }).waitFor();
    await expect(row.getByRole('button').count()).resolves.toBe(0);

    expect(await systemsWith(secret)).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('creates a token limited to permissions and one AI system; a machine is refused elsewhere', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, server.baseUrl, server.adminEmail, adminPassword);
    const api = await apiFor(page, server.baseUrl);
    const unit = await api.post<{ id: string }>('/org-units', { name: 'Referat Z 7 – Prüflabor', shortName: 'Z 7' });
    const allowed = await api.post<{ id: string }>('/systems', { name: 'Spracherkennung Bürgertelefon', purpose: 'Transkribiert Anrufe.', orgUnitId: unit.id, roles: ['deployer'] });
    const forbidden = await api.post<{ id: string }>('/systems', { name: 'Chatbot Wohngeld', purpose: 'Beantwortet Fragen zum Wohngeld.', orgUnitId: unit.id, roles: ['deployer'] });
    await openAccount(page);

    await page.getByRole('textbox', { name: 'Bezeichnung', exact: true }).fill('Pipeline Spracherkennung');
    await page.getByTestId('token-permissions').click();
    await page.getByTestId('token-permissions').fill('Nachweise');
    await page.getByRole('option', { name: 'Nachweise – hochladen und bearbeiten' }).click();
    await page.getByTestId('token-permissions').fill('KI-Systeme – lesen');
    await page.getByRole('option', { name: 'KI-Systeme – lesen' }).click();
    await page.getByTestId('token-systems').click();
    await page.getByTestId('token-systems').fill('Sprach');
    await page.getByRole('option', { name: 'Spracherkennung Bürgertelefon' }).click();
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'token form with limits');
    await page.screenshot({ path: '/tmp/konform-tokens-form.png', fullPage: true });
    const created = page.waitForResponse((r) => r.url().endsWith('/api/tokens') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Token erstellen' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toMatchObject({ permissions: ['evidence.write', 'system.read'], systemIds: [allowed.id] });
    const secret = await page.getByRole('region', { name: /Neuer API-Token „Pipeline Spracherkennung“/ }).getByRole('textbox', { name: 'Geheimer Token' }).inputValue();

    // The table shows the limits
    const row = page.getByRole('row', { name: /Pipeline Spracherkennung/ });
    await row.getByText('Nur KI-Systeme: Spracherkennung Bürgertelefon').waitFor();
    await row.getByText('KI-Systeme – lesen; Nachweise – hochladen und bearbeiten').waitFor();
    await expectAccessible(page, 'token table with limits');
    await page.screenshot({ path: '/tmp/konform-tokens-table.png', fullPage: true });

    // A machine uses it: allowed system yes, the other system of the same unit no, other permissions no
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${server.baseUrl}/api${path}`, { method, headers: { Authorization: `Bearer ${secret}`, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    expect((await call('GET', `/systems/${allowed.id}`)).status).toBe(200);
    expect((await call('GET', `/systems/${forbidden.id}`)).status).toBe(403);
    expect((await call('POST', '/evidence/link', { systemId: allowed.id, url: 'https://ci.example/run/42', title: 'Prüflauf 42' })).status).toBe(201);
    expect((await call('POST', '/evidence/link', { systemId: forbidden.id, url: 'https://ci.example/run/43', title: 'Prüflauf 43' })).status).toBe(403);
    expect((await call('GET', `/systems/${allowed.id}/risks`)).status).toBe(403);

    // In English, too
    await page.evaluate(() => localStorage.setItem('konform.language', 'en'));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByRole('row', { name: /Pipeline Spracherkennung/ }).getByText('AI systems – read; Evidence – upload and edit').waitFor();
    await expectAccessible(page, 'token table in English');
    await page.evaluate(() => localStorage.setItem('konform.language', 'de'));

    expect(errors).toEqual([]);
    await context.close();
  });
});
