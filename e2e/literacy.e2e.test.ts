import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { PDF } from './support/files.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
let systemId = '';
let unitId = '';

const UNIT = 'Referat Z 7 – Personalverwaltung';
const GOVERNANCE = { email: 'kira.koordination@e2e.example', displayName: 'Kira Koordination', password: 'Koordination-Passwort-2026' };
const OWNER = { email: 'otto.ordnung@e2e.example', displayName: 'Otto Ordnung', password: 'Ordnung-Passwort-2026' };
const COURSE = 'KI-Grundlagen für Fachverantwortliche';

beforeAll(async () => {
  // The admin arranges a unit with a member of the AI coordination and a system owner, and a deployed AI system.
  await asAdmin(suite, async ({ post, put }) => {
    unitId = (await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'Z 7' })).id;
    await post('/users', { ...GOVERNANCE, roles: [{ orgUnitId: unitId, role: 'governance' }] });
    await post('/users', { ...OWNER, roles: [{ orgUnitId: unitId, role: 'owner' }] });
    systemId = (await post<{ id: string }>('/systems', { name: 'Bewerbungsassistent', purpose: 'Fasst Bewerbungsunterlagen für die Vorauswahl zusammen.', orgUnitId: unitId, roles: ['deployer'] })).id;
    await put(`/systems/${systemId}/classification`, { facts: { roles: ['deployer'] }, answers: {}, note: 'Betreiber' });
  });
});

