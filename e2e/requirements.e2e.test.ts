import { beforeAll, describe, expect, it } from 'vitest';
import { apiFor } from './support/api.js';
import { axeViolations } from './support/axe.js';
import { PDF } from './support/files.js';
import { openMatrixRow } from './support/matrix.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
let systemId = '';

const IMPLEMENTER = { email: 'bernd.berater@e2e.example', displayName: 'Bernd Berater', password: 'Berater-Passwort-2026' };
const VERIFIER = { email: 'clara.controlling@e2e.example', displayName: 'Clara Controlling', password: 'Controlling-Passwort-2026' };
const MEASURE = 'Protokollierung von Ein- und Ausgaben mit mindestens sechs Monaten Aufbewahrung';
const OVERSIGHT = 'Benennung und Befähigung der Aufsichtspersonen';

beforeAll(async () => {
  // The admin arranges a unit, two members of the AI-coordination team and an AI system.
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat 23 – Ermittlungsunterstützung', shortName: 'R 23' });
    // Both mark evidence VS-NfD below, which needs clearance for that level.
    await post('/users', { ...IMPLEMENTER, clearance: 'VS-NfD', roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/users', { ...VERIFIER, clearance: 'VS-NfD', roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    const system = await post<{ id: string }>('/systems', {
      name: 'Rückfallprognose Bewährungshilfe',
      purpose: 'Schätzt das Risiko erneuter Straffälligkeit ein, um Termine der Bewährungshilfe zu priorisieren.',
      orgUnitId: unit.id,
      roles: ['deployer'],
    });
    systemId = system.id;
  });

  // Classified high-risk by one person, approved by a second (four eyes) – through the API.
  const decider = await session(suite, IMPLEMENTER);
  await (await apiFor(decider.page, suite.server.baseUrl)).put(`/systems/${systemId}/classification`, {
    facts: { roles: ['deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true } },
    answers: {},
    note: 'Hochrisiko nach Anhang III Nr. 6 Buchst. d.',
  });
  await decider.context.close();
  const approver = await session(suite, VERIFIER);
  await (await apiFor(approver.page, suite.server.baseUrl)).post(`/systems/${systemId}/classification/approve`, { revision: 1, password: VERIFIER.password });
  await approver.context.close();
});

