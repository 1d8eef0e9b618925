import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe.js';
import { newContext, signIn, watchPageErrors } from './support/browser.js';
import { asAdmin, useSuite } from './support/suite.js';

const suite = useSuite();
let systemId = '';

const COORDINATOR = { email: 'dora.dezernat@e2e.example', displayName: 'Dora Dezernat', password: 'Dezernat-Passwort-2026' };
const SYSTEM = 'Posteingangsklassifikation Bürgeranfragen';

/** The office's AI house rules; every rule binds the organisation as a whole, so it applies to every system. */
const houseRules = (version: string, rules: string) => `id: hausregeln-ki
version: "${version}"
kind: internal
title: { de: KI-Hausregeln des Amtes, en: The office's AI house rules }
publisher: KI-Koordinierung
source: Hausverfügung 12/2026
licence: intern
requirements:
${rules}`;

const RULE_1 = (date: string) => `  - id: hr-1
    ref: HR-1
    appliesFrom: "${date}"
    title: { de: Nutzung generativer KI dokumentieren, en: Document the use of generative AI }
`;
const RULE_2 = `  - id: hr-2
    ref: HR-2
    title: { de: Jährliche Schulung der Anwender, en: Yearly training of users }
`;
const RULE_3 = `  - id: hr-3
    ref: HR-3
    title: { de: Freigabe durch die Behördenleitung, en: Sign-off by the head of the authority }
`;

async function expectAccessible(page: Page, what: string) {
  expect(await axeViolations(page), what).toEqual([]);
}

