import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

let t: TestApp;
let root: string;
let admin: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  root = await t.newUnit(null, 'Behörde Test');
  admin = (await t.newUser([{ orgUnitId: root, role: 'admin' }])).client;
});
afterAll(async () => t.close());

describe('organisational units', () => {
  it('builds a tree, renames and moves units, and refuses cycles', async () => {
    const a = await admin.post('/api/org-units', { name: 'Abteilung A', shortName: 'A', parentId: root });
    expect(a.status).toBe(201);
    const b = await admin.post('/api/org-units', { name: 'Referat A1', parentId: a.body.id });
    expect(b.body).toMatchObject({ parentId: a.body.id, version: 1 });
    const cycle = await admin.patch(`/api/org-units/${a.body.id}`, { version: 1, parentId: b.body.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors).toEqual([{ path: 'parentId', message: expect.stringContaining('below itself') }]);
    const renamed = await admin.patch(`/api/org-units/${b.body.id}`, { version: 1, name: 'Referat A2', parentId: root });
    expect(renamed.body).toMatchObject({ name: 'Referat A2', parentId: root, version: 2 });
    const list = await admin.get('/api/org-units');
    expect(list.body.items.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(['Abteilung A', 'Referat A2']));
    const unknownParent = await admin.post('/api/org-units', { name: 'X', parentId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownParent.status).toBe(400);
    expect(unknownParent.body.errors[0].path).toBe('parentId');
  });
});

describe('users and roles', () => {
  it('creates a user with roles per unit who can then sign in', async () => {
    const created = await admin.post('/api/users', {
      email: 'Neue.Kollegin@Test.Example',
      displayName: 'Neue Kollegin',
      password: TEST_PASSWORD,
      roles: [{ orgUnitId: root, role: 'governance' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'neue.kollegin@test.example', active: true, roles: [{ orgUnitId: root, role: 'governance' }] });
    expect(JSON.stringify(created.body)).not.toContain('scrypt');
    const login = await t.client().login('neue.kollegin@test.example', TEST_PASSWORD);
    expect(login.status).toBe(200);
    expect(login.body.user.permissions).toContain('system.archive');
    const dup = await admin.post('/api/users', { email: 'neue.kollegin@test.example', displayName: 'x', password: TEST_PASSWORD });
    expect(dup.status).toBe(409);
  });

  it('validates e-mail, password length and role names by field', async () => {
    const reply = await admin.post('/api/users', { email: 'kein-mail', displayName: 'x', password: 'kurz', roles: [{ orgUnitId: root, role: 'chef' }] });
    expect(reply.status).toBe(400);
    expect((reply.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['email', 'password', 'roles.0.role']);
    const unknownUnit = await admin.post('/api/users', { email: 'x@test.example', displayName: 'x', password: TEST_PASSWORD, roles: [{ orgUnitId: '00000000-0000-4000-8000-000000000000', role: 'viewer' }] });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.errors[0].path).toBe('roles.0.orgUnitId');
  });

  it('changes a password, records it without the secret, and ends old sessions', async () => {
    const user = await t.newUser([{ orgUnitId: root, role: 'viewer' }]);
    const reply = await admin.patch(`/api/users/${user.id}`, { version: 1, password: 'ein-neues-langes-passwort' });
    expect(reply.status).toBe(200);
    expect((await user.client.get('/api/auth/me')).status).toBe(401);
    expect((await t.client().login(user.email, 'ein-neues-langes-passwort')).status).toBe(200);
    const events = await t.db.database.db.selectFrom('audit_event').select('changes').where('entity_id', '=', user.id).where('action', '=', 'user.update').execute();
    expect(events[0]!.changes).toContain('(changed)');
    expect(events[0]!.changes).not.toContain('ein-neues-langes-passwort');
  });

  it('never lets the last active administrator lose the role', async () => {
    const fresh = await startTestApp();
    try {
      const unit = await fresh.newUnit();
      const only = await fresh.newUser([{ orgUnitId: unit, role: 'admin' }]);
      const demote = await only.client.patch(`/api/users/${only.id}`, { version: 1, roles: [{ orgUnitId: unit, role: 'viewer' }] });
      expect(demote.status).toBe(409);
      expect(demote.body.code).toBe('last-admin');
      const deactivate = await only.client.patch(`/api/users/${only.id}`, { version: 1, active: false });
      expect(deactivate.status).toBe(409);
      expect((await only.client.get(`/api/users/${only.id}`)).body.roles).toEqual([{ orgUnitId: unit, role: 'admin' }]);
    } finally {
      await fresh.close();
    }
  });
});
