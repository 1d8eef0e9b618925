import { beforeAll, describe, expect, it } from 'vitest';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
let systemId = '';
let otherId = '';
let riskId = '';

const AUTHOR = { email: 'anna.autorin@e2e.example', displayName: 'Anna Autorin', password: 'Autorin-Passwort-2026' };
const APPROVER = { email: 'felix.freigabe@e2e.example', displayName: 'Felix Freigabe', password: 'Freigabe-Passwort-2026' };

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat 12 – Leistungen', shortName: 'R 12' });
    await post('/users', { ...AUTHOR, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/users', { ...APPROVER, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    const system = await post<{ id: string }>('/systems', {
      name: 'Antragsvorprüfung Wohngeld', purpose: 'Prüft Wohngeldanträge vor und schlägt eine Reihenfolge der Bearbeitung vor.',
      deploymentContext: 'Sachbearbeitung im Referat 12', affectedPersons: 'Antragstellende', orgUnitId: unit.id, roles: ['deployer'],
    });
    systemId = system.id;
    const other = await post<{ id: string }>('/systems', { name: 'Übersetzungshilfe', purpose: 'Übersetzt Texte.', orgUnitId: unit.id, roles: ['deployer'] });
    otherId = other.id;
  });
  const a = await session(suite, AUTHOR);
  const api = await apiFor(a.page, suite.server.baseUrl);
  await api.put(`/systems/${systemId}/classification`, { facts: { roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } }, answers: {}, note: 'Anhang III Nr. 5 Buchst. a.' });
  const risk = await api.post<{ id: string }>(`/systems/${systemId}/risks`, {
    title: 'Benachteiligung nach Herkunft', affected: ['fundamental-rights'], rights: ['non-discrimination'], affectedGroups: 'Antragstellende ohne Deutschkenntnisse',
    likelihood: 3, impact: 4, treatment: 'reduce', measures: ['m-ai-policy'],
  });
  riskId = risk.id;
  await api.post('/evidence/link', { systemId, url: 'https://intranet.example/dsfa-wohngeld', title: 'DSFA Antragsvorprüfung Wohngeld' });
  await a.context.close();
  const b = await session(suite, APPROVER);
  await (await apiFor(b.page, suite.server.baseUrl)).post(`/systems/${systemId}/classification/approve`, { revision: 1, password: APPROVER.password });
  await b.context.close();
});

