import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiFor } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { asAdmin, session, useSuite } from './support/suite.js';

const suite = useSuite();
let systemId = '';
let auditUrl = '';

const LEAD = { email: 'lena.leitung@e2e.example', displayName: 'Lena Leitung', password: 'Leitung-Passwort-2026' };
const AUDITOR = { email: 'anton.auditor@e2e.example', displayName: 'Anton Auditor', password: 'Auditor-Passwort-2026' };
const OWNER = { email: 'olga.owner@e2e.example', displayName: 'Olga Owner', password: 'Owner-Passwort-2026' };
const TITLE = 'Internes AIMS-Audit Referat 31';

beforeAll(async () => {
  await asAdmin(suite, async ({ post }) => {
    const unit = await post<{ id: string }>('/org-units', { name: 'Referat 31 – Bürgerservice', shortName: 'R 31' });
    await post('/users', { ...LEAD, roles: [{ orgUnitId: unit.id, role: 'governance' }] });
    await post('/users', { ...AUDITOR, roles: [{ orgUnitId: unit.id, role: 'auditor' }] });
    await post('/users', { ...OWNER, roles: [{ orgUnitId: unit.id, role: 'owner' }] });
    systemId = (await post<{ id: string }>('/systems', { name: 'Terminassistent Bürgerbüro', purpose: 'Schlägt Termine vor.', orgUnitId: unit.id, roles: ['deployer'] })).id;
  });
});

async function pick(page: Page, testId: string, search: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(search);
  await page.getByRole('option', { name: option }).click();
}

describe('audits: an internal audit from plan to closed findings', () => {
  it('the lead plans an internal audit and starts it; the checklist comes from the requirements in scope', async () => {
    const { context, page, errors } = await session(suite, LEAD);
    await page.goto(`${suite.server.baseUrl}/audits?year=2026`);
    await page.getByRole('heading', { level: 1, name: 'Auditprogramm' }).waitFor();
    await page.getByTestId('audit-plan').click();
    await page.getByTestId('audit-title').fill(TITLE);
    await pick(page, 'audit-unit', 'Referat 31', 'Referat 31 – Bürgerservice');
    await pick(page, 'audit-systems', 'Termin', 'Terminassistent Bürgerbüro');
    await page.getByRole('textbox', { name: 'Kataloge' }).fill('iso-42001');
    await page.keyboard.press('Enter');
    await pick(page, 'audit-auditors', 'Anton', 'Anton Auditor');
    await page.getByRole('textbox', { name: 'Geplanter Beginn' }).fill('2026-12-01');
    await page.getByRole('textbox', { name: 'Geplantes Ende' }).fill('2026-12-02');
    await expectAccessible(page, 'plan drawer');
    await page.getByTestId('audit-plan-submit').click();

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    auditUrl = page.url();
    await page.getByTestId('audit-to-in-progress').click();
    await page.getByTestId('audit-status').filter({ hasText: 'In Durchführung' }).waitFor();
    // One item per applicable ISO/IEC 42001 requirement of the one system in scope.
    await page.getByTestId('checklist-row').first().waitFor();
    const rows = await page.getByTestId('checklist-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-requirement') ?? ''));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((key) => key.startsWith('iso-42001:'))).toBe(true);
    await expectAccessible(page, 'audit page, in progress');
    await page.screenshot({ path: '/tmp/konform-audit-plan.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the auditor records a minor non-conformity and raises a finding that opens a non-conformity', async () => {
    const { context, page, errors } = await session(suite, AUDITOR);
    await page.goto(auditUrl);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    // The auditor steers nothing but results and findings.
    await expect(page.getByTestId('audit-to-reporting').count()).resolves.toBe(0);
    await page.getByTestId('checklist-result').first().click();
    await page.getByRole('option', { name: 'Geringfügige Abweichung' }).click();
    await page.getByTestId('checklist-raise-finding').click();
    await page.getByTestId('finding-nonconformity').waitFor();
    await page.getByTestId('finding-status').filter({ hasText: 'Offen' }).waitFor();
    await expectAccessible(page, 'audit page with a finding');
    await page.screenshot({ path: '/tmp/konform-audit-finding.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the audit cannot close while the finding is open; once the non-conformity is closed it can', async () => {
    const { context, page, errors } = await session(suite, LEAD);
    await page.goto(auditUrl);
    await page.getByTestId('audit-to-reporting').click();
    await page.getByTestId('audit-status').filter({ hasText: 'Berichterstellung' }).waitFor();
    await page.getByTestId('audit-to-closed').click();
    await page.getByTestId('audit-open-findings').waitFor();

    // CAPA through the API: the owner analyses, plans, implements; the auditor verifies (four eyes); the owner closes.
    const auditId = auditUrl.split('/').pop()!;
    const owner = await session(suite, OWNER);
    const ownerApi = await apiFor(owner.page, suite.server.baseUrl);
    const findings = (await (await owner.page.request.get(`${suite.server.baseUrl}/api/audits/${auditId}/findings`)).json()) as { items: { nonconformityId: string }[] };
    const ncId = findings.items[0]!.nonconformityId;
    type Nc = { id: string; version: number; actions: { done: boolean }[] };
    let nc = (await (await owner.page.request.get(`${suite.server.baseUrl}/api/nonconformities/${ncId}`)).json()) as Nc;
    nc = await ownerApi.patch<Nc>(`/nonconformities/${ncId}`, { version: nc.version, rootCause: 'Schulungsnachweise fehlten', actions: nc.actions.map((a) => ({ ...a, owner: 'Referat 31', dueDate: '2027-01-31' })) });
    nc = await ownerApi.post<Nc>(`/nonconformities/${ncId}/transition`, { version: nc.version, to: 'analysed' });
    nc = await ownerApi.post<Nc>(`/nonconformities/${ncId}/transition`, { version: nc.version, to: 'actions-planned' });
    nc = await ownerApi.patch<Nc>(`/nonconformities/${ncId}`, { version: nc.version, actions: nc.actions.map((a) => ({ ...a, done: true })) });
    nc = await ownerApi.post<Nc>(`/nonconformities/${ncId}/transition`, { version: nc.version, to: 'implemented' });
    const auditor = await session(suite, AUDITOR);
    nc = await (await apiFor(auditor.page, suite.server.baseUrl)).post<Nc>(`/nonconformities/${ncId}/verify`, { version: nc.version, effective: true, note: 'Nachweise liegen vor' });
    await auditor.context.close();
    await ownerApi.post(`/nonconformities/${ncId}/transition`, { version: nc.version, to: 'closed' });
    await owner.context.close();

    await page.reload();
    await page.getByTestId('finding-status').filter({ hasText: 'Erledigt' }).waitFor();
    await page.getByTestId('audit-to-closed').click();
    await page.getByTestId('audit-status').filter({ hasText: 'Abgeschlossen' }).waitFor();
    await expectAccessible(page, 'closed audit');
    await page.goto(`${suite.server.baseUrl}/audits?year=2026`);
    await page.getByTestId('audit-table').getByRole('link', { name: TITLE }).waitFor();
    await page.screenshot({ path: '/tmp/konform-audit-programme.png', fullPage: true });
    expect(errors).toEqual([]);
    expect(systemId).not.toBe('');
    await context.close();
  });
});
