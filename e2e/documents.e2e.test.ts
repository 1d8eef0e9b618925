import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicKeysFromPem, verifyPath } from '../packages/server/src/signing/verify-path.js';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';
import { signDocumentVersion } from './support/documents.js';

/**
 * Technical documentation (#9): Annex IV generated for a high-risk system, a missing section filled in the editor, a
 * version built and submitted by the author, signed as reviewed by the lab and released by the coordination (three
 * browser contexts), and the signed bundle downloaded and verified.
 */
const suite = useSuite();
const UNIT = 'Referat 21 – Bürgerdienste (Dokumentation)';
const AUTHOR = { email: 'anna.autorin@e2e.example', displayName: 'Anna Autorin', password: 'Autorin-Passwort-2026!' };
const REVIEWER = { email: 'paul.pruefer@e2e.example', displayName: 'Paul Prüfer', password: 'Pruefer-Passwort-2026!' };
const APPROVER = { email: 'frida.freigabe@e2e.example', displayName: 'Frida Freigabe', password: 'Freigabe-Passwort-2026!' };
const SYSTEM = 'Antragsvorprüfung Kindergeld';
let systemId = '';

beforeAll(async () => {
  systemId = await asAdmin(suite, async ({ post, put }) => {
    const unit = await post<{ id: string }>('/org-units', { name: UNIT, shortName: 'R 21' });
    await post('/users', { ...AUTHOR, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/users', { ...REVIEWER, roles: [{ orgUnitId: unit.id, role: 'lab' }] });
    await post('/users', { ...APPROVER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    const system = await post<{ id: string }>('/systems', {
      name: SYSTEM, purpose: 'Prüft Kindergeldanträge vor.', description: 'Ordnet Anträge nach Vollständigkeit und schlägt Rückfragen vor.', autonomy: 'human-in-the-loop',
      orgUnitId: unit.id, roles: ['deployer'],
    });
    await put(`/systems/${system.id}/classification`, { facts: { roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } }, answers: {}, note: 'Anhang III Nr. 5 Buchst. a.' });
    await post(`/systems/${system.id}/risks`, { title: 'Benachteiligung Alleinerziehender', likelihood: 3, impact: 4, treatment: 'reduce' });
    return system.id;
  });
});

describe('technical documentation', () => {
  it('is generated, completed, released with two signatures and verifies', async () => {
    const base = suite.server.baseUrl;
    const author = await session(suite, AUTHOR);
    const { page } = author;
    await page.goto(`${base}/systems/${systemId}?tab=documentation`);
    await page.getByTestId('documents-create').click();
    // The type picker proposes the technical documentation for a high-risk system.
    await page.getByRole('dialog', { name: 'Neues Dokument' }).getByTestId('documents-create-submit').click();
    await page.getByRole('heading', { level: 1, name: `Technische Dokumentation – ${SYSTEM}` }).waitFor();
    const documentUrl = page.url();
    const documentId = documentUrl.split('/').pop()!;
    // Sections the records cannot fill get text through the API; one is left for the editor.
    const api = await apiFor(page, base);
    for (const key of ['general', 'development', 'monitoring', 'metrics', 'changes', 'standards', 'declaration']) {
      await api.put(`/documents/${documentId}/sections/${key}`, { markdown: `Angaben zu ${key}.`, version: 0 });
    }
    await page.reload();
    await page.getByTestId('documents-status-post-market').getByText('fehlt').waitFor();
    await page.getByTestId('documents-section-post-market').getByText('Abschnittstext fehlt').waitFor();
    await page.getByTestId('documents-status-risk-management').getByText('vollständig').waitFor();
    await expectAccessible(page, 'document page');

    // The missing section, written with a preview
    await page.getByTestId('documents-edit-post-market').click();
    await page.getByTestId('documents-section-text').fill('## Plan\n\nMonatliche Auswertung der **Rückmeldungen** der Sachbearbeitung.');
    await page.getByTestId('documents-editor-post-market').getByText('Vorschau').click();
    await page.getByTestId('documents-editor-post-market').getByText('Rückmeldungen').waitFor();
    await page.getByTestId('documents-section-save').click();
    await page.getByTestId('documents-status-post-market').getByText('vollständig').waitFor();

    // A version built and submitted
    await page.getByTestId('documents-freeze').click();
    await page.getByTestId('documents-version-1').getByText('Entwurf').waitFor();
    await page.getByTestId('documents-submit').click();
    await page.getByTestId('documents-version-1').getByText('In Prüfung').waitFor();
    await page.screenshot({ path: '/tmp/konform-documents-in-review.png', fullPage: true });

    // The lab reviews
    const reviewer = await session(suite, REVIEWER);
    await reviewer.page.goto(documentUrl);
    await reviewer.page.getByTestId('documents-review').click();
    const review = reviewer.page.getByRole('dialog', { name: 'Fassung 1 als geprüft zeichnen' });
    await expectAccessible(reviewer.page, 'review dialog');
    await review.getByTestId('documents-review-password').fill(REVIEWER.password);
    await review.getByTestId('documents-review-submit').click();
    await review.waitFor({ state: 'hidden' });
    await reviewer.page.getByTestId('documents-version-1').getByText(`Geprüft von ${REVIEWER.displayName}`, { exact: false }).waitFor();

    // The coordination releases in a browser of its own
    const approver = await session(suite, APPROVER);
    await signDocumentVersion(approver.page, documentUrl, 'release', APPROVER.password);
    const row = approver.page.getByTestId('documents-version-1');
    await row.getByText('Freigegeben', { exact: true }).waitFor();
    // Kept for the configured period once a newer version supersedes it: no date yet.
    await row.getByTestId('documents-retention').getByText('Aufbewahrung: 10 Jahre ab Ablösung durch eine neuere Fassung').waitFor();
    await expectAccessible(approver.page, 'document page (released)');
    await approver.page.screenshot({ path: '/tmp/konform-documents-released.png', fullPage: true });

    // The signed bundle downloads and verifies; the PDF is the released one
    await expect(row.getByTestId('documents-bundle').getAttribute('href')).resolves.toBe(`/api/documents/${documentId}/versions/1/bundle`);
    const bundle = await approver.page.request.get(`${base}/api/documents/${documentId}/versions/1/bundle`);
    expect(bundle.status()).toBe(200);
    const keys = (await (await approver.page.request.get(`${base}/api/keys`)).json()) as { items: { publicKeyPem: string }[] };
    const dir = mkdtempSync(path.join(tmpdir(), 'konform-e2e-doc-'));
    try {
      const zip = path.join(dir, 'release.zip');
      writeFileSync(zip, await bundle.body());
      const result = await verifyPath(zip, publicKeysFromPem(keys.items.map((k) => k.publicKeyPem).join('\n')));
      expect(result.ok).toBe(true);
      expect(result.files.map((f) => f.path.split('.').pop()).sort()).toEqual(['docx', 'json', 'md', 'pdf']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const pdf = await approver.page.request.get(`${base}/api/documents/${documentId}/versions/1/export?format=pdf`);
    expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');

    expect(author.errors).toEqual([]);
    expect(reviewer.errors).toEqual([]);
    expect(approver.errors).toEqual([]);
    await approver.context.close();
    await reviewer.context.close();
    await author.context.close();
  });
});
