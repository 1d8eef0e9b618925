import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

/**
 * Document templates (#9): the coordination opens the templates page from the navigation, moves an Annex IV section
 * up, rewords a heading and adds a title-page line, saves, and finds all three after a reload.
 */
const suite = useSuite();
const COORDINATOR = { email: 'vera.vorlage@e2e.example', displayName: 'Vera Vorlage', password: 'Vorlage-Passwort-2026!' };

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat 12 – KI-Koordination (Vorlagen)', shortName: 'R 12' });
    await post('/users', { ...COORDINATOR, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
  });
});

describe('document templates', () => {
  it('moves a section, rewords a heading, saves and shows both after a reload', async () => {
    const base = suite.server.baseUrl;
    const { page, errors } = await session(suite, COORDINATOR);
    await page.goto(`${base}/systems`);
    await page.getByRole('link', { name: 'Dokumentvorlagen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dokumentvorlagen' }).waitFor();
    await page.getByTestId('template-version').getByText('Es gelten die Vorgaben der Dokumentart.').waitFor();
    await expectAccessible(page, 'document templates page');

    // Risk management moves up one place (before "Eignung der Leistungskennzahlen"), the general section gets the house wording.
    await page.getByRole('button', { name: 'Abschnitt „Risikomanagementsystem“ nach oben' }).click();
    await page.getByTestId('template-heading-general').fill('Systembeschreibung nach Hausvorgabe');
    await page.getByTestId('template-title-lines').fill('Bundesamt für Beispielfragen\nMusterstraße 1, 12345 Berlin');
    await page.getByTestId('template-save').click();
    await page.getByText('Die Vorlage ist gespeichert.').waitFor();
    await page.getByTestId('template-version').getByText('Version 1').waitFor();

    await page.reload();
    await page.getByTestId('template-version').getByText('Version 1').waitFor();
    await expect.poll(() => page.getByTestId('template-heading-general').inputValue()).toBe('Systembeschreibung nach Hausvorgabe');
    const order = await page.locator('[data-testid^="template-section-"]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')!.replace('template-section-', '')));
    expect(order.slice(0, 5)).toEqual(['general', 'development', 'monitoring', 'risk-management', 'metrics']);
    expect(await page.getByTestId('template-title-lines').inputValue()).toBe('Bundesamt für Beispielfragen\nMusterstraße 1, 12345 Berlin');
    await page.getByTestId('template-section-general').getByText('1. Systembeschreibung nach Hausvorgabe').waitFor();
    await page.screenshot({ path: '/tmp/konform-document-templates.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
