import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Post-market monitoring (#10, point 9): a plan with one indicator is written on the system's tab "Beobachtung", put
 * in force, a breaching value recorded by hand → the breach is marked and a task appears on the system's task tab.
 */
const suite = useSuite();
const UNIT = 'Referat 23 – Beobachtung';
const OWNER = { email: 'otto.beobachter@e2e.example', displayName: 'Otto Beobachter', password: 'Beobachter-Passwort-2026!' };
const SYSTEM = 'Bescheidentwürfe Wohngeld';
let systemId = '';

beforeAll(async () => {
  systemId = await asAdmin(suite, async ({ post, put }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'R 23' });
    await post('/users', { ...OWNER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    const system = await post<{ id: string }>('/systems', {
      name: SYSTEM, purpose: 'Entwirft Bescheide.', description: 'Schlägt Bescheidtexte vor.', autonomy: 'human-in-the-loop', orgUnitId: unit.id, roles: ['deployer'],
    });
    await put(`/systems/${system.id}/classification`, { facts: { roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } }, answers: {}, note: 'Anhang III Nr. 5 Buchst. a.' });
    return system.id;
  });
});

describe('post-market monitoring', () => {
  it('opens a task when a recorded value breaches the threshold', async () => {
    const base = suite.server.baseUrl;
    const { page, errors } = await session(suite, OWNER);
    await page.goto(`${base}/systems/${systemId}?tab=monitoring`);
    await page.getByTestId('monitoring-new-plan').click();
    await page.getByTestId('monitoring-observed').fill('Trefferquote der Entwürfe, gemessen an einer wöchentlichen Stichprobe.');
    await page.getByTestId('indicator-name-0').fill('Trefferquote');
    await page.getByTestId('indicator-threshold-0').fill('90');
    await expectAccessible(page, 'monitoring plan editor');
    await page.getByTestId('monitoring-plan-save').click();
    await page.getByTestId('monitoring-plan-status').getByText('Entwurf').waitFor();
    await page.getByTestId('monitoring-activate').click();
    await page.getByTestId('monitoring-plan-status').getByText('in Kraft').waitFor();

    await page.getByTestId('measurement-value').fill('84,5');
    await page.getByTestId('measurement-note').fill('Nach dem Modellwechsel');
    await page.getByTestId('measurement-save').click();
    await page.getByText('Schwellenwert verletzt – eine Aufgabe wurde angelegt.').waitFor();
    await page.getByTestId('indicator-row-Trefferquote').getByText('verletzt').waitFor();
    await page.getByTestId('history-toggle-Trefferquote').click();
    await page.getByText('Aufgabe angelegt').waitFor();
    await expectAccessible(page, 'monitoring tab');
    await page.screenshot({ path: '/tmp/konform-monitoring-tab.png', fullPage: true });

    await page.goto(`${base}/systems/${systemId}?tab=tasks`);
    await page.getByText(/Beobachtung: Schwellenwert verletzt – Trefferquote/).first().waitFor();
    expect(errors).toEqual([]);
  });
});
