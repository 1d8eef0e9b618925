import { beforeAll, describe, expect, it } from 'vitest';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { newContext, signIn, watchPageErrors } from './support/browser.js';
import { asAdmin, useSuite } from './support/suite.js';

const suite = useSuite();
let systemId = '';

const OWNER = { email: 'bea.beschaffung@e2e.example', displayName: 'Bea Beschaffung', password: 'Beschaffung-Passwort-2026' };
const VENDOR = 'Kestrel Sprachtechnik GmbH';
const SYSTEM = 'Bescheidassistent Wohngeld';
const FINDING = 'Kein Meldeweg für schwerwiegende Vorfälle';

const yesterday = () => {
  const d = new Date(Date.now() - 86_400_000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
};

beforeAll(async () => {
  const unitId = await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat Z 3 – Beschaffung', shortName: 'Z 3' });
    await post('/users', { ...OWNER, roles: [{ orgUnitId: unit.id, role: 'owner' }] });
    return unit.id;
  });
  // The system starts in-house; the owner links it to the vendor through the form. A high-risk classification
  // (Annex III 5(a), public authority) makes the supplier owe every document.
  const context = await newContext(suite.browser);
  const page = await context.newPage();
  await signIn(page, suite.server.baseUrl, OWNER.email, OWNER.password);
  const api = await apiFor(page, suite.server.baseUrl);
  systemId = (await api.post<{ id: string }>('/systems', { name: SYSTEM, purpose: 'Entwirft Wohngeldbescheide aus den Antragsdaten.', orgUnitId: unitId, roles: ['deployer'] })).id;
  await api.put(`/systems/${systemId}/classification`, { facts: { roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } }, answers: {}, note: 'Anhang III Nr. 5 Buchst. a.' });
  await context.close();
});

