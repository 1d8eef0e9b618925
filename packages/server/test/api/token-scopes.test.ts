import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';
import { systemActor } from '../../src/access/actor.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';

let t: TestApp;
let unit: string;
let otherUnit: string;
let owner: Awaited<ReturnType<TestApp['newUser']>>;
let systemA: string;
let systemB: string;
let systemC: string;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }, { orgUnitId: otherUnit, role: 'owner' }]);
  systemA = (await t.newSystem(owner.client, unit, { name: 'Transkription A' })).id;
  systemB = (await t.newSystem(owner.client, unit, { name: 'Chatbot B' })).id;
  systemC = (await t.newSystem(owner.client, otherUnit, { name: 'Übersetzung C' })).id;
});
afterAll(async () => t.close());

/** Creates a token as the owner and answers a client that sends it as bearer (no cookie, no CSRF). */
async function tokenClient(body: Record<string, unknown>): Promise<{ client: TestClient; id: string; created: any }> {
  const created = await owner.client.post('/api/tokens', { name: 'CI', expiresInDays: 30, ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const client = new TestClient(t.baseUrl);
  client.bearer = created.body.token;
  return { client, id: created.body.id, created: created.body };
}

async function auditOf(entityType: string, entityId: string) {
  return (await t.services.audit.list(systemActor('test'), { entityType, entityId, limit: 100, offset: 0 })).items;
}

describe('scoped API tokens', () => {
  it('without limits acts with all of the owner\'s permissions everywhere (as before)', async () => {
    const { client, created } = await tokenClient({});
    expect(created).toMatchObject({ permissions: null, systems: null, orgUnits: null });
    expect((await client.get(`/api/systems/${systemA}`)).status).toBe(200);
    expect((await client.get(`/api/systems/${systemC}`)).status).toBe(200);
    expect((await client.post(`/api/systems/${systemC}/risks`, { title: 'Fehlübersetzung' })).status).toBe(201);
  });

  it('refuses permissions the creator does not hold, and systems or units outside the creator\'s scope, naming the field', async () => {
    const notHeld = await owner.client.post('/api/tokens', { name: 'x', permissions: ['evidence.read', 'lab.run'] });
    expect(notHeld.status).toBe(400);
    expect(notHeld.body.errors.map((e: { path: string }) => e.path)).toEqual(['permissions.1']);
    const unknown = await owner.client.post('/api/tokens', { name: 'x', permissions: ['evidence.fly'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['permissions.0']);
    const stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }]);
    const foreignSystem = await stranger.client.post('/api/tokens', { name: 'x', systemIds: [systemA] });
    expect(foreignSystem.status).toBe(400);
    expect(foreignSystem.body.errors.map((e: { path: string }) => e.path)).toEqual(['systemIds.0']);
    const foreignUnit = await stranger.client.post('/api/tokens', { name: 'x', orgUnitIds: [unit] });
    expect(foreignUnit.status).toBe(400);
    expect(foreignUnit.body.errors.map((e: { path: string }) => e.path)).toEqual(['orgUnitIds.0']);
    const missing = await owner.client.post('/api/tokens', { name: 'x', systemIds: [crypto.randomUUID()] });
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['systemIds.0']);
  });

  it('limited to system A reads and writes A\'s evidence and risks, and gets 403 for system B of the same unit', async () => {
    const { client, created } = await tokenClient({ systemIds: [systemA] });
    expect(created.systems).toEqual([{ id: systemA, name: 'Transkription A' }]);
    // Systems: A yes, B and C no; the list shows only A
    expect((await client.get(`/api/systems/${systemA}`)).status).toBe(200);
    expect((await client.get(`/api/systems/${systemB}`)).status).toBe(403);
    expect((await client.get(`/api/systems/${systemC}`)).status).toBe(403);
    const listed = await client.get('/api/systems?limit=100');
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([systemA]);
    expect((await client.post('/api/systems', { name: 'Neu', purpose: 'x', orgUnitId: unit, roles: ['deployer'] })).status).toBe(403);

    // Evidence: write and read for A, refused for B
    const evidenceA = await client.post('/api/evidence/link', { systemId: systemA, url: 'https://intranet.example/a', title: 'Prüfbericht A' });
    expect(evidenceA.status, JSON.stringify(evidenceA.body)).toBe(201);
    expect((await client.get(`/api/evidence/${evidenceA.body.id}`)).status).toBe(200);
    expect((await client.post('/api/evidence/link', { systemId: systemB, url: 'https://intranet.example/b', title: 'Prüfbericht B' })).status).toBe(403);
    const evidenceB = await owner.client.post('/api/evidence/link', { systemId: systemB, url: 'https://intranet.example/b', title: 'Prüfbericht B' });
    expect(evidenceB.status).toBe(201);
    expect((await client.get(`/api/evidence/${evidenceB.body.id}`)).status).toBe(403);
    expect((await client.patch(`/api/evidence/${evidenceB.body.id}`, { version: 1, title: 'geändert' })).status).toBe(403);
    const evidenceList = await client.get('/api/evidence?limit=100');
    expect(evidenceList.body.items.map((e: { id: string }) => e.id)).toEqual([evidenceA.body.id]);

    // Risks: write and read for A, refused for B (by system path and by the risk's own id)
    expect((await client.post(`/api/systems/${systemA}/risks`, { title: 'Fehltranskription' })).status).toBe(201);
    expect((await client.get(`/api/systems/${systemA}/risks`)).status).toBe(200);
    expect((await client.post(`/api/systems/${systemB}/risks`, { title: 'x' })).status).toBe(403);
    expect((await client.get(`/api/systems/${systemB}/risks`)).status).toBe(403);
    const riskB = await owner.client.post(`/api/systems/${systemB}/risks`, { title: 'Halluzination' });
    expect((await client.get(`/api/risks/${riskB.body.id}`)).status).toBe(403);
    expect((await client.patch(`/api/risks/${riskB.body.id}`, { version: riskB.body.version, title: 'y' })).status).toBe(403);
    const portfolio = await client.get('/api/risks');
    expect(portfolio.body.items.every((r: { systemId: string }) => r.systemId === systemA)).toBe(true);

    // Requirements under the system path
    expect((await client.get(`/api/systems/${systemA}/requirements`)).status).toBe(200);
    expect((await client.get(`/api/systems/${systemB}/requirements`)).status).toBe(403);
  });

  it('with only evidence.read reads evidence but cannot post it, nor use any other permission', async () => {
    const { client } = await tokenClient({ permissions: ['evidence.read'] });
    expect((await client.get('/api/evidence')).status).toBe(200);
    const post = await client.post('/api/evidence/link', { systemId: systemA, url: 'https://intranet.example/c', title: 'x' });
    expect(post.status).toBe(403);
    expect(post.body.detail).toContain('evidence.write');
    expect((await client.get('/api/systems')).status).toBe(403);
    expect((await client.get(`/api/systems/${systemA}/risks`)).status).toBe(403);
  });

  it('limited to a unit acts only there', async () => {
    const { client, created } = await tokenClient({ orgUnitIds: [otherUnit], permissions: ['system.read', 'risk.read', 'risk.edit'] });
    expect(created.orgUnits).toEqual([{ id: otherUnit, name: expect.any(String) }]);
    expect(created.permissions).toEqual(['system.read', 'risk.read', 'risk.edit']);
    expect((await client.get(`/api/systems/${systemC}`)).status).toBe(200);
    expect((await client.get(`/api/systems/${systemA}`)).status).toBe(403);
    expect((await client.post(`/api/systems/${systemC}/risks`, { title: 'Fehlübersetzung' })).status).toBe(201);
    expect((await client.post(`/api/systems/${systemA}/risks`, { title: 'x' })).status).toBe(403);
    const listed = await client.get('/api/systems?limit=100');
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([systemC]);
  });

  it('a scoped token cannot create another token; the list shows permissions, limits and last use', async () => {
    const { client, id } = await tokenClient({ systemIds: [systemA], permissions: ['system.read'] });
    expect((await client.post('/api/tokens', { name: 'breiter' })).status).toBe(403);
    const listed = (await owner.client.get('/api/tokens')).body.items.find((x: { id: string }) => x.id === id);
    expect(listed).toMatchObject({ permissions: ['system.read'], systems: [{ id: systemA, name: 'Transkription A' }], orgUnits: null });
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('records use in the audit trail: token.use at most hourly, and every change names the token', async () => {
    const { client, id } = await tokenClient({ systemIds: [systemA] });
    for (let i = 0; i < 3; i++) expect((await client.get(`/api/systems/${systemA}`)).status).toBe(200);
    const risk = await client.post(`/api/systems/${systemA}/risks`, { title: 'Drift' });
    expect(risk.status).toBe(201);
    const uses = (await auditOf('api_token', id)).filter((e: { action: string }) => e.action === 'token.use');
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ actorId: owner.id, actorLabel: expect.stringContaining(`via API token ${id}`), changes: [{ field: 'request', before: null, after: `GET /api/systems/${systemA}` }] });
    const created = await auditOf('risk', risk.body.id);
    expect(created[0]).toMatchObject({ action: 'risk.create', actorId: owner.id, actorLabel: expect.stringContaining(`via API token ${id}`) });

    // An hour later the next use is recorded again
    await t.db.database.db.updateTable('api_token').set({ use_audited_at: new Date(Date.now() - 61 * 60_000).toISOString() }).where('id', '=', id).execute();
    expect((await client.get('/api/systems')).status).toBe(200);
    const again = (await auditOf('api_token', id)).filter((e: { action: string }) => e.action === 'token.use');
    expect(again).toHaveLength(2);
    expect((await verifyAuditChain(t.db.database.db)).ok).toBe(true);
  });
});
