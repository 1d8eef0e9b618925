import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

let t: TestApp;
let unit: string;
let owner: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  owner = (await t.newUser([{ orgUnitId: unit, role: 'owner' }])).client;
});
afterAll(async () => t.close());

describe('AI system inventory', () => {
  it('creates a system with all fields and returns 201 with the record', async () => {
    const reply = await owner.post('/api/systems', {
      name: 'Sprache-zu-Text TKÜ',
      shortName: 'STT',
      purpose: 'Transkription rechtmäßig überwachter Telefonate',
      description: 'Erkennt deutsche und russische Sprache',
      orgUnitId: unit,
      responsible: 'Dr. Anna Weber',
      lifecycleStage: 'operation',
      roles: ['deployer', 'provider'],
      sourcing: 'procured',
      vendor: 'Beispiel GmbH',
      deploymentContext: 'Auswertung im gesicherten Netz',
      affectedPersons: 'Überwachte Personen und Gesprächspartner',
      autonomy: 'human-in-the-loop',
      tags: ['Sprache', 'TKÜ'],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ name: 'Sprache-zu-Text TKÜ', version: 1, roles: ['deployer', 'provider'], archivedAt: null, vendor: 'Beispiel GmbH' });
    const fetched = await owner.get(`/api/systems/${reply.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(reply.body);
  });

  it('rejects invalid input with a problem document naming each field', async () => {
    const reply = await owner.post('/api/systems', { name: '', purpose: 'x', orgUnitId: unit, roles: ['king'], tags: [''], extra: true });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    const paths = (reply.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['extra', 'name', 'roles.0', 'tags.0']));
  });

  it('requires the vendor for a procured system', async () => {
    const reply = await owner.post('/api/systems', { name: 'X', purpose: 'x', orgUnitId: unit, roles: ['deployer'], sourcing: 'procured' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'vendor', message: expect.any(String) }]);
  });

  it('answers malformed JSON, wrong types and unknown ids with 4xx problems, never 500', async () => {
    const bad = await owner.request('POST', '/api/systems', '{"name":', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBeDefined();
    const text = await owner.request('POST', '/api/systems', 'name=x', { 'content-type': 'text/plain' });
    expect(text.status, JSON.stringify(text.body)).toBe(415);
    const notUuid = await owner.get('/api/systems/not-a-uuid');
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.errors[0].path).toBe('id');
    const missing = await owner.get('/api/systems/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const badQuery = await owner.get('/api/systems?limit=100000&sort=password');
    expect(badQuery.status).toBe(400);
    expect((badQuery.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['limit', 'sort']);
    const unknownParam = await owner.get('/api/systems?evil=1');
    expect(unknownParam.status).toBe(400);
  });

  it('updates with the version it was based on and refuses a stale version with 409', async () => {
    const created = await t.newSystem(owner, unit, { name: 'Bildklassifikation' });
    const first = await owner.patch(`/api/systems/${created.id}`, { version: 1, lifecycleStage: 'validation', reason: 'Abnahme begonnen' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, lifecycleStage: 'validation' });
    const stale = await owner.patch(`/api/systems/${created.id}`, { version: 1, name: 'Überschrieben' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
    const after = await owner.get(`/api/systems/${created.id}`);
    expect(after.body.name).toBe('Bildklassifikation');
  });

  it('lets only one of two concurrent updates on the same version win', async () => {
    const created = await t.newSystem(owner, unit);
    const replies = await Promise.all([
      owner.patch(`/api/systems/${created.id}`, { version: 1, name: 'A' }),
      owner.patch(`/api/systems/${created.id}`, { version: 1, name: 'B' }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('archives instead of deleting, hides archived systems by default, and refuses changes afterwards', async () => {
    const created = await t.newSystem(owner, unit, { name: 'Zu archivieren' });
    const archived = await owner.post(`/api/systems/${created.id}/archive`, { version: 1, reason: 'Außer Betrieb' });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    const list = await owner.get(`/api/systems?unit=${unit}&q=zu%20archivieren`);
    expect(list.body.total).toBe(0);
    const withArchived = await owner.get(`/api/systems?unit=${unit}&q=zu%20archivieren&archived=true`);
    expect(withArchived.body.items.map((s: { id: string }) => s.id)).toEqual([created.id]);
    const edit = await owner.patch(`/api/systems/${created.id}`, { version: 2, name: 'x' });
    expect(edit.status).toBe(409);
    expect((await owner.request('DELETE', `/api/systems/${created.id}`)).status).toBe(404);
  });

  it('searches, filters, sorts and pages with the list envelope', async () => {
    const u = await t.newUnit();
    const client = (await t.newUser([{ orgUnitId: u, role: 'owner' }])).client;
    await t.newSystem(client, u, { name: 'Übersetzung Arabisch', lifecycleStage: 'operation', roles: ['deployer'], tags: ['Sprache'] });
    await t.newSystem(client, u, { name: 'Gesichtsabgleich', lifecycleStage: 'planned', roles: ['provider'] });
    await t.newSystem(client, u, { name: 'Anomalieerkennung Netz', lifecycleStage: 'operation', roles: ['provider', 'deployer'] });
    await t.newSystem(client, u, { name: 'OCR 100%_Test', lifecycleStage: 'development', roles: ['importer'] });

    const all = await client.get(`/api/systems?unit=${u}&sort=name`);
    expect(all.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
    expect(all.body.items.map((s: { name: string }) => s.name)).toEqual(['Anomalieerkennung Netz', 'Gesichtsabgleich', 'OCR 100%_Test', 'Übersetzung Arabisch']);
    const desc = await client.get(`/api/systems?unit=${u}&sort=-name&limit=2&offset=1`);
    expect(desc.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(desc.body.items.map((s: { name: string }) => s.name)).toEqual(['OCR 100%_Test', 'Gesichtsabgleich']);
    const umlaut = await client.get(`/api/systems?unit=${u}&q=${encodeURIComponent('ÜBERSETZUNG')}`);
    expect(umlaut.body.items.map((s: { name: string }) => s.name)).toEqual(['Übersetzung Arabisch']);
    const wildcard = await client.get(`/api/systems?unit=${u}&q=${encodeURIComponent('%_')}`);
    expect(wildcard.body.items.map((s: { name: string }) => s.name)).toEqual(['OCR 100%_Test']);
    const byTag = await client.get(`/api/systems?unit=${u}&q=sprache`);
    expect(byTag.body.total).toBe(1);
    const stage = await client.get(`/api/systems?unit=${u}&stage=operation`);
    expect(stage.body.total).toBe(2);
    const role = await client.get(`/api/systems?unit=${u}&role=provider`);
    expect(role.body.items.map((s: { name: string }) => s.name).sort()).toEqual(['Anomalieerkennung Netz', 'Gesichtsabgleich']);
    const combined = await client.get(`/api/systems?unit=${u}&role=deployer&stage=operation&q=netz`);
    expect(combined.body.items.map((s: { name: string }) => s.name)).toEqual(['Anomalieerkennung Netz']);
  });

  it('keeps each unit to its own records: another unit gets 403, lists show only what is in scope', async () => {
    const other = await t.newUnit();
    const stranger = (await t.newUser([{ orgUnitId: other, role: 'owner' }])).client;
    const mine = await t.newSystem(owner, unit, { name: 'Nur für uns' });
    expect((await stranger.get(`/api/systems/${mine.id}`)).status).toBe(403);
    expect((await stranger.patch(`/api/systems/${mine.id}`, { version: 1, name: 'x' })).status).toBe(403);
    expect((await stranger.post(`/api/systems/${mine.id}/archive`, { version: 1 })).status).toBe(403);
    expect((await stranger.post('/api/systems', { name: 'x', purpose: 'y', orgUnitId: unit, roles: ['deployer'] })).status).toBe(403);
    const list = await stranger.get('/api/systems?limit=500');
    expect(list.body.items.some((s: { id: string }) => s.id === mine.id)).toBe(false);
    // An owner cannot move a system into a unit outside their scope.
    expect((await owner.patch(`/api/systems/${mine.id}`, { version: 1, orgUnitId: other })).status).toBe(403);
  });

  it('reaches sub-units: a role on a parent unit covers the systems of its children', async () => {
    const parent = await t.newUnit();
    const child = await t.newUnit(parent);
    const viewer = (await t.newUser([{ orgUnitId: parent, role: 'viewer' }])).client;
    const childOwner = (await t.newUser([{ orgUnitId: child, role: 'owner' }])).client;
    const sys = await t.newSystem(childOwner, child);
    expect((await viewer.get(`/api/systems/${sys.id}`)).status).toBe(200);
    expect((await viewer.get(`/api/systems?unit=${child}`)).body.total).toBe(1);
    expect((await viewer.patch(`/api/systems/${sys.id}`, { version: 1, name: 'x' })).status).toBe(403);
    // Filtering by the parent unit includes the systems of its sub-units.
    expect((await viewer.get(`/api/systems?unit=${parent}`)).body.items.map((s: { id: string }) => s.id)).toEqual([sys.id]);
  });
});
