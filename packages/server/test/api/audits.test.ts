import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { evidenceForm } from './permission-samples/helpers.js';
import { auditScope, openFindingsCount } from '../../src/modules/audits/service.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let otherUnit: string;
let owner: User;
let auditor: User;
let governance: User;
let insider: User;
let systemA: string;
let systemB: string;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  auditor = await t.newUser([{ orgUnitId: unit, role: 'auditor' }]);
  insider = await t.newUser([{ orgUnitId: unit, role: 'auditor' }, { orgUnitId: unit, role: 'lab' }]);
  governance = await t.newUser([{ orgUnitId: otherUnit, role: 'governance' }]);
  systemA = (await t.newSystem(owner.client, unit, { name: 'A-System' })).id;
  systemB = (await t.newSystem(owner.client, unit, { name: 'B-System' })).id;
});
afterAll(async () => t.close());

const PLAN = () => ({
  title: 'Internes AIMS-Audit 2026', kind: 'internal-aims', orgUnitId: unit, objective: 'Wirksamkeit prüfen',
  scope: { systemIds: [systemA], orgUnitIds: [], catalogIds: ['iso-42001'], requirementPrefixes: [] },
  auditorIds: [auditor.id], plannedStart: '2026-12-01', plannedEnd: '2026-12-03',
});

