import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { incidentOccasions } from '../../src/jobs/reminder-sources/incidents.js';
import { openIncidentsWithDeadlines } from '../../src/modules/incidents/open-deadlines.js';
import { pdfText } from '../support/pdf-text.js';
import { systemActor } from '../../src/access/actor.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let owner: User;
let viewer: User;
let governance: User;
let providerSystem: string;
let deployerSystem: string;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  providerSystem = (await t.newSystem(owner.client, unit, { roles: ['provider', 'deployer'] })).id;
  deployerSystem = (await t.newSystem(owner.client, unit, { roles: ['deployer'] })).id;
});
afterAll(async () => t.close());

const NO = { death: false, seriousHealthHarm: false, criticalInfrastructure: false, fundamentalRights: false, propertyOrEnvironment: false, widespread: false };

async function record(body: Record<string, unknown>) {
  const reply = await owner.client.post('/api/incidents', { title: 'Fehlklassifikation von Anträgen', awareAt: '2026-03-27T10:00:00Z', occurredAt: '2026-03-26T15:00:00Z', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

describe('incidents (Art. 73)', () => {
  it('starts the Art. 73 clocks for a provider; the earliest governs; submitting the initial report meets them', async () => {
    let inc = await record({ systemId: providerSystem, affectedPersons: '12 Antragstellende', harm: 'Leistungen verzögert', assessment: { ...NO, death: true, widespread: true } });
    expect(inc).toMatchObject({ status: 'recorded', role: 'provider', reportable: true, countingRule: 'calendar-days', taskId: null });
    // Awareness on 27 March (CET); the 2-day period ends at midnight of 29 March, already CEST.
    expect(inc.deadlines.map((d: { duty: string; ref: string; dueAt: string; governing: boolean }) => [d.duty, d.ref, d.dueAt, d.governing])).toEqual([
      ['report-widespread', 'Art. 73(3)', '2026-03-29T21:59:59.999Z', true],
      ['report-death', 'Art. 73(4)', '2026-04-06T21:59:59.999Z', false],
      ['report-serious-incident', 'Art. 73(2)', '2026-04-11T21:59:59.999Z', false],
    ]);
    inc = (await owner.client.post(`/api/incidents/${inc.id}/transition`, { version: inc.version, to: 'assessed' })).body;
    expect(inc.status).toBe('assessed');

    const refused = await owner.client.post(`/api/incidents/${inc.id}/reports`, { version: inc.version, kind: 'initial', submittedAt: '2026-03-28T09:00:00Z', channel: 'Portal', password: TEST_PASSWORD });
    expect(refused.status).toBe(403);
    const early = await governance.client.post(`/api/incidents/${inc.id}/reports`, { version: inc.version, kind: 'complete', submittedAt: '2026-03-28T09:00:00Z', channel: 'Portal', password: TEST_PASSWORD });
    expect(early.status).toBe(409);
    const submitted = await governance.client.post(`/api/incidents/${inc.id}/reports`, { version: inc.version, kind: 'initial', submittedAt: '2026-03-28T09:00:00Z', channel: 'Portal der Marktüberwachung', password: TEST_PASSWORD, reference: 'MS-2026-17' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    inc = submitted.body;
    expect(inc.status).toBe('initial-report-submitted');
    expect(inc.submissions).toEqual([expect.objectContaining({ kind: 'initial', channel: 'Portal der Marktüberwachung', reference: 'MS-2026-17' })]);
    expect(inc.deadlines.every((d: { metAt: string | null; governing: boolean }) => d.metAt === '2026-03-28T09:00:00.000Z')).toBe(true);
    expect(inc.deadlines.some((d: { governing: boolean }) => d.governing)).toBe(false);
    const verified = await viewer.client.get(`/api/signatures/${inc.submissions[0].signatureId}/verify`);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.ok).toBe(true);

    const pdf = await viewer.client.fetch(`/api/incidents/${inc.id}/report?kind=initial&format=pdf&lang=de`);
    expect(pdf.status).toBe(200);
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Erstmeldung eines schwerwiegenden Vorfalls');
    expect(text).toContain('MS-2026-17');
    const md = await viewer.client.fetch(`/api/incidents/${inc.id}/report?kind=complete&format=md&lang=en`);
    expect(await md.text()).toContain('Complete report of a serious incident');

    // The assessment a report was based on stays.
    const change = await owner.client.patch(`/api/incidents/${inc.id}`, { version: inc.version, assessment: { death: false } });
    expect(change.status).toBe(409);
    const notYet = await owner.client.post(`/api/incidents/${inc.id}/transition`, { version: inc.version, to: 'closed' });
    expect(notYet.status).toBe(409);
    inc = (await governance.client.post(`/api/incidents/${inc.id}/reports`, { version: inc.version, kind: 'complete', submittedAt: '2026-04-02T09:00:00Z', channel: 'Portal', password: TEST_PASSWORD })).body;
    expect(inc.status).toBe('complete-report-submitted');
    inc = (await owner.client.post(`/api/incidents/${inc.id}/transition`, { version: inc.version, to: 'closed' })).body;
    expect(inc.status).toBe('closed');
    const history = (await governance.client.get(`/api/audit-events?entityType=incident&entityId=${inc.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['incident.transition', 'incident.report', 'incident.report', 'incident.transition', 'incident.create']);
  });

  it('gives a deployer the duty to inform the provider as a task; Art. 73 runs only when the provider cannot be reached', async () => {
    let inc = await record({ systemId: deployerSystem, awareAt: '2026-10-24T08:00:00Z', assessment: { criticalInfrastructure: true } });
    expect(inc.role).toBe('deployer');
    expect(inc.deadlines.map((d: { duty: string; dueAt: string }) => [d.duty, d.dueAt])).toEqual([['inform-provider', '2026-10-25T08:00:00.000Z']]);
    expect(inc.taskId).not.toBeNull();
    const task = (await owner.client.get(`/api/tasks/${inc.taskId}`)).body;
    expect(task).toMatchObject({ status: 'open', dueDate: '2026-10-25', priority: 'urgent' });

    inc = (await owner.client.patch(`/api/incidents/${inc.id}`, { version: inc.version, providerUnreachable: true })).body;
    // Across the autumn change (25 October 2026): two days after 24 October end at midnight CET.
    expect(inc.deadlines.map((d: { duty: string; dueAt: string }) => [d.duty, d.dueAt])).toEqual([
      ['inform-provider', '2026-10-25T08:00:00.000Z'],
      ['report-critical-infrastructure', '2026-10-26T22:59:59.999Z'],
      ['report-serious-incident', '2026-11-08T22:59:59.999Z'],
    ]);
    inc = (await owner.client.patch(`/api/incidents/${inc.id}`, { version: inc.version, providerInformedAt: '2026-10-24T12:00:00Z' })).body;
    expect(inc.deadlines.find((d: { governing: boolean }) => d.governing).duty).toBe('report-critical-infrastructure');
    expect((await owner.client.get(`/api/tasks/${inc.taskId}`)).body.status).toBe('done');
  });

  it('needs every question answered for the assessment; a not serious incident closes after it without clocks', async () => {
    let inc = await record({ systemId: providerSystem, assessment: { death: false } });
    const incomplete = await owner.client.post(`/api/incidents/${inc.id}/transition`, { version: inc.version, to: 'assessed' });
    expect(incomplete.status).toBe(400);
    expect(JSON.stringify(incomplete.body)).toContain('assessment.seriousHealthHarm');
    inc = (await owner.client.patch(`/api/incidents/${inc.id}`, { version: inc.version, assessment: NO })).body;
    expect(inc.deadlines).toEqual([]);
    inc = (await owner.client.post(`/api/incidents/${inc.id}/transition`, { version: inc.version, to: 'assessed' })).body;
    const report = await governance.client.post(`/api/incidents/${inc.id}/reports`, { version: inc.version, kind: 'initial', submittedAt: '2026-03-28T09:00:00Z', channel: 'Portal', password: TEST_PASSWORD });
    expect(report.status).toBe(409);
    expect((await owner.client.post(`/api/incidents/${inc.id}/transition`, { version: inc.version, to: 'closed' })).body.status).toBe('closed');
  });

  it('refuses bad input with a problem naming the field', async () => {
    const unknown = await owner.client.post('/api/incidents', { systemId: '00000000-0000-4000-8000-000000000000', title: 'x', awareAt: '2026-03-27T10:00:00Z' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('systemId');
    const order = await owner.client.post('/api/incidents', { systemId: providerSystem, title: 'x', awareAt: '2026-03-27T10:00:00Z', occurredAt: '2026-03-28T10:00:00Z' });
    expect(order.status).toBe(400);
    expect(JSON.stringify(order.body)).toContain('occurredAt');
    const noDate = await owner.client.post('/api/incidents', { systemId: providerSystem, title: 'x', awareAt: 'gestern' });
    expect(noDate.status).toBe(400);
    expect(JSON.stringify(noDate.body)).toContain('awareAt');
    expect((await viewer.client.post('/api/incidents', { systemId: providerSystem, title: 'x', awareAt: '2026-03-27T10:00:00Z' })).status).toBe(403);
  });

  it('applies the counting-rule setting to incidents recorded afterwards', async () => {
    expect((await viewer.client.get('/api/incidents/settings')).body).toEqual({ countingRule: 'calendar-days', informProviderHours: 24, complaintDueDays: 30 });
    expect((await owner.client.request('PUT', '/api/incidents/settings', { countingRule: 'hours' })).status).toBe(403);
    const changed = await governance.client.request('PUT', '/api/incidents/settings', { countingRule: 'hours', informProviderHours: 12 });
    expect(changed.body).toMatchObject({ countingRule: 'hours', informProviderHours: 12 });
    try {
      const inc = await record({ systemId: providerSystem, awareAt: '2026-01-30T09:15:00Z', occurredAt: '2026-01-30T08:00:00Z', assessment: { death: true } });
      expect(inc.countingRule).toBe('hours');
      expect(inc.deadlines.map((d: { dueAt: string }) => d.dueAt)).toEqual(['2026-02-09T09:15:00.000Z', '2026-02-14T09:15:00.000Z']);
    } finally {
      await governance.client.request('PUT', '/api/incidents/settings', { countingRule: 'calendar-days', informProviderHours: 24 });
    }
  });

  it('lists open incidents with deadlines for the dashboard and reminds of due ones', async () => {
    const now = new Date();
    const aware = new Date(now.getTime() - 3 * 86_400_000).toISOString();
    const inc = await record({ systemId: providerSystem, awareAt: aware, occurredAt: aware, assessment: { widespread: true } });
    const open = await openIncidentsWithDeadlines(t.db.database.db, { scope: new Set([unit]), units: null, systemIds: null, levels: null });
    const mine = open.find((o) => o.id === inc.id);
    expect(mine?.governing.duty).toBe('report-widespread');
    expect(await openIncidentsWithDeadlines(t.db.database.db, { scope: new Set(), units: null, systemIds: null, levels: null })).toEqual([]);
    const occasions = await incidentOccasions(t.db.database, now);
    const reminder = occasions.find((o) => o.link === `/incidents/${inc.id}`);
    expect(reminder).toMatchObject({ kind: 'incident-deadline-overdue', recipients: { permission: 'incident.report', unitId: unit } });
    const list = (await viewer.client.get(`/api/incidents?systemId=${providerSystem}&open=true`)).body;
    expect(list.items.map((i: { id: string }) => i.id)).toContain(inc.id);
    expect(list.items.every((i: { status: string }) => i.status !== 'closed')).toBe(true);
  });
});

describe('incidents from monitoring', () => {
  it('opens an incident with open questions for a breached threshold', async () => {
    const id = await t.db.database.db.transaction().execute((trx) =>
      t.services.incidents.openFromBreach(trx, governanceActor(), {
        systemId: providerSystem, orgUnitId: unit, systemName: 'x', value: 0.7, measuredAt: '2026-11-20T08:00:00.000Z', measurementId: 'm-1',
        indicator: { name: 'Trefferquote', unit: '%', comparator: 'gte', threshold: 0.9, data_source: '', responsible: '' } as never,
      }, '2026-11-20T09:00:00.000Z'),
    );
    const inc = (await owner.client.get(`/api/incidents/${id}`)).body;
    expect(inc).toMatchObject({ status: 'recorded', reportable: false, awareAt: '2026-11-20T09:00:00.000Z', occurredAt: '2026-11-20T08:00:00.000Z', deadlines: [] });
    expect(inc.title).toContain('Trefferquote');
    expect(Object.values(inc.assessment)).toEqual([null, null, null, null, null, null]);
  });
});

function governanceActor() {
  return systemActor('monitoring test');
}