describe('AI literacy (Art. 4)', () => {
  it('the AI coordination adds a course, requires it for system owners, records a completion with a certificate, and the Art. 4 row shows it', async () => {
    const { context, page, errors } = await session(suite, GOVERNANCE);
    await page.getByRole('link', { name: 'KI-Kompetenz' }).click();
    await page.getByRole('heading', { level: 1, name: 'KI-Kompetenz' }).waitFor();
    await page.getByText('Ihre Rollen verlangen derzeit keine Schulung.').waitFor();
    await expectAccessible(page, 'my trainings (none)');

    // A course covering three Art. 4 themes
    await page.getByRole('tab', { name: 'Kurse' }).click();
    await page.getByTestId('course-create').click();
    const courseDrawer = page.getByRole('dialog', { name: 'Kurs anlegen' });
    await courseDrawer.getByRole('textbox', { name: 'Titel' }).fill(COURSE);
    await courseDrawer.getByRole('textbox', { name: 'Beschreibung' }).fill('Wie KI-Systeme arbeiten, wo sie irren und was die KI-VO von Betreibern verlangt.');
    for (const topic of ['KI-Grundlagen', 'Risiken und Grenzen von KI', 'KI-VO und ihre Pflichten']) await courseDrawer.getByRole('checkbox', { name: topic }).check();
    await courseDrawer.getByRole('textbox', { name: 'Dauer (Stunden)' }).fill('3');
    await courseDrawer.getByRole('combobox', { name: 'Format' }).selectOption('e-learning');
    await courseDrawer.getByRole('textbox', { name: /^Gültigkeit \(Monate\)/ }).fill('24');
    await expectAccessible(page, 'course drawer');
    await courseDrawer.getByTestId('course-form-submit').click();
    await page.getByText(`Der Kurs „${COURSE}“ wurde angelegt.`).waitFor();
    const courseRow = page.getByTestId('courses-table').getByRole('row').filter({ hasText: COURSE });
    await expect(courseRow.textContent()).resolves.toContain('24 Monate');
    await expect(courseRow.textContent()).resolves.toContain('KI-VO und ihre Pflichten');
    await expectAccessible(page, 'courses tab');

    // Required for system owners of the unit
    await page.getByRole('tab', { name: 'Anforderungen' }).click();
    await page.getByTestId('requirement-create').click();
    const requirementDrawer = page.getByRole('dialog', { name: 'Anforderung anlegen' });
    await requirementDrawer.getByRole('combobox', { name: 'Kurs' }).selectOption({ label: COURSE });
    await requirementDrawer.getByRole('combobox', { name: 'Rolle' }).selectOption('owner');
    await requirementDrawer.getByRole('combobox', { name: 'Organisationseinheit' }).selectOption({ label: UNIT });
    await expectAccessible(page, 'requirement drawer');
    await requirementDrawer.getByTestId('requirement-form-submit').click();
    await page.getByText(`„${COURSE}“ ist für Systemverantwortliche erforderlich.`).waitFor();
    const requirementRow = page.getByTestId('requirements-table').getByRole('row').filter({ hasText: COURSE });
    await expect(requirementRow.textContent()).resolves.toContain(`${UNIT} mit Untereinheiten`);
    await expect(requirementRow.textContent()).resolves.toContain('Gültigkeit des Kurses (24 Monate)');
    await expectAccessible(page, 'requirements tab');

    // The unit status: the owner has not completed it yet (open, due within the grace period)
    await page.getByRole('tab', { name: 'Stand der Organisationseinheit' }).click();
    await page.getByRole('combobox', { name: 'Organisationseinheit' }).selectOption({ label: UNIT });
    await page.getByRole('heading', { name: `KI-Kompetenz in ${UNIT}` }).waitFor();
    const ownerRow = page.getByTestId('literacy-unit-table').getByRole('row').filter({ hasText: OWNER.displayName });
    await ownerRow.locator('[data-state="due"]', { hasText: 'offen' }).waitFor();
    await expect(ownerRow.textContent()).resolves.toMatch(/fällig bis/);
    await expect(page.getByTestId('literacy-unit-summary').locator('[data-figure="due"]').textContent()).resolves.toBe('1');
    await expectAccessible(page, 'unit status (open)');
    await page.screenshot({ path: '/tmp/konform-literacy-unit-open.png', fullPage: true });

    // Recording the completion with the certificate
    await page.getByRole('tab', { name: 'Teilnahmen' }).click();
    await page.getByTestId('record-create').click();
    const recordDrawer = page.getByRole('dialog', { name: 'Teilnahme erfassen' });
    await recordDrawer.getByRole('combobox', { name: 'Person' }).selectOption({ label: OWNER.displayName });
    await recordDrawer.getByRole('combobox', { name: 'Kurs' }).selectOption({ label: COURSE });
    await recordDrawer.getByRole('combobox', { name: 'Ergebnis' }).selectOption('passed');
    await recordDrawer.getByLabel('Teilnahmebescheinigung').setInputFiles({ name: 'bescheinigung-ordnung.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expectAccessible(page, 'record drawer');
    await recordDrawer.getByTestId('record-form-submit').click();
    await page.getByText(`Die Teilnahme von ${OWNER.displayName} an „${COURSE}“ wurde erfasst.`).waitFor();
    const recordRow = page.getByTestId('records-table').getByRole('row').filter({ hasText: OWNER.displayName });
    const download = recordRow.getByRole('link', { name: 'Bescheinigung bescheinigung-ordnung.pdf herunterladen' });
    await download.waitFor();
    const response = await page.request.get(`${suite.server.baseUrl}${await download.getAttribute('href')}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toContain('attachment');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    await expectAccessible(page, 'records tab');

    // Withdrawing is offered with a reason (opened and cancelled here)
    await recordRow.getByRole('button', { name: /zurückziehen$/ }).click();
    const withdraw = page.getByRole('dialog', { name: 'Teilnahme zurückziehen' });
    await withdraw.waitFor();
    await expectAccessible(page, 'withdraw dialog');
    await withdraw.getByRole('button', { name: 'Abbrechen' }).click();
    await withdraw.waitFor({ state: 'hidden' });

    // Now current
    await page.getByRole('tab', { name: 'Stand der Organisationseinheit' }).click();
    await page.getByTestId('literacy-unit-table').getByRole('row').filter({ hasText: OWNER.displayName }).locator('[data-state="current"]').waitFor();
    await expect(page.getByTestId('literacy-unit-summary').locator('[data-figure="percent"]').textContent()).resolves.toBe('100 %');
    await expectAccessible(page, 'unit status (current)');
    await page.screenshot({ path: '/tmp/konform-literacy-unit.png', fullPage: true });

    // The Art. 4 row of the unit's AI system shows the unit's literacy as derived evidence
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=matrix`);
    const matrix = page.getByRole('tabpanel', { name: 'Anforderungsmatrix' });
    await matrix.getByRole('button', { name: 'Art. 4 öffnen' }).click();
    const rowDrawer = page.getByRole('dialog', { name: /^Art\. 4 – / });
    const evidence = rowDrawer.getByTestId('literacy-evidence');
    await evidence.getByText(new RegExp(`KI-Kompetenz in ${UNIT}: 1 von 1 Schulungen aktuell \\(Stand `)).waitFor();
    await expectAccessible(page, 'Art. 4 row drawer');
    await page.screenshot({ path: '/tmp/konform-literacy-art4.png' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the system owner sees the course as current in "my trainings", also in English', async () => {
    const { context, page, errors } = await session(suite, OWNER);
    await page.goto(`${suite.server.baseUrl}/literacy`);
    const row = page.getByTestId('literacy-my-table').getByRole('row').filter({ hasText: COURSE });
    await row.locator('[data-state="current"]', { hasText: 'aktuell' }).waitFor();
    await expect(row.textContent()).resolves.toContain('gültig bis');
    await expect(page.getByTestId('literacy-my-summary').textContent()).resolves.toContain('1 von 1 aktuell (100 %)');
    await expectAccessible(page, 'my trainings (owner)');
    // A system owner records but does not manage courses
    await page.getByRole('tab', { name: 'Kurse' }).click();
    await page.getByTestId('courses-table').waitFor();
    await expect(page.getByTestId('course-create').count()).resolves.toBe(0);

    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('tab', { name: 'My trainings' }).click();
    await page.getByRole('heading', { level: 1, name: 'AI literacy' }).waitFor();
    await page.getByTestId('literacy-my-table').getByRole('row').filter({ hasText: COURSE }).locator('[data-state="current"]', { hasText: 'current' }).waitFor();
    await expect(page.getByTestId('literacy-my-summary').textContent()).resolves.toContain('1 of 1 current (100 %)');
    await expectAccessible(page, 'my trainings in English');
    await page.screenshot({ path: '/tmp/konform-literacy-mine-en.png', fullPage: true });
    await page.locator('label', { hasText: /^DE$/ }).click();
    expect(errors).toEqual([]);
    await context.close();
  });
});
