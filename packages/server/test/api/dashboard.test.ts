import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationFacts, addCalendarDays, classify, officeToday, type ClassificationFactsInput, type Dashboard } from '@konform/core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { insertGate, insertPlan, labBasics } from '../support/lab-seed.js';

const MARKING = 'VS – NUR FÜR DEN DIENSTGEBRAUCH';
type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unitA: string;
let unitA1: string;
let unitB: string;
let admin: User;
let governanceA: User;
let viewerA: User;
let viewerB: User;
let ownerA: User;
let catalogId: string;
let keys: string[];
const sys: Record<string, string> = {};
const today = officeToday();

const PROFILES: Record<string, ClassificationFactsInput> = {
  annexIII: { roles: ['deployer'], annexIII: ['4.a'], deployer: { publicAuthority: true, employer: true } },
  annexI: { roles: ['provider'], annexI: { covered: true, thirdPartyAssessment: true } },
  limited: { roles: ['provider', 'deployer'], transparency: ['50.1', '50.2'] },
  minimal: { roles: ['deployer'] },
};

async function classifyAs(systemId: string, profile: keyof typeof PROFILES, approved: boolean) {
  const dates = t.services.catalogs.dates;
  const facts = ClassificationFacts.parse(PROFILES[profile]);
  const result = classify(facts, { timeline: dates.timeline, act: dates.actInForce, locale: 'de' });
  const db = t.db.database.db;
  await db.insertInto('classification_revision').values({
    id: randomUUID(), system_id: systemId, number: 1, status: approved ? 'approved' : 'draft', facts: JSON.stringify(facts), answers: '{}', note: '',
    result: JSON.stringify(result), risk_class: result.riskClass, decided_by_id: null, decided_by_label: 'test', decided_at: new Date().toISOString(),
    state_hash: '0'.repeat(64), approval_signature_id: approved ? randomUUID() : null,
  }).execute();
  await db.updateTable('ai_system').set({ risk_class: result.riskClass, classification_status: approved ? 'approved' : 'draft' }).where('id', '=', systemId).execute();
  return result;
}

async function rows(systemId: string, list: [number, string, boolean?][]) {
  await t.db.database.db.insertInto('requirement_row').values(list.map(([k, status, retired]) => ({
    system_id: systemId, requirement_key: keys[k]!, status, owner: null, due_date: null, justification: status === 'not-applicable' ? 'Nicht einschlägig' : null,
    implemented_by: null, verified_by: null, version: 1, updated_at: new Date().toISOString(), retired_at: retired ? new Date().toISOString() : null,
  }))).execute();
}

let riskNumber = 0;
async function risk(systemId: string, inherent: string | null, residual: string | null, status: string) {
  const now = new Date().toISOString();
  await t.db.database.db.insertInto('risk').values({
    id: randomUUID(), system_id: systemId, number: ++riskNumber, title: 'Risiko', description: '', source_id: null, affected: '[]', rights: '[]', affected_groups: '',
    likelihood: null, impact: null, inherent_level: inherent, treatment: null, measures: '[]', residual_likelihood: null, residual_impact: null, residual_level: residual,
    owner: '', status, next_review: null, version: 1, created_at: now, updated_at: now, created_by_label: 'test',
  }).execute();
}

async function task(unit: string, systemId: string | null, dueDate: string | null, status: string) {
  const now = new Date().toISOString();
  await t.db.database.db.insertInto('task').values({
    id: randomUUID(), record_type: systemId ? 'system' : 'nonconformity', record_id: systemId ?? randomUUID(), system_id: systemId, org_unit_id: unit, title: 'Aufgabe', description: '',
    owner_id: null, due_date: dueDate, priority: 'normal', status, completed_at: null, completed_by: null, version: 1, created_at: now, updated_at: now, created_by: null, created_by_label: 'test',
  }).execute();
}

