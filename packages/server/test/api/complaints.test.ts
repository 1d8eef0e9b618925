import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, officeToday } from '@konform/core';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { incidentOccasions } from '../../src/jobs/reminder-sources/incidents.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let owner: User;
let viewer: User;
let outsider: User;
let governance: User;
let systemId: string;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  outsider = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  systemId = (await t.newSystem(owner.client, unit)).id;
});
afterAll(async () => t.close());

describe('complaints and explanation requests (Art. 85, 86)', () => {
  it('registers an explanation request with the default due date, answers it, and keeps an audit trail', async () => {
    const created = await owner.client.post('/api/complaints', { systemId, kind: 'explanation-request', receivedOn: '2026-11-02', from: 'Antragsteller (Az. 4711)', subject: 'Ablehnung Wohngeld' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    let c = created.body;
    expect(c).toMatchObject({ status: 'open', dueDate: '2026-12-02', kind: 'explanation-request', systemId, documents: [] });
    const unanswered = await owner.client.patch(`/api/complaints/${c.id}`, { version: c.version, status: 'answered' });
    expect(unanswered.status).toBe(400);
    expect(JSON.stringify(unanswered.body)).toContain('answer');
    c = (await owner.client.patch(`/api/complaints/${c.id}`, { version: c.version, answer: 'Die Entscheidung beruhte auf …', answeredOn: '2026-11-20' })).body;
    expect(c).toMatchObject({ status: 'answered', answeredOn: '2026-11-20', overdue: false });
    const history = (await governance.client.get(`/api/audit-events?entityType=complaint&entityId=${c.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['complaint.update', 'complaint.create']);
  });

  it('shows overdue entries and reminds of them', async () => {
    const received = addCalendarDays(officeToday(), -40);
    const late = (await owner.client.post('/api/complaints', { systemId, kind: 'complaint', receivedOn: received, subject: 'Beschwerde über Chatbot' })).body;
    expect(late.overdue).toBe(true);
    const onTime = (await owner.client.post('/api/complaints', { systemId, kind: 'complaint', receivedOn: received, dueDate: addCalendarDays(officeToday(), 5), subject: 'Noch offen' })).body;
    expect(onTime.overdue).toBe(false);
    const overdue = (await viewer.client.get(`/api/complaints?systemId=${systemId}&overdue=true`)).body.items.map((x: { id: string }) => x.id);
    expect(overdue).toContain(late.id);
    expect(overdue).not.toContain(onTime.id);
    const occasions = await incidentOccasions(t.db.database, new Date());
    expect(occasions.find((o) => o.link === `/complaints/${late.id}`)).toMatchObject({ kind: 'complaint-overdue', recipients: { permission: 'complaint.edit', unitId: unit } });
    expect(occasions.find((o) => o.link === `/complaints/${onTime.id}`)).toBeUndefined();
  });

  it('keeps entries in their unit and refuses bad input naming the field', async () => {
    const c = (await owner.client.post('/api/complaints', { systemId, kind: 'complaint', receivedOn: '2026-11-02', subject: 'Eingabe' })).body;
    expect((await outsider.client.get(`/api/complaints/${c.id}`)).status).toBe(403);
    expect((await outsider.client.get('/api/complaints')).body.items).toEqual([]);
    expect((await viewer.client.post('/api/complaints', { systemId, kind: 'complaint', receivedOn: '2026-11-02', subject: 'x' })).status).toBe(403);
    const before = await owner.client.post('/api/complaints', { systemId, kind: 'complaint', receivedOn: '2026-11-02', dueDate: '2026-11-01', subject: 'x' });
    expect(before.status).toBe(400);
    expect(JSON.stringify(before.body)).toContain('dueDate');
    const kind = await owner.client.post('/api/complaints', { systemId, kind: 'petition', receivedOn: '2026-11-02', subject: 'x' });
    expect(kind.status).toBe(400);
    expect(JSON.stringify(kind.body)).toContain('kind');
  });
});
