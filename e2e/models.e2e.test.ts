import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
let unitId = '';
let systemId = '';

const LAB = { email: 'lena.labor@e2e.example', displayName: 'Lena Labor', password: 'Labor-Passwort-2026-x' };
const MODEL = 'Whisper large-v3 (Behördenspiegel)';
const SYSTEM = 'Transkription Bürgertelefon';
const DATASET = 'Prüfkorpus Bürgertelefon';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const FILES = [
  { path: 'model.safetensors', sha256: sha('gewichte') },
  { path: 'config.json', sha256: sha('{"arch":"whisper"}') },
  { path: 'tokenizer.json', sha256: sha('tokenizer') },
];
/** The digest Konform must show: SHA-256 over the sha256sum lines, sorted by path. */
const DIGEST = sha([...FILES].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => `${f.sha256}  ${f.path}\n`).join(''));

beforeAll(async () => {
  unitId = await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat Z 5 – KI-Prüflabor', shortName: 'Z 5' });
    // The owner role holds model.edit and may create AI systems of the unit.
    await post('/users', { ...LAB, roles: [{ orgUnitId: unit.id, role: 'owner' }] });
    return unit.id;
  });
  const { context, page } = await session(suite, LAB);
  const api = await apiFor(page, suite.server.baseUrl);
  systemId = (await api.post<{ id: string }>('/systems', { name: SYSTEM, purpose: 'Transkribiert Anrufe am Bürgertelefon.', orgUnitId: unitId, roles: ['deployer'] })).id;
  const dataset = await api.post<{ id: string }>('/datasets', { name: DATASET, provider: 'Referat Z 5', kind: 'audio', orgUnitId: unitId });
  await api.post(`/datasets/${dataset.id}/versions`, {
    label: '2026-10', receivedOn: '2026-10-30', manifest: [{ path: 'audio/0001.wav', sha256: sha('a') }, { path: 'transkripte.csv', sha256: sha('b') }],
    personalData: true, legalBasis: 'Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 BDSG', origin: 'Eigene Aufnahmen mit Einwilligung', collectionFrom: '2026-01-01', collectionTo: '2026-06-30',
    gapsAndBiases: 'Kaum Dialektsprecherinnen und -sprecher', intendedUse: 'Abnahmetest der Spracherkennung', independentOfTraining: 'yes', independenceNote: 'Nach dem Training aufgenommen',
  });
  await context.close();
});

