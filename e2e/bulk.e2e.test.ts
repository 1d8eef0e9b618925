import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Bulk data (#11 point 9): the inventory is exported as XLSX, a new system is added in the workbook with a wrong
 * lifecycle stage, the preview shows that one error on its column, the fixed file is imported and the new system is
 * in the list.
 */
const suite = useSuite();
const UNIT = 'Referat 31 – Datenpflege';
const OWNER = { email: 'bea.bulk@e2e.example', displayName: 'Bea Bulk', password: 'Bulk-Passwort-2026!' };
let unitId = '';

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'R 31' });
    unitId = unit.id;
    await post('/users', { ...OWNER, roles: [{ orgUnitId: unit.id, role: 'owner' }] });
    await post('/systems', { name: 'Posteingangssortierung', purpose: 'Ordnet Post zu.', orgUnitId: unit.id, roles: ['deployer'] });
  });
});

async function withNewRow(workbook: Buffer, stage: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(workbook as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
  const row = sheet.getRow(sheet.rowCount + 1);
  const set = (label: string, value: string) => (row.getCell(header.indexOf(label)).value = value);
  set('Name', 'Aktenklassifikation');
  set('Zweckbestimmung', 'Schlägt Aktenzeichen vor.');
  set('Organisationseinheit (ID)', unitId);
  set('Lebenszyklusphase', stage);
  set('Rollen', 'deployer');
  row.commit();
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('bulk import and export', () => {
  it('exports the inventory, previews an edited file with one error, and imports the fixed file', async () => {
    const base = suite.server.baseUrl;
    const { page, errors } = await session(suite, OWNER);
    await page.goto(`${base}/systems`);
    await page.getByText('Posteingangssortierung').waitFor();
    await page.getByTestId('bulk-export-systems').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulk-export-systems-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^konform-inventory-.*\.xlsx$/);
    const exported = readFileSync(await download.path());

    await page.getByTestId('bulk-import-systems').click();
    await page.getByRole('heading', { name: 'KI-Systeme importieren', level: 1 }).waitFor();
    await expectAccessible(page, 'import page');
    const input = page.locator('input[type=file]');
    await input.setInputFiles({ name: 'inventar.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await withNewRow(exported, 'im Bau') });
    await page.getByTestId('bulk-check').click();
    await page.getByTestId('bulk-preview-table').waitFor();
    expect(await page.getByTestId('bulk-summary').textContent()).toBe('0 neu, 0 geändert, 1 unverändert, 1 mit Fehlern');
    const bad = page.locator('[data-action="error"]');
    expect(await bad.count()).toBe(1);
    expect(await bad.getByTestId('bulk-cell-error').getAttribute('data-column')).toBe('lifecycleStage');
    expect(await bad.getByTestId('bulk-cell-error').textContent()).toMatch(/^Lebenszyklusphase: Unbekannter Wert; zulässig sind: planned, /);
    expect(await page.getByTestId('bulk-run').isDisabled()).toBe(true);
    await expectAccessible(page, 'import preview with an error');
    await page.screenshot({ path: '/tmp/konform-bulk-preview.png', fullPage: true });

    await input.setInputFiles({ name: 'inventar.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await withNewRow(exported, 'planned') });
    await page.getByTestId('bulk-check').click();
    await page.getByText('1 neu, 0 geändert, 1 unverändert, 0 mit Fehlern').waitFor();
    await page.getByTestId('bulk-run').click();
    await page.getByTestId('bulk-done').waitFor();
    await page.getByTestId('bulk-done').getByRole('link').click();
    await page.getByText('Aktenklassifikation').waitFor();
    expect(errors).toEqual([]);
  });
});
