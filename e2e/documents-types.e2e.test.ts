import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';
import { signDocumentVersion } from './support/documents.js';

/**
 * Document types and verification (#9): a decision paper created on a system through the type picker (with a title),
 * a section written in the editor, the draft PDF downloaded; four eyes in the UI (the author is offered no review);
 * released by two more people; the verification page finds the bundle valid, names the one altered file of a changed
 * bundle, and recognises a single released PDF.
 */
const suite = useSuite();
const UNIT = 'Referat 22 – Leitungsvorlagen';
const AUTHOR = { email: 'vera.vorlage@e2e.example', displayName: 'Vera Vorlage', password: 'Vorlage-Passwort-2026!' };
const REVIEWER = { email: 'karl.kontrolle@e2e.example', displayName: 'Karl Kontrolle', password: 'Kontrolle-Passwort-2026!' };
const APPROVER = { email: 'lena.leitung@e2e.example', displayName: 'Lena Leitung', password: 'Leitung-Passwort-2026!' };
const SYSTEM = 'Posteingangssortierung';
const TITLE = 'Entscheidungsvorlage: Ausweitung auf alle Standorte';
let systemId = '';

beforeAll(async () => {
  systemId = await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'R 22' });
    await post('/users', { ...AUTHOR, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/users', { ...REVIEWER, roles: [{ orgUnitId: unit.id, role: 'lab' }] });
    await post('/users', { ...APPROVER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    const system = await post<{ id: string }>('/systems', {
      name: SYSTEM, purpose: 'Ordnet eingehende Post den Referaten zu.', description: 'Klassifiziert Briefe nach Betreff.', autonomy: 'human-in-the-loop', orgUnitId: unit.id, roles: ['deployer'],
    });
    return system.id;
  });
});

describe('document types and verification', () => {
  it('creates a decision paper, releases it with four eyes and verifies bundle and file on the verification page', async () => {
    const base = suite.server.baseUrl;
    const author = await session(suite, AUTHOR);
    const { page } = author;
    await page.goto(`${base}/systems/${systemId}?tab=documentation`);
    await page.getByTestId('documents-create').click();
    const dialog = page.getByRole('dialog', { name: 'Neues Dokument' });
    await dialog.getByTestId('documents-create-type').click();
    await page.getByRole('option', { name: 'Entscheidungsvorlage' }).click();
    // The title is required for decision papers.
    await dialog.getByTestId('documents-create-submit').click();
    await dialog.getByText('Bitte einen Titel angeben.').waitFor();
    await expectAccessible(page, 'create document dialog');
    await dialog.getByTestId('documents-create-title').fill(TITLE);
    await dialog.getByTestId('documents-create-submit').click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const documentUrl = page.url();
    const documentId = documentUrl.split('/').pop()!;

    // One section in the editor, the others through the API.
    await page.getByTestId('documents-edit-recommendation').click();
    await page.getByTestId('documents-section-text').fill('Die Leitung **genehmigt** die Ausweitung ab dem 1. März.');
    await page.getByTestId('documents-section-save').click();
    await page.getByTestId('documents-section-recommendation').getByText('genehmigt').waitFor();
    const api = await apiFor(page, base);
    for (const key of ['situation', 'figures', 'options', 'assessment']) await api.put(`/documents/${documentId}/sections/${key}`, { markdown: `Angaben zu ${key}.`, version: 0 });
    await page.reload();
    await page.getByTestId('documents-freeze').click();
    const row = page.getByTestId('documents-version-1');
    await row.getByText('Entwurf').waitFor();
    // The draft PDF downloads from the version's link.
    const href = await row.getByTestId('documents-export-pdf').getAttribute('href');
    const draft = await page.request.get(`${base}${href!}`);
    expect(draft.status()).toBe(200);
    expect(draft.headers()['content-type']).toContain('application/pdf');
    expect((await draft.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await page.getByTestId('documents-submit').click();
    await row.getByText('In Prüfung').waitFor();
    // The author is offered no review, and is told why.
    await row.getByTestId('documents-four-eyes').getByText('Sie haben an dieser Fassung mitgeschrieben', { exact: false }).waitFor();
    expect(await row.getByTestId('documents-review').count()).toBe(0);
    await expectAccessible(page, 'document page in review');

    const reviewer = await session(suite, REVIEWER);
    await signDocumentVersion(reviewer.page, documentUrl, 'review', REVIEWER.password);
    const approver = await session(suite, APPROVER);
    await signDocumentVersion(approver.page, documentUrl, 'release', APPROVER.password);
    await approver.page.getByTestId('documents-version-1').getByText('Freigegeben', { exact: true }).waitFor();
    const bundle = await (await approver.page.request.get(`${base}/api/documents/${documentId}/versions/1/bundle`)).body();
    const pdf = await (await approver.page.request.get(`${base}/api/documents/${documentId}/versions/1/export?format=pdf`)).body();

    // The verification page, from the navigation: the untouched bundle is valid.
    const { page: checker } = approver;
    await checker.getByRole('link', { name: 'Dokumente prüfen' }).click();
    await checker.getByRole('heading', { level: 1, name: 'Freigegebene Dokumente prüfen' }).waitFor();
    await checker.getByTestId('verify-file').setInputFiles({ name: 'freigabe.zip', mimeType: 'application/zip', buffer: bundle });
    const verdict = checker.getByTestId('verify-verdict');
    await verdict.getByText('Gültig: unverändert und von der Organisation signiert').waitFor();
    await checker.getByTestId('verify-release').getByText(`Fassung 1 von „${TITLE}“`).waitFor();
    await checker.getByTestId('verify-release').getByText(`Geprüft von ${REVIEWER.displayName}`, { exact: false }).waitFor();
    await expectAccessible(checker, 'verification page (valid bundle)');
    await checker.screenshot({ path: '/tmp/konform-verify-valid.png', fullPage: true });

    // One byte changed in the Markdown file: not valid, and the file is named.
    const zip = await JSZip.loadAsync(bundle);
    const mdName = Object.keys(zip.files).find((n) => n.endsWith('.md'))!;
    const md = Buffer.from(await zip.file(mdName)!.async('uint8array'));
    md[5] = md[5]! ^ 1;
    zip.file(mdName, md);
    await checker.getByTestId('verify-file').setInputFiles({ name: 'geaendert.zip', mimeType: 'application/zip', buffer: await zip.generateAsync({ type: 'nodebuffer' }) });
    await verdict.getByText('Nicht gültig').waitFor();
    await checker.getByTestId('verify-changed').getByText(mdName, { exact: false }).waitFor();
    await checker.locator(`[data-status="changed"]`).getByText(mdName).waitFor();
    await checker.screenshot({ path: '/tmp/konform-verify-changed.png', fullPage: true });

    // A single released PDF is recognised; a random file is not.
    await checker.getByTestId('verify-file').setInputFiles({ name: 'vorlage.pdf', mimeType: 'application/pdf', buffer: pdf });
    await verdict.getByText('Gültig: unverändert und von der Organisation signiert').waitFor();
    await checker.getByTestId('verify-release').getByText('Signiertes Manifest bestätigt diese Datei').waitFor();
    await checker.getByTestId('verify-file').setInputFiles({ name: 'fremd.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 fremd') });
    await checker.getByTestId('verify-problem').getByText('Keine freigegebene Datei dieser Organisation', { exact: false }).waitFor();

    expect(author.errors).toEqual([]);
    expect(reviewer.errors).toEqual([]);
    expect(approver.errors).toEqual([]);
    await approver.context.close();
    await reviewer.context.close();
    await author.context.close();
  });
});
