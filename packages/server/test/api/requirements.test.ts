import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationFacts } from '@konform/core';
import { startTestApp, FIXTURE_CATALOGS, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { createServices } from '../../src/app.js';
import { systemActor } from '../../src/access/actor.js';

let t: TestApp;
let unit: string;
let owner: { id: string; email: string; client: TestClient };
let governance: { id: string; email: string; client: TestClient };
let governance2: { id: string; email: string; client: TestClient };
let viewer: { id: string; email: string; client: TestClient };
let stranger: { id: string; email: string; client: TestClient };
let dates: { annexIII: string; annexI: string; literacy: string; annexIII2024: string };

const HIGH_DEPLOYER = { roles: ['deployer'], annexIII: ['4.a'], deployer: { publicAuthority: true } };
const HIGH_BOTH = { roles: ['provider', 'deployer'], annexIII: ['4.a'] };

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  const gov = await t.newUnit();
  governance = await t.newUser([{ orgUnitId: gov, role: 'governance' }]);
  governance2 = await t.newUser([{ orgUnitId: gov, role: 'governance' }]);
  stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }]);
  const timeline = (await owner.client.get('/api/classification/timeline')).body;
  const from = (group: string, act: string) => timeline.timeline.groups.find((g: { id: string }) => g.id === group).dates[act].from as string;
  const act = timeline.actInForce as string;
  dates = { annexIII: from('annex-iii-high-risk', act), annexI: from('annex-i-high-risk', act), literacy: from('ai-literacy', act), annexIII2024: from('annex-iii-high-risk', 'published-2024') };
});
afterAll(async () => t.close());