async function nonconformity(unit: string, systemId: string | null, status: string, actions: { dueDate: string | null; done: boolean }[]) {
  const now = new Date().toISOString();
  await t.db.database.db.insertInto('nonconformity').values({
    id: randomUUID(), system_id: systemId, org_unit_id: unit, title: 'Abweichung', description: '', source: 'internal-audit', severity: 'minor', requirement_keys: '[]', root_cause: '',
    actions: JSON.stringify(actions.map((a) => ({ id: randomUUID(), description: 'Maßnahme', owner: 'Referat Z', ...a }))), implemented_by: null, verification: null, status, version: 1,
    created_at: now, updated_at: now, created_by_label: 'test',
  }).execute();
}

beforeAll(async () => {
  t = await startTestApp({ defaultMarking: 'VS-NfD' });
  unitA = await t.newUnit(null, 'Abteilung A');
  unitA1 = await t.newUnit(unitA, 'Referat A1');
  unitB = await t.newUnit(null, 'Abteilung B');
  admin = await t.newUser([{ orgUnitId: unitA, role: 'admin' }]);
  governanceA = await t.newUser([{ orgUnitId: unitA, role: 'governance' }]);
  viewerA = await t.newUser([{ orgUnitId: unitA, role: 'viewer' }]);
  viewerB = await t.newUser([{ orgUnitId: unitB, role: 'viewer' }]);
  ownerA = await t.newUser([{ orgUnitId: unitA, role: 'owner' }]);
  const ownerB = await t.newUser([{ orgUnitId: unitB, role: 'owner' }]);
  const registry = await t.services.catalogs.current();
  const catalog = registry.list().find((c) => c.catalog.id === 'eu-ai-act') ?? registry.list()[0]!;
  catalogId = catalog.catalog.id;
  keys = catalog.catalog.requirements.filter((r) => r.kind === 'requirement').slice(0, 4).map((r) => `${catalogId}:${r.id}`);

  const make = async (key: string, client: TestClient, unit: string, stage: string) => {
    sys[key] = (await t.newSystem(client, unit, { name: `System ${key}`, lifecycleStage: stage })).id;
  };
  await make('a1', ownerA.client, unitA, 'operation');
  await make('a2', ownerA.client, unitA1, 'validation');
  await make('a3', ownerA.client, unitA, 'development');
  await make('a4', ownerA.client, unitA, 'planned');
  await make('a5', ownerA.client, unitA, 'operation');
  await make('b1', ownerB.client, unitB, 'operation');
  await make('b2', ownerB.client, unitB, 'operation');
  await t.db.database.db.updateTable('ai_system').set({ archived_at: new Date().toISOString() }).where('id', '=', sys.a5!).execute();

  expect((await classifyAs(sys.a1!, 'annexIII', true)).highRiskRoute).toBe('annex-iii');
  await classifyAs(sys.a2!, 'annexIII', true);
  expect((await classifyAs(sys.a3!, 'annexI', false)).highRiskRoute).toBe('annex-i');
  await classifyAs(sys.a4!, 'minimal', true);
  await classifyAs(sys.a5!, 'annexIII', true);
  await classifyAs(sys.b1!, 'annexIII', true);
  await classifyAs(sys.b2!, 'limited', true);

  // a1 ready (approved, all settled); a2 not ready (open row; its retired open row does not count); b1 not ready (nothing settled).
  await rows(sys.a1!, [[0, 'implemented'], [1, 'verified'], [2, 'not-applicable']]);
  await rows(sys.a2!, [[0, 'open'], [1, 'in-progress'], [2, 'implemented'], [3, 'open', true]]);
  await rows(sys.b2!, [[0, 'implemented']]);
  await rows(sys.a5!, [[0, 'open']]); // archived: left out

  await risk(sys.a1!, 'hoch', 'sehr-hoch', 'treated'); // counts as very high
  await risk(sys.a1!, 'hoch', null, 'assessed'); // counts as high
  await risk(sys.a2!, 'hoch', 'mittel', 'treated'); // residual medium: not counted
  await risk(sys.a2!, 'sehr-hoch', null, 'closed'); // closed: not counted
  await risk(sys.b1!, 'hoch', null, 'identified'); // counts for B
  await risk(sys.a5!, 'sehr-hoch', null, 'identified'); // archived: not counted

  const yesterday = addCalendarDays(today, -1);
  await task(unitA, sys.a1!, yesterday, 'open'); // overdue
  await task(unitA, sys.a1!, yesterday, 'done'); // done
  await task(unitA1, null, yesterday, 'blocked'); // overdue, unit-wide
  await task(unitA, sys.a2!, addCalendarDays(today, 3), 'open'); // not yet due
  await task(unitA, sys.a2!, today, 'in-progress'); // due today: not overdue
  await task(unitB, sys.b1!, yesterday, 'in-progress'); // overdue in B

  await nonconformity(unitA, sys.a2!, 'actions-planned', [{ dueDate: yesterday, done: false }, { dueDate: addCalendarDays(today, 10), done: false }]); // open, overdue
  await nonconformity(unitA, null, 'analysed', []); // open
  await nonconformity(unitA, null, 'closed', [{ dueDate: yesterday, done: false }]); // closed
  await nonconformity(unitB, sys.b1!, 'open', [{ dueDate: yesterday, done: true }, { dueDate: addCalendarDays(today, 2), done: false }]); // open, not overdue

  const lab = await t.newUser([{ orgUnitId: unitA, role: 'lab' }]);
  const basics = await labBasics(lab.client, unitA, 'Whisper');
  const cases = [{ key: 'TC-01', name: 'WER', metric: 'wer', comparator: '<=' as const, threshold: 12, unit: '%' }];
  const planA = await insertPlan(t, { unit: unitA, systemId: sys.a1!, methodId: basics.methodId, cases, name: 'Plan A1' });
  const planB = await insertPlan(t, { unit: unitB, systemId: sys.b1!, methodId: basics.methodId, cases, name: 'Plan B1' });
  await insertGate(t, { unit: unitA, systemId: sys.a1!, planId: planA.planId, status: 'open' });
  await insertGate(t, { unit: unitA, systemId: sys.a1!, planId: planA.planId, status: 'released' });
  await insertGate(t, { unit: unitA, systemId: sys.a1!, planId: planA.planId, status: 'invalidated' });
  await insertGate(t, { unit: unitB, systemId: sys.b1!, planId: planB.planId, status: 'open' });
});

