import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { openMatrixRow } from './support/matrix.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
let systemId = '';
let ncUrl = '';

const IMPLEMENTER = { email: 'bernd.berater@e2e.example', displayName: 'Bernd Berater', password: 'Berater-Passwort-2026' };
const REVIEWER = { email: 'clara.controlling@e2e.example', displayName: 'Clara Controlling', password: 'Controlling-Passwort-2026' };
const ROW = 'eu-ai-act:art-26-6';
const TITLE = 'Überprüfung nicht bestanden: Art. 26 Abs. 6';

const stepper = (page: Page) => page.getByTestId('capa-stepper');

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat 24 – Lagebild', shortName: 'R 24' });
    await post('/users', { ...IMPLEMENTER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/users', { ...REVIEWER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    systemId = (
      await post<{ id: string }>('/systems', {
        name: 'Lagebildassistent Einsatzplanung',
        purpose: 'Fasst Lagemeldungen zusammen und schlägt die Verteilung von Einsatzkräften vor.',
        orgUnitId: unit.id,
        roles: ['deployer'],
      })
    ).id;
  });
  // Classified high-risk by one person and approved by a second; the implementer reports Art. 26(6) implemented.
  const implementer = await session(suite, IMPLEMENTER);
  const api = await apiFor(implementer.page, suite.server.baseUrl);
  await api.put(`/systems/${systemId}/classification`, { facts: { roles: ['deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true } }, answers: {}, note: 'Hochrisiko nach Anhang III Nr. 6 Buchst. d.' });
  const reviewer = await session(suite, REVIEWER);
  await (await apiFor(reviewer.page, suite.server.baseUrl)).post(`/systems/${systemId}/classification/approve`, { revision: 1, password: REVIEWER.password });
  await reviewer.context.close();
  const started = await api.patch<{ version: number }>(`/systems/${systemId}/requirements/${encodeURIComponent(ROW)}`, { version: 0, status: 'in-progress' });
  await api.patch(`/systems/${systemId}/requirements/${encodeURIComponent(ROW)}`, { version: started.version, status: 'implemented' });
  await implementer.context.close();
});

describe('quality management: a failed review becomes a non-conformity, is corrected, verified and closed', () => {
  it('the reviewer rejects the implemented requirement and records a non-conformity from the row', async () => {
    const { context, page, errors } = await session(suite, REVIEWER);
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=matrix`);
    const { drawer } = await openMatrixRow(page, 'Art. 26 Abs. 6');
    await drawer.getByText('Als umgesetzt gemeldet von Bernd Berater').waitFor();
    // The review fails: the row goes back to in progress.
    await drawer.getByRole('button', { name: 'Wieder öffnen' }).click();
    await drawer.getByText('In Bearbeitung', { exact: true }).waitFor();
    await expectAccessible(page, 'row drawer with the record button');
    await drawer.getByRole('link', { name: 'Nichtkonformität erfassen' }).click();

    // The form starts from the failed review: the system, source "review", the requirement and a title.
    await page.getByRole('heading', { level: 1, name: 'Nichtkonformität erfassen' }).waitFor();
    const form = page.getByTestId('nonconformity-form');
    await expect(form.getByRole('textbox', { name: 'Titel' }).inputValue()).resolves.toBe(TITLE);
    await expect(form.getByRole('combobox', { name: 'Herkunft' }).inputValue()).resolves.toBe('review');
    await expect(form.getByRole('combobox', { name: 'KI-System' }).inputValue()).resolves.toBe(systemId);
    await form.getByText('Art. 26 Abs. 6 – Betreiberprotokolle mindestens sechs Monate aufbewahren').waitFor();
    await form.getByRole('textbox', { name: 'Beschreibung' }).fill('Die Stichprobe zeigt: Protokolle werden nach 30 Tagen gelöscht statt nach sechs Monaten.');
    await form.getByRole('combobox', { name: 'Schweregrad' }).selectOption('major');
    await expectAccessible(page, 'create form');
    await page.screenshot({ path: '/tmp/konform-quality-form.png', fullPage: true });
    await form.getByTestId('nonconformity-form-submit').click();

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    ncUrl = page.url();
    expect(ncUrl).toMatch(/\/nonconformities\/[0-9a-f-]{36}$/);
    await expect(stepper(page).getAttribute('data-status')).resolves.toBe('open');
    await page.getByTestId('capa-requirements').getByRole('link', { name: /Art\. 26 Abs\. 6 – Betreiberprotokolle/ }).waitFor();
    await expectAccessible(page, 'detail, recorded');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the implementer analyses the root cause, plans a corrective action with owner and due date and reports it implemented; verifying is refused (four eyes)', async () => {
    const { context, page, errors } = await session(suite, IMPLEMENTER);
    await page.getByRole('link', { name: 'Qualitätsmanagement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nichtkonformitäten und Korrekturmaßnahmen' }).waitFor();
    const list = page.getByTestId('nonconformity-table');
    const listRow = list.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) });
    await expect(listRow.textContent()).resolves.toMatch(/Lagebildassistent Einsatzplanung.*Wesentlich.*Erfasst.*0 von 0/);
    await page.getByRole('combobox', { name: 'Schweregrad' }).selectOption('critical');
    await list.getByText('Keine Nichtkonformität entspricht den Filtern.').waitFor();
    await page.getByRole('combobox', { name: 'Schweregrad' }).selectOption('');
    await expectAccessible(page, 'list');
    await listRow.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    // Root cause, then the analysis is complete
    const analyse = page.getByTestId('capa-step-analysed');
    await expect(analyse.isDisabled()).resolves.toBe(true);
    await page.getByRole('textbox', { name: 'Ursache', exact: true }).fill('Die Aufbewahrungsfrist der Protokollablage war auf den Standardwert von 30 Tagen eingestellt.');
    await page.getByRole('button', { name: 'Ursache speichern' }).click();
    await page.getByText('Ursache gespeichert.').waitFor();
    await analyse.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="capa-stepper"]')?.getAttribute('data-status') === 'analysed');

    // A corrective action with an owner (a user) and a due date, then the plan
    await page.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
    const action = page.getByRole('group', { name: 'Maßnahme 1' });
    await action.getByRole('textbox', { name: 'Beschreibung' }).fill('Aufbewahrungsfrist auf 183 Tage setzen und per Konfigurationsprüfung überwachen');
    await action.getByRole('combobox', { name: 'Verantwortlich' }).selectOption({ label: IMPLEMENTER.displayName });
    await action.getByLabel('Fällig am').fill('2027-06-30');
    await expectAccessible(page, 'actions editor');
    await page.getByTestId('capa-actions-save').click();
    await page.getByText('Maßnahmen gespeichert.').waitFor();
    await page.getByTestId('capa-step-actions-planned').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="capa-stepper"]')?.getAttribute('data-status') === 'actions-planned');

    // Done, reported implemented
    await expect(page.getByTestId('capa-step-implemented').isDisabled()).resolves.toBe(true);
    await page.getByRole('group', { name: 'Maßnahme 1' }).getByRole('checkbox', { name: 'Erledigt' }).check();
    await page.getByTestId('capa-actions-save').click();
    await page.getByText('Maßnahmen gespeichert.').first().waitFor();
    await page.getByTestId('capa-step-implemented').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="capa-stepper"]')?.getAttribute('data-status') === 'implemented');

    // Four eyes: the implementer may verify in general, but not here
    const verify = page.getByTestId('capa-verify');
    await expect(verify.isDisabled()).resolves.toBe(true);
    await page.getByTestId('capa-four-eyes').getByText('Sie haben die Maßnahmen als umgesetzt gemeldet.', { exact: false }).waitFor();
    await expect(verify.getAttribute('aria-describedby')).resolves.toBe('capa-four-eyes');
    await page.getByTestId('capa-actions-table').getByText('Bernd Berater').waitFor();
    await expectAccessible(page, 'detail, implemented');
    await page.screenshot({ path: '/tmp/konform-quality-implemented.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a second person verifies the effectiveness and closes it; the stepper shows it closed, in German and English', async () => {
    const { context, page, errors } = await session(suite, REVIEWER);
    await page.goto(ncUrl);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByTestId('capa-verify').click();
    const dialog = page.getByRole('dialog', { name: 'Wirksamkeit prüfen' });
    await dialog.getByTestId('capa-verify-submit').click();
    await dialog.getByText('Bitte wählen Sie ein Ergebnis.').waitFor();
    await dialog.getByRole('radio', { name: 'Ja, wirksam' }).check();
    await dialog.getByRole('textbox', { name: 'Prüfvermerk' }).fill('Konfiguration geprüft: Frist 183 Tage; Protokolle vom Vormonat vollständig vorhanden.');
    await expectAccessible(page, 'verification dialog');
    await dialog.getByTestId('capa-verify-submit').click();
    await page.getByText('Die Wirksamkeit ist bestätigt.').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="capa-stepper"]')?.getAttribute('data-status') === 'verified');
    await expect(page.getByTestId('capa-verification').textContent()).resolves.toMatch(/^wirksam – geprüft von Ihnen am /);

    await page.getByTestId('capa-step-closed').click();
    await page.getByTestId('capa-closed-note').waitFor();
    await expect(stepper(page).getAttribute('data-status')).resolves.toBe('closed');
    await expect(stepper(page).locator('[data-state="done"]').count()).resolves.toBe(6);
    await expect(stepper(page).textContent()).resolves.toContain('Abgeschlossen – erledigt');
    await page.getByRole('heading', { name: 'Änderungsprotokoll' }).waitFor();
    await expectAccessible(page, 'detail, closed');
    await page.screenshot({ path: '/tmp/konform-quality-closed.png', fullPage: true });

    // The system's tab lists it as closed
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=nonconformities`);
    const tab = page.getByRole('tabpanel', { name: 'Nichtkonformitäten' });
    await expect(tab.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) }).textContent()).resolves.toContain('Abgeschlossen');
    await expectAccessible(page, 'system tab');

    // English
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.goto(ncUrl);
    await page.getByRole('heading', { level: 2, name: 'Workflow' }).waitFor();
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');
    await expect(stepper(page).textContent()).resolves.toContain('Closed – done');
    await page.getByText('The non-conformity is closed.').first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'Corrective and preventive actions' }).waitFor();
    await expectAccessible(page, 'detail, closed, English');
    await page.screenshot({ path: '/tmp/konform-quality-en.png', fullPage: true });
    await page.goto(`${suite.server.baseUrl}/nonconformities`);
    await page.getByRole('heading', { level: 1, name: 'Non-conformities and corrective actions' }).waitFor();
    await expectAccessible(page, 'list, English');
    expect(errors).toEqual([]);
    await context.close();
  });
});