describe('suppliers of procured AI', () => {
  it('records a vendor, links a procured system, tracks owed documents and turns an assessment finding into a risk', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, suite.server.baseUrl, OWNER.email, OWNER.password);

    // The vendor list, from the navigation
    await page.getByRole('link', { name: 'Lieferanten', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Lieferanten' }).waitFor();
    await expectAccessible(page, 'vendor list (empty)');

    // A new vendor with a product built on a GPAI model
    await page.getByTestId('vendor-create').click();
    const drawer = page.getByRole('dialog', { name: 'Lieferant anlegen' });
    await drawer.getByRole('textbox', { name: 'Lieferant' }).fill(VENDOR);
    await drawer.getByRole('textbox', { name: 'Ansprechperson' }).fill('Dr. Jana Kestrel');
    await drawer.getByRole('textbox', { name: 'E-Mail' }).fill('vertrieb@kestrel.example');
    await drawer.getByTestId('vendor-form-add-contract').click();
    await drawer.getByRole('textbox', { name: 'Bezeichnung' }).fill('Rahmenvertrag Sprachverarbeitung');
    await drawer.getByRole('textbox', { name: 'Kündigungsfrist' }).fill('6 Monate zum Jahresende');
    await drawer.getByTestId('vendor-form-add-product').click();
    await drawer.getByRole('textbox', { name: 'Produkt', exact: true }).fill('Kestrel Bescheid');
    await drawer.getByRole('checkbox', { name: 'Beruht auf einem KI-Modell mit allgemeinem Verwendungszweck' }).check();
    await expectAccessible(page, 'vendor form');
    await drawer.getByTestId('vendor-form-submit').click();
    await page.getByRole('heading', { level: 1, name: VENDOR }).waitFor();
    await page.getByText('6 Monate zum Jahresende').waitFor();
    await expectAccessible(page, 'vendor detail');

    // Link the system: procured, vendor chosen in the searchable select
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}/edit`);
    await page.getByRole('radio', { name: 'Beschafft' }).check();
    const vendorInput = page.getByRole('textbox', { name: 'Hersteller / Lieferant' });
    await vendorInput.fill('kestrel');
    await page.getByRole('option', { name: VENDOR, exact: true }).click();
    await expectAccessible(page, 'system form with vendor select');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(new RegExp(`/systems/${systemId}$`));
    await page.getByRole('link', { name: VENDOR }).waitFor();

    // The supplier tab: the declaration received, the instructions for use missing and past due → flagged
    await page.getByRole('tab', { name: 'Lieferant' }).click();
    await page.waitForURL(/tab=supplier/);
    await page.getByTestId('supplier-doc-declaration-of-conformity').waitFor();
    await expect(page.getByTestId('supplier-basis').textContent()).resolves.toContain('Hochrisiko');
    await page.getByTestId('supplier-product').selectOption({ label: 'Kestrel Bescheid' });
    await page.getByTestId('supplier-doc-declaration-of-conformity-status').selectOption('received');
    await page.getByTestId('supplier-doc-declaration-of-conformity-reference').fill('EU-KE 2026/0815');
    await page.getByTestId('supplier-doc-instructions-for-use-status').selectOption('missing');
    await page.getByTestId('supplier-doc-instructions-for-use-due').fill(yesterday());
    await page.getByTestId('supplier-save').click();
    await page.getByText('Die Lieferantenunterlagen wurden gespeichert.').waitFor();
    await page.getByTestId('supplier-doc-instructions-for-use-flagged').waitFor();
    await expect(page.getByTestId('supplier-doc-declaration-of-conformity-flagged').count()).resolves.toBe(0);
    await expect(page.getByTestId('supplier-flagged').textContent()).resolves.toContain('1 Unterlage fehlt und ist überfällig');
    // With the GPAI product the Art. 53(1)(b) information is asked for too.
    await expect(page.getByTestId('supplier-doc-gpai-information').textContent()).resolves.toContain('Empfohlen');
    await expectAccessible(page, 'supplier tab');
    await page.screenshot({ path: '/tmp/konform-vendors-supplier-tab.png', fullPage: true });

    // The list flags the vendor
    await page.getByRole('link', { name: 'Lieferanten', exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(VENDOR) });
    await expect(row.textContent()).resolves.toContain('davon 1 überfällig');

    // An assessment with a finding about the system
    await row.getByRole('link', { name: VENDOR }).click();
    await page.getByTestId('assessment-create').click();
    const assessment = page.getByRole('dialog', { name: `Bewertung von ${VENDOR} erfassen` });
    await assessment.getByTestId('assessment-assessor').fill('Referat Z 3 – Beschaffung');
    await assessment.getByTestId('question-role-confirmed').getByRole('radio', { name: 'Ja' }).check();
    await assessment.getByTestId('question-incident-contact').getByRole('radio', { name: 'Nein' }).check();
    await assessment.getByRole('textbox', { name: 'Anmerkung zu Frage 15' }).fill('Keine Stelle benannt.');
    await assessment.getByTestId('assessment-result').selectOption('approved-with-conditions');
    await assessment.getByRole('textbox', { name: 'Auflagen' }).fill('Meldeweg für Vorfälle bis Quartalsende benennen.');
    await assessment.getByTestId('assessment-add-finding').click();
    await assessment.getByRole('textbox', { name: 'Feststellung', exact: true }).fill(FINDING);
    await assessment.getByRole('combobox', { name: 'Betroffenes KI-System' }).selectOption({ label: SYSTEM });
    await expectAccessible(page, 'assessment form');
    await assessment.getByTestId('assessment-submit').click();
    await page.getByText('Die Bewertung wurde gespeichert.').waitFor();
    await page.getByText('Freigegeben mit Auflagen').first().waitFor();

    // The finding becomes a risk of the system
    await page.getByRole('button', { name: 'Als Risiko übernehmen' }).click();
    const risk = page.getByRole('dialog', { name: 'Feststellung als Risiko übernehmen' });
    await risk.getByRole('combobox', { name: 'Eintrittswahrscheinlichkeit', exact: true }).selectOption('3');
    await risk.getByRole('combobox', { name: 'Auswirkung', exact: true }).selectOption('4');
    await expectAccessible(page, 'finding → risk dialog');
    await risk.getByTestId('finding-risk-submit').click();
    await page.getByText(`Die Feststellung „${FINDING}“ wurde als Risiko von „${SYSTEM}“ erfasst.`).waitFor();
    await page.getByRole('link', { name: 'Risiko öffnen' }).waitFor();
    await expectAccessible(page, 'vendor detail with assessment');
    await page.screenshot({ path: '/tmp/konform-vendors-detail.png', fullPage: true });

    // … and appears on the system's risks tab
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=risks`);
    await page.getByTestId('risk-register').getByText(FINDING).waitFor();
    await expectAccessible(page, 'system risks tab');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the suppliers in English', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, suite.server.baseUrl, OWNER.email, OWNER.password);
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('link', { name: 'Suppliers', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Suppliers' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(VENDOR) });
    await expect(row.textContent()).resolves.toContain('1 of them overdue');
    await expect(row.textContent()).resolves.toContain('Approved with conditions');
    await expectAccessible(page, 'vendor list in English');
    await page.screenshot({ path: '/tmp/konform-vendors-list-en.png', fullPage: true });
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=supplier`);
    await page.getByRole('heading', { name: 'Instructions for use' }).waitFor();
    await expectAccessible(page, 'supplier tab in English');
    expect(errors).toEqual([]);
    await context.close();
  });
});
