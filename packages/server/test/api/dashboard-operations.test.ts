import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

/**
 * The leadership overview and the management report show what runs after release (#10): serious incidents with a
 * running deadline, post-market monitoring, conformity assessments and changes, audits with open findings — for the
 * reader's reach and clearance.
 */
type User = { id: string; client: TestClient };
let t: TestApp;
let unit: string;
let otherUnit: string;
let governance: User;
let auditor: User;
let stranger: User;
let uncleared: User;
let system: string;

const NO = { death: false, seriousHealthHarm: false, criticalInfrastructure: false, fundamentalRights: false, propertyOrEnvironment: false, widespread: false };

async function highRisk(name: string, classification: 'offen' | 'VS-NfD' = 'offen') {
  const created = await t.newSystem(governance.client, unit, { name, roles: ['provider', 'deployer'], classification });
  await t.db.database.db.updateTable('ai_system').set({ risk_class: 'high' }).where('id', '=', created.id).execute();
  return created.id as string;
}

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit(null, 'Abteilung Betrieb');
  otherUnit = await t.newUnit(null, 'Abteilung Revision');
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }], { clearance: 'VS-NfD' });
  auditor = await t.newUser([{ orgUnitId: unit, role: 'auditor' }]);
  stranger = await t.newUser([{ orgUnitId: otherUnit, role: 'owner' }]);
  uncleared = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  system = await highRisk('Antragsvorprüfung');
  const secret = await highRisk('Lagebild', 'VS-NfD');
  const now = new Date().toISOString();
  for (const systemId of [system, secret]) {
    const incident = await governance.client.post('/api/incidents', { systemId, title: `Fehlentscheidung ${systemId.slice(0, 4)}`, awareAt: now, assessment: { ...NO, seriousHealthHarm: true } });
    expect(incident.status, JSON.stringify(incident.body)).toBe(201);
  }
  const indicator = { name: 'Trefferquote', unit: '%', comparator: '>=', threshold: 90, dataSource: 'Stichprobe', frequency: 'weekly', responsible: 'Referat 1' };
  const plan = await governance.client.post('/api/monitoring-plans', { systemId: system, observed: 'Qualität', status: 'active', indicators: [indicator] });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const measured = await governance.client.post(`/api/monitoring-plans/${plan.body.id}/measurements`, { indicatorId: plan.body.indicators[0].id, value: 71, measuredAt: now });
  expect(measured.status, JSON.stringify(measured.body)).toBe(201);
  const assessment = await governance.client.post('/api/conformity-assessments', { systemId: system, procedure: 'annex-vi' });
  expect(assessment.status, JSON.stringify(assessment.body)).toBe(201);
  const audit = await governance.client.post('/api/audits', {
    title: 'Internes Audit', kind: 'internal-aims', orgUnitId: unit, objective: 'Wirksamkeit', auditorIds: [auditor.id], plannedStart: '2026-12-01', plannedEnd: '2026-12-03',
    scope: { systemIds: [system], orgUnitIds: [], catalogIds: [], requirementPrefixes: [] },
  });
  expect(audit.status, JSON.stringify(audit.body)).toBe(201);
  const started = await governance.client.post(`/api/audits/${audit.body.id}/transition`, { version: audit.body.version, to: 'in-progress' });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const finding = await auditor.client.post(`/api/audits/${audit.body.id}/findings`, { systemId: system, severity: 'observation', title: 'Protokollierung lückenhaft', description: 'Stichprobe' });
  expect(finding.status, JSON.stringify(finding.body)).toBe(201);
});
afterAll(async () => t.close());

describe('the overview of operations after release', () => {
  it('counts incidents, monitoring, assessments and audits in reach and clearance', async () => {
    const full = (await governance.client.get('/api/dashboard')).body.operations;
    expect(full.incidents.running).toBe(2);
    expect(full.incidents.next).toHaveLength(2);
    expect(full.incidents.next[0]).toMatchObject({ duty: 'report-serious-incident' });
    expect(full.monitoring).toEqual({ activePlans: 1, breachesLast30Days: 1, overdueIndicators: 0 });
    expect(full.assessments.inProgress).toBe(1);
    expect(full.audits).toEqual({ inProgress: 1, openFindings: 1 });

    // Without clearance the classified system's incident is not counted; another unit sees nothing of this one.
    const part = (await uncleared.client.get('/api/dashboard')).body.operations;
    expect(part.incidents.running).toBe(1);
    expect(part.incidents.next.map((i: { systemName: string }) => i.systemName)).toEqual(['Antragsvorprüfung']);
    const other = (await stranger.client.get('/api/dashboard')).body.operations;
    expect(other.incidents.running).toBe(0);
    expect(other.monitoring.activePlans).toBe(0);
    expect(other.audits.openFindings).toBe(0);
  });

  it('prints them in the management report', async () => {
    const report = await governance.client.post('/api/management-reports', { orgUnitId: unit, locale: 'de' });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    expect(report.body.snapshot.operations.incidents.running).toBe(2);
    const md = await (await governance.client.fetch(`/api/management-reports/${report.body.id}/export?format=md`)).text();
    expect(md).toContain('Betrieb: Vorfälle, Beobachtung, Konformitätsbewertung, Audits');
    expect(md).toContain('Schwerwiegende Vorfälle mit laufender Frist');
    expect(md).toContain('Antragsvorprüfung');
  });
});