async function decide(systemId: string, facts: Record<string, unknown>) {
  const reply = await owner.client.request('PUT', `/api/systems/${systemId}/classification`, { facts, answers: {}, note: '' });
  if (reply.status !== 200) throw new Error(`decide failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function matrix(client: TestClient, systemId: string, query = 'applies=all') {
  const reply = await client.get(`/api/systems/${systemId}/requirements?${query}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

const row = (m: { items: { requirementId: string }[] }, key: string) => m.items.find((i) => i.requirementId === key) as any;

async function patch(client: TestClient, systemId: string, key: string, body: Record<string, unknown>) {
  return client.patch(`/api/systems/${systemId}/requirements/${key}`, body);
}

describe('applicability', () => {
  it('without a classification applies only requirements for the organisation as a whole', async () => {
    const system = await t.newSystem(owner.client, unit);
    const m = await matrix(owner.client, system.id);
    expect(m).toMatchObject({ systemId: system.id, basis: 'none', revision: null, catalogs: ['eu-ai-act', 'iso-42001'] });
    expect(row(m, 'eu-ai-act:art-4')).toMatchObject({ applies: true, why: ['no classification yet: applies to the organisation as a whole'], status: 'open', version: 0 });
    expect(row(m, 'iso-42001:cl-4-1')).toMatchObject({ applies: true, appliesFrom: '2024-01-01', dueDate: '2024-01-01' });
    expect(row(m, 'eu-ai-act:art-26-6')).toMatchObject({ applies: false, why: ['no classification yet'] });
    // Groups are no rows.
    expect(row(m, 'eu-ai-act:ch-3')).toBeUndefined();
    const applicable = await matrix(owner.client, system.id, '');
    expect(applicable.items.every((i: { applies: boolean }) => i.applies)).toBe(true);
    expect(applicable.items.map((i: { requirementId: string }) => i.requirementId)).toEqual(['eu-ai-act:art-4', 'iso-42001:cl-4-1', 'iso-42001:a-5-2', 'iso-42001:a-6-2-8', 'iso-42001:a-9-2']);
  });

  it('derives applies and why from a draft classification, with dates from the act in force', async () => {
    const system = await t.newSystem(owner.client, unit);
    await decide(system.id, HIGH_DEPLOYER);
    const m = await matrix(owner.client, system.id);
    expect(m).toMatchObject({ basis: 'draft', revision: 1 });
    expect(row(m, 'eu-ai-act:art-26-6')).toMatchObject({
      applies: true,
      why: ['result.riskClass = high', 'result.effectiveRoles ∋ deployer'],
      appliesFrom: dates.annexIII,
      dueDate: dates.annexIII,
      ref: 'Art. 26(6)',
      catalogId: 'eu-ai-act',
      parentId: 'ch-3',
      title: { de: 'Protokolle aufbewahren', en: 'Keep logs' },
    });
    expect(row(m, 'eu-ai-act:art-12-1')).toMatchObject({ applies: false, why: ['result.effectiveRoles ∌ provider'] });
    expect(row(m, 'eu-ai-act:art-27')).toMatchObject({ applies: true, why: ['result.friaRequired = true'] });
    expect(row(m, 'eu-ai-act:art-50-1')).toMatchObject({ applies: false, why: ['result.transparency ∌ 50.1'] });
    expect(row(m, 'eu-ai-act:art-4')).toMatchObject({ applies: true, why: ['result.riskClass ≠ out-of-scope'], appliesFrom: dates.literacy });
    expect(row(m, 'iso-42001:a-5-2')).toMatchObject({ applies: true, appliesFrom: null, dueDate: null });
    const eu = m.progress.find((p: { catalogId: string }) => p.catalogId === 'eu-ai-act');
    expect(eu).toMatchObject({ total: 3, open: 3, inProgress: 0 });
    expect(eu.groups).toEqual([
      { requirementId: 'eu-ai-act:ch-1', ref: 'Chapter I', title: { de: 'Allgemeines', en: 'General' }, total: 1, open: 1, inProgress: 0, implemented: 0, verified: 0, notApplicable: 0 },
      { requirementId: 'eu-ai-act:ch-3', ref: 'Chapter III', title: { de: 'Hochrisiko', en: 'High risk' }, total: 2, open: 2, inProgress: 0, implemented: 0, verified: 0, notApplicable: 0 },
    ]);
    // Filters: one catalogue, what does not apply, by status.
    const iso = await matrix(owner.client, system.id, 'catalog=iso-42001');
    expect(iso.catalogs).toEqual(['iso-42001']);
    expect(iso.items.every((i: { catalogId: string }) => i.catalogId === 'iso-42001')).toBe(true);
    const notApplying = await matrix(owner.client, system.id, 'applies=false&catalog=eu-ai-act');
    expect(notApplying.items.map((i: { requirementId: string }) => i.requirementId)).toEqual(['eu-ai-act:art-12-1', 'eu-ai-act:art-50-1']);
    expect((await matrix(owner.client, system.id, 'status=verified')).items).toEqual([]);
  });

  it('rests on the last approved revision while a newer draft waits, and says so', async () => {
    const system = await t.newSystem(owner.client, unit);
    await decide(system.id, HIGH_DEPLOYER);
    const approve = await governance.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD });
    expect(approve.status).toBe(200);
    await decide(system.id, { roles: ['deployer'] });
    const m = await matrix(owner.client, system.id);
    expect(m).toMatchObject({ basis: 'approved', revision: 1 });
    expect(row(m, 'eu-ai-act:art-26-6').applies).toBe(true);
    // Without an approval the newest draft decides.
    const other = await t.newSystem(owner.client, unit);
    await decide(other.id, HIGH_DEPLOYER);
    await decide(other.id, { roles: ['deployer'] });
    const draft = await matrix(owner.client, other.id);
    expect(draft).toMatchObject({ basis: 'draft', revision: 2 });
    expect(row(draft, 'eu-ai-act:art-26-6')).toMatchObject({ applies: false, why: ['result.riskClass ≠ high'] });
    // Outside the Act's scope nothing ungated applies.
    const out = await t.newSystem(owner.client, unit);
    await decide(out.id, { isAiSystem: false });
    expect(row(await matrix(owner.client, out.id), 'eu-ai-act:art-4')).toMatchObject({ applies: false, why: ['result.riskClass = out-of-scope'] });
  });

  it('dates each requirement by the act in force and the system’s high-risk route', async () => {
    const system = await t.newSystem(owner.client, unit);
    await decide(system.id, HIGH_DEPLOYER);
    const services2024 = createServices(t.db.database, 8, { aiActTimeline: 'published-2024', catalogDir: FIXTURE_CATALOGS });
    const m2024 = await services2024.requirements.matrix(systemActor(), system.id, { applies: 'all' });
    expect(m2024.actInForce).toBe('published-2024');
    expect(m2024.items.find((i) => i.requirementId === 'eu-ai-act:art-26-6')?.appliesFrom).toBe(dates.annexIII2024);
    expect(dates.annexIII2024).not.toBe(dates.annexIII);
    const annexI = await t.newSystem(owner.client, unit);
    await decide(annexI.id, { roles: ['deployer'], annexI: { covered: true, thirdPartyAssessment: true } });
    const m = await matrix(owner.client, annexI.id);
    expect(row(m, 'eu-ai-act:art-26-6')).toMatchObject({ applies: true, appliesFrom: dates.annexI });
  });
});

