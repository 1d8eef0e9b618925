import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';
import { monitoringSummary } from '../../src/modules/monitoring/index.js';
import { monitoringOverdueOccasions } from '../../src/jobs/reminder-sources/monitoring.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let owner: User;
let lab: User;
let viewer: User;
let governance: User;
let systemA: string;
let systemB: string;

const ACCURACY = { name: 'Trefferquote', unit: '%', comparator: '>=', threshold: 90, dataSource: 'Stichprobe Sachbearbeitung', frequency: 'weekly', responsible: 'Referat Z 4' };

async function highRisk(name: string) {
  const system = await t.newSystem(owner.client, unit, { name });
  await t.db.database.db.updateTable('ai_system').set({ risk_class: 'high' }).where('id', '=', system.id).execute();
  return system.id as string;
}

async function activePlan(systemId: string, indicators: object[] = [ACCURACY]) {
  const reply = await owner.client.post('/api/monitoring-plans', { systemId, observed: 'Qualität der Vorschläge im Betrieb', status: 'active', indicators });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit(null, 'Referat Beobachtung');
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  systemA = await highRisk('Bescheidassistent');
  systemB = await highRisk('Posteingang');
});
afterAll(async () => t.close());

describe('post-market monitoring plans', () => {
  it('refuses a plan for a system that is not high-risk', async () => {
    const minimal = await t.newSystem(owner.client, unit, { name: 'Chatbot' });
    const reply = await owner.client.post('/api/monitoring-plans', { systemId: minimal.id, indicators: [ACCURACY] });
    expect(reply.status).toBe(409);
    expect(reply.body.code ?? reply.body.type).toContain('not-high-risk');
  });

  it('keeps one active plan per system and walks draft → active → retired', async () => {
    const systemId = await highRisk('Terminvergabe');
    const draft = await owner.client.post('/api/monitoring-plans', { systemId, observed: 'Wartezeiten', indicators: [ACCURACY] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', activatedAt: null, version: 1, indicators: [{ ...ACCURACY, onBreach: 'task', latest: null, overdue: false, dueOn: null }] });
    const active = await activePlan(systemId);
    const second = await owner.client.patch(`/api/monitoring-plans/${draft.body.id}`, { version: 1, status: 'active' });
    expect(second.status).toBe(409);
    expect(JSON.stringify(second.body)).toContain('active-plan-exists');
    const retired = await owner.client.patch(`/api/monitoring-plans/${active.id}`, { version: active.version, status: 'retired' });
    expect(retired.body.status).toBe('retired');
    const now = await owner.client.patch(`/api/monitoring-plans/${draft.body.id}`, { version: 1, status: 'active' });
    expect(now.status, JSON.stringify(now.body)).toBe(200);
    expect(now.body.activatedAt).not.toBeNull();
    expect((await owner.client.patch(`/api/monitoring-plans/${active.id}`, { version: retired.body.version, status: 'active' })).status).toBe(409);
    expect((await owner.client.patch(`/api/monitoring-plans/${draft.body.id}`, { version: 1, observed: 'x' })).status).toBe(409);
    expect((await viewer.client.patch(`/api/monitoring-plans/${draft.body.id}`, { version: 2, observed: 'x' })).status).toBe(403);
    const history = (await governance.client.get(`/api/audit-events?entityType=monitoring_plan&entityId=${draft.body.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['monitoring-plan.create', 'monitoring-plan.update']));
  });

  it('names the field of a bad indicator', async () => {
    const bad = await owner.client.post('/api/monitoring-plans', { systemId: systemA, indicators: [{ ...ACCURACY, comparator: '=>' }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('indicators.0.comparator');
  });

  it('records a breaching value and opens a task on the system in the same step', async () => {
    const plan = await activePlan(systemA);
    const indicatorId = plan.indicators[0].id;
    const ok = await lab.client.post(`/api/monitoring-plans/${plan.id}/measurements`, { indicatorId, value: 90, measuredAt: '2026-11-20T08:00:00Z', note: 'Gleichstand' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ breached: false, taskId: null, source: 'manual', value: 90 });
    const low = await lab.client.post(`/api/monitoring-plans/${plan.id}/measurements`, { indicatorId, value: 84.5, measuredAt: new Date().toISOString(), note: 'Nach Update schlechter' });
    expect(low.status, JSON.stringify(low.body)).toBe(201);
    expect(low.body).toMatchObject({ breached: true, taskId: expect.any(String), indicatorName: 'Trefferquote' });
    const task = await owner.client.get(`/api/tasks/${low.body.taskId}`);
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({ recordType: 'system', recordId: systemA, systemId: systemA, priority: 'high', status: 'open' });
    expect(task.body.title).toContain('Trefferquote');
    expect(task.body.dueDate).not.toBeNull();

    const detail = (await viewer.client.get(`/api/monitoring-plans/${plan.id}`)).body;
    expect(detail.indicators[0].latest).toMatchObject({ value: 84.5, breached: true });
    expect(detail).toMatchObject({ breachedCount: 1, overdueCount: 0 });
    const history = await viewer.client.get(`/api/monitoring-plans/${plan.id}/measurements?indicatorId=${indicatorId}`);
    expect(history.body.items.map((m: { value: number }) => m.value)).toEqual([84.5, 90]);
    expect(history.body.total).toBe(2);
  });

  it('refuses unknown indicators and non-numbers, naming the field', async () => {
    const plan = (await owner.client.get(`/api/monitoring-plans?systemId=${systemA}&status=active`)).body.items[0];
    const unknown = await lab.client.post(`/api/monitoring-plans/${plan.id}/measurements`, { indicatorId: plan.systemId, value: 1, measuredAt: '2026-11-20T08:00:00Z' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('indicatorId');
    const text = await lab.client.post(`/api/monitoring-plans/${plan.id}/measurements`, { indicatorId: plan.indicators[0].id, value: '84', measuredAt: '2026-11-20T08:00:00Z' });
    expect(text.status).toBe(400);
    expect(JSON.stringify(text.body.errors)).toContain('value');
    expect((await viewer.client.post(`/api/monitoring-plans/${plan.id}/measurements`, { indicatorId: plan.indicators[0].id, value: 95, measuredAt: '2026-11-20T08:00:00Z' })).status).toBe(403);
  });

  it('refuses measurements on a draft plan and removal of a measured indicator', async () => {
    const plan = (await owner.client.get(`/api/monitoring-plans?systemId=${systemA}&status=active`)).body.items[0];
    const removal = await owner.client.patch(`/api/monitoring-plans/${plan.id}`, { version: plan.version, indicators: [] });
    expect(removal.status).toBe(409);
    const kept = await owner.client.patch(`/api/monitoring-plans/${plan.id}`, { version: plan.version, indicators: [{ ...ACCURACY, id: plan.indicators[0].id, threshold: 85 }, { ...ACCURACY, name: 'Beschwerden', comparator: '<', threshold: 5, frequency: 'monthly', unit: '' }] });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.indicators.map((i: { name: string }) => i.name)).toEqual(['Trefferquote', 'Beschwerden']);
    expect(kept.body.indicators[0].latest.value).toBe(84.5);
    const draft = await owner.client.post('/api/monitoring-plans', { systemId: systemA, indicators: [ACCURACY] });
    const refused = await lab.client.post(`/api/monitoring-plans/${draft.body.id}/measurements`, { indicatorId: draft.body.indicators[0].id, value: 1, measuredAt: '2026-11-20T08:00:00Z' });
    expect(refused.status).toBe(409);
  });

  it('shows an indicator as overdue when its period elapsed without a measurement', async () => {
    const systemId = await highRisk('Überfälligkeit');
    const plan = await activePlan(systemId, [{ ...ACCURACY, frequency: 'daily' }]);
    await t.db.database.db.updateTable('monitoring_plan').set({ activated_at: '2026-01-01T08:00:00.000Z' }).where('id', '=', plan.id).execute();
    const detail = (await owner.client.get(`/api/monitoring-plans/${plan.id}`)).body;
    expect(detail.indicators[0]).toMatchObject({ overdue: true, dueOn: '2026-01-02' });
    expect(detail.overdueCount).toBe(1);
    const occasions = (await monitoringOverdueOccasions(t.db.database, new Date())).filter((o) => o.link === `/systems/${systemId}?tab=monitoring`);
    expect(occasions).toEqual([expect.objectContaining({ kind: 'monitoring-overdue', recipients: { permission: 'monitoring.edit', unitId: unit } })]);
    expect(occasions[0]!.title.de).toBe('Messung überfällig: Trefferquote (Überfälligkeit)');
    // A measurement moves the due day: no reminder any more.
    await owner.client.post(`/api/monitoring-plans/${plan.id}/measurements`, { indicatorId: plan.indicators[0].id, value: 95, measuredAt: new Date().toISOString() });
    expect((await monitoringOverdueOccasions(t.db.database, new Date())).filter((o) => o.link === `/systems/${systemId}?tab=monitoring`)).toEqual([]);
  });

  it('lets a token limited to system A record for A only, as source api', async () => {
    const planB = await activePlan(systemB);
    const planA = (await owner.client.get(`/api/monitoring-plans?systemId=${systemA}&status=active`)).body.items[0];
    const created = await owner.client.post('/api/tokens', { name: 'Betriebsdaten', expiresInDays: 30, permissions: ['monitoring.record', 'monitoring.read'], systemIds: [systemA] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ci = new TestClient(t.baseUrl);
    ci.bearer = created.body.token;
    const mine = await ci.post(`/api/monitoring-plans/${planA.id}/measurements`, { indicatorId: planA.indicators[0].id, value: 97, measuredAt: new Date().toISOString() });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body.source).toBe('api');
    const foreign = await ci.post(`/api/monitoring-plans/${planB.id}/measurements`, { indicatorId: planB.indicators[0].id, value: 97, measuredAt: new Date().toISOString() });
    expect(foreign.status).toBe(403);
    expect((await ci.get(`/api/monitoring-plans/${planB.id}`)).status).toBe(403);
    const listed = (await ci.get('/api/monitoring-plans?limit=500')).body.items.map((p: { systemId: string }) => p.systemId);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((s: string) => s === systemA)).toBe(true);
    expect((await ci.get(`/api/monitoring-plans?systemId=${systemB}`)).status).toBe(403);
    const editor = await owner.client.post('/api/tokens', { name: 'nur lesen', expiresInDays: 30, permissions: ['monitoring.read'] });
    const reader = new TestClient(t.baseUrl);
    reader.bearer = editor.body.token;
    expect((await reader.post(`/api/monitoring-plans/${planA.id}/measurements`, { indicatorId: planA.indicators[0].id, value: 97, measuredAt: new Date().toISOString() })).status).toBe(403);
  });

  it('sums active plans, recent breaches and overdue indicators for the dashboard', async () => {
    const db = t.db.database.db;
    const overdue = await activePlan(await highRisk('Summe'), [{ ...ACCURACY, frequency: 'daily' }]);
    await db.updateTable('monitoring_plan').set({ activated_at: '2026-01-01T08:00:00.000Z' }).where('id', '=', overdue.id).execute();
    const reach = { scope: new Set([unit]), units: null, systemIds: null, levels: null };
    const summary = await monitoringSummary(db, reach);
    const active = (await owner.client.get('/api/monitoring-plans?status=active&limit=500')).body.items;
    expect(summary.activePlans).toBe(active.length);
    expect(summary.breachesLast30Days).toBe(1);
    expect(summary.overdueIndicators).toBe(active.reduce((n: number, p: { overdueCount: number }) => n + p.overdueCount, 0));
    expect(summary.overdueIndicators).toBeGreaterThan(0);
    expect(await monitoringSummary(db, { ...reach, systemIds: [systemB] })).toMatchObject({ activePlans: 1, breachesLast30Days: 0 });
    expect(await monitoringSummary(db, { ...reach, scope: new Set() })).toEqual({ activePlans: 0, breachesLast30Days: 0, overdueIndicators: 0 });
  });

  it('feeds section 9 of the technical documentation: the active plan and the latest value per indicator', async () => {
    const created = await owner.client.post('/api/documents', { type: 'annex-iv', systemId: systemA, locale: 'de' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const section = created.body.sections.find((s: { key: string }) => s.key === 'post-market');
    expect(section.completeness).toMatchObject({ status: 'complete', lacking: [] });
    const lines = section.recordLines.join('\n');
    expect(lines).toContain('Trefferquote');
    expect(lines).toContain('≥ 85 %');
    expect(lines).toContain('Beschwerden');
    const other = await owner.client.post('/api/documents', { type: 'annex-iv', systemId: await highRisk('Ohne Plan'), locale: 'de' });
    expect(other.body.sections.find((s: { key: string }) => s.key === 'post-market').completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'text-missing' }] });
  });

  it('opens an incident instead of a task where the indicator says so', async () => {
    const systemId = await highRisk('Vorfallweg');
    const plan = await activePlan(systemId, [{ ...ACCURACY, name: 'Fehlentscheidungen', comparator: '<=', threshold: 2, onBreach: 'incident' }]);
    const reply = await lab.client.post(`/api/monitoring-plans/${plan.id}/measurements`, { indicatorId: plan.indicators[0].id, value: 3, measuredAt: new Date().toISOString() });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ breached: true, taskId: null, incidentId: expect.any(String) });
    const incident = await owner.client.get(`/api/incidents/${reply.body.incidentId}`);
    expect(incident.status, JSON.stringify(incident.body)).toBe(200);
    expect(incident.body).toMatchObject({ systemId, title: expect.stringContaining('Fehlentscheidungen') });
    const equal = await lab.client.post(`/api/monitoring-plans/${plan.id}/measurements`, { indicatorId: plan.indicators[0].id, value: 2, measuredAt: new Date().toISOString() });
    expect(equal.body).toMatchObject({ breached: false, taskId: null, incidentId: null });
  });
});
