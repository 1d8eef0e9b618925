import type { Page } from 'playwright-core';

/**
 * On a system's requirement-matrix tab: opens the row of a requirement by its reference (e.g. "Art. 26 Abs. 6")
 * and returns the tab, the row and the row's drawer.
 */
export async function openMatrixRow(page: Page, ref: string) {
  const tab = page.getByRole('tabpanel', { name: 'Anforderungsmatrix' });
  const row = tab.getByRole('row').filter({ has: page.getByRole('link', { name: ref, exact: true }) });
  await row.getByRole('button', { name: `${ref} öffnen` }).click();
  const drawer = page.getByRole('dialog', { name: new RegExp(`^${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} – `) });
  return { tab, row, drawer };
}