async function plan(body: Record<string, unknown> = {}) {
  const reply = await governance.client.post('/api/audits', { ...PLAN(), ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function start(audit: { id: string; version: number }) {
  const reply = await governance.client.post(`/api/audits/${audit.id}/transition`, { version: audit.version, to: 'in-progress' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

async function checklist(id: string) {
  return (await auditor.client.get(`/api/audits/${id}/checklist`)).body.items as { id: string; systemId: string; requirementKey: string; version: number; result: string | null }[];
}

async function events(entityId: string) {
  return t.db.database.db.selectFrom('audit_event').select(['action', 'reason']).where('entity_id', '=', entityId).orderBy('seq').execute();
}

describe('audit programme', () => {
  it('plans an audit of a year and refuses an auditor from an audited unit, naming the field', async () => {
    const conflict = await governance.client.post('/api/audits', { ...PLAN(), auditorIds: [auditor.id, insider.id] });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'auditor-independence', errors: [{ path: 'auditorIds.1' }] });
    const bad = await governance.client.post('/api/audits', { ...PLAN(), plannedEnd: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('plannedEnd');
    const unknown = await governance.client.post('/api/audits', { ...PLAN(), scope: { ...PLAN().scope, catalogIds: ['nope'] } });
    expect(unknown.body.errors[0].path).toBe('scope.catalogIds.0');

    const audit = await plan();
    expect(audit).toMatchObject({ status: 'planned', year: 2026, kind: 'internal-aims', version: 1, auditors: [{ id: auditor.id }], checklistCount: 0 });
    const programme = (await auditor.client.get('/api/audits?year=2026')).body;
    expect(programme.items.map((a: { id: string }) => a.id)).toContain(audit.id);
    expect((await auditor.client.get('/api/audits?year=2025')).body.items.map((a: { id: string }) => a.id)).not.toContain(audit.id);
    expect((await events(audit.id)).map((e) => e.action)).toEqual(['audit.create']);
  });

  it('generates the checklist from the applicable requirements in scope, one item per system × requirement', async () => {
    let audit = await plan({ scope: { systemIds: [systemA, systemB], orgUnitIds: [], catalogIds: [], requirementPrefixes: ['iso-42001:a-5', 'eu-ai-act:art-4'] } });
    audit = await start(audit);
    const items = await checklist(audit.id);
    expect(items.map((i) => `${i.systemId === systemA ? 'A' : 'B'} ${i.requirementKey}`)).toEqual([
      'A eu-ai-act:art-4', 'A iso-42001:a-5-2', 'B eu-ai-act:art-4', 'B iso-42001:a-5-2',
    ]);
    expect(audit.checklistCount).toBe(4);
    // A unit in scope brings its systems; the catalogue filter narrows.
    let unitAudit = await plan({ scope: { systemIds: [], orgUnitIds: [unit], catalogIds: ['iso-42001'], requirementPrefixes: [] } });
    unitAudit = await start(unitAudit);
    expect((await checklist(unitAudit.id)).every((i) => i.requirementKey.startsWith('iso-42001:'))).toBe(true);
    expect(await auditScope(t.db.database.db, unitAudit.id)).toMatchObject({ catalogIds: ['iso-42001'], requirementPrefixes: [] });
    expect((await auditScope(t.db.database.db, unitAudit.id)).systemIds).toEqual(expect.arrayContaining([systemA, systemB]));
  });

  it('lets the auditor record results and findings only; every other write is 403', async () => {
    let audit = await start(await plan());
    const [item] = await checklist(audit.id);
    const other = await auditor.client.post('/api/audits', PLAN());
    expect(other.status).toBe(403);
    const refused = [
      await auditor.client.patch(`/api/audits/${audit.id}`, { version: audit.version, title: 'Anders' }),
      await auditor.client.post(`/api/audits/${audit.id}/transition`, { version: audit.version, to: 'reporting' }),
      await auditor.client.post(`/api/audits/${audit.id}/checklist`, {}),
      await auditor.client.post(`/api/audits/${audit.id}/follow-up`, { plannedStart: '2027-01-10', plannedEnd: '2027-01-11' }),
      await auditor.client.patch(`/api/systems/${systemA}`, { version: 1, purpose: 'Anders' }),
      await auditor.client.post('/api/nonconformities', { systemId: systemA, title: 'x', source: 'review', severity: 'minor' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    // A user with auditing.record who is not named on the audit records nothing.
    const notNamed = await insider.client.patch(`/api/audits/${audit.id}/checklist/${item!.id}`, { version: item!.version, result: 'conform' });
    expect(notNamed.status).toBe(403);

    const recorded = await auditor.client.patch(`/api/audits/${audit.id}/checklist/${item!.id}`, { version: item!.version, result: 'observation', notes: 'Stichprobe 3 von 10' });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body).toMatchObject({ result: 'observation', notes: 'Stichprobe 3 von 10', version: 2 });
    const stale = await auditor.client.patch(`/api/audits/${audit.id}/checklist/${item!.id}`, { version: item!.version, result: 'conform' });
    expect(stale.status).toBe(409);
    const finding = await auditor.client.post(`/api/audits/${audit.id}/findings`, { checklistItemId: item!.id, title: 'Beobachtung' });
    expect(finding.status, JSON.stringify(finding.body)).toBe(201);
    expect(finding.body).toMatchObject({ severity: 'observation', status: 'open', nonconformityId: null });
    const accept = await auditor.client.post(`/api/audits/${audit.id}/findings/${finding.body.id}/accept`, { version: 1, reason: 'Zur Kenntnis' });
    expect(accept.status).toBe(403);
    audit = (await governance.client.get(`/api/audits/${audit.id}`)).body;
    expect(audit.version).toBe(2);
  });

  it('checks sampled evidence belongs to the item system', async () => {
    const audit = await start(await plan({ scope: { systemIds: [systemA, systemB], orgUnitIds: [], catalogIds: ['iso-42001'], requirementPrefixes: [] } }));
    const evidenceB = (await owner.client.post('/api/evidence', evidenceForm({ systemId: systemB, title: 'Nachweis B' }))).body.id as string;
    const itemA = (await checklist(audit.id)).find((i) => i.systemId === systemA)!;
    const wrong = await auditor.client.patch(`/api/audits/${audit.id}/checklist/${itemA.id}`, { version: itemA.version, evidenceIds: [evidenceB] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('evidenceIds.0');
    const itemB = (await checklist(audit.id)).find((i) => i.systemId === systemB)!;
    const right = await auditor.client.patch(`/api/audits/${audit.id}/checklist/${itemB.id}`, { version: itemB.version, evidenceIds: [evidenceB], result: 'conform' });
    expect(right.body.evidenceIds).toEqual([evidenceB]);
  });

  it('turns a non-conformity finding into CAPA, blocks closing while open, follows up, and closes once the CAPA is closed', async () => {
    let audit = await start(await plan());
    const [item] = await checklist(audit.id);
    await auditor.client.patch(`/api/audits/${audit.id}/checklist/${item!.id}`, { version: item!.version, result: 'minor-nonconformity', notes: 'Keine Überprüfung dokumentiert' });
    const notFinding = (await checklist(audit.id))[1]!;
    const refused = await auditor.client.post(`/api/audits/${audit.id}/findings`, { checklistItemId: notFinding.id, title: 'x' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('checklistItemId');

    const created = await auditor.client.post(`/api/audits/${audit.id}/findings`, { checklistItemId: item!.id, title: 'Überprüfung fehlt', description: 'Kein Nachweis' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const finding = created.body;
    expect(finding).toMatchObject({ severity: 'minor', status: 'open', systemId: systemA, requirementKeys: [item!.requirementKey], nonconformityId: expect.any(String) });
    let nc = (await owner.client.get(`/api/nonconformities/${finding.nonconformityId}`)).body;
    expect(nc).toMatchObject({ source: 'audit-finding', severity: 'minor', systemId: systemA, requirementKeys: [item!.requirementKey], status: 'open' });
    expect(nc.actions).toHaveLength(1);
    expect((await events(finding.id)).map((e) => e.action)).toEqual(['audit.finding.create']);
    expect((await events(nc.id)).map((e) => e.action)).toEqual(['nonconformity.create']);
    expect(await openFindingsCount(t.db.database.db, new Set([unit]))).toBeGreaterThanOrEqual(1);
    expect(await openFindingsCount(t.db.database.db, new Set([otherUnit]))).toBe(0);

    audit = (await governance.client.post(`/api/audits/${audit.id}/transition`, { version: audit.version, to: 'reporting' })).body;
    const blocked = await governance.client.post(`/api/audits/${audit.id}/transition`, { version: audit.version, to: 'closed' });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'open-findings', errors: [{ path: `findings.${finding.id}`, message: 'Überprüfung fehlt' }] });

    const followUp = await governance.client.post(`/api/audits/${audit.id}/follow-up`, { plannedStart: '2027-02-01', plannedEnd: '2027-02-01', auditorIds: [auditor.id] });
    expect(followUp.status, JSON.stringify(followUp.body)).toBe(201);
    expect(followUp.body).toMatchObject({ kind: 'follow-up', year: 2027, parentAuditId: audit.id, scope: { systemIds: [systemA], requirementPrefixes: [item!.requirementKey] } });

    // CAPA: analyse, plan, implement (owner), verify (the auditor, four eyes), close.
    const step = async (client: TestClient, to: string, extra: Record<string, unknown> = {}) => {
      const reply = await client.post(`/api/nonconformities/${nc.id}/transition`, { version: nc.version, to, ...extra });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      nc = reply.body;
    };
    nc = (await owner.client.patch(`/api/nonconformities/${nc.id}`, { version: nc.version, rootCause: 'Prüfschritt fehlte', actions: [{ ...nc.actions[0], owner: 'Referat 1', dueDate: '2027-01-31' }] })).body;
    await step(owner.client, 'analysed');
    await step(owner.client, 'actions-planned');
    nc = (await owner.client.patch(`/api/nonconformities/${nc.id}`, { version: nc.version, actions: nc.actions.map((a: object) => ({ ...a, done: true })) })).body;
    await step(owner.client, 'implemented');
    const verified = await auditor.client.post(`/api/nonconformities/${nc.id}/verify`, { version: nc.version, effective: true, note: 'Wirksam' });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    nc = verified.body;
    await step(owner.client, 'closed');
    expect((await auditor.client.get(`/api/audits/${audit.id}/findings`)).body.items[0]).toMatchObject({ status: 'closed', nonconformityStatus: 'closed' });

    const closed = await governance.client.post(`/api/audits/${audit.id}/transition`, { version: audit.version, to: 'closed' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', openFindingCount: 0, findingCount: 1, closedAt: expect.any(String) });
    const late = await auditor.client.post(`/api/audits/${audit.id}/findings`, { title: 'zu spät', severity: 'observation' });
    expect(late.status).toBe(409);
  });

  it('closes an audit whose finding was formally accepted with a reason, audited', async () => {
    let audit = await start(await plan());
    const finding = (await auditor.client.post(`/api/audits/${audit.id}/findings`, { title: 'Organisationsweit', severity: 'major' })).body;
    expect(finding.nonconformityId).toEqual(expect.any(String));
    const noReason = await governance.client.post(`/api/audits/${audit.id}/findings/${finding.id}/accept`, { version: 1, reason: '' });
    expect(noReason.status).toBe(400);
    const accepted = await governance.client.post(`/api/audits/${audit.id}/findings/${finding.id}/accept`, { version: 1, reason: 'Risiko bewusst getragen' });
    expect(accepted.body).toMatchObject({ status: 'accepted', acceptance: { reason: 'Risiko bewusst getragen' } });
    expect((await events(finding.id)).map((e) => [e.action, e.reason])).toEqual([['audit.finding.create', null], ['audit.finding.accept', 'Risiko bewusst getragen']]);
    audit = (await governance.client.post(`/api/audits/${audit.id}/transition`, { version: audit.version, to: 'reporting' })).body;
    const closed = await governance.client.post(`/api/audits/${audit.id}/transition`, { version: audit.version, to: 'closed' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const stale = await governance.client.post(`/api/audits/${audit.id}/transition`, { version: 1, to: 'cancelled', reason: 'x' });
    expect(stale.status).toBe(409);
  });
});