describe('compliance matrix: implement, prove, verify', () => {
  it('the implementer starts Art. 26 Abs. 6, applies a measure, uploads evidence and reports it implemented; verifying it is refused (four eyes)', async () => {
    const { context, page, errors } = await session(suite, IMPLEMENTER);
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}`);
    await page.getByRole('tab', { name: 'Anforderungsmatrix' }).click();
    await page.waitForURL(/tab=matrix/);
    const tab = page.getByRole('tabpanel', { name: 'Anforderungsmatrix' });
    await tab.getByText('Genehmigte Einstufung', { exact: true }).waitFor();
    await tab.getByText('Die Matrix beruht auf der genehmigten Einstufung (Revision 1).').waitFor();
    const row = tab.getByRole('row').filter({ has: page.getByRole('link', { name: 'Art. 26 Abs. 6', exact: true }) });
    await expect(row.textContent()).resolves.toContain('Offen');
    await page.screenshot({ path: '/tmp/konform-matrix.png', fullPage: true });

    await row.getByRole('button', { name: 'Art. 26 Abs. 6 öffnen' }).click();
    const drawer = page.getByRole('dialog', { name: /^Art\. 26 Abs\. 6 – / });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: 'Beginnen' }).click();
    await drawer.getByText('In Bearbeitung', { exact: true }).waitFor();

    // Owner and due date of the row
    await drawer.getByRole('textbox', { name: 'Verantwortlich' }).first().fill('Referat 23, Sachgebiet IT-Betrieb');
    await drawer.getByLabel('Fällig').fill('2027-06-30');
    await drawer.getByRole('button', { name: 'Verantwortung und Frist speichern' }).click();
    await page.getByText('Art. 26 Abs. 6 gespeichert.').waitFor();

    // A measure suggested by the catalogue for this requirement, applied to the system and then implemented
    await drawer.getByRole('button', { name: `Anwenden: ${MEASURE}` }).click();
    const applied = drawer.getByRole('region', { name: 'Angewandte Maßnahmen' });
    await applied.getByText('Geplant', { exact: true }).waitFor();
    await applied.getByRole('button', { name: 'Als umgesetzt markieren' }).click();
    await applied.getByText('Umgesetzt', { exact: true }).waitFor();

    // Evidence: a file uploaded straight onto the row
    await drawer.getByRole('button', { name: 'Nachweis hochladen oder Link erfassen' }).click();
    await drawer.getByRole('textbox', { name: 'Titel' }).fill('Protokollierungskonzept Rückfallprognose');
    await drawer.getByLabel(/^Datei( \*)?$/).setInputFiles({ name: 'protokollierungskonzept.pdf', mimeType: 'application/pdf', buffer: PDF });
    await drawer.getByRole('button', { name: 'Hochladen' }).click();
    const evidence = drawer.getByRole('region', { name: 'Nachweise' });
    await evidence.getByRole('link', { name: 'Protokollierungskonzept Rückfallprognose' }).waitFor();
    await evidence.getByRole('link', { name: 'protokollierungskonzept.pdf herunterladen' }).waitFor();

    await drawer.getByRole('button', { name: 'Als umgesetzt melden' }).click();
    await drawer.getByText('Als umgesetzt gemeldet von Ihnen').waitFor();
    await drawer.getByText('Vier-Augen-Prinzip').first().waitFor();
    await page.screenshot({ path: '/tmp/konform-matrix-drawer.png' });

    // The implementer may verify in general, but not their own work
    await drawer.getByRole('button', { name: 'Verifizieren' }).click();
    await drawer.getByText('Sie haben diese Anforderung selbst als umgesetzt gemeldet.', { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await expect(row.textContent()).resolves.toMatch(/Umgesetzt/);
    await expect(row.textContent()).resolves.toMatch(/30\.06\.2027.*Referat 23, Sachgebiet IT-Betrieb/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a second person verifies it in the matrix', async () => {
    const { context, page, errors } = await session(suite, VERIFIER);
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=matrix`);
    const { tab, row, drawer } = await openMatrixRow(page, 'Art. 26 Abs. 6');
    await drawer.getByText('Als umgesetzt gemeldet von Bernd Berater').waitFor();
    await drawer.getByRole('link', { name: 'Protokollierungskonzept Rückfallprognose' }).waitFor();
    await drawer.getByRole('button', { name: 'Verifizieren' }).click();
    await drawer.getByText('Verifiziert von Ihnen').waitFor();
    await drawer.getByText('Verifiziert', { exact: true }).first().waitFor();
    await page.keyboard.press('Escape');
    await expect(row.textContent()).resolves.toMatch(/Verifiziert/);
    // The measure counts for every requirement it advances (e.g. Art. 26 Abs. 6 and the logging duties)
    await expect(row.textContent()).resolves.toMatch(/Verifiziert.*1\s*1/);
    await tab.getByRole('button', { name: 'Nach Kapiteln' }).first().click();
    await page.screenshot({ path: '/tmp/konform-matrix-verified.png', fullPage: true });

    // The ISO/IEC 42001 statement of applicability for this system
    await tab.getByRole('button', { name: 'Erklärung zur Anwendbarkeit (ISO/IEC 42001)' }).click();
    const soa = page.getByRole('dialog', { name: 'Erklärung zur Anwendbarkeit – ISO/IEC 42001 Anhang A' });
    await soa.locator('tbody tr').first().waitFor();
    await page.screenshot({ path: '/tmp/konform-soa.png' });
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the evidence page lists versions, takes a new version and shows where the evidence is used', async () => {
    const { context, page, errors } = await session(suite, IMPLEMENTER);
    await page.getByRole('link', { name: 'Nachweise' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nachweise' }).waitFor();
    await page.getByRole('link', { name: 'Protokollierungskonzept Rückfallprognose' }).click();
    await page.waitForFunction(() => document.title === 'Protokollierungskonzept Rückfallprognose – Konform');
    await page.getByRole('link', { name: 'Version 1 herunterladen' }).waitFor();
    const used = page.getByRole('region', { name: 'Verwendet für' });
    // Where used: the requirement by its reference and title, and the system, both leading to the system's matrix
    const use = used.getByRole('link', { name: /^Art\. 26 Abs\. 6 – / });
    await use.waitFor();
    expect(await use.getAttribute('href')).toBe(`/systems/${systemId}?tab=matrix`);
    const usedSystem = used.getByRole('link', { name: 'Rückfallprognose Bewährungshilfe', exact: true });
    expect(await usedSystem.getAttribute('href')).toBe(`/systems/${systemId}?tab=matrix`);
    expect(await used.textContent()).not.toContain('eu-ai-act:art-26-6');

    // Download: an attachment with the original bytes
    const href = await page.getByRole('link', { name: 'Version 1 herunterladen' }).getAttribute('href');
    const download = await page.request.get(`${suite.server.baseUrl}${href ?? ''}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

    await page.getByLabel('Neue Version (Datei)').setInputFiles({ name: 'protokollierungskonzept-v2.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.from('% v2\n')]) });
    await page.getByRole('button', { name: 'Neue Version hochladen' }).click();
    await page.getByRole('link', { name: 'Version 2 herunterladen' }).waitFor();
    await page.getByRole('link', { name: 'Version 1 herunterladen' }).waitFor();

    // Details are edited in place
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    await page.getByRole('textbox', { name: 'Verantwortlich' }).fill('Bernd Berater');
    await page.getByLabel('Gültig bis').fill('2028-12-31');
    await page.getByRole('combobox', { name: 'Einstufung' }).selectOption({ label: 'VS – NUR FÜR DEN DIENSTGEBRAUCH' });
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Nachweis gespeichert.').waitFor();
    await page.getByText('31.12.2028').waitFor();

    // A file whose content does not match its extension is refused beside the field
    await page.getByLabel('Neue Version (Datei)').setInputFiles({ name: 'bericht.pdf', mimeType: 'application/pdf', buffer: Buffer.from('kein PDF') });
    await page.getByRole('button', { name: 'Neue Version hochladen' }).click();
    await page.getByText('Der Inhalt der Datei passt nicht zu ihrer Endung', { exact: false }).waitFor();
    await page.screenshot({ path: '/tmp/konform-evidence.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a measure applied to the wrong row is removed after confirmation, and evidence linked to it is unlinked', async () => {
    const { context, page, errors } = await session(suite, IMPLEMENTER);
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=matrix`);
    const { tab, drawer } = await openMatrixRow(page, 'Art. 26 Abs. 2');
    await drawer.waitFor();
    const applied = drawer.getByRole('region', { name: 'Angewandte Maßnahmen' });

    await drawer.getByRole('button', { name: `Anwenden: ${OVERSIGHT}` }).click();
    await applied.getByText('Geplant', { exact: true }).waitFor();
    // Removing asks first; cancelling keeps the measure
    await applied.getByRole('button', { name: `Maßnahme „${OVERSIGHT}“ entfernen` }).click();
    await applied.getByText(`Maßnahme „${OVERSIGHT}“ vom KI-System entfernen?`, { exact: false }).waitFor();
    await applied.getByRole('button', { name: 'Abbrechen', exact: true }).click();
    await applied.getByRole('button', { name: `Maßnahme „${OVERSIGHT}“ entfernen` }).click();
    // With the confirmation message still on screen: its close button has a name too
    await page.getByText(`Maßnahme „${OVERSIGHT}“ für das KI-System geplant.`).waitFor();
    await page.getByRole('button', { name: 'Meldung schließen' }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await applied.getByRole('button', { name: 'Maßnahme entfernen', exact: true }).click();
    await page.getByText(`Maßnahme „${OVERSIGHT}“ entfernt.`).waitFor();
    await applied.getByText('Noch keine angewandte Maßnahme trägt zu dieser Anforderung bei.').waitFor();
    // … and it is offered again as a suggestion
    await drawer.getByRole('button', { name: `Anwenden: ${OVERSIGHT}` }).waitFor();

    // Evidence linked to this row by mistake is unlinked again; the evidence itself stays
    const evidence = drawer.getByRole('region', { name: 'Nachweise' });
    await evidence.getByRole('combobox', { name: 'Vorhandenen Nachweis verknüpfen' }).selectOption({ label: 'Protokollierungskonzept Rückfallprognose' });
    await evidence.getByRole('button', { name: 'Verknüpfen', exact: true }).click();
    await evidence.getByRole('link', { name: 'Protokollierungskonzept Rückfallprognose' }).waitFor();
    await evidence.getByRole('button', { name: 'Verknüpfung lösen: Nachweis „Protokollierungskonzept Rückfallprognose“' }).click();
    await page.getByText('Verknüpfung mit Nachweis „Protokollierungskonzept Rückfallprognose“ gelöst.').waitFor();
    await evidence.getByText('Noch kein Nachweis verknüpft.').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // Art. 26 Abs. 6 keeps its measure and evidence
    const verified = tab.getByRole('row').filter({ has: page.getByRole('link', { name: 'Art. 26 Abs. 6', exact: true }) });
    await expect(verified.textContent()).resolves.toMatch(/Verifiziert.*1\s*1/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the catalogue shows the requirement with its measures and mappings; the measures catalogue is searchable', async () => {
    const { context, page, errors } = await session(suite, VERIFIER);
    await page.getByRole('link', { name: 'Kataloge' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kataloge' }).waitFor();
    await page.getByRole('link', { name: /KI-Verordnung|EU AI Act/ }).first().click();
    await page.waitForURL(/\/catalogs\/eu-ai-act/);
    await page.getByRole('textbox', { name: 'Suche' }).fill('26(6)');
    await page.waitForURL(/q=26/);
    await page.getByRole('button', { name: /^Art\. 26 Abs\. 6/ }).click();
    const drawer = page.getByRole('dialog', { name: /^Art\. 26 Abs\. 6 – / });
    await drawer.getByRole('link', { name: MEASURE }).waitFor();
    await page.screenshot({ path: '/tmp/konform-catalog.png' });
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'Suche' }).fill('');
    await page.getByRole('combobox', { name: 'Rolle' }).selectOption({ label: 'Einführer' });
    await page.waitForURL(/role=importer/);
    // Clearing the search renders the whole AI Act tree (hundreds of rows) before the role filter narrows it; on a
    // loaded two-core machine that alone can take longer than the default wait.
    await page.getByRole('button', { name: /^Art\. 23/ }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: '/tmp/konform-catalog-tree.png', fullPage: true });

    // The organisation's statement of applicability counts the system
    await page.getByRole('link', { name: 'Kataloge', exact: true }).click();
    await page.getByRole('link', { name: 'Erklärung zur Anwendbarkeit' }).click();
    await page.getByRole('heading', { level: 1, name: /Erklärung zur Anwendbarkeit der Organisation/ }).waitFor();
    await page.getByText('Anhang A über 1 KI-System, das Sie sehen dürfen', { exact: false }).waitFor();
    await page.locator('tbody tr').first().waitFor();

    await page.getByRole('link', { name: 'Maßnahmen' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Maßnahmenkatalog' }).waitFor();
    await page.getByRole('textbox', { name: 'Suche' }).fill('Aufbewahrung');
    await page.getByRole('cell', { name: new RegExp(MEASURE) }).first().waitFor();
    await page.getByRole('combobox', { name: 'Art' }).selectOption({ label: 'Organisatorisch' });
    await page.waitForURL(/type=organisational/);
    await page.getByRole('cell', { name: /Zehnjährige Aufbewahrung der Konformitätsunterlagen/ }).waitFor();
    await page.screenshot({ path: '/tmp/konform-measures.png' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
