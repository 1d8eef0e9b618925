import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { apiFor } from './support/api.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Retention and erasure (#12, point 7): the administrator sets a retention period, a log period below 6 months is
 * refused with the German message, a person is erased after the preview and the confirmation, then the system's
 * history shows the person's entries redacted under the pseudonym and the chain verification is green.
 */
const suite = useSuite();
const PERSON = { email: 'paula.person@e2e.example', displayName: 'Paula Person', password: 'Kastanienallee-Wolke-2026!' };
const SYSTEM = 'Antragsvorprüfung';
let systemId = '';

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat 12 – Datenschutz', shortName: 'R 12' });
    await post('/users', { ...PERSON, roles: [{ orgUnitId: unit.id, role: 'owner' }] });
    // The person works: the system and its history name her.
    const { context, page } = await session(suite, PERSON);
    try {
      const api = await apiFor(page, suite.server.baseUrl);
      systemId = (await api.post<{ id: string }>('/systems', { name: SYSTEM, purpose: 'Prüft Anträge vor.', orgUnitId: unit.id, roles: ['deployer'] })).id;
    } finally {
      await context.close();
    }
  });
});

describe('retention and erasure', () => {
  it('sets a period, refuses a too-short log period, erases a person with preview and confirmation, and the chain stays intact', async () => {
    const base = suite.server.baseUrl;
    const { page, errors } = await session(suite, { email: suite.server.adminEmail, password: suite.server.adminPassword });
    await page.goto(`${base}/privacy`);
    await page.getByRole('heading', { name: 'Aufbewahrung und Löschung', level: 1 }).waitFor();
    const complaints = page.getByTestId('retention-complaint');
    await complaints.getByText('Art. 85, 86 VO (EU) 2024/1689').waitFor();
    await page.getByTestId('retention-technical-documentation').getByText('ab Ablösung durch eine neue Fassung').waitFor();
    await expectAccessible(page, 'privacy page');

    // A period is changed and kept.
    await page.getByTestId('retention-months-complaint').fill('48');
    await page.getByTestId('retention-save-complaint').click();
    await page.getByText('Aufbewahrungsfrist gespeichert.').waitFor();
    // Logs must be kept at least 6 months (Art. 19, 26(6)): 5 is refused beside the field, in German.
    await page.getByTestId('retention-months-audit-trail').fill('5');
    await page.getByTestId('retention-save-audit-trail').click();
    await page.getByText('Die Aufbewahrungsfrist muss mindestens 6 Monate betragen (Art. 19 Abs. 1, Art. 26 Abs. 6 VO (EU) 2024/1689).').waitFor();
    await page.reload();
    expect(await page.getByTestId('retention-months-complaint').inputValue()).toBe('48');
    expect(await page.getByTestId('retention-months-audit-trail').inputValue()).toBe('120');

    // Erasure: choose the person, see the preview, give a reason, confirm.
    await page.getByTestId('erasure-user').click();
    await page.getByTestId('erasure-user').fill('Paula');
    await page.getByRole('option', { name: `${PERSON.displayName} <${PERSON.email}>` }).click();
    await page.getByTestId('erasure-preview').click();
    const preview = page.getByTestId('erasure-preview-result');
    await preview.getByText('Pseudonym nach der Löschung').waitFor();
    expect(await page.getByTestId('erasure-events').textContent()).toMatch(/^Einträge im Prüfpfad, die geschwärzt werden: [1-9]\d*$/);
    await preview.getByText('Elektronische Signaturen nennen weiterhin die unterzeichnende Person', { exact: false }).waitFor();
    // Mentions in free text: what is found, and that other references are checked by hand.
    await preview.getByText('Nennungen in Freitext (Beschreibungen, Notizen, Kommentare)').waitFor();
    await preview.getByText('Andere Bezüge (Initialen, Spitznamen, Vor- oder Nachname allein) prüfen Sie bitte von Hand', { exact: false }).waitFor();
    await preview.getByText('Die Löschung kann nicht rückgängig gemacht werden.').waitFor();
    expect(await page.getByTestId('erasure-submit').isDisabled()).toBe(true);
    await page.getByTestId('erasure-reason').fill('Antrag nach Art. 17 DSGVO, Az. DS-2026-17');
    expect(await page.getByTestId('erasure-submit').isDisabled()).toBe(true);
    await page.getByTestId('erasure-confirm').check();
    await expectAccessible(page, 'erasure preview');
    await page.getByTestId('erasure-submit').click();
    const done = await page.getByTestId('erasure-done').textContent();
    expect(done).toMatch(/^Gelöscht: Gelöschte Person [0-9a-f]{8}\./);
    const pseudonym = /Gelöschte Person [0-9a-f]{8}/.exec(done!)![0];
    await page.screenshot({ path: '/tmp/konform-retention.png', fullPage: true });

    // The system's history: the person's entries are redacted and show the pseudonym.
    await page.goto(`${base}/systems/${systemId}`);
    await page.getByRole('tab', { name: 'Änderungsprotokoll' }).click();
    await page.getByTestId('audit-redacted').first().waitFor();
    await page.getByText(`durch ${pseudonym}`, { exact: false }).first().waitFor();
    expect(await page.getByText(PERSON.email, { exact: false }).count()).toBe(0);

    // The chain is intact.
    await page.goto(`${base}/audit`);
    await page.getByRole('button', { name: 'Kette prüfen' }).click();
    await page.getByText('Änderungsprotokoll unverändert').waitFor();
    expect(errors).toEqual([]);
  });
});