describe('models and datasets registry', () => {
  it('registers a model with a version and manifest, records custody events, links it to a system and shows it there', async () => {
    const { context, page, errors } = await session(suite, LAB);

    // The registry, from the navigation
    await page.getByRole('link', { name: 'Modelle & Datensätze', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Modelle & Datensätze' }).waitFor();
    await page.getByText('Keine Modelle gefunden.').waitFor();
    await expectAccessible(page, 'models list (empty)');

    // A new model in the drawer
    await page.getByTestId('model-create').click();
    const drawer = page.getByRole('dialog', { name: 'Modell erfassen' });
    await drawer.getByTestId('item-form-name').fill(MODEL);
    await drawer.getByTestId('item-form-provider').fill('OpenAI (Spiegel im Behördennetz)');
    await drawer.getByTestId('item-form-kind').selectOption('speech-recognition');
    await drawer.getByTestId('item-form-licence').fill('MIT');
    await drawer.getByTestId('item-form-unit').selectOption(unitId);
    await expectAccessible(page, 'model form');
    await drawer.getByTestId('item-form-submit').click();
    await page.getByRole('heading', { level: 1, name: MODEL }).waitFor();
    await page.getByText('Noch keine Version erfasst.').waitFor();
    await expectAccessible(page, 'model detail (no versions)');

    // A version: a bad digest in line 2 is named, then the manifest is corrected and the digest previewed
    await page.getByTestId('version-create').click();
    const version = page.getByRole('dialog', { name: `Neue Version von „${MODEL}“` });
    await version.getByTestId('version-form-label').fill('v3-2026-11');
    await version.getByTestId('version-form-source').fill('https://huggingface.co/openai/whisper-large-v3');
    const lines = FILES.map((f) => `${f.sha256}  ${f.path}`);
    await version.getByTestId('version-form-manifest').fill([lines[0], `xyz  ${FILES[1]!.path}`, lines[2]].join('\n'));
    await version.getByTestId('version-form-submit').click();
    await version.getByText('Zeile 2: Erwartet wird eine SHA-256-Prüfsumme aus 64 Hexadezimalzeichen.').waitFor();
    await expectAccessible(page, 'version form with a manifest error');
    await version.getByTestId('version-form-manifest').fill(lines.join('\n'));
    await expect(version.getByTestId('version-form-digest').textContent()).resolves.toBe(DIGEST);
    await version.getByTestId('version-form-submit').click();
    const card = page.getByTestId('version-v3-2026-11');
    await card.waitFor();
    await expect(card.getByTestId('version-digest').textContent()).resolves.toBe(DIGEST);
    await expect(card.getByTestId('manifest-table').getByRole('row').count()).resolves.toBe(4);
    await expect(card.getByTestId('custody-state').textContent()).resolves.toBe('Noch nicht eingegangen');
    await expectAccessible(page, 'model detail with a version');

    // Chain of custody: received, stored (a place is required), released to a run
    const record = async (event: string, fill: (dialog: ReturnType<typeof page.getByRole>) => Promise<void>, expected: string) => {
      await card.getByTestId('custody-record').click();
      const dialog = page.getByRole('dialog', { name: 'Verwahrereignis für Version v3-2026-11' });
      await dialog.getByTestId('custody-event').selectOption(event);
      await fill(dialog);
      await dialog.getByTestId('custody-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await card.getByTestId('custody-state').getByText(expected, { exact: true }).waitFor();
    };
    await record('received', async (dialog) => {
      await dialog.getByTestId('custody-note').fill('Datenträger versiegelt übergeben');
      await expectAccessible(page, 'custody dialog');
    }, 'Eingegangen');
    await card.getByTestId('custody-record').click();
    const stored = page.getByRole('dialog', { name: 'Verwahrereignis für Version v3-2026-11' });
    // Only what can follow "received" is offered.
    await expect(stored.getByTestId('custody-event').locator('option').allTextContents()).resolves.toEqual(['Eingelagert', 'Für einen Prüflauf ausgegeben', 'Entsorgt']);
    await stored.getByTestId('custody-event').selectOption('stored');
    await stored.getByTestId('custody-submit').click();
    await stored.getByText('Geben Sie an, wo der Prüfgegenstand aufbewahrt wird.').waitFor();
    await expectAccessible(page, 'custody dialog with a field error');
    await stored.getByTestId('custody-location').fill('Modellablage /lab/models, Tresor 2');
    await stored.getByTestId('custody-submit').click();
    await stored.waitFor({ state: 'detached' });
    await card.getByTestId('custody-state').getByText('Eingelagert', { exact: true }).waitFor();
    await record('released-to-run', async (dialog) => {
      await dialog.getByTestId('custody-note').fill('Abnahmetest Lauf 2026-47');
    }, 'Für einen Prüflauf ausgegeben');
    await expect(card.getByTestId('custody-table').getByRole('row').count()).resolves.toBe(4);
    await expect(card.getByTestId('custody-table').textContent()).resolves.toContain('Modellablage /lab/models, Tresor 2');

    // Only the notes of a recorded version change
    await card.getByTestId('notes-edit').click();
    const notes = page.getByRole('dialog', { name: 'Bemerkungen zu Version v3-2026-11' });
    await notes.getByTestId('notes-text').fill('Spiegel geprüft am Eingangstag');
    await expectAccessible(page, 'notes dialog');
    await notes.getByTestId('notes-submit').click();
    await notes.waitFor({ state: 'detached' });
    await card.getByText('Spiegel geprüft am Eingangstag').waitFor();
    await expectAccessible(page, 'model detail with custody log');
    await page.screenshot({ path: '/tmp/konform-models-detail.png', fullPage: true });

    // The dataset with its datasheet facts
    await page.getByRole('link', { name: 'Modelle & Datensätze', exact: true }).click();
    await page.getByTestId('models-tab-datasets').click();
    await page.getByRole('link', { name: DATASET }).click();
    await page.getByRole('heading', { level: 1, name: DATASET }).waitFor();
    const sheet = page.getByTestId('version-2026-10');
    await sheet.getByText('Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 BDSG').waitFor();
    await sheet.getByText('Kaum Dialektsprecherinnen und -sprecher').waitFor();
    await sheet.getByText('Ja – Nach dem Training aufgenommen').waitFor();
    await expectAccessible(page, 'dataset detail');

    // Link the model version and the dataset version to the system, on its tab "Modelle & Daten"
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}`);
    await page.getByRole('tab', { name: 'Modelle & Daten' }).click();
    await page.getByText('Noch keine Modelle oder Datensätze verknüpft.').waitFor();
    await expectAccessible(page, 'system models tab (empty)');
    await page.getByTestId('system-models-item').selectOption({ label: MODEL });
    await page.getByTestId('system-models-version').selectOption({ label: 'v3-2026-11' });
    await page.getByTestId('system-models-role').selectOption('in-operation');
    await page.getByTestId('system-models-add').click();
    await page.getByTestId('system-models-type').selectOption('dataset');
    await page.getByTestId('system-models-item').selectOption({ label: DATASET });
    await page.getByTestId('system-models-version').selectOption({ label: '2026-10' });
    await page.getByTestId('system-models-role').selectOption('test');
    await page.getByTestId('system-models-add').click();
    await page.getByTestId('system-models-save').click();
    await page.getByText('Die Modelle und Daten wurden gespeichert.').waitFor();
    const table = page.getByTestId('system-models-table');
    await expect(table.getByTestId('system-models-row-0').textContent()).resolves.toContain('Im Betrieb');
    await expect(table.getByTestId('system-models-row-0').textContent()).resolves.toContain(DIGEST);
    await expect(table.getByTestId('system-models-row-1').textContent()).resolves.toContain('Test');
    await expectAccessible(page, 'system models tab');
    await page.screenshot({ path: '/tmp/konform-models-system-tab.png', fullPage: true });

    // The version names the system that uses it
    await table.getByRole('link', { name: MODEL }).click();
    await page.getByTestId('version-v3-2026-11').getByRole('link', { name: `${SYSTEM} (Im Betrieb)` }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the registry and the system tab in English', async () => {
    const { context, page, errors } = await session(suite, LAB);
    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('link', { name: 'Models & datasets', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Models & datasets' }).waitFor();
    await page.getByRole('link', { name: MODEL }).waitFor();
    await expectAccessible(page, 'models list in English');
    await page.screenshot({ path: '/tmp/konform-models-list-en.png', fullPage: true });
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=models`);
    await page.getByTestId('system-models-table').getByText('In operation').waitFor();
    await expectAccessible(page, 'system models tab in English');
    expect(errors).toEqual([]);
    await context.close();
  });
});