describe('FRIA', () => {
  it('author: open tab, apply suggestions, save draft; cannot approve own draft', async () => {
    const { context, page, errors } = await session(suite, AUTHOR);
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}`);
    await page.getByRole('tab', { name: 'FRIA – Grundrechte-Folgenabschätzung' }).click();
    await page.waitForURL(/tab=fria/);
    const panel = page.getByRole('tabpanel', { name: 'FRIA – Grundrechte-Folgenabschätzung' });
    await panel.getByText('Noch keine Grundrechte-Folgenabschätzung').waitFor();
    await panel.getByRole('heading', { name: '(a) Verfahren, in denen das KI-System eingesetzt wird' }).waitFor();
    await page.getByTestId('fria-risk-select').waitFor();
    await expectAccessible(page, 'fria empty');
    await page.screenshot({ path: '/tmp/konform-fria-empty.png', fullPage: true });

    await panel.getByRole('button', { name: 'Vorschlag aus den Unterlagen übernehmen: (a) Verfahren, in denen das KI-System eingesetzt wird' }).click();
    await expect(page.getByTestId('fria-field-processes').inputValue()).resolves.toContain('Wohngeldanträge');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fria-field-processes');
    await page.getByTestId('fria-suggest-undo-a').click();
    await expect(page.getByTestId('fria-field-processes').inputValue()).resolves.toBe('');
    await page.getByTestId('fria-suggest-a').click();
    await page.getByTestId('fria-suggest-c').click();
    await page.getByTestId('fria-suggest-d').click();
    await page.getByTestId('fria-risks-chosen').getByRole('link', { name: /R-1 · Benachteiligung/ }).waitFor();
    await page.getByTestId('fria-suggest-e').click();
    await panel.getByRole('textbox', { name: 'Zeitraum der Verwendung' }).fill('ab 1. März 2027, befristet auf zwei Jahre');
    await panel.getByRole('textbox', { name: 'Häufigkeit der Verwendung' }).fill('bei jedem Antrag, rund 300 im Monat');
    await panel.getByRole('textbox', { name: 'Beschwerdeverfahren' }).fill('Widerspruch nach VwGO; Beschwerdestelle im Referat Z');
    await page.getByTestId('fria-dpia-select').click();
    await page.getByRole('option', { name: 'DSFA Antragsvorprüfung Wohngeld' }).click();
    await page.getByTestId('fria-dpia-link').waitFor();
    await expectAccessible(page, 'fria filled');
    await page.getByTestId('fria-save').click();
    await page.getByText('Entwurf gespeichert (Fassung 1).').waitFor();
    await page.getByTestId('fria-status').getByText('Entwurf – Fassung 1').waitFor();
    await page.getByTestId('fria-version-1').waitFor();
    await page.screenshot({ path: '/tmp/konform-fria-draft.png', fullPage: true });

    await page.getByTestId('fria-approve-open').click();
    const dialog = page.getByRole('dialog', { name: 'Grundrechte-Folgenabschätzung freigeben – Zeichnung' });
    await dialog.waitFor();
    await expectAccessible(page, 'approve dialog');
    await dialog.getByLabel(/^Ihr Passwort/).fill(AUTHOR.password);
    await dialog.getByRole('button', { name: 'Zeichnen und freigeben' }).click();
    await dialog.getByText('Sie haben an diesem Entwurf mitgeschrieben', { exact: false }).waitFor();
    await page.screenshot({ path: '/tmp/konform-fria-four-eyes.png' });
    await expectAccessible(page, 'approve refused');
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('approver: wrong password, then approve; export', async () => {
    const { context, page, errors } = await session(suite, APPROVER);
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=fria`);
    await page.getByTestId('fria-approve-open').click();
    const dialog = page.getByRole('dialog', { name: 'Grundrechte-Folgenabschätzung freigeben – Zeichnung' });
    await dialog.getByRole('button', { name: 'Zeichnen und freigeben' }).click();
    await dialog.getByText('Bitte geben Sie Ihr Passwort ein.').waitFor();
    await dialog.getByLabel(/^Ihr Passwort/).fill('falsch');
    await dialog.getByRole('button', { name: 'Zeichnen und freigeben' }).click();
    await dialog.getByText('Das Passwort ist falsch.').waitFor();
    await expectAccessible(page, 'wrong pw');
    await dialog.getByLabel(/^Ihr Passwort/).fill(APPROVER.password);
    await dialog.getByLabel('Bemerkung (optional)').fill('Geprüft.');
    await dialog.getByRole('button', { name: 'Zeichnen und freigeben' }).click();
    await page.getByText('Fassung 1 der Grundrechte-Folgenabschätzung ist freigegeben.').waitFor();
    await page.getByTestId('fria-status').getByText('Freigegeben – Fassung 1').waitFor();
    await page.getByTestId('fria-status').getByText(/Freigegeben von Felix Freigabe/).waitFor();
    const href = await page.getByTestId('fria-export-pdf').getAttribute('href');
    expect(href).toBe(`/api/systems/${systemId}/fria/export?format=pdf&lang=de&number=1`);
    for (const f of ['pdf', 'docx', 'md']) {
      const h = (await page.getByTestId(`fria-export-${f}`).getAttribute('href'))!;
      const r = await page.request.get(suite.server.baseUrl + h);
      expect(r.status(), f).toBe(200);
      expect(r.headers()['content-disposition'], f).toContain(`.${f}`);
      if (f === 'md') expect((await r.body()).toString('utf8')).toContain('Grundrechte-Folgenabschätzung');
    }
    await page.getByTestId('fria-new-draft-note').getByText(/Beim Speichern entsteht ein neuer Entwurf \(Fassung 2\)/).waitFor();
    await expect(page.getByTestId('fria-save').textContent()).resolves.toBe('Als neuen Entwurf speichern');
    await page.screenshot({ path: '/tmp/konform-fria-approved.png', fullPage: true });
    await expectAccessible(page, 'approved');

    // risk register change → outdated
    const api = await apiFor(page, suite.server.baseUrl);
    const riskNow = await (await page.request.get(`${suite.server.baseUrl}/api/risks/${riskId}`)).json();
    await api.patch(`/risks/${riskId}`, { version: riskNow.version, affectedGroups: 'Antragstellende, auch Kinder', reason: 'x' });
    await page.reload();
    await page.getByTestId('fria-outdated').waitFor();
    await page.getByTestId('fria-outdated-c').waitFor();
    await expectAccessible(page, 'outdated');
    await page.screenshot({ path: '/tmp/konform-fria-outdated.png', fullPage: true });
    await page.getByTestId('fria-outdated').getByRole('link', { name: '(c) Betroffene Kategorien natürlicher Personen und Gruppen' }).click();
    await page.waitForURL(/tab=fria#fria-element-c$/);
    await page.getByTestId('fria-element-c').waitFor();
    await page.getByTestId('fria-suggest-c').click();
    await page.getByTestId('fria-save').click();
    await page.getByText('Entwurf gespeichert (Fassung 2).').waitFor();
    await page.getByTestId('fria-status').getByText('Entwurf – Fassung 2').waitFor();
    await page.getByText(/Fassung 1, freigegeben von Felix Freigabe/).waitFor();
    await expect(page.getByTestId('fria-outdated').count()).resolves.toBe(0);
    // a version conflict: someone saves meanwhile
    const st = await (await page.request.get(`${suite.server.baseUrl}/api/systems/${systemId}/fria`)).json();
    await api.put(`/systems/${systemId}/fria`, { version: st.current.version, content: { ...st.current.content, period: 'ab sofort' } });
    await page.getByRole('textbox', { name: 'Häufigkeit der Verwendung' }).fill('täglich');
    await page.getByTestId('fria-unsaved').waitFor();
    await page.getByTestId('fria-save').click();
    await page.getByText('Datensatz zwischenzeitlich geändert').waitFor();
    await expectAccessible(page, 'conflict');
    await page.getByRole('button', { name: 'Neu laden' }).click();
    await expect.poll(() => page.getByTestId('fria-field-period').inputValue()).toBe('ab sofort');
    await expect(page.getByTestId('fria-unsaved').count()).resolves.toBe(0);
    // export select
    await page.getByTestId('fria-export-version').selectOption('2');
    await page.getByTestId('fria-export-draft-hint').waitFor();

    // risks tab report
    await page.getByRole('tab', { name: 'Risiken' }).click();
    const pdf = page.getByRole('link', { name: 'Risikobericht als PDF herunterladen' });
    await pdf.waitFor();
    for (const f of ['pdf', 'docx', 'xlsx']) {
      const h = (await page.getByTestId(`risk-report-${f}`).getAttribute('href'))!;
      const r = await page.request.get(suite.server.baseUrl + h);
      expect(r.status(), f).toBe(200);
      expect(r.headers()['content-type'], f).toBeTruthy();
    }
    await expectAccessible(page, 'risks tab');
    await page.screenshot({ path: '/tmp/konform-fria-risks.png' });

    // English
    await page.evaluate(() => localStorage.setItem('konform.language', 'en'));
    await page.goto(`${suite.server.baseUrl}/systems/${systemId}?tab=fria`);
    await page.getByRole('tab', { name: 'FRIA – Fundamental rights impact assessment' }).waitFor();
    await page.getByText('Draft – version 2').waitFor();
    expect(await page.getByTestId('fria-export-pdf').getAttribute('href')).toContain('lang=en');
    await expectAccessible(page, 'english');
    await page.screenshot({ path: '/tmp/konform-fria-english.png', fullPage: true });
    await page.getByTestId('fria-approve-open').click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'english dialog');
    await page.keyboard.press('Escape');
    await page.evaluate(() => localStorage.setItem('konform.language', 'de'));

    // not required
    await page.goto(`${suite.server.baseUrl}/systems/${otherId}?tab=fria`);
    await page.getByTestId('fria-not-required').waitFor();
    await expectAccessible(page, 'not required');
    await page.screenshot({ path: '/tmp/konform-fria-not-required.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
