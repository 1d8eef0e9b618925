import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { openMatrixRow } from './support/matrix.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
let unitId = '';
let systemId = '';
let riskId = '';

const PLANNER = { email: 'paula.planung@e2e.example', displayName: 'Paula Planung', password: 'Planung-Passwort-2026' };
const WORKER = { email: 'wim.werkstatt@e2e.example', displayName: 'Wim Werkstatt', password: 'Werkstatt-Passwort-2026' };
const TASK = 'Testdatensatz auf Verzerrungen prüfen';

/** Tomorrow as a calendar day in Berlin (the day the server counts due dates in). */
function tomorrow(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 86_400_000));
}

beforeAll(async () => {
  // A unit with a planner (owner role) and a colleague from the test lab; a high-risk system under Annex III with one risk.
  await asAdmin(suite, async ({ post, put }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat Z 7 – KI-Koordinierung', shortName: 'Z 7' });
    unitId = unit.id;
    await post('/users', { ...PLANNER, roles: [{ orgUnitId: unit.id, role: 'owner' }] });
    await post('/users', { ...WORKER, roles: [{ orgUnitId: unit.id, role: 'lab' }] });
    systemId = (await post<{ id: string }>('/systems', {
      name: 'Bewerberauswahl Nachwuchsgewinnung',
      purpose: 'Sortiert Bewerbungen für den Vorbereitungsdienst vor.',
      orgUnitId: unit.id,
      roles: ['deployer'],
    })).id;
    await put(`/systems/${systemId}/classification`, {
      facts: { roles: ['deployer'], annexIII: ['4.a'], deployer: { publicAuthority: true } },
      answers: {},
      note: 'Hochrisiko nach Anhang III Nr. 4 Buchst. a.',
    });
    riskId = (await post<{ id: string }>(`/systems/${systemId}/risks`, { title: 'Benachteiligung durch verzerrte Trainingsdaten' })).id;
  });
});

