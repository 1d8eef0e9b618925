import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemGraph } from '@konform/core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';

/**
 * The system's operation (#10) in the relations graph: incidents, monitoring plans and audit findings, each pointing
 * to the system, shown only where the caller may read their area (a finding: in its audit's unit).
 */
type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let owner: User;
let viewer: User;
let systemId: string;
const ids = { incident: 'inc-rel-1', plan: 'mon-rel-1', ownAudit: 'aud-rel-1', otherAudit: 'aud-rel-2', ownFinding: 'fnd-rel-1', otherFinding: 'fnd-rel-2' };
const NOW = '2026-11-20T10:00:00.000Z';

function audit(id: string, orgUnitId: string) {
  return {
    id, year: 2026, kind: 'internal-aims', title: `Audit ${id}`, org_unit_id: orgUnitId, objective: '', scope: JSON.stringify({ systemIds: [systemId] }),
    auditor_ids: '[]', planned_start: '2026-11-01', planned_end: '2026-11-30', status: 'in-progress', summary: '', parent_audit_id: null, closed_at: null,
    version: 1, created_at: NOW, updated_at: NOW, created_by_label: 'Test',
  };
}

function finding(id: string, auditId: string, title: string, acceptance: string | null) {
  return {
    id, audit_id: auditId, checklist_item_id: null, system_id: systemId, requirement_keys: '[]', title, description: '', severity: 'observation',
    nonconformity_id: null, acceptance, version: 1, created_at: NOW, created_by_label: 'Test',
  };
}

beforeAll(async () => {
  t = await startTestApp();
  const unit = await t.newUnit(null, 'Referat Betrieb');
  const revision = await t.newUnit(null, 'Innenrevision');
  owner = await t.newUser([{ orgUnitId: unit, role: 'governance' }, { orgUnitId: revision, role: 'viewer' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  systemId = (await t.newSystem(owner.client, unit, { name: 'Betriebenes System', description: 'Im Betrieb' })).id;
  const db = t.db.database.db;
  await db.insertInto('incident').values({
    id: ids.incident, number: 7, system_id: systemId, org_unit_id: unit, title: 'Fehlentscheidung', description: '', occurred_at: null, aware_at: NOW,
    affected_persons: '', harm: '', assessment: '{}', provider_unreachable: 0, provider_informed_at: null, counting_rule: 'calendar-days',
    inform_provider_hours: 0, submissions: '[]', task_id: null, status: 'assessed', version: 1, created_at: NOW, updated_at: NOW, created_by_label: 'Test',
  }).execute();
  await db.insertInto('monitoring_plan').values({
    id: ids.plan, system_id: systemId, observed: 'Trefferquote im Betrieb\nund mehr', status: 'active', activated_at: NOW, version: 1,
    created_at: NOW, updated_at: NOW, created_by_label: 'Test', updated_by_label: 'Test',
  }).execute();
  await db.insertInto('audit').values([audit(ids.ownAudit, unit), audit(ids.otherAudit, revision)]).execute();
  await db.insertInto('audit_finding').values([
    finding(ids.ownFinding, ids.ownAudit, 'Protokollierung lückenhaft', null),
    finding(ids.otherFinding, ids.otherAudit, 'Schulung fehlt', JSON.stringify({ by: 'Test', at: NOW, reason: 'Hingenommen' })),
  ]).execute();
});
afterAll(async () => {
  await t.close();
});

const operation = (graph: SystemGraph) => graph.nodes.filter((n) => ['incident', 'monitoring-plan', 'finding'].includes(n.kind));

describe('operation in the relations graph', () => {
  it('shows incidents, monitoring plans and audit findings with their status, each pointing to the system', async () => {
    const reply = await owner.client.get<SystemGraph>(`/api/systems/${systemId}/graph`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const graph = reply.body;
    expect(operation(graph)).toEqual([
      { id: `incident:${ids.incident}`, kind: 'incident', label: 'INC-7 Fehlentscheidung', title: null, status: 'assessed', href: `/incidents/${ids.incident}`, systemId },
      { id: `monitoring-plan:${ids.plan}`, kind: 'monitoring-plan', label: 'Trefferquote im Betrieb', title: null, status: 'active', href: `/systems/${systemId}?tab=monitoring`, systemId },
      { id: `finding:${ids.ownFinding}`, kind: 'finding', label: 'Protokollierung lückenhaft', title: null, status: 'open', href: `/audits/${ids.ownAudit}`, systemId },
      { id: `finding:${ids.otherFinding}`, kind: 'finding', label: 'Schulung fehlt', title: null, status: 'accepted', href: `/audits/${ids.otherAudit}`, systemId },
    ]);
    const root = `system:${systemId}`;
    expect(graph.edges).toContainEqual({ from: `incident:${ids.incident}`, to: root, relation: 'concerns', qualifier: null });
    expect(graph.edges).toContainEqual({ from: `monitoring-plan:${ids.plan}`, to: root, relation: 'monitors', qualifier: null });
    expect(graph.edges).toContainEqual({ from: `finding:${ids.ownFinding}`, to: root, relation: 'found-in', qualifier: null });
    expect(graph.edges).toContainEqual({ from: `finding:${ids.otherFinding}`, to: root, relation: 'found-in', qualifier: null });
    expect(graph.omitted.areas).toEqual([]);
  });

  it("shows a finding only to those who may read its audit's unit", async () => {
    const graph = (await viewer.client.get<SystemGraph>(`/api/systems/${systemId}/graph`)).body;
    expect(operation(graph).map((n) => n.id)).toEqual([`incident:${ids.incident}`, `monitoring-plan:${ids.plan}`, `finding:${ids.ownFinding}`]);
    expect(graph.edges.some((e) => e.from === `finding:${ids.otherFinding}`)).toBe(false);
  });

  it('leaves the three out for a token without their read permissions, and names the areas', async () => {
    const created = await owner.client.post('/api/tokens', { name: 'Nur Systeme', expiresInDays: 1, permissions: ['system.read'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const machine = new TestClient(t.baseUrl);
    machine.bearer = created.body.token;
    const reply = await machine.get<SystemGraph>(`/api/systems/${systemId}/graph`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(operation(reply.body)).toEqual([]);
    expect(reply.body.omitted.areas).toEqual(expect.arrayContaining(['incident', 'monitoring', 'auditing']));
  });
});
