import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiFor } from './support/api.js';
import { axeViolations } from './support/axe.js';
import { newContext, signIn, watchPageErrors } from './support/browser.js';
import { useSuite } from './support/suite.js';

const suite = useSuite();

/** Checks the page against WCAG 2.1 AA; prints every violation before failing. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) console.error(`axe violations on ${name}:\n${violations.join('\n')}`);
  expect(violations, name).toEqual([]);
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('h1').first().waitFor();
}

describe('accessibility (WCAG 2.1 AA, axe-core)', () => {
  it('has no violations on any page, in German and English', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    await page.goto(`${suite.server.baseUrl}/login`);
    await settle(page);
    await expectAccessible(page, 'sign-in');

    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    const { post } = await apiFor(page, suite.server.baseUrl);
    const unit = await post<{ id: string }>('/org-units', { name: 'Abteilung 4 – Informationstechnik', shortName: 'IT' });
    const sub = await post<{ id: string }>('/org-units', { name: 'Referat 42 – Datenanalyse', shortName: 'IT 42', parentId: unit.id });
    const stages = ['planned', 'development', 'validation', 'operation', 'retired'];
    const names = ['Dokumentenklassifikation', 'Spracherkennung Telefonie', 'Übersetzungsassistent', 'Bildauswertung', 'Anomalieerkennung Netzwerk', 'Chat-Assistent Intranet', 'Posteingangsverteilung', 'Text-Zusammenfassung'];
    let systemId = '';
    for (const [i, name] of names.entries()) {
      const system = await post<{ id: string }>('/systems', {
        name,
        shortName: `KI-${String(i + 1).padStart(3, '0')}`,
        purpose: 'Unterstützung der Sachbearbeitung bei der Auswertung eingehender Dokumente.',
        description: 'Das System schlägt Kategorien vor; die Entscheidung trifft die Sachbearbeitung.',
        orgUnitId: i % 2 === 0 ? unit.id : sub.id,
        responsible: 'Erika Mustermann',
        lifecycleStage: stages[i % stages.length],
        roles: i % 3 === 0 ? ['provider', 'deployer'] : ['deployer'],
        sourcing: i % 2 === 0 ? 'procured' : 'in-house',
        vendor: i % 2 === 0 ? 'Muster Software GmbH' : '',
        autonomy: 'human-in-the-loop',
        tags: ['NLP', 'Verwaltung'],
      });
      systemId ||= system.id;
    }
    await post(`/users`, {
      email: 'pruefer@e2e.example',
      displayName: 'Paula Prüfer',
      password: 'Auditorin-Kennwort-2026',
      roles: [{ orgUnitId: sub.id, role: 'auditor' }],
    });

    await page.goto(`${suite.server.baseUrl}/systems`);
    await settle(page);
    await page.locator('tbody tr').first().waitFor();
    await expectAccessible(page, 'inventory list');
    await page.screenshot({ path: '/tmp/konform-list.png' });

    await page.goto(`${suite.server.baseUrl}/systems/${systemId}`);
    await settle(page);
    await expectAccessible(page, 'system detail');
    await page.screenshot({ path: '/tmp/konform-detail.png', fullPage: true });

    await page.getByRole('tab', { name: 'Änderungsprotokoll' }).click();
    await page.locator('ol li').first().waitFor();
    await expectAccessible(page, 'system history');

    await page.getByRole('button', { name: 'Archivieren' }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'archive dialog');
    await page.keyboard.press('Escape');

    await page.goto(`${suite.server.baseUrl}/systems/${systemId}/edit`);
    await settle(page);
    await expectAccessible(page, 'system edit form');

    await page.goto(`${suite.server.baseUrl}/systems/new`);
    await settle(page);
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await expectAccessible(page, 'system create form with errors');
    await page.screenshot({ path: '/tmp/konform-form.png', fullPage: true });

    await page.goto(`${suite.server.baseUrl}/org-units`);
    await settle(page);
    await expectAccessible(page, 'org units');
    await page.getByRole('button', { name: 'Organisationseinheit anlegen' }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'org unit dialog');
    await page.keyboard.press('Escape');

    await page.goto(`${suite.server.baseUrl}/users`);
    await settle(page);
    await expectAccessible(page, 'users');
    await page.getByRole('button', { name: '„Paula Prüfer“ bearbeiten' }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'user dialog');
    await page.screenshot({ path: '/tmp/konform-users.png' });
    await page.keyboard.press('Escape');

    await page.goto(`${suite.server.baseUrl}/audit`);
    await settle(page);
    await page.getByRole('button', { name: 'Kette prüfen' }).click();
    await page.getByText('Änderungsprotokoll unverändert').waitFor();
    await expectAccessible(page, 'audit verification');

    await page.goto(`${suite.server.baseUrl}/account`);
    await settle(page);
    await expectAccessible(page, 'account');
    await page.getByLabel(/^Neues Passwort( \*)?$/).fill('Ein-neues-Passwort-2026');
    await page.getByLabel(/^Neues Passwort wiederholen( \*)?$/).fill('Ein-anderes-Passwort-2026');
    await page.getByRole('button', { name: 'Passwort ändern' }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await expectAccessible(page, 'account password form with errors');
    await page.getByRole('textbox', { name: 'Bezeichnung', exact: true }).fill('CI-Pipeline Prüflabor');
    await page.getByRole('button', { name: 'Token erstellen' }).click();
    await page.getByRole('textbox', { name: 'Geheimer Token' }).waitFor();
    await expectAccessible(page, 'account with a new token');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/konform-account.png', fullPage: true });
    await page.getByRole('button', { name: '„CI-Pipeline Prüflabor“ widerrufen' }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'revoke token dialog');
    await page.keyboard.press('Escape');

    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.goto(`${suite.server.baseUrl}/systems`);
    await settle(page);
    await expectAccessible(page, 'inventory list (English)');

    await page.goto(`${suite.server.baseUrl}/account`);
    await settle(page);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Nightly export');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('textbox', { name: 'Secret token' }).waitFor();
    await expectAccessible(page, 'account with a new token (English)');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/konform-account-en.png', fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no violations on the intake and classification pages, in German and English', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    const { post, put } = await apiFor(page, suite.server.baseUrl);
    const unit = await post<{ id: string }>('/org-units', { name: 'Abteilung 6 – Einsatzunterstützung', shortName: 'EU' });
    const intake = await post<{ id: string }>('/intakes', {
      title: 'Lagebildauswertung',
      purpose: 'Fasst Lagemeldungen zusammen und schlägt Schwerpunkte vor.',
      targetGroup: 'Lagezentrum',
      dataUsed: 'Lagemeldungen, offene Quellen',
      sourcing: 'procured',
      vendor: 'Muster Analytics GmbH',
      orgUnitId: unit.id,
    });
    await post(`/intakes/${intake.id}/advice`, { text: 'Bitte Art. 50 prüfen.' });
    const system = await post<{ id: string }>('/systems', { name: 'Gesichtsabgleich Fahndung', purpose: 'Abgleich von Lichtbildern.', orgUnitId: unit.id, roles: ['deployer'] });
    await put(`/systems/${system.id}/classification`, {
      facts: { roles: ['deployer'], annexIII: ['1.a', '6.d'], deployer: { publicAuthority: true }, transparency: ['50.3'], lawEnforcementOrMigrationContext: true },
      answers: {},
      note: 'Angelegt für die Barrierefreiheitsprüfung.',
    });

    await page.goto(`${suite.server.baseUrl}/intakes/new`);
    await settle(page);
    await page.getByRole('button', { name: 'Vorhaben melden' }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await expectAccessible(page, 'intake form with errors');

    await page.goto(`${suite.server.baseUrl}/intakes`);
    await page.waitForURL(/\/intakes\/queue/);
    await settle(page);
    await page.locator('tbody tr').first().waitFor();
    await expectAccessible(page, 'intake queue');

    await page.goto(`${suite.server.baseUrl}/intakes/${intake.id}`);
    await settle(page);
    await page.getByText('Bitte Art. 50 prüfen.').waitFor();
    await expectAccessible(page, 'intake detail with advice');
    await page.getByRole('button', { name: 'In das Inventar übernehmen' }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'accept intake dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Ablehnen' }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'decline intake dialog');
    await page.keyboard.press('Escape');

    await page.goto(`${suite.server.baseUrl}/systems/${system.id}?tab=classification`);
    await settle(page);
    await page.getByText('Zeitplan:', { exact: false }).first().waitFor();
    await expectAccessible(page, 'classification tab');
    await page.getByRole('tabpanel').getByRole('button', { name: 'Genehmigen' }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'approve dialog');
    await page.keyboard.press('Escape');

    await page.goto(`${suite.server.baseUrl}/systems/${system.id}/classification/edit`);
    await settle(page);
    await page.getByRole('group', { name: /maschinengestützt/ }).getByRole('radio', { name: 'Ja' }).check();
    await page.getByRole('complementary').getByText('Risikoklasse').waitFor();
    await expectAccessible(page, 'classification questionnaire');

    await page.goto(`${suite.server.baseUrl}/systems?classification=unapproved`);
    await settle(page);
    await page.locator('tbody tr').first().waitFor();
    await expectAccessible(page, 'inventory with classification filters');

    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.goto(`${suite.server.baseUrl}/intakes/queue`);
    await settle(page);
    await page.locator('tbody tr').first().waitFor();
    await expectAccessible(page, 'intake queue (English)');
    await page.goto(`${suite.server.baseUrl}/systems/${system.id}?tab=classification`);
    await settle(page);
    await page.getByText('Timeline:', { exact: false }).first().waitFor();
    await expectAccessible(page, 'classification tab (English)');
    await page.goto(`${suite.server.baseUrl}/systems/${system.id}/classification/edit`);
    await settle(page);
    await page.getByRole('complementary').getByText('Risk class').waitFor();
    await expectAccessible(page, 'classification questionnaire (English)');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no violations on the catalogue, measures, matrix and evidence pages, in German and English', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    const { post, put } = await apiFor(page, suite.server.baseUrl);
    const unit = await post<{ id: string }>('/org-units', { name: 'Abteilung 7 – Bewährungshilfe', shortName: 'BH' });
    const system = await post<{ id: string }>('/systems', { name: 'Rückfallprognose', purpose: 'Priorisiert Termine der Bewährungshilfe.', orgUnitId: unit.id, roles: ['deployer'] });
    await put(`/systems/${system.id}/classification`, {
      facts: { roles: ['deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true } },
      answers: {},
      note: 'Angelegt für die Barrierefreiheitsprüfung.',
    });
    const evidence = await post<{ id: string }>('/evidence/link', { systemId: system.id, title: 'Protokollierungskonzept', url: 'https://wiki.example.org/protokollierung', owner: 'Referat 7' });
    await post(`/evidence/${evidence.id}/links`, { systemId: system.id, requirementKey: 'eu-ai-act:art-26-6' });

    const checkCatalogues = async (suffix: string, requirementName: RegExp) => {
      await page.goto(`${suite.server.baseUrl}/catalogs`);
      await settle(page);
      await page.locator('tbody tr').first().waitFor();
      await expectAccessible(page, `catalogues${suffix}`);
      await page.goto(`${suite.server.baseUrl}/catalogs/eu-ai-act`);
      await settle(page);
      await page.getByRole('button', { name: /^Art\. 26(\(6\)| Abs\. 6)/ }).click();
      await page.getByRole('dialog', { name: requirementName }).getByRole('heading', { level: 3 }).first().waitFor();
      await expectAccessible(page, `catalogue tree with requirement drawer${suffix}`);
      await page.keyboard.press('Escape');
      await page.goto(`${suite.server.baseUrl}/measures`);
      await settle(page);
      await page.locator('tbody tr').first().waitFor();
      await expectAccessible(page, `measures catalogue${suffix}`);
      await page.goto(`${suite.server.baseUrl}/statement-of-applicability`);
      await settle(page);
      await page.locator('tbody tr').first().waitFor();
      await expectAccessible(page, `organisation's statement of applicability${suffix}`);
    };
    const checkMatrix = async (suffix: string, tabName: string, open: string, add: string, soa: string) => {
      await page.goto(`${suite.server.baseUrl}/systems/${system.id}?tab=matrix`);
      await settle(page);
      const tab = page.getByRole('tabpanel', { name: tabName });
      await tab.locator('tbody tr').first().waitFor();
      await expectAccessible(page, `compliance matrix${suffix}`);
      await tab.getByRole('button', { name: open }).click();
      const drawer = page.getByRole('dialog', { name: /^Art\. 26(\(6\)| Abs\. 6)/ });
      await drawer.getByRole('link', { name: 'Protokollierungskonzept' }).waitFor();
      await expectAccessible(page, `matrix row drawer${suffix}`);
      await drawer.getByRole('button', { name: add }).click();
      await drawer.locator('input[type=file]').waitFor();
      await expectAccessible(page, `matrix row drawer with the evidence form${suffix}`);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
      await tab.getByRole('button', { name: soa }).click();
      await page.getByRole('dialog').locator('tbody tr').first().waitFor();
      await expectAccessible(page, `statement of applicability${suffix}`);
      await page.keyboard.press('Escape');
    };
    const checkEvidence = async (suffix: string) => {
      await page.goto(`${suite.server.baseUrl}/evidence`);
      await settle(page);
      await page.locator('tbody tr').first().waitFor();
      await expectAccessible(page, `evidence list${suffix}`);
      await page.goto(`${suite.server.baseUrl}/evidence/${evidence.id}`);
      await settle(page);
      await page.getByRole('link', { name: /^Art\. 26(\(6\)| Abs\. 6) – / }).waitFor();
      await expectAccessible(page, `evidence detail${suffix}`);
    };

    await checkCatalogues('', /^Art\. 26 Abs\. 6 – Betreiber/);
    await page.goto(`${suite.server.baseUrl}/catalogs`);
    await settle(page);
    await page.getByRole('button', { name: 'Katalog importieren' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Katalogdatei').setInputFiles({ name: 'hausregeln.yaml', mimeType: 'application/yaml', buffer: Buffer.from('id: hausregeln\nkind: internal\n') });
    await dialog.getByRole('button', { name: 'Prüfen' }).click();
    await dialog.getByTestId('import-errors').waitFor();
    await expectAccessible(page, 'catalogue import with errors');
    await page.keyboard.press('Escape');
    await checkMatrix('', 'Anforderungsmatrix', 'Art. 26 Abs. 6 öffnen', 'Nachweis hochladen oder Link erfassen', 'Erklärung zur Anwendbarkeit (ISO/IEC 42001)');
    await page.screenshot({ path: '/tmp/konform-matrix-a11y.png', fullPage: true });
    await checkEvidence('');

    await page.locator('label', { hasText: /^EN$/ }).click();
    await checkCatalogues(' (English)', /^Art\. 26\(6\) – /);
    await checkMatrix(' (English)', 'Compliance matrix', 'Details of Art. 26(6)', 'Upload evidence or record a link', 'Statement of applicability (ISO/IEC 42001)');
    await page.screenshot({ path: '/tmp/konform-matrix-en.png', fullPage: true });
    await checkEvidence(' (English)');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers a skip link to the main content as the first tab stop', async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    await page.goto(`${suite.server.baseUrl}/systems`);
    await page.locator('h1').waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused).toBe('Zum Inhalt springen');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await context.close();
  });
});
