import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, officeToday } from '@konform/core';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { insertGate, insertPlan, labBasics } from '../support/lab-seed.js';

/**
 * #9 point 5: records of an AI system classified VS-NfD never appear in lists across systems to a user without that
 * clearance (they are left out, not refused), while a cleared user with the same roles sees them.
 */
type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let cleared: User;
let uncleared: User;
let open: string;
let secret: string;
let vendorId: string;
const yesterday = addCalendarDays(officeToday(), -1);

const HOUSE_RULES = `
id: house-rules
version: "1.0"
kind: internal
title: { de: Hausregeln KI, en: House rules for AI }
publisher: Ministerium
source: Erlass 12/2026
licence: intern
requirements:
  - id: hr-1
    ref: HR 1
    title: { de: KI-Register führen, en: Keep the AI register }
`;
/** The next version adds a rule: it appears in every system's matrix (the impact names each system). */
const HR2 = `  - id: hr-2
    ref: HR 2
    title: { de: Jährliche Überprüfung, en: Yearly review }
`;

function catalogFile(version: string): FormData {
  const form = new FormData();
  const text = version === '1.0' ? HOUSE_RULES : HOUSE_RULES.replace('"1.0"', `"${version}"`) + HR2;
  form.append('file', new Blob([Buffer.from(text, 'utf8')]), 'rules.yaml');
  return form;
}

async function records(systemId: string, label: string) {
  const db = t.db.database.db;
  const now = new Date().toISOString();
  await db.insertInto('risk').values({
    id: randomUUID(), system_id: systemId, number: 1, title: `Risiko ${label}`, description: '', source_id: null, affected: '[]', rights: '[]', affected_groups: '',
    likelihood: 4, impact: 4, inherent_level: 'sehr-hoch', treatment: null, measures: '[]', residual_likelihood: null, residual_impact: null, residual_level: null,
    owner: '', status: 'identified', next_review: null, version: 1, created_at: now, updated_at: now, created_by_label: 'test',
  }).execute();
  await db.insertInto('task').values({
    id: randomUUID(), record_type: 'system', record_id: systemId, system_id: systemId, org_unit_id: unit, title: `Aufgabe ${label}`, description: '', owner_id: null,
    due_date: yesterday, priority: 'normal', status: 'open', completed_at: null, completed_by: null, version: 1, created_at: now, updated_at: now, created_by: null, created_by_label: 'test',
  }).execute();
  await db.insertInto('nonconformity').values({
    id: randomUUID(), system_id: systemId, org_unit_id: unit, title: `Abweichung ${label}`, description: '', source: 'audit-finding', severity: 'minor', requirement_keys: '[]', root_cause: '',
    actions: JSON.stringify([{ id: randomUUID(), kind: 'corrective', description: 'Maßnahme', ownerId: null, owner: 'Referat Z', dueDate: yesterday, done: false }]), implemented_by: null, verification: null,
    status: 'open', version: 1, created_at: now, updated_at: now, created_by_label: 'test',
  }).execute();
  await db.insertInto('requirement_row').values({
    system_id: systemId, requirement_key: 'house-rules:hr-1', status: 'in-progress', owner: null, due_date: null, justification: null, implemented_by: null, verified_by: null,
    version: 1, updated_at: now,
  }).execute();
  await db.updateTable('ai_system').set({ vendor_id: vendorId }).where('id', '=', systemId).execute();
}

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit(null, 'Bundesamt');
  cleared = await t.newUser([{ orgUnitId: unit, role: 'admin' }], { clearance: 'VS-NfD' });
  uncleared = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
  open = (await t.newSystem(cleared.client, unit, { name: 'Offenes System' })).id;
  secret = (await t.newSystem(cleared.client, unit, { name: 'Eingestuftes System', classification: 'VS-NfD' })).id;
  expect((await cleared.client.post('/api/catalogs/import', catalogFile('1.0'))).status).toBe(201);
  expect((await cleared.client.post('/api/catalogs/house-rules/versions/1.0/accept', { expectedActive: null })).status).toBe(200);
  const vendor = await cleared.client.post('/api/vendors', { name: 'Nordlicht Analytics GmbH' });
  expect(vendor.status, JSON.stringify(vendor.body)).toBe(201);
  vendorId = vendor.body.id;
  await records(open, 'offen');
  await records(secret, 'VS-NfD');
  const basics = await labBasics(cleared.client, unit);
  for (const systemId of [open, secret]) {
    const plan = await insertPlan(t, { unit, systemId, methodId: basics.methodId, cases: [{ key: 'wer', name: 'WER', metric: 'wer', comparator: '<=', threshold: 10 }] });
    await insertGate(t, { unit, systemId, planId: plan.planId, title: `Gate ${systemId === secret ? 'VS-NfD' : 'offen'}` });
  }
});
afterAll(async () => t.close());