beforeAll(async () => {
  // Version 2026-1 of the house rules is in force; the system has worked on HR-2.
  await asAdmin(suite, async ({ post, patch }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat Z 4 – Bürgerservice', shortName: 'Z 4' });
    await post('/users', { ...COORDINATOR, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    systemId = (await post<{ id: string }>('/systems', { name: SYSTEM, purpose: 'Ordnet eingehende Bürgeranfragen den zuständigen Referaten zu.', orgUnitId: unit.id, roles: ['deployer'] })).id;
    await post('/catalogs/import', { yaml: houseRules('2026-1', RULE_1('2027-01-15') + RULE_2) });
    await post('/catalogs/hausregeln-ki/versions/2026-1/accept', { expectedActive: null });
    await patch(`/systems/${systemId}/requirements/hausregeln-ki:hr-2`, { status: 'in-progress', owner: 'Referat Z 4' });
  });
});

describe('catalogue update', () => {
  it('imports a changed version, shows the diff and the affected systems, and after acceptance the matrix has the new due date', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, suite.server.baseUrl, COORDINATOR.email, COORDINATOR.password);

    // A file with a mistake is refused with its place in the file, before anything is written
    await page.getByRole('link', { name: 'Kataloge', exact: true }).click();
    await page.getByRole('button', { name: 'Katalog importieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Katalog importieren' });
    const broken = houseRules('2026-2', RULE_1('2027-06-30').replace(', en: Document the use of generative AI', ''));
    await dialog.getByLabel('Katalogdatei').setInputFiles({ name: 'hausregeln-2026-2.yaml', mimeType: 'application/yaml', buffer: Buffer.from(broken) });
    await dialog.getByRole('button', { name: 'Prüfen' }).click();
    await dialog.getByTestId('import-errors').getByText(/requirements\[0\]\.title\.en/).waitFor();
    await expectAccessible(page, 'import preview with errors');

    // The corrected file: one date moves, HR-2 goes, HR-3 comes
    const changed = houseRules('2026-2', RULE_1('2027-06-30') + RULE_3);
    await dialog.getByLabel('Katalogdatei').setInputFiles({ name: 'hausregeln-2026-2.yaml', mimeType: 'application/yaml', buffer: Buffer.from(changed) });
    await dialog.getByRole('button', { name: 'Prüfen' }).click();
    const preview = dialog.getByTestId('import-preview');
    await preview.getByTestId('diff-summary').waitFor();
    await preview.getByTestId('impact-summary').getByText(SYSTEM).waitFor();
    await expectAccessible(page, 'import preview');
    await page.screenshot({ path: '/tmp/konform-import-preview.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Als vorgeschlagene Version importieren' }).click();

    // The review page: from → to, the changed date, the removed and added rules, the system with its rows
    await page.waitForURL(/\/catalogs\/hausregeln-ki\/versions\/2026-2/);
    await page.getByTestId('review-from-to').getByText('Von Version 2026-1 auf Version 2026-2').waitFor();
    const diff = page.getByTestId('catalog-diff');
    await diff.getByTestId('diff-changed').getByText('HR-1').first().waitFor();
    await expect(diff.getByTestId('diff-changed').textContent()).resolves.toMatch(/15\.01\.2027.*30\.06\.2027/);
    await expect(diff.textContent()).resolves.toMatch(/HR-2[\s\S]*HR-3|HR-3[\s\S]*HR-2/);
    const impact = page.getByTestId('catalog-impact').getByTestId('impact-system').filter({ hasText: SYSTEM });
    await impact.getByRole('link', { name: SYSTEM }).waitFor();
    await expect(impact.textContent()).resolves.toMatch(/HR-3/);
    await expect(impact.textContent()).resolves.toMatch(/HR-2/);
    await expectAccessible(page, 'version review');
    await page.screenshot({ path: '/tmp/konform-version-review.png', fullPage: true });

    // Accept: one binding decision
    await page.getByRole('button', { name: 'Übernehmen', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Version 2026-2 übernehmen' });
    await expectAccessible(page, 'accept dialog');
    await confirm.getByRole('button', { name: 'Verbindlich übernehmen' }).click();
    await page.getByTestId('accept-result').waitFor();

    // The matrix follows: HR-1 is due on the new date, HR-2 is kept read-only with its status, HR-3 is new
    await impact.getByRole('link', { name: SYSTEM }).click();
    await page.waitForURL(/tab=matrix/);
    const tab = page.getByRole('tabpanel', { name: 'Anforderungsmatrix' });
    const houseRulesBox = tab.getByRole('checkbox', { name: 'KI-Hausregeln des Amtes' });
    if (!(await houseRulesBox.isChecked())) await houseRulesBox.check();
    const hr1 = tab.getByRole('row').filter({ hasText: 'HR-1' }).first();
    await hr1.waitFor();
    await expect(hr1.textContent()).resolves.toContain('30.06.2027');
    await tab.getByRole('row').filter({ hasText: 'HR-3' }).first().waitFor();
    const retired = page.getByTestId('matrix-retired');
    await retired.getByText('HR-2').waitFor();
    await expect(retired.textContent()).resolves.toMatch(/In Bearbeitung/);
    await expect(retired.textContent()).resolves.toMatch(/2026-2/);
    await expectAccessible(page, 'matrix after the update');
    await page.screenshot({ path: '/tmp/konform-matrix-after-update.png', fullPage: true });

    // The whole update is one audit event
    const audit = await page.request.get(`${suite.server.baseUrl}/api/audit-events?entityType=catalog&entityId=hausregeln-ki`);
    const actions = ((await audit.json()) as { items: { action: string }[] }).items.map((e) => e.action);
    expect(actions.filter((a) => a === 'catalog.accept')).toHaveLength(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('previews and accepts switching the AI Act version in force, in English', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, suite.server.baseUrl, COORDINATOR.email, COORDINATOR.password);
    await page.goto(`${suite.server.baseUrl}/catalogs/eu-ai-act`);
    await page.locator('label', { hasText: /^EN$/ }).click();
    const card = page.getByTestId('act-in-force');
    await card.getByRole('heading', { name: 'Act in force' }).waitFor();
    const other = card.getByRole('combobox', { name: 'Other version' });
    const choice = await other.locator('option').evaluateAll((options) => (options as HTMLOptionElement[]).find((o) => !o.selected && o.value)?.value);
    if (choice) await other.selectOption(choice);
    await card.getByRole('link', { name: 'Preview switch' }).click();
    await page.waitForURL(/\/act-in-force\//);
    await page.getByRole('heading', { level: 1, name: 'Switch the AI Act version in force' }).waitFor();
    await page.getByTestId('catalog-diff').waitFor();
    await expectAccessible(page, 'act switch preview (English)');
    await page.getByRole('button', { name: 'Accept switch' }).click();
    await page.getByRole('dialog', { name: 'Switch the version in force' }).getByRole('button', { name: 'Switch for good' }).click();
    await page.getByText('Version in force switched').waitFor();
    await expectAccessible(page, 'act switch accepted (English)');
    await page.screenshot({ path: '/tmp/konform-act-switch.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
