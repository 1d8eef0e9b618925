import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Incidents (#10, point 7): a serious incident of a system the organisation provides is recorded with the Art. 3(49)
 * questions → the Art. 73 deadlines count down (death: 10 days governs, 15 days listed) → the assessment is completed
 * → the initial report's submission is recorded → the deadlines show met; the complaints tab registers an entry.
 */
const suite = useSuite();
const UNIT = 'Referat 24 – Vorfälle';
const OFFICER = { email: 'vera.vorfall@e2e.example', displayName: 'Vera Vorfall', password: 'Vorfall-Passwort-2026!' };
const SYSTEM = 'Terminvergabe Bürgeramt';

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'R 24' });
    await post('/users', { ...OFFICER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/systems', { name: SYSTEM, purpose: 'Vergibt Termine.', description: 'Schlägt Termine vor.', autonomy: 'human-in-the-loop', orgUnitId: unit.id, roles: ['provider'] });
  });
});

describe('incidents', () => {
  it('records a serious incident, shows the Art. 73 deadlines and records the initial report', async () => {
    const base = suite.server.baseUrl;
    const { page, errors } = await session(suite, OFFICER);
    await page.goto(`${base}/incidents`);
    await page.getByRole('heading', { name: 'Vorfälle', level: 1 }).waitFor();
    await expectAccessible(page, 'incident list');
    // The counting rule is a setting: open it, see the default, keep it.
    await page.getByTestId('incident-settings').getByText('Einstellungen: Fristberechnung und Fristen').click();
    expect(await page.getByTestId('incident-settings-rule').inputValue()).toBe('calendar-days');
    await expectAccessible(page, 'incident settings');
    await page.getByTestId('incident-create').click();
    await page.getByTestId('incident-system').selectOption({ label: SYSTEM });
    await page.getByTestId('incident-title').fill('Falsche Priorisierung von Notfallterminen');
    await page.getByTestId('question-death-yes').check();
    for (const q of ['seriousHealthHarm', 'criticalInfrastructure', 'fundamentalRights', 'propertyOrEnvironment', 'widespread']) await page.getByTestId(`question-${q}-no`).check();
    await expectAccessible(page, 'incident form');
    await page.getByTestId('incident-save').click();

    await page.getByTestId('incident-serious').waitFor();
    await page.getByTestId('deadline-report-death').getByText('Art. 73 Abs. 4').waitFor();
    await page.getByTestId('deadline-report-serious-incident').getByText('Art. 73 Abs. 2').waitFor();
    expect(await page.getByTestId('countdown-report-death').textContent()).toMatch(/^noch (9|10) T \d+ Std$/);
    expect(await page.getByTestId('incident-counting-rule').textContent()).toContain('Kalendertage');
    await expectAccessible(page, 'incident page');

    await page.getByTestId('incident-assessed').click();
    await page.getByTestId('incident-status').getByText('Bewertet').waitFor();
    await page.getByTestId('submit-initial').click();
    await page.getByTestId('report-channel').fill('Meldeportal der Marktüberwachung');
    await page.getByTestId('report-reference').fill('MÜ-2026-0042');
    await page.getByTestId('report-password').fill(OFFICER.password);
    await expectAccessible(page, 'report dialog');
    await page.getByTestId('report-confirm').click();
    await page.getByTestId('incident-status').getByText('Erstmeldung übermittelt').waitFor();
    await page.getByTestId('incident-submissions').getByText('MÜ-2026-0042').waitFor();
    expect(await page.getByTestId('countdown-report-death').textContent()).toBe('erfüllt');
    const href = await page.getByTestId('report-download-initial-pdf').getAttribute('href');
    const pdf = await page.request.get(`${base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await page.screenshot({ path: '/tmp/konform-incident.png', fullPage: true });

    await page.getByText('Zurück zu den Vorfällen').click();
    await page.getByTestId('tab-complaints').click();
    await page.getByTestId('complaint-create').click();
    await page.getByTestId('complaint-system').selectOption({ label: SYSTEM });
    await page.getByTestId('complaint-subject').fill('Termin nicht nachvollziehbar');
    await page.getByTestId('complaint-save').click();
    await page.getByTestId('complaint-answer-form').waitFor();
    await expectAccessible(page, 'complaint page');
    expect(errors).toEqual([]);
  });
});