describe('row workflow', () => {
  it('moves open → in-progress → implemented → verified by a second person, and refuses skipped steps', async () => {
    const system = await t.newSystem(owner.client, unit);
    await decide(system.id, HIGH_DEPLOYER);
    const key = 'eu-ai-act:art-26-6';
    const skip = await patch(owner.client, system.id, key, { status: 'implemented' });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('invalid-transition');
    const started = await patch(owner.client, system.id, key, { version: 0, status: 'in-progress', owner: 'Referat IT 2' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ requirementId: key, status: 'in-progress', owner: 'Referat IT 2', version: 1, applies: true, dueDate: dates.annexIII });
    const stale = await patch(owner.client, system.id, key, { version: 0, status: 'implemented' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
    const implemented = await patch(owner.client, system.id, key, { version: 1, status: 'implemented' });
    expect(implemented.body).toMatchObject({ status: 'implemented', implementedBy: owner.id, version: 2 });
    // The owner may not verify at all; governance may, but not the one who implemented.
    const ownerVerifies = await patch(owner.client, system.id, key, { status: 'verified' });
    expect(ownerVerifies.status).toBe(403);
    const verified = await patch(governance.client, system.id, key, { version: 2, status: 'verified' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', verifiedBy: governance.id, version: 3 });
    const back = await patch(owner.client, system.id, key, { status: 'in-progress', reason: 'Aufbewahrungsfrist zu kurz' });
    expect(back.body).toMatchObject({ status: 'in-progress', verifiedBy: null });

    const other = 'eu-ai-act:art-27';
    await patch(governance.client, system.id, other, { status: 'in-progress' });
    await patch(governance.client, system.id, other, { status: 'implemented' });
    const self = await patch(governance.client, system.id, other, { status: 'verified' });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('four-eyes');
    expect((await patch(governance2.client, system.id, other, { status: 'verified' })).status).toBe(200);

    const m = await matrix(owner.client, system.id, 'catalog=eu-ai-act');
    expect(m.progress[0]).toMatchObject({ total: 3, open: 1, inProgress: 1, verified: 1 });
    const history = await owner.client.get(`/api/audit-events?entityType=system&entityId=${system.id}`);
    const updates = history.body.items.filter((e: { action: string }) => e.action === 'requirement.update');
    expect(updates).toHaveLength(7);
    expect(updates.find((e: { reason: string | null }) => e.reason === 'Aufbewahrungsfrist zu kurz').changes).toEqual([
      { field: `${key}.status`, before: 'verified', after: 'in-progress' },
      { field: `${key}.verifiedBy`, before: governance.id, after: null },
    ]);
  });

  it('needs a written justification for not applicable, and reopens to open', async () => {
    const system = await t.newSystem(owner.client, unit);
    await decide(system.id, HIGH_DEPLOYER);
    const key = 'iso-42001:a-5-2';
    const none = await patch(owner.client, system.id, key, { status: 'not-applicable' });
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([{ path: 'justification', message: expect.stringContaining('10') }]);
    expect((await patch(owner.client, system.id, key, { status: 'not-applicable', justification: ' zu kurz ' })).status).toBe(400);
    const ok = await patch(owner.client, system.id, key, { status: 'not-applicable', justification: 'Keine Folgenabschätzung nötig: nur interne Nutzung' });
    expect(ok.body).toMatchObject({ status: 'not-applicable', justification: 'Keine Folgenabschätzung nötig: nur interne Nutzung' });
    expect((await patch(owner.client, system.id, key, { justification: null })).status).toBe(400);
    const jump = await patch(owner.client, system.id, key, { status: 'implemented' });
    expect(jump.body.code).toBe('invalid-transition');
    expect((await patch(owner.client, system.id, key, { status: 'open' })).body).toMatchObject({ status: 'open' });
    const iso = (await matrix(owner.client, system.id, 'catalog=iso-42001')).progress[0];
    expect(iso).toMatchObject({ open: 4, notApplicable: 0 });
  });

  it('defaults the due date to the legal date and lets it be set and reset', async () => {
    const system = await t.newSystem(owner.client, unit);
    await decide(system.id, HIGH_DEPLOYER);
    const key = 'eu-ai-act:art-26-6';
    expect((await patch(owner.client, system.id, key, { dueDate: '2026-03-31' })).body).toMatchObject({ dueDate: '2026-03-31', appliesFrom: dates.annexIII, status: 'open', version: 1 });
    expect((await patch(owner.client, system.id, key, { dueDate: null })).body).toMatchObject({ dueDate: dates.annexIII, version: 2 });
    // Nothing changed: no new version.
    expect((await patch(owner.client, system.id, key, { dueDate: null })).body.version).toBe(2);
  });

  it('answers 400, 401, 403 and 404 as it should', async () => {
    const system = await t.newSystem(owner.client, unit);
    expect((await t.client().get(`/api/systems/${system.id}/requirements`)).status).toBe(401);
    expect((await stranger.client.get(`/api/systems/${system.id}/requirements`)).status).toBe(403);
    expect((await patch(stranger.client, system.id, 'eu-ai-act:art-4', { status: 'in-progress' })).status).toBe(403);
    expect((await patch(viewer.client, system.id, 'eu-ai-act:art-4', { status: 'in-progress' })).status).toBe(403);
    expect((await owner.client.get(`/api/systems/${system.id}/requirements?catalog=nope`)).body.errors).toEqual([{ path: 'catalog', message: 'Unknown catalogue nope' }]);
    expect((await owner.client.get(`/api/systems/${system.id}/requirements?applies=maybe`)).status).toBe(400);
    expect((await patch(owner.client, system.id, 'eu-ai-act:art-4', { status: 'done' })).status).toBe(400);
    expect((await patch(owner.client, system.id, 'eu-ai-act:art-4', { colour: 'red' })).status).toBe(400);
    expect((await patch(owner.client, system.id, 'art-4', { status: 'in-progress' })).status).toBe(400);
    expect((await patch(owner.client, system.id, 'eu-ai-act:art-999', { status: 'in-progress' })).status).toBe(404);
    expect((await patch(owner.client, system.id, 'eu-ai-act:ch-3', { status: 'in-progress' })).status).toBe(404);
    expect((await owner.client.get('/api/systems/00000000-0000-4000-8000-000000000000/requirements')).status).toBe(404);
    expect((await viewer.client.get(`/api/systems/${system.id}/requirements`)).status).toBe(200);
  });
});

describe('measures applied to a system', () => {
  it('advances every requirement the measure links, and those mapped equal to or covered by them', async () => {
    const system = await t.newSystem(owner.client, unit, { roles: ['provider', 'deployer'] });
    await decide(system.id, HIGH_BOTH);
    const applied = await owner.client.post(`/api/systems/${system.id}/measures`, { measureId: 'm-logging', note: 'Log-Server mit 12 Monaten Aufbewahrung' });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ measureId: 'm-logging', status: 'planned', type: 'technical', title: { en: 'Logging with retention' } });
    expect([...applied.body.advances].sort()).toEqual(['eu-ai-act:art-12-1', 'eu-ai-act:art-26-6', 'iso-42001:a-6-2-8', 'iso-42001:a-9-2']);
    const m = await matrix(owner.client, system.id);
    for (const key of ['eu-ai-act:art-12-1', 'eu-ai-act:art-26-6', 'iso-42001:a-6-2-8', 'iso-42001:a-9-2']) expect(row(m, key).measures, key).toEqual(['m-logging']);
    expect(row(m, 'iso-42001:a-5-2').measures).toEqual([]);
    expect(row(m, 'eu-ai-act:art-4').measures).toEqual([]);
    expect(row(m, 'eu-ai-act:art-12-1').evidence).toEqual([]);

    const updated = await owner.client.post(`/api/systems/${system.id}/measures`, { measureId: 'm-logging', status: 'implemented', note: 'Live' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ status: 'implemented', note: 'Live' });
    const list = await viewer.client.get(`/api/systems/${system.id}/measures`);
    expect(list.body.items.map((i: { measureId: string; status: string }) => [i.measureId, i.status])).toEqual([['m-logging', 'implemented']]);
    expect((await owner.client.post(`/api/systems/${system.id}/measures`, { measureId: 'm-unknown' })).body.errors).toEqual([{ path: 'measureId', message: 'Unknown measure m-unknown' }]);
    expect((await viewer.client.post(`/api/systems/${system.id}/measures`, { measureId: 'm-literacy' })).status).toBe(403);
    expect((await stranger.client.get(`/api/systems/${system.id}/measures`)).status).toBe(403);

    expect((await owner.client.request('DELETE', `/api/systems/${system.id}/measures/m-logging`)).status).toBe(204);
    expect((await owner.client.request('DELETE', `/api/systems/${system.id}/measures/m-logging`)).status).toBe(404);
    expect(row(await matrix(owner.client, system.id), 'iso-42001:a-6-2-8').measures).toEqual([]);
    const history = await owner.client.get(`/api/audit-events?entityType=system&entityId=${system.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action).slice(0, 3)).toEqual(['measure.remove', 'measure.update', 'measure.apply']);
  });
});

describe('statement of applicability', () => {
  it('lists the Annex A controls per system and for the organisation', async () => {
    const a = await t.newSystem(owner.client, unit, { roles: ['provider', 'deployer'] });
    await decide(a.id, HIGH_BOTH);
    await owner.client.post(`/api/systems/${a.id}/measures`, { measureId: 'm-logging', status: 'implemented' });
    await patch(owner.client, a.id, 'iso-42001:a-6-2-8', { status: 'in-progress' });
    await patch(owner.client, a.id, 'iso-42001:a-6-2-8', { status: 'implemented' });
    await patch(owner.client, a.id, 'iso-42001:a-5-2', { status: 'not-applicable', justification: 'Folgenabschätzung zentral im Konzern' });
    const soa = await owner.client.get(`/api/systems/${a.id}/statement-of-applicability?catalog=iso-42001`);
    expect(soa.status).toBe(200);
    expect(soa.body).toMatchObject({ systemId: a.id, catalogId: 'iso-42001', basis: 'draft' });
    expect(soa.body.items.map((i: { ref: string }) => i.ref)).toEqual(['A.5.2', 'A.6.2.8', 'A.9.2']);
    expect(soa.body.items[0]).toMatchObject({ applicable: false, justification: 'Folgenabschätzung zentral im Konzern', status: 'not-applicable', implemented: false });
    expect(soa.body.items[1]).toMatchObject({ applicable: true, justification: 'result.riskClass ≠ out-of-scope', status: 'implemented', implemented: true, measures: ['m-logging'] });
    expect((await owner.client.get(`/api/systems/${a.id}/statement-of-applicability?catalog=nope`)).status).toBe(404);
    expect((await stranger.client.get(`/api/systems/${a.id}/statement-of-applicability`)).status).toBe(403);

    // The organisation: the owner sees the systems of their unit; the stranger's unit has none of them.
    const org = await owner.client.get('/api/statement-of-applicability?catalog=iso-42001');
    expect(org.status).toBe(200);
    const systems = org.body.systems as number;
    expect(systems).toBeGreaterThan(1);
    const logs = org.body.items.find((i: { ref: string }) => i.ref === 'A.6.2.8');
    expect(logs).toMatchObject({ applicable: true, systems: { implemented: 1 }, measures: ['m-logging'] });
    expect(logs.systems.applicable).toBeLessThanOrEqual(systems);
    const strangerView = await stranger.client.get('/api/statement-of-applicability');
    expect(strangerView.body).toMatchObject({ catalogId: 'iso-42001', systems: 0 });
    expect(strangerView.body.items.every((i: { applicable: boolean; justification: string }) => !i.applicable && i.justification === 'Applies to no system in scope')).toBe(true);
  });
});

describe('service level', () => {
  it('answers the matrix from the same classification context without re-deriving (cache follows the revision)', async () => {
    const system = await t.newSystem(owner.client, unit);
    await decide(system.id, HIGH_DEPLOYER);
    const first = await t.services.requirements.matrix(systemActor(), system.id, { applies: 'all' });
    await decide(system.id, ClassificationFacts.parse({ roles: ['deployer'] }));
    const second = await t.services.requirements.matrix(systemActor(), system.id, { applies: 'all' });
    expect(first.items.find((i) => i.requirementId === 'eu-ai-act:art-26-6')?.applies).toBe(true);
    expect(second.items.find((i) => i.requirementId === 'eu-ai-act:art-26-6')?.applies).toBe(false);
  });
});
