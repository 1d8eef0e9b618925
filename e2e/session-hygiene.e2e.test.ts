import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { newContext, signIn, watchPageErrors } from './support/browser.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
const PAULA = { email: 'paula.sitzung@e2e.example', displayName: 'Paula Sitzung', password: 'Sitzungen-im-Blick-2026' };

const ENDED = 'Ihre Sitzung ist abgelaufen oder wurde an anderer Stelle beendet. Bitte melden Sie sich erneut an.';

/** Moves the last request of every session of the person 31 minutes back, as if the browser had been left idle. */
function idleSessionsOf(email: string): number {
  const db = new SQLite(path.join(suite.server.dataDir, 'konform.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const ago = new Date(Date.now() - 31 * 60_000).toISOString();
    return db.prepare('update session set last_seen_at = ? where user_id = (select id from app_user where email = ?)').run(ago, email).changes;
  } finally {
    db.close();
  }
}

async function openAccount(page: Page): Promise<void> {
  await page.goto(`${suite.server.baseUrl}/account`);
  await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
}

describe('sessions and passwords', () => {
  it('refuses a weak password in German, signs out everywhere else, and returns the other browser to sign-in', async () => {
    const { units } = await asAdmin(suite, async (api) => ({ units: await api.post<{ id: string }>('/org-units', { name: 'Referat Sitzungen', shortName: 'RS', parentId: null }) }));
    await asAdmin(suite, (api) => api.post('/users', { ...PAULA, locale: 'de', roles: [{ orgUnitId: units.id, role: 'viewer' }] }));

    // A second browser (another device) signed in as the same person, on a page of its own.
    const other = await session(suite, PAULA);
    await other.page.goto(`${suite.server.baseUrl}/org-units`);
    await other.page.getByRole('heading', { level: 1 }).waitFor();

    const { page, errors } = await session(suite, PAULA);
    await openAccount(page);

    // A breached password is refused beside the field, in German.
    await page.getByLabel(/^Aktuelles Passwort( \*)?$/).fill(PAULA.password);
    await page.getByLabel(/^Neues Passwort( \*)?$/).fill('qwertyuiop123');
    await page.getByLabel(/^Neues Passwort wiederholen( \*)?$/).fill('qwertyuiop123');
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/auth/password'));
    await page.getByRole('button', { name: 'Passwort ändern' }).click();
    expect((await refused).status()).toBe(400);
    await page.getByText('Dieses Passwort steht auf einer Liste häufig verwendeter oder bekannt gewordener Passwörter.', { exact: false }).waitFor();
    // So is one containing the own name.
    await page.getByLabel(/^Neues Passwort( \*)?$/).fill('Paula Sitzung im Sommer');
    await page.getByLabel(/^Neues Passwort wiederholen( \*)?$/).fill('Paula Sitzung im Sommer');
    await page.getByRole('button', { name: 'Passwort ändern' }).click();
    await page.getByText('Das Passwort darf weder die E-Mail-Adresse noch den Namen des Kontos', { exact: false }).waitFor();

    // The sessions table lists both browsers; this one is marked.
    const table = page.getByTestId('session-table');
    await expect.poll(async () => table.locator('tbody tr').count()).toBe(2);
    await table.getByText('Diese Sitzung').waitFor();
    await expectAccessible(page, 'account page with sessions');

    const ended = page.waitForResponse((r) => r.url().endsWith('/api/auth/sessions/end-all'));
    await page.getByRole('button', { name: 'Alle anderen Sitzungen beenden' }).click();
    expect((await ended).status()).toBe(200);
    await page.getByText('1 andere Sitzung wurde beendet.').waitFor();
    await expect.poll(async () => table.locator('tbody tr').count()).toBe(1);

    // The other browser's next request finds its session gone: back to sign-in with the message, the route kept.
    await other.page.getByRole('link', { name: 'KI-Systeme' }).click();
    await other.page.waitForURL(/\/login$/);
    await other.page.getByText(ENDED).waitFor();
    // A reload still says so: the browser sends the cookie, the server answers that its session ended.
    await other.page.reload();
    await other.page.getByText(ENDED).waitFor();
    await other.page.getByLabel(/E-Mail-Adresse/).fill(PAULA.email);
    await other.page.getByLabel(/^Passwort/).fill(PAULA.password);
    await other.page.getByRole('button', { name: 'Anmelden' }).click();
    await other.page.waitForURL(/\/systems$/);

    // This browser is still signed in.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    expect(errors).toEqual([]);
    await other.context.close();
    await page.context().close();
  });

  it('lets the administrator set the idle timeout and sign a person out everywhere', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    await page.getByRole('link', { name: 'Sitzungen und Passwörter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sitzungen und Passwörter' }).waitFor();
    const idle = page.getByRole('textbox', { name: /Leerlauf-Zeitlimit/ });
    await expect.poll(async () => idle.inputValue()).toBe('30');
    await expect.poll(async () => page.getByRole('textbox', { name: /Absolutes Zeitlimit/ }).inputValue()).toBe('12');
    await idle.fill('15');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/security/session-policy') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'Speichern' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Gespeichert.').first().waitFor();
    await expectAccessible(page, 'session policy page');
    await page.reload();
    await expect.poll(async () => page.getByRole('textbox', { name: /Leerlauf-Zeitlimit/ }).inputValue()).toBe('15');

    // The person's browser is signed out by the administrator from the user administration.
    const person = await session(suite, PAULA);
    await page.goto(`${suite.server.baseUrl}/users`);
    await page.getByRole('button', { name: '„Paula Sitzung“ bearbeiten' }).click();
    const dialog = page.getByRole('dialog');
    const panel = dialog.getByTestId('user-sign-in');
    await panel.getByTestId('session-table').waitFor();
    await expectAccessible(page, 'user dialog with sessions');
    await panel.getByRole('button', { name: 'Überall abmelden' }).click();
    await page.getByText('Paula Sitzung wurde abgemeldet', { exact: false }).waitFor();
    await panel.getByText('Keine offene Sitzung.').waitFor();
    await person.page.reload();
    await person.page.waitForURL(/\/login$/);
    await person.page.getByText(ENDED).waitFor();
    expect(errors).toEqual([]);
    await person.context.close();
    await context.close();
  });

  it('says after a reload that the session ended from inactivity, and says nothing on a first visit', async () => {
    // A first visit (no cookie) lands on sign-in without any message.
    const stranger = await newContext(suite.browser);
    const first = await stranger.newPage();
    const firstErrors = watchPageErrors(first);
    await first.goto(`${suite.server.baseUrl}/systems`);
    await first.waitForURL(/\/login$/);
    await first.getByRole('button', { name: 'Anmelden' }).waitFor();
    expect(await first.getByRole('status').count()).toBe(0);
    expect(await first.getByText('Ihre Sitzung', { exact: false }).count()).toBe(0);
    expect(firstErrors).toEqual([]);
    await stranger.close();

    const { context, page, errors } = await session(suite, PAULA);
    await openAccount(page);
    expect(idleSessionsOf(PAULA.email)).toBeGreaterThan(0);
    await page.reload();
    await page.waitForURL(/\/login$/);
    await page.getByText('Ihre Sitzung wurde nach längerer Inaktivität beendet. Bitte melden Sie sich erneut an.').waitFor();
    await expectAccessible(page, 'sign-in after an ended session');
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByText('Your session was ended after a period of inactivity. Please sign in again.').waitFor();
    // Another reload: the session is gone now, so the server can only say that it ended.
    await page.reload();
    await page.getByText('Your session has expired or was ended elsewhere. Please sign in again.').waitFor();
    await page.locator('label', { hasText: /^DE$/ }).click();
    await context.close();
    expect(errors).toEqual([]);
  });
});
