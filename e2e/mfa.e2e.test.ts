import { beforeAll, describe, expect, it } from 'vitest';
import { hotp, base32Decode, totpStep } from '../packages/core/src/auth/totp.js';
import { expectAccessible } from './support/axe.js';
import { newContext, watchPageErrors } from './support/browser.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Two-factor sign-in (#11, point 2): a governance officer sets up TOTP on the account page (the test reads the key
 * from the page and computes the codes like an authenticator app), signs out, signs in with password and code, and
 * approves a classification with password and code.
 */
const suite = useSuite();
const SIGNER = { email: 'tara.totp@e2e.example', displayName: 'Tara Totp', password: 'Totp-Passwort-2026!' };
const ADMIN = { email: 'anton.admin@e2e.example', displayName: 'Anton Admin', password: 'Admin-Passwort-2026!' };
let systemId = '';

/**
 * A code the server has not seen yet, like an app shows it: the current step, or the next one (±1 step is accepted)
 * after a use in this step; waits for the next 30 s step when even that was used.
 */
let lastStep = 0;
async function freshCode(secret: string): Promise<string> {
  while (lastStep + 1 > totpStep(Date.now()) + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  const step = Math.max(totpStep(Date.now()), lastStep + 1);
  lastStep = step;
  return hotp(base32Decode(secret), step);
}

beforeAll(async () => {
  await asAdmin(suite, async ({ post, put }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat 31 – Informationssicherheit', shortName: 'R 31' });
    await post('/users', { ...SIGNER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/users', { ...ADMIN, roles: [{ orgUnitId: unit.id, role: 'admin' }] });
    systemId = (await post<{ id: string }>('/systems', { name: 'Phishing-Erkennung Posteingang', purpose: 'Markiert verdächtige E-Mails.', orgUnitId: unit.id, roles: ['deployer'] })).id;
    // The administrator decides the classification; the officer approves it (four eyes).
    await put(`/systems/${systemId}/classification`, { facts: {}, answers: { 'q-ai': true }, note: 'Einstufung laut Workshop' });
  });
});

describe('two-factor sign-in', () => {
  it('enrols TOTP on the account page, signs in with a code and signs with password and code', async () => {
    const base = suite.server.baseUrl;
    const { context, page, errors } = await session(suite, SIGNER);
    await page.goto(`${base}/account`);
    const section = page.getByRole('region', { name: 'Zwei-Faktor-Anmeldung' });
    await section.getByTestId('mfa-state').getByText('Ausgeschaltet').waitFor();
    await section.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click();
    await section.getByRole('img', { name: 'QR-Code zum Einrichten der Authenticator-App' }).waitFor();
    const secret = ((await section.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectAccessible(page, 'two-factor enrolment');
    await page.screenshot({ path: '/tmp/konform-mfa-enrol.png', fullPage: true });

    // A wrong code is refused beside the field, then the right one turns it on and shows the recovery codes once.
    await section.getByRole('textbox', { name: 'Code aus der App' }).fill('000000' === (await freshCode(secret)) ? '111111' : '000000');
    lastStep -= 1;
    await section.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
    await section.getByText('Der Code stimmt nicht.', { exact: false }).waitFor();
    await section.getByRole('textbox', { name: 'Code aus der App' }).fill(await freshCode(secret));
    await section.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
    const codes = section.getByTestId('mfa-recovery-codes');
    await codes.getByText('Ihre Wiederherstellungscodes').waitFor();
    const recovery = (await codes.getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(recovery).toHaveLength(10);
    expect(recovery[0]).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    await page.screenshot({ path: '/tmp/konform-mfa-codes.png', fullPage: true });
    await codes.getByRole('button', { name: 'Ich habe die Codes gesichert' }).click();
    await section.getByTestId('mfa-state').getByText(/^Eingeschaltet seit/).waitFor();
    await section.getByText('Noch 10 unbenutzte Wiederherstellungscodes.').waitFor();
    await expectAccessible(page, 'two-factor on');
    await page.screenshot({ path: '/tmp/konform-mfa-account.png', fullPage: true });

    // Sign out; sign in again: after the password the page asks for the code.
    await page.getByRole('button', { name: /Benutzermenü/ }).click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(SIGNER.email);
    await page.getByLabel(/^Passwort/).fill(SIGNER.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const codeField = page.getByRole('textbox', { name: 'Code aus der App' });
    await codeField.waitFor();
    await expect(codeField.getAttribute('autocomplete')).resolves.toBe('one-time-code');
    await page.getByRole('button', { name: 'Wiederherstellungscode verwenden' }).click();
    await page.getByRole('textbox', { name: 'Wiederherstellungscode' }).waitFor();
    await page.getByRole('button', { name: 'Code aus der App verwenden' }).click();
    await expectAccessible(page, 'sign-in code step');
    // A wrong code is refused; the right one signs in.
    await codeField.fill('12345');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('alert').filter({ hasText: 'Der Code ist falsch oder wurde schon verwendet.' }).waitFor();
    await codeField.fill(await freshCode(secret));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(/\/systems$/);

    // Sign: the approval asks for the password and the code.
    await page.goto(`${base}/systems/${systemId}?tab=classification`);
    const tab = page.getByRole('tabpanel', { name: 'Einstufung' });
    await tab.getByRole('button', { name: 'Genehmigen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Einstufung genehmigen' });
    await dialog.getByLabel(/^Passwort/).fill(SIGNER.password);
    const signCode = dialog.getByRole('textbox', { name: 'Code aus der Authenticator-App' });
    await signCode.fill('999999' === (await freshCode(secret)) ? '888888' : '999999');
    lastStep -= 1;
    await dialog.getByRole('button', { name: 'Genehmigen und zeichnen' }).click();
    await dialog.getByText('Der Code ist falsch oder wurde schon verwendet.').waitFor();
    await expect(signCode.getAttribute('aria-invalid')).resolves.toBe('true');
    await dialog.getByLabel(/^Passwort/).fill(SIGNER.password);
    await signCode.fill(await freshCode(secret));
    await expectAccessible(page, 'signature with code');
    await page.screenshot({ path: '/tmp/konform-mfa-sign.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Genehmigen und zeichnen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await tab.getByText(/Genehmigt von Tara Totp .* am/).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks for the code in English too', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${suite.server.baseUrl}/login`);
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(SIGNER.email);
    await page.getByLabel(/^Password/).fill(SIGNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter the code from your authenticator app.').waitFor();
    await page.getByRole('button', { name: 'Use a recovery code' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets the administration reset the two-factor sign-in of a person who lost the device', async () => {
    const admin = await session(suite, ADMIN);
    const { page } = admin;
    const errors = watchPageErrors(page);
    await page.goto(`${suite.server.baseUrl}/users`);
    await page.getByRole('button', { name: '„Tara Totp“ bearbeiten' }).click();
    const panel = page.getByRole('dialog').getByTestId('user-sign-in');
    await panel.getByText('Zwei-Faktor-Anmeldung ist eingerichtet.').waitFor();
    await panel.getByRole('button', { name: 'Zwei-Faktor-Anmeldung zurücksetzen' }).click();
    // Asked first; cancelling changes nothing.
    const ask = panel.getByRole('alertdialog', { name: 'Zwei-Faktor-Anmeldung zurücksetzen' });
    await ask.getByText(/Tara Totp wirklich zurücksetzen/).waitFor();
    await ask.getByRole('button', { name: 'Abbrechen' }).click();
    await panel.getByText('Zwei-Faktor-Anmeldung ist eingerichtet.').waitFor();
    await panel.getByRole('button', { name: 'Zwei-Faktor-Anmeldung zurücksetzen' }).click();
    await expectAccessible(page, 'reset two-factor question');
    await ask.getByRole('button', { name: 'Zwei-Faktor-Anmeldung zurücksetzen' }).click();
    await page.getByText('Die Zwei-Faktor-Anmeldung von Tara Totp wurde zurückgesetzt.').waitFor();
    await panel.getByText('Keine Zwei-Faktor-Anmeldung eingerichtet.').waitFor();
    // The person signs in with the password alone now.
    const login = await fetch(`${suite.server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: SIGNER.email, password: SIGNER.password }) });
    expect(login.status, 'no code asked any more (401 mfa-required before the reset)').toBe(200);
    expect(errors).toEqual([]);
    await admin.context.close();
  });

  it('sends an administrator without TOTP to the enrolment while the policy requires it; after it, the policy is turned off', async () => {
    const base = suite.server.baseUrl;
    // The suite's administrator turns the policy on (and is locked out of everything else from now on).
    await asAdmin(suite, ({ put }) => put('/security/mfa-policy', { requiredForAdmins: true }));
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${base}/login`);
    await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(ADMIN.email);
    await page.getByLabel(/^Passwort/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(/\/two-factor$/);
    await page.getByRole('heading', { name: 'Zwei-Faktor-Anmeldung erforderlich', level: 1 }).waitFor();
    await page.getByTestId('mfa-required-notice').getByText(/alle anderen Bereiche gesperrt/).waitFor();
    // Other pages lead back here.
    await page.goto(`${base}/systems`);
    await page.waitForURL(/\/two-factor$/);
    await page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click();
    const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');
    await expectAccessible(page, 'enrolment required');
    await page.screenshot({ path: '/tmp/konform-mfa-required.png', fullPage: true });
    await page.getByRole('textbox', { name: 'Code aus der App' }).fill(hotp(base32Decode(secret), totpStep(Date.now())));
    await page.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
    await page.getByRole('button', { name: 'Ich habe die Codes gesichert' }).click();
    await page.waitForURL(/\/systems$/);

    // The policy page in the administration: turn the requirement off again.
    await page.getByRole('link', { name: 'Zwei-Faktor-Pflicht' }).waitFor();
    await page.goto(`${base}/settings/two-factor`);
    await page.getByRole('heading', { name: 'Zwei-Faktor-Anmeldung: Pflicht', level: 1 }).waitFor();
    const box = page.getByRole('checkbox', { name: 'Zwei-Faktor-Anmeldung für Administration vorschreiben' });
    await expect(box.isChecked()).resolves.toBe(true);
    await expectAccessible(page, 'policy page');
    await box.click();
    await page.getByText('Gespeichert.').waitFor();
    await expect(box.isChecked()).resolves.toBe(false);
    // The suite's administrator may work again.
    await asAdmin(suite, async () => undefined);
    expect(errors).toEqual([]);
    await context.close();
  });
});