/** The ids of systems a list answers, by the field each list names them with. */
const ids = (items: readonly Record<string, unknown>[], field = 'systemId') => new Set(items.map((i) => i[field]));

describe('lists across systems leave out systems above the reader’s clearance', () => {
  it('the AI system list', async () => {
    expect(ids((await cleared.client.get('/api/systems')).body.items, 'id')).toEqual(new Set([open, secret]));
    expect(ids((await uncleared.client.get('/api/systems')).body.items, 'id')).toEqual(new Set([open]));
  });

  it('portfolio risks and the heat map', async () => {
    expect(ids((await cleared.client.get('/api/risks')).body.items)).toEqual(new Set([open, secret]));
    expect(ids((await uncleared.client.get('/api/risks')).body.items)).toEqual(new Set([open]));
    const count = (h: { inherent: number[][] }) => h.inherent.flat().reduce((a, b) => a + b, 0);
    expect(count((await cleared.client.get('/api/risks/heatmap')).body)).toBe(2);
    expect(count((await uncleared.client.get('/api/risks/heatmap')).body)).toBe(1);
  });

  it('tasks and non-conformities', async () => {
    for (const path of ['/api/tasks', '/api/tasks?overdue=true', '/api/nonconformities']) {
      const reply = await uncleared.client.get(path);
      expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBe(200);
    }
    expect(ids((await cleared.client.get('/api/tasks')).body.items)).toEqual(new Set([open, secret]));
    expect(ids((await uncleared.client.get('/api/tasks')).body.items)).toEqual(new Set([open]));
    expect(ids((await uncleared.client.get('/api/tasks?overdue=true')).body.items)).toEqual(new Set([open]));
    expect(ids((await cleared.client.get('/api/nonconformities')).body.items)).toEqual(new Set([open, secret]));
    expect(ids((await uncleared.client.get('/api/nonconformities')).body.items)).toEqual(new Set([open]));
    expect((await uncleared.client.get(`/api/nonconformities?systemId=${secret}`)).body.items).toEqual([]);
  });

  it('the systems linked to a supplier', async () => {
    expect(ids((await cleared.client.get(`/api/vendors/${vendorId}`)).body.systems, 'id')).toEqual(new Set([open, secret]));
    const seen = await uncleared.client.get(`/api/vendors/${vendorId}`);
    expect(ids(seen.body.systems, 'id')).toEqual(new Set([open]));
    expect(seen.body.systemCount).toBe(1);
    const listed = (await uncleared.client.get('/api/vendors')).body.items.find((v: { id: string }) => v.id === vendorId);
    expect(listed.systemCount).toBe(1);
  });

  it('the impact of a requirement across systems', async () => {
    const systemsOf = (body: { nodes: { systemId: string | null }[] }) => new Set(body.nodes.map((n) => n.systemId).filter((s) => s !== null));
    const all = await cleared.client.get('/api/impact?requirementKey=house-rules:hr-1');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(systemsOf(all.body)).toEqual(new Set([open, secret]));
    const some = await uncleared.client.get('/api/impact?requirementKey=house-rules:hr-1');
    expect(systemsOf(some.body)).toEqual(new Set([open]));
    expect(JSON.stringify(some.body)).not.toContain(secret);
  });

  it('the leadership dashboard and the management report', async () => {
    const full = (await cleared.client.get('/api/dashboard')).body;
    const part = (await uncleared.client.get('/api/dashboard')).body;
    expect(full.systems.total).toBe(2);
    expect(part.systems.total).toBe(1);
    expect(full.openHighRisks.total).toBe(2);
    expect(part.openHighRisks.total).toBe(1);
    expect([full.overdueTasks, part.overdueTasks]).toEqual([2, 1]);
    expect([full.nonconformities.open, part.nonconformities.open]).toEqual([2, 1]);
    const house = (d: { progress: { catalogs: { catalogId: string; inProgress: number }[] } }) => d.progress.catalogs.find((c) => c.catalogId === 'house-rules')!.inProgress;
    expect([house(full), house(part)]).toEqual([2, 1]);
    const openGates = (d: { labGates: { status: string; count: number }[] }) => d.labGates.find((g) => g.status === 'open')!.count;
    expect([openGates(full), openGates(part)]).toEqual([2, 1]);
    const report = await uncleared.client.post('/api/management-reports', { locale: 'de' });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    expect(report.body.snapshot.systems.total).toBe(1);
    expect(report.body.classification).toBe('offen');

    // A report that counted the classified system is classified itself: listed, read and exported for cleared readers only.
    const secretReport = await cleared.client.post('/api/management-reports', { locale: 'de' });
    expect(secretReport.status, JSON.stringify(secretReport.body)).toBe(201);
    expect(secretReport.body).toMatchObject({ classification: 'VS-NfD', snapshot: { systems: { total: 2 } } });
    const listed = async (user: User) => new Set((await user.client.get('/api/management-reports')).body.items.map((r: { id: string }) => r.id));
    expect(await listed(cleared)).toEqual(new Set([report.body.id, secretReport.body.id]));
    expect(await listed(uncleared)).toEqual(new Set([report.body.id]));
    const refused = await uncleared.client.fetch(`/api/management-reports/${secretReport.body.id}/export?format=md`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('clearance');
    const md = await (await cleared.client.fetch(`/api/management-reports/${secretReport.body.id}/export?format=md`)).text();
    expect(md.split('\n')[0]).toContain('VS – NUR FÜR DEN DIENSTGEBRAUCH');
    const reads = await t.db.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', secretReport.body.id).execute();
    expect(reads.map((r) => r.action).sort()).toEqual(['management-report.create', 'management-report.read', 'management-report.read-refused']);
  });

  it('the lab overview', async () => {
    expect(ids((await cleared.client.get('/api/lab/dashboard')).body.openGates)).toEqual(new Set([open, secret]));
    expect(ids((await uncleared.client.get('/api/lab/dashboard')).body.openGates)).toEqual(new Set([open]));
  });

  it('the impact of a catalogue update', async () => {
    const impactOf = async (user: User) => {
      const preview = await user.client.post('/api/catalogs/import?dryRun=true', catalogFile('1.1'));
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      return ids(preview.body.impact.systems);
    };
    expect(await impactOf(cleared)).toEqual(new Set([open, secret]));
    expect(await impactOf(uncleared)).toEqual(new Set([open]));
  });

  it('the audit log: events of the system and of its records', async () => {
    const db = t.db.database.db;
    const riskOf = async (systemId: string) => (await db.selectFrom('risk').select('id').where('system_id', '=', systemId).executeTakeFirstOrThrow()).id;
    // A recorded change of the classified system's risk (risks were inserted directly above, without events).
    const changed = await cleared.client.request('PATCH', `/api/risks/${await riskOf(secret)}`, { version: 1, owner: 'Referat Z' });
    const all = (await cleared.client.get('/api/audit-events?limit=500')).body.items as { entityType: string; entityId: string }[];
    const part = (await uncleared.client.get('/api/audit-events?limit=500')).body.items as { entityType: string; entityId: string }[];
    expect(all.some((e) => e.entityType === 'system' && e.entityId === secret)).toBe(true);
    expect(part.some((e) => e.entityId === secret)).toBe(false);
    expect(part.some((e) => e.entityType === 'system' && e.entityId === open)).toBe(true);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(all.some((e) => e.entityType === 'risk')).toBe(true);
    expect(part.some((e) => e.entityType === 'risk')).toBe(false);
    expect((await uncleared.client.get(`/api/audit-events?entityType=system&entityId=${secret}`)).body.items).toEqual([]);
  });
});