afterAll(async () => {
  await t?.close();
});

async function dashboard(client: TestClient, query = ''): Promise<Dashboard> {
  const res = await client.get(`/api/dashboard${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Dashboard;
}

const count = <K extends string>(list: { count: number }[], keyName: string, key: K) => (list as unknown as Record<string, unknown>[]).find((e) => e[keyName] === key)?.count;

describe('GET /api/dashboard', () => {
  it('counts the active portfolio for a reader of every unit', async () => {
    const d = await dashboard(admin.client);
    expect(d.asOf).toBe(today);
    expect(d.orgUnitId).toBeNull();
    expect(d.systems.total).toBe(6);
    expect(d.systems.byRiskClass).toEqual([
      { riskClass: 'prohibited', count: 0 }, { riskClass: 'high', count: 4 }, { riskClass: 'limited', count: 1 }, { riskClass: 'minimal', count: 1 },
      { riskClass: 'out-of-scope', count: 0 }, { riskClass: 'unclassified', count: 0 },
    ]);
    expect(d.systems.byStage).toEqual([
      { stage: 'planned', count: 1 }, { stage: 'development', count: 1 }, { stage: 'validation', count: 1 }, { stage: 'operation', count: 3 }, { stage: 'retired', count: 0 },
    ]);
    const eu = d.progress.catalogs.find((c) => c.catalogId === catalogId)!;
    expect(d.progress.basis).toBe('stored-rows');
    expect(eu).toMatchObject({ open: 1, inProgress: 1, implemented: 3, verified: 1, notApplicable: 1, relevant: 6, done: 4, percent: 66 });
    expect(d.progress.units.map((u) => [u.name, u.relevant, u.done, u.notApplicable])).toEqual([
      ['Abteilung A', 2, 2, 1], ['Abteilung B', 1, 1, 0], ['Referat A1', 3, 1, 0],
    ]);
    expect(d.openHighRisks).toEqual({
      total: 3,
      byLevel: [{ level: 'sehr-hoch', label: { de: 'sehr hoch', en: 'very high' }, count: 1 }, { level: 'hoch', label: { de: 'hoch', en: 'high' }, count: 2 }],
    });
    expect(d.overdueTasks).toBe(3);
    expect(d.nonconformities).toEqual({ open: 3, overdue: 1 });
    expect(d.labGates).toEqual([
      { status: 'open', count: 2 }, { status: 'released', count: 1 }, { status: 'invalidated', count: 1 }, { status: 'superseded', count: 0 }, { status: 'withdrawn', count: 0 },
    ]);
  });

  it('names the AI Act dates of the high-risk routes with the systems not ready', async () => {
    const d = await dashboard(admin.client);
    const dates = t.services.catalogs.dates;
    const from = (group: string) => dates.timeline.groups.find((g) => g.id === group)!.dates[dates.actInForce]!.from!;
    const annexIII = d.legalDates.find((l) => l.groupId === 'annex-iii-high-risk')!;
    expect(annexIII).toMatchObject({ date: from('annex-iii-high-risk'), systems: 3, notReady: 2, past: from('annex-iii-high-risk') < today });
    expect(d.legalDates.find((l) => l.groupId === 'annex-i-high-risk')).toMatchObject({ systems: 1, notReady: 1 });
    expect(d.legalDates.map((l) => l.date)).toEqual([...d.legalDates.map((l) => l.date)].sort());
    if (dates.actInForce === 'amended-2026') expect(annexIII.label.en).toBe('Annex III obligations apply from 2 December 2027: 2 systems of 3 not ready');
    // Settling a2's rows makes it ready; the figure follows the stored rows.
    await t.db.database.db.updateTable('requirement_row').set({ status: 'implemented' }).where('system_id', '=', sys.a2!).where('retired_at', 'is', null).execute();
    expect((await dashboard(admin.client)).legalDates.find((l) => l.groupId === 'annex-iii-high-risk')!.notReady).toBe(1);
    await t.db.database.db.updateTable('requirement_row').set({ status: 'open' }).where('system_id', '=', sys.a2!).where('requirement_key', '=', keys[0]!).execute();
    await t.db.database.db.updateTable('requirement_row').set({ status: 'in-progress' }).where('system_id', '=', sys.a2!).where('requirement_key', '=', keys[1]!).execute();
  });

  it('narrows to a chosen unit with its sub-units', async () => {
    const d = await dashboard(admin.client, `?orgUnitId=${unitA}`);
    expect(d.orgUnitName).toBe('Abteilung A');
    expect(d.systems.total).toBe(4);
    expect(count(d.systems.byRiskClass, 'riskClass', 'high')).toBe(3);
    expect(d.openHighRisks.total).toBe(2);
    expect(d.overdueTasks).toBe(2);
    expect(d.nonconformities).toEqual({ open: 2, overdue: 1 });
    expect(d.legalDates.find((l) => l.groupId === 'annex-iii-high-risk')).toMatchObject({ systems: 2, notReady: 1 });
    expect(count(d.labGates, 'status', 'open')).toBe(1);
    expect(d.progress.units.map((u) => u.name)).toEqual(['Abteilung A', 'Referat A1']);
    const a1 = await dashboard(admin.client, `?orgUnitId=${unitA1}`);
    // a2 and its non-conformity belong to A1; the overdue unit-wide task too.
    expect([a1.systems.total, a1.overdueTasks, a1.nonconformities.open, a1.nonconformities.overdue]).toEqual([1, 1, 1, 1]);
  });

  it('shows a unit reader only their units, whatever they ask for', async () => {
    const b = await dashboard(viewerB.client);
    expect(b.systems.total).toBe(2);
    expect(b.openHighRisks.total).toBe(1);
    expect(b.overdueTasks).toBe(1);
    expect(b.nonconformities).toEqual({ open: 1, overdue: 0 });
    expect(b.legalDates.find((l) => l.groupId === 'annex-iii-high-risk')).toMatchObject({ systems: 1, notReady: 1 });
    expect(b.progress.units.map((u) => u.name)).toEqual(['Abteilung B']);
    expect(count(b.labGates, 'status', 'open')).toBe(1);
    const foreign = await dashboard(viewerB.client, `?orgUnitId=${unitA}`);
    expect([foreign.systems.total, foreign.openHighRisks.total, foreign.overdueTasks, foreign.nonconformities.open]).toEqual([0, 0, 0, 0]);
    expect(foreign.labGates.every((g) => g.count === 0)).toBe(true);
    expect((await dashboard(viewerA.client)).systems.total).toBe(4);
  });

  it('limits an API token to its systems', async () => {
    const token = await admin.client.post('/api/tokens', { name: 'Dashboard', permissions: ['report.read', 'system.read'], systemIds: [sys.b1] });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const res = await fetch(`${t.baseUrl}/api/dashboard`, { headers: { authorization: `Bearer ${(token.body as { token: string }).token}` } });
    expect(res.status).toBe(200);
    const d = (await res.json()) as Dashboard;
    expect(d.systems.total).toBe(1);
    expect(d.overdueTasks).toBe(1);
    expect(d.openHighRisks.total).toBe(1);
    expect(d.nonconformities.open).toBe(1);
  });

  it('refuses an unknown unit and unknown parameters, naming the field', async () => {
    const unknown = await admin.client.get(`/api/dashboard?orgUnitId=${randomUUID()}`);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('orgUnitId');
    expect((await admin.client.get('/api/dashboard?foo=1')).status).toBe(400);
  });
});

async function pdfText(body: ArrayBuffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(body), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const out: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    out.push(content.items.flatMap((i) => ('str' in i ? [i.str] : [])).join(' '));
  }
  await pdf.destroy();
  return out.join('\n');
}

describe('management reports', () => {
  let reportA: { id: string; number: number };
  let reportAll: { id: string; number: number };

  it('generates a report of a unit with the dashboard figures, audited', async () => {
    const res = await governanceA.client.post('/api/management-reports', { orgUnitId: unitA, locale: 'de' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    reportA = res.body;
    expect(res.body).toMatchObject({ orgUnitId: unitA, orgUnitName: 'Abteilung A', locale: 'de', number: 1 });
    expect(res.body.snapshot.systems.total).toBe(4);
    const audit = await t.db.database.db.selectFrom('audit_event').selectAll().where('entity_id', '=', reportA.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['management-report.create']);
    const all = await admin.client.post('/api/management-reports', { locale: 'en' });
    expect(all.status).toBe(201);
    reportAll = all.body;
    expect(all.body.snapshot.systems.total).toBe(6);
  });

  it('refuses what the roles do not allow', async () => {
    expect((await viewerA.client.post('/api/management-reports', { orgUnitId: unitA, locale: 'de' })).status).toBe(403);
    // Governance reaches every unit; a token limited to unit A does not.
    const token = await governanceA.client.post('/api/tokens', { name: 'Berichte A', permissions: ['report.create', 'report.read', 'system.read'], orgUnitIds: [unitA] });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const post = (body: unknown) => fetch(`${t.baseUrl}/api/management-reports`, {
      method: 'POST', headers: { authorization: `Bearer ${(token.body as { token: string }).token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    expect((await post({ orgUnitId: unitB, locale: 'de' })).status).toBe(403);
    const whole = await post({ locale: 'de' });
    expect(whole.status).toBe(400);
    expect(await whole.text()).toContain('orgUnitId');
    expect((await admin.client.post('/api/management-reports', { orgUnitId: unitA, locale: 'fr' })).status).toBe(400);
    expect((await admin.client.post('/api/management-reports', { orgUnitId: randomUUID(), locale: 'de' })).status).toBe(400);
  });

  it('lists reports by unit scope', async () => {
    const mine = await viewerA.client.get('/api/management-reports');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([reportA.id]);
    expect((await viewerB.client.get('/api/management-reports')).body.total).toBe(0);
    const everything = await admin.client.get('/api/management-reports');
    expect(everything.body.items.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    expect((await viewerB.client.fetch(`/api/management-reports/${reportA.id}/export?format=md`)).status).toBe(403);
    expect((await viewerA.client.fetch(`/api/management-reports/${reportAll.id}/export?format=md`)).status).toBe(403);
    expect((await viewerA.client.fetch(`/api/management-reports/${randomUUID()}/export?format=md`)).status).toBe(404);
  });

  it('renders from the stored figures: identical after the records changed', async () => {
    const md = async () => (await viewerA.client.fetch(`/api/management-reports/${reportA.id}/export?format=md`)).text();
    const before = await md();
    expect(before.split('\n')[0]).toContain(MARKING);
    expect(before).toContain('Managementbericht KI-Portfolio: Abteilung A');
    expect(before).toMatch(/Aktive KI-Systeme \| 4/);
    expect(before).toContain('Hochrisiko | 3');
    // Records change: another system, a closed risk, a finished task.
    await t.newSystem(ownerA.client, unitA, { name: 'Später angelegt' });
    await t.db.database.db.updateTable('task').set({ status: 'done' }).where('org_unit_id', '=', unitA1).execute();
    await t.db.database.db.updateTable('risk').set({ status: 'closed' }).where('system_id', '=', sys.a1!).execute();
    expect((await dashboard(admin.client, `?orgUnitId=${unitA}`)).systems.total).toBe(5);
    expect(await md()).toBe(before);
    const pdf1 = await pdfText(await (await viewerA.client.fetch(`/api/management-reports/${reportA.id}/export?format=pdf`)).arrayBuffer());
    const pdf2 = await pdfText(await (await viewerA.client.fetch(`/api/management-reports/${reportA.id}/export?format=pdf`)).arrayBuffer());
    expect(pdf2).toBe(pdf1);
  });

  it('renders PDF and DOCX with headings, figures and the marking, in either language', async () => {
    const pdf = await viewerA.client.fetch(`/api/management-reports/${reportA.id}/export?format=pdf&locale=en`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`konform-management-report-0001-${today}.pdf`);
    const text = await pdfText(await pdf.arrayBuffer());
    for (const s of ['AI portfolio management report', 'AI systems by risk class', 'Upcoming AI Act dates', 'Test lab release gates', MARKING, 'Abteilung A']) expect(text, s).toContain(s);
    const docx = await viewerA.client.fetch(`/api/management-reports/${reportA.id}/export?format=docx`);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const document = await zip.file('word/document.xml')!.async('string');
    const header = await zip.file(Object.keys(zip.files).find((n) => /^word\/header\d*\.xml$/.test(n))!)!.async('string');
    for (const s of ['Managementbericht KI-Portfolio', 'KI-Systeme nach Risikoklasse', 'Offene hohe Risiken', 'Freigabe-Gates des Prüflabors', 'MR-0001']) expect(document, s).toContain(s);
    expect(header).toContain(MARKING);
    expect(document).not.toContain('AI systems by risk class');
  });
});
