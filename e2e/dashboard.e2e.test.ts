import { describe, expect, it, beforeAll } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * The leadership overview (#9 point 6): figures of data arranged through the API, the charts with their tables, a
 * management report generated and downloaded as PDF, and the page in English.
 */
const suite = useSuite();
const UNIT = 'Abteilung Zentrale Dienste (Übersicht)';
const LEAD = { email: 'lena.leitung@e2e.example', displayName: 'Lena Leitung', password: 'Leitung-Passwort-2026!' };

const yesterday = () => new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'ZD' });
    await post('/users', { ...LEAD, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    const system = (name: string, lifecycleStage: string) => post<{ id: string }>('/systems', { name, purpose: 'Unterstützt die Sachbearbeitung.', orgUnitId: unit.id, roles: ['deployer'], lifecycleStage });
    const a = await system('Posteingangsklassifikation', 'operation');
    await system('Terminassistent', 'operation');
    await system('Aktenzusammenfassung', 'planned');
    await post(`/systems/${a.id}/risks`, { title: 'Fehlleitung vertraulicher Post', likelihood: 5, impact: 5 });
    await post(`/systems/${a.id}/risks`, { title: 'Kleinere Verzögerung', likelihood: 1, impact: 1 });
    await post('/tasks', { recordType: 'system', recordId: a.id, title: 'Protokollierung prüfen', dueDate: yesterday() });
  });
});

describe('leadership overview', () => {
  it('shows the figures of the unit, generates a management report and downloads it as PDF', async () => {
    const { context, page, errors } = await session(suite, LEAD);
    await page.getByRole('link', { name: 'Leitungsübersicht', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Leitungsübersicht' }).waitFor();
    await page.getByTestId('dashboard-unit').selectOption({ label: UNIT });
    await page.getByTestId('dashboard-figure-systems-value').getByText('3', { exact: true }).waitFor();
    await expect(page.getByTestId('dashboard-figure-high-risks-value').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('dashboard-figure-overdue-tasks-value').textContent()).resolves.toBe('1');

    // Charts carry their figures as text; the tables hold the same numbers.
    await page.getByRole('img', { name: /KI-Systeme nach Lebenszyklusphase: Geplant 1, In Entwicklung 0, In Erprobung 0, Im Betrieb 2/ }).waitFor();
    await expect(page.getByTestId('dashboard-stage-table-operation').locator('td').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('dashboard-risk-class-table-unclassified').locator('td').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('dashboard-high-risks-table-sehr-hoch').locator('td').textContent()).resolves.toBe('1');
    await page.getByTestId('dashboard-legal-annex-iii-high-risk').getByText(/Anhang III gelten (ab|seit) .*: 0 Systeme von 0 nicht bereit/).waitFor();
    await expectAccessible(page, 'leadership overview');

    // A management report of the unit, then its PDF.
    await page.getByTestId('dashboard-reports-empty').waitFor();
    await page.getByTestId('dashboard-report-generate').click();
    await page.getByText('Managementbericht MR-0001 erstellt.').waitFor();
    const row = page.getByTestId('dashboard-report-1');
    await row.getByText(UNIT).waitFor();
    const href = (await row.getByRole('link', { name: 'Bericht MR-0001 als PDF herunterladen' }).getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/management-reports\/[0-9a-f-]+\/export\?format=pdf&locale=de$/);
    const response = await page.request.get(`${suite.server.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    expect(Buffer.from(await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const md = await (await page.request.get(`${suite.server.baseUrl}${href.replace('format=pdf', 'format=md')}`)).text();
    expect(md).toContain(`Managementbericht KI-Portfolio: ${UNIT}`);
    expect(md).toMatch(/Aktive KI-Systeme \| 3/);
    await page.screenshot({ path: '/tmp/konform-dashboard.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is complete in English', async () => {
    const { context, page, errors } = await session(suite, LEAD);
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('link', { name: 'Leadership overview', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Leadership overview' }).waitFor();
    await page.getByTestId('dashboard-unit').selectOption({ label: UNIT });
    await page.getByRole('img', { name: /AI systems by lifecycle stage: Planned 1, In development 0, In validation 0, In operation 2/ }).waitFor();
    await page.getByTestId('dashboard-legal-annex-iii-high-risk').getByText(/Annex III obligations (apply from|have applied since) .*: 0 systems of 0 not ready/).waitFor();
    await page.getByTestId('dashboard-report-1').getByRole('link', { name: 'Download report MR-0001 as DOCX' }).waitFor();
    await expectAccessible(page, 'leadership overview in English');
    await page.screenshot({ path: '/tmp/konform-dashboard-en.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