describe('tasks and milestones', () => {
  it('a planner creates a task on a risk for a colleague, due tomorrow', async () => {
    const { context, page, errors } = await session(suite, PLANNER);
    await page.goto(`${suite.server.baseUrl}/risks/${riskId}`);
    const panel = page.getByRole('region', { name: 'Aufgaben' });
    await panel.getByText('Keine offenen Aufgaben.').waitFor();
    await panel.getByRole('button', { name: 'Aufgabe anlegen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Aufgabe anlegen' });
    await dialog.getByRole('textbox', { name: 'Titel' }).fill(TASK);
    await dialog.getByLabel('Beschreibung').fill('Verteilung nach Geschlecht und Alter mit der Grundgesamtheit vergleichen.');
    await dialog.getByRole('combobox', { name: 'Verantwortlich' }).selectOption({ label: WORKER.displayName });
    await dialog.getByLabel('Fällig am').fill(tomorrow());
    await dialog.getByRole('combobox', { name: 'Priorität' }).selectOption('high');
    await expectAccessible(page, 'task dialog');
    await dialog.getByTestId('task-form-submit').click();
    await page.getByText(`Die Aufgabe „${TASK}“ wurde angelegt.`).waitFor();
    const row = panel.getByRole('row').filter({ hasText: TASK });
    await expect(row.textContent()).resolves.toContain(WORKER.displayName);
    await row.getByText('Bald fällig').waitFor();
    await expectAccessible(page, 'risk page with its tasks');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the colleague sees it on "My tasks" as due soon, opens it and marks it done', async () => {
    const { context, page, errors } = await session(suite, WORKER);
    await page.getByRole('link', { name: 'Aufgaben', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Meine Aufgaben' }).waitFor();
    const row = page.getByTestId('task-table').getByRole('row').filter({ hasText: TASK });
    await row.locator('[data-due="due-soon"]').getByText('Bald fällig').waitFor();
    await expect(row.textContent()).resolves.toContain('Benachteiligung durch verzerrte Trainingsdaten');
    await expect(row.textContent()).resolves.toContain('Hoch');
    await page.getByRole('region', { name: 'Korrekturmaßnahmen' }).waitFor();
    await expectAccessible(page, 'my tasks');
    await page.screenshot({ path: '/tmp/konform-tasks-mine.png', fullPage: true });

    await row.getByRole('button', { name: TASK }).click();
    const dialog = page.getByRole('dialog', { name: 'Aufgabe bearbeiten' });
    await dialog.getByText('Zu: R-1 Benachteiligung durch verzerrte Trainingsdaten').waitFor();
    await expectAccessible(page, 'task edit dialog');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await row.getByRole('combobox', { name: `Status von „${TASK}“` }).selectOption('done');
    await page.getByText(`„${TASK}“ ist jetzt: Erledigt.`).waitFor();
    await page.getByText('Ihnen sind derzeit keine offenen Aufgaben zugewiesen.').waitFor();
    await page.getByTestId('my-tasks-show').selectOption('closed');
    await page.getByTestId('task-table').getByRole('row').filter({ hasText: TASK }).waitFor();
    await expectAccessible(page, 'my tasks, done');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the unit's board shows a column per status and moves a card by its status select", async () => {
    const { context, page, errors } = await session(suite, PLANNER);
    await page.goto(`${suite.server.baseUrl}/tasks/board?orgUnitId=${unitId}`);
    await page.getByRole('heading', { level: 1, name: 'Aufgabenboard' }).waitFor();
    for (const column of ['Offen', 'In Bearbeitung', 'Blockiert', 'Erledigt']) await page.getByRole('heading', { level: 2, name: column }).waitFor();
    const done = page.getByTestId('task-column-done');
    await done.getByRole('article', { name: TASK }).waitFor();
    await done.getByRole('combobox', { name: `Status von „${TASK}“` }).selectOption('in-progress');
    await page.getByTestId('task-column-in-progress').getByRole('article', { name: TASK }).waitFor();
    await expect(done.getByRole('article').count()).resolves.toBe(0);
    await expectAccessible(page, 'task board');
    await page.screenshot({ path: '/tmp/konform-tasks-board.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the system's timeline shows the Annex III date and the task; the matrix drawer offers tasks too; English", async () => {
    const { context, page, errors } = await session(suite, PLANNER);
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=tasks`);
    const timeline = page.getByTestId('milestone-timeline');
    const annexIii = timeline.getByTestId('milestone-2027-12-02');
    await annexIii.getByText('Hochrisiko-KI-Systeme nach Anhang III (Art. 6 Abs. 2):', { exact: false }).waitFor();
    await expect(annexIii.textContent()).resolves.toContain('gelten ab 2. Dezember 2027');
    await timeline.getByTestId('timeline-today').waitFor();
    await timeline.getByRole('link', { name: TASK }).waitFor();
    await page.getByRole('region', { name: 'Aufgaben zu diesem KI-System' }).getByRole('row').filter({ hasText: TASK }).waitFor();
    await expectAccessible(page, 'system tasks and milestones');
    await page.screenshot({ path: '/tmp/konform-tasks-timeline.png', fullPage: true });

    await page.getByRole('tab', { name: 'Anforderungsmatrix' }).click();
    const { drawer } = await openMatrixRow(page, 'Art. 26 Abs. 6');
    await drawer.getByRole('heading', { name: 'Aufgaben' }).waitFor();
    await drawer.getByRole('button', { name: 'Aufgabe anlegen' }).click();
    const create = page.getByRole('dialog', { name: 'Aufgabe anlegen' });
    await create.getByRole('textbox', { name: 'Titel' }).fill('Aufbewahrungsfrist der Protokolle festlegen');
    await expectAccessible(page, 'task dialog over the matrix drawer');
    await create.getByTestId('task-form-submit').click();
    await drawer.getByRole('row').filter({ hasText: 'Aufbewahrungsfrist der Protokolle festlegen' }).waitFor();
    await expectAccessible(page, 'matrix drawer with tasks');
    await page.keyboard.press('Escape');

    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=tasks`);
    await page.getByRole('heading', { name: 'Milestones and due dates' }).waitFor();
    await expect(page.getByTestId('milestone-2027-12-02').textContent()).resolves.toContain('apply from 2 December 2027');
    await expectAccessible(page, 'system tasks and milestones, English');
    await page.goto(`${suite.server.baseUrl}/tasks/board?orgUnitId=${unitId}`);
    await page.getByRole('heading', { level: 2, name: 'In progress' }).waitFor();
    await expectAccessible(page, 'task board, English');
    await page.screenshot({ path: '/tmp/konform-tasks-board-en.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
