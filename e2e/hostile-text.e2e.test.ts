import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newContext, signIn, watchPageErrors } from './support/browser.js';
import { asAdmin, useSuite } from './support/suite.js';

/**
 * Hostile text in the UI (issue #12, point 5): records whose text fields hold markup, formulas, template syntax and
 * bidirectional characters are created through the API; every page that shows them is opened in German and English.
 * No dialog may open (an `alert` from injected markup), no injected element may exist, and the text must appear
 * literally. The server side (exports) is packages/server/test/security/hostile-text.test.ts.
 */
const suite = useSuite();

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://x","y")';
const TEMPLATE = '{{constructor}}';
const BIDI = 'abc\u202Egpj.exe';
/** Markdown with raw HTML, a javascript: link and an image: rendered by our own Markdown renderer, never as HTML. */
const MARKDOWN = `# ${SCRIPT}\n\nAbsatz mit ${IMG} und **${TEMPLATE}**.\n\n[Klick](javascript:alert(1)) ![bild](x)\n\n| ${FORMULA} | b |\n|---|---|\n| ${IMG} | c |\n`;

const PERSON = { email: 'hanna.hostil@e2e.example', displayName: `Hanna ${IMG}`, password: 'Kreide-Mondschein-2026' };
const ids = { system: '', risk: '', incident: '', nonconformity: '', qms: '' };

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: `Referat ${SCRIPT}`, shortName: TEMPLATE.slice(0, 20) });
    const user = await post<{ id: string }>('/users', { ...PERSON, roles: ['governance', 'owner'].map((role) => ({ orgUnitId: unit.id, role })) });
    ids.system = (
      await post<{ id: string }>('/systems', {
        name: SCRIPT, purpose: IMG, description: `${FORMULA}\n${TEMPLATE}\n${BIDI}`, responsible: IMG, vendor: FORMULA,
        tags: [SCRIPT, '@SUM(1)'], orgUnitId: unit.id, roles: ['provider'],
      })
    ).id;
    ids.risk = (await post<{ id: string }>(`/systems/${ids.system}/risks`, { title: IMG, description: SCRIPT, affectedGroups: FORMULA, owner: TEMPLATE })).id;
    ids.incident = (await post<{ id: string }>('/incidents', { systemId: ids.system, title: SCRIPT, description: IMG, harm: FORMULA, awareAt: '2026-03-27T10:00:00Z' })).id;
    ids.nonconformity = (await post<{ id: string }>('/nonconformities', { systemId: ids.system, title: FORMULA, description: SCRIPT, rootCause: IMG, source: 'review', severity: 'minor' })).id;
    ids.qms = (await post<{ id: string }>('/qms/documents', { kind: 'policy', title: SCRIPT, ownerId: user.id, content: MARKDOWN, changeNote: IMG })).id;
  });
});

/** Fails on any dialog (alert, confirm, prompt) the page opens; collects their messages. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/** No element the payloads would have created: an image with src=x, a script carrying the alert, a javascript: link. */
async function expectNothingInjected(page: Page, where: string) {
  const injected = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: Array.from(document.querySelectorAll('script')).filter((s) => (s.textContent ?? '').includes('alert(1)')).length,
    handlers: document.querySelectorAll('[onerror]').length,
    jsLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) => a.getAttribute('href')!.trim().toLowerCase().startsWith('javascript:')).length,
  }));
  expect(injected, where).toEqual({ images: 0, scripts: 0, handlers: 0, jsLinks: 0 });
}

/** The page's visible text holds each value literally. */
async function expectLiteral(page: Page, where: string, values: string[]) {
  // The page has loaded its data once the first value shows; then everything must be there.
  if (values[0]) await page.getByText(values[0], { exact: false }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  const text = await page.locator('body').innerText();
  for (const value of values) expect(text, `${where}: shows ${JSON.stringify(value)}`).toContain(value);
}

const PAGES: { name: string; path: () => string; shows: string[] }[] = [
  { name: 'inventory list', path: () => '/systems', shows: [SCRIPT] },
  { name: 'system detail', path: () => `/systems/${ids.system}`, shows: [SCRIPT, IMG] },
  { name: 'system risks tab', path: () => `/systems/${ids.system}?tab=risks`, shows: [IMG] },
  { name: 'risk detail', path: () => `/risks/${ids.risk}`, shows: [IMG, SCRIPT] },
  { name: 'risk register', path: () => '/risks', shows: [IMG] },
  { name: 'incident list', path: () => '/incidents', shows: [SCRIPT] },
  { name: 'incident detail', path: () => `/incidents/${ids.incident}`, shows: [SCRIPT] },
  { name: 'non-conformity list', path: () => '/nonconformities', shows: [FORMULA] },
  { name: 'non-conformity detail', path: () => `/nonconformities/${ids.nonconformity}`, shows: [FORMULA] },
  { name: 'QMS document (Markdown rendered)', path: () => `/qms/documents/${ids.qms}`, shows: [SCRIPT, TEMPLATE] },
  { name: 'dashboard', path: () => '/dashboard', shows: [] },
  { name: 'audit trail', path: () => '/audit', shows: [] },
  { name: 'org units', path: () => '/org-units', shows: [`Referat ${SCRIPT}`] },
];

describe('hostile text in the UI', () => {
  it.each(['de', 'en'] as const)('renders every page with the payloads as text, never as markup (%s)', async (lang) => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const dialogs = watchDialogs(page);
    await signIn(page, suite.server.baseUrl, PERSON.email, PERSON.password);
    if (lang === 'en') {
      await page.locator('label', { hasText: /^EN$/ }).click();
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    }
    for (const p of PAGES) {
      await page.goto(`${suite.server.baseUrl}${p.path()}`);
      await page.waitForLoadState('networkidle');
      await expectLiteral(page, `${p.name} (${lang})`, p.shows);
      await expectNothingInjected(page, `${p.name} (${lang})`);
      // Tooltips and truncated cells: hover the first row-like element that carries the payload.
      const carrier = page.getByText(SCRIPT, { exact: false }).first();
      if (await carrier.count()) await carrier.hover().catch(() => undefined);
      await expectNothingInjected(page, `${p.name} (${lang}, hovered)`);
    }
    // The QMS page renders Markdown: the heading holds the script tag as text, the table cell the formula.
    await page.goto(`${suite.server.baseUrl}/qms/documents/${ids.qms}`);
    // The preview's heading is the script tag as text (the page title is too: two headings), its table head the formula,
    // and the javascript: link and the image stay text.
    await expect.poll(() => page.getByRole('heading', { name: SCRIPT, exact: true }).count()).toBe(2);
    await page.getByRole('columnheader', { name: FORMULA, exact: true }).waitFor();
    await page.getByRole('cell', { name: IMG, exact: true }).first().waitFor();
    await expect(page.locator('main').innerText()).resolves.toContain(`und ${TEMPLATE}.`);
    await expectNothingInjected(page, `QMS Markdown (${lang})`);
    expect(dialogs, 'dialogs opened by the page').toEqual([]);
    expect(errors, 'script errors or CSP violations').toEqual([]);
    await context.close();
  }, 240_000);
});
