import type { Page } from 'playwright-core';

/**
 * Signs version 1 of a generated document on its page: `review` (meaning "reviewed") or `release`, through the
 * signature dialog with the signer's password; waits until the dialog has closed.
 */
export async function signDocumentVersion(page: Page, documentUrl: string, step: 'review' | 'release', password: string): Promise<void> {
  await page.goto(documentUrl);
  await page.getByTestId(`documents-${step}`).click();
  const dialog = page.getByRole('dialog', { name: step === 'review' ? 'Fassung 1 als geprüft zeichnen' : 'Fassung 1 freigeben' });
  await dialog.getByTestId(`documents-${step}-password`).fill(password);
  await dialog.getByTestId(`documents-${step}-submit`).click();
  await dialog.waitFor({ state: 'hidden' });
}
