import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
let documentId = '';

const AUTHOR = { email: 'katrin.koordination@e2e.example', displayName: 'Katrin Koordination', password: 'Koordination-Passwort-2026' };
const APPROVER = { email: 'lutz.leitung@e2e.example', displayName: 'Lutz Leitung', password: 'Leitung-Passwort-2026' };

const POLICY = [
  '# KI-Politik des Bundesamts',
  '',
  'Die **Amtsleitung** verpflichtet sich zu *verantwortungsvoller* KI.',
  '',
  '## Grundsätze',
  '',
  '- Menschliche Aufsicht bei jeder Entscheidung',
  '- Transparenz gegenüber Betroffenen',
  '',
  '<script>window.__qmsInjected = true</script>',
].join('\n');

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat Z 3 – KI-Koordinierung', shortName: 'Z 3' });
    await post('/users', { ...AUTHOR, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/users', { ...APPROVER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
  });
});

describe('AI management system documents', () => {
  it('author: sees the gap, creates the AI policy covering 42001 5.2 and Art. 17(1)(a), writes and submits it; cannot release it', async () => {
    const { context, page, errors } = await session(suite, AUTHOR);
    await page.getByRole('link', { name: 'KI-Managementsystem' }).click();
    await page.waitForURL(/\/qms$/);
    await page.getByRole('heading', { level: 1, name: 'KI-Managementsystem' }).waitFor();
    const row52 = page.getByTestId('qms-coverage-iso-5.2');
    await row52.waitFor();
    expect(await row52.getAttribute('data-state')).toBe('missing');
    await row52.getByText('Fehlt').waitFor();
    await expectAccessible(page, 'overview empty');

    await page.getByTestId('qms-new-document').click();
    const drawer = page.getByRole('dialog', { name: 'Neues Dokument anlegen' });
    await drawer.waitFor();
    await expectAccessible(page, 'create drawer');
    await drawer.getByTestId('qms-form-title').fill('KI-Politik des Bundesamts');
    await drawer.getByRole('checkbox', { name: /^Art\. 17 Abs\. 1 Buchst\. a – / }).check();
    await drawer.getByTestId('qms-form-iso').click();
    await drawer.getByTestId('qms-form-iso').fill('5.2');
    await page.getByRole('option', { name: '5.2 KI-Politik' }).click();
    await page.keyboard.press('Escape');
    await drawer.getByTestId('qms-form-review-months').fill('24');
    await expectAccessible(page, 'create drawer filled');
    await drawer.getByTestId('qms-form-submit').click();
    await page.waitForURL(/\/qms\/documents\/[0-9a-f-]{36}$/);
    documentId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: 'KI-Politik des Bundesamts' }).waitFor();
    await page.getByTestId('qms-document-status').getByText('Entwurf in Arbeit (Fassung 1)').waitFor();
    await page.getByTestId('qms-covers-iso').getByText('5.2 KI-Politik').waitFor();

    // Markdown beside its preview; raw HTML stays text and never runs.
    await page.getByTestId('qms-change-note').fill('Erstausgabe');
    await page.getByTestId('qms-content').fill(POLICY);
    const preview = page.getByTestId('qms-preview');
    await preview.getByRole('heading', { name: 'Grundsätze' }).waitFor();
    await preview.getByRole('listitem').filter({ hasText: 'Menschliche Aufsicht bei jeder Entscheidung' }).waitFor();
    await preview.getByText('<script>window.__qmsInjected = true</script>').waitFor();
    expect(await preview.locator('script').count()).toBe(0);
    expect(await preview.locator('strong').first().textContent()).toBe('Amtsleitung');
    expect(await page.evaluate(() => (window as unknown as { __qmsInjected?: boolean }).__qmsInjected)).toBeUndefined();
    await page.getByTestId('qms-unsaved').waitFor();
    await expectAccessible(page, 'draft editor');
    await page.screenshot({ path: '/tmp/konform-qms-editor.png', fullPage: true });

    await page.getByTestId('qms-submit').click();
    await page.getByText('Fassung 1 ist zur Prüfung eingereicht.').waitFor();
    await page.getByTestId('qms-document-status').getByText('In Prüfung (Fassung 1)').waitFor();
    await page.getByTestId('qms-in-review').waitFor();

    // Four eyes: the author cannot release what they wrote.
    await page.getByTestId('qms-approve-open').click();
    const dialog = page.getByRole('dialog', { name: 'Fassung freigeben – Zeichnung' });
    await dialog.waitFor();
    await expectAccessible(page, 'approve dialog');
    await dialog.getByLabel(/^Ihr Passwort/).fill(AUTHOR.password);
    await dialog.getByRole('button', { name: 'Zeichnen und freigeben' }).click();
    await dialog.getByText('Sie haben an dieser Fassung mitgeschrieben', { exact: false }).waitFor();
    await expectAccessible(page, 'approve refused');
    await page.screenshot({ path: '/tmp/konform-qms-four-eyes.png' });
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('approver: finds it in the list, releases it with the password; coverage shows 5.2 covered; PDF export downloads', async () => {
    const { context, page, errors } = await session(suite, APPROVER);
    await page.goto(`${suite.server.baseUrl}/qms/documents`);
    await page.getByRole('heading', { level: 1, name: 'Dokumente des KI-Managementsystems' }).waitFor();
    await page.getByTestId('qms-filter-status').selectOption('in-review');
    await page.waitForURL(/status=in-review/);
    const row = page.getByTestId(`qms-document-row-${documentId}`);
    await row.getByText('In Prüfung (Fassung 1)').waitFor();
    await row.getByText('KI-Politik', { exact: true }).waitFor();
    await expectAccessible(page, 'document list');
    await page.screenshot({ path: '/tmp/konform-qms-list.png', fullPage: true });
    await row.getByRole('link', { name: 'KI-Politik des Bundesamts' }).click();
    await page.waitForURL(new RegExp(`/qms/documents/${documentId}`));

    await page.getByTestId('qms-approve-open').click();
    const dialog = page.getByRole('dialog', { name: 'Fassung freigeben – Zeichnung' });
    await dialog.getByLabel(/^Ihr Passwort/).fill('falsch-falsch');
    await dialog.getByRole('button', { name: 'Zeichnen und freigeben' }).click();
    await dialog.getByText('Das Passwort ist falsch.').waitFor();
    await expectAccessible(page, 'wrong password');
    await dialog.getByLabel(/^Ihr Passwort/).fill(APPROVER.password);
    await dialog.getByLabel('Bemerkung (optional)').fill('Geprüft und freigegeben.');
    await dialog.getByRole('button', { name: 'Zeichnen und freigeben' }).click();
    await page.getByText('Fassung 1 ist freigegeben.').waitFor();
    await page.getByTestId('qms-document-status').getByText('Freigegeben (Fassung 1)').waitFor();
    await page.getByTestId('qms-release-info').getByText(/Freigegeben von Lutz Leitung/).waitFor();
    expect(await page.getByTestId('qms-version-1').getAttribute('data-state')).toBe('released');
    await expectAccessible(page, 'released');
    await page.screenshot({ path: '/tmp/konform-qms-released.png', fullPage: true });

    const pdfHref = (await page.getByTestId('qms-export-pdf').getAttribute('href'))!;
    expect(pdfHref).toBe(`/api/qms/documents/${documentId}/versions/1/export?format=pdf&lang=de`);
    const pdf = await page.request.get(suite.server.baseUrl + pdfHref);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toContain('.pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await page.request.get(suite.server.baseUrl + (await page.getByTestId('qms-export-docx').getAttribute('href'))!);
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');

    await page.getByRole('link', { name: 'KI-Managementsystem' }).click();
    await page.waitForURL(/\/qms$/);
    const row52 = page.getByTestId('qms-coverage-iso-5.2');
    await row52.getByText('Abgedeckt').waitFor();
    expect(await row52.getAttribute('data-state')).toBe('covered');
    await row52.getByRole('link', { name: 'KI-Politik des Bundesamts' }).waitFor();
    expect(await page.getByTestId('qms-coverage-art17-a').getAttribute('data-state')).toBe('covered');
    expect(await page.getByTestId('qms-coverage-iso-5').getAttribute('data-state')).toBe('partial');
    await page.getByTestId('qms-coverage-iso-5').getByText('Teilweise abgedeckt').waitFor();
    await expectAccessible(page, 'overview covered');
    await page.screenshot({ path: '/tmp/konform-qms-overview.png', fullPage: true });

    // English
    await page.evaluate(() => localStorage.setItem('konform.language', 'en'));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'AI management system' }).waitFor();
    await page.getByTestId('qms-coverage-iso-5.2').getByText('Covered').waitFor();
    await page.getByTestId('qms-coverage-art17-g').getByText('Missing').waitFor();
    await expectAccessible(page, 'overview english');
    await page.screenshot({ path: '/tmp/konform-qms-overview-en.png', fullPage: true });
    await page.goto(`${suite.server.baseUrl}/qms/documents/${documentId}`);
    await page.getByTestId('qms-document-status').getByText('Released (version 1)').waitFor();
    expect(await page.getByTestId('qms-export-pdf').getAttribute('href')).toContain('lang=en');
    await expectAccessible(page, 'document english');
    await page.evaluate(() => localStorage.setItem('konform.language', 'de'));
    expect(errors).toEqual([]);
    await context.close();
  });
});
