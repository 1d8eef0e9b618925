import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { tokenHash } from '../../src/auth/tokens.js';
import { systemActor } from '../../src/access/actor.js';

let t: TestApp;
let unit: string;

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
});
afterAll(async () => t.close());

describe('sign-in and sessions', () => {
  it('signs in, sets a hardened session cookie, and returns the user with a CSRF token', async () => {
    const { email } = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const client = t.client();
    const reply = await client.login(email, TEST_PASSWORD);
    expect(reply.status).toBe(200);
    const cookie = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^konform_session=ks_/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure'); // plain HTTP here; Secure is set behind HTTPS
    expect(reply.body).toMatchObject({ user: { email, permissions: ['system.read', 'orgunit.read', 'intake.submit', 'intake.read', 'classification.read', 'catalog.read', 'requirement.read', 'evidence.read', 'risk.read', 'nonconformity.read', 'task.read', 'qms.read', 'training.read', 'vendor.read', 'model.read', 'lab.read', 'document.read', 'report.read', 'auditing.read', 'assessment.read', 'incident.read', 'complaint.read', 'monitoring.read'] }, csrfToken: expect.any(String) });
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(client.csrfToken);
  });

  it('stores only a hash of the session token', async () => {
    const { email } = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const client = t.client();
    const reply = await client.login(email, TEST_PASSWORD);
    const token = /konform_session=([^;]+)/.exec(reply.headers.get('set-cookie') ?? '')![1]!;
    const rows = await t.db.database.db.selectFrom('session').select('id').execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.some((r) => r.id === tokenHash(token))).toBe(true);
  });

  it('rejects a wrong password and an unknown e-mail alike with 401', async () => {
    const { email } = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const wrong = await t.client().login(email, 'not-the-password');
    const unknown = await t.client().login('nobody@test.example', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('locks an account after five failures, even with the right password', async () => {
    const { email } = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    for (let i = 0; i < 5; i++) expect((await t.client().login(email, `wrong-${i}`)).status).toBe(401);
    const blocked = await t.client().login(email, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    // The first lock lasts one minute (back-off: session-hygiene.test.ts).
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(blocked.body.code).toBe('account-locked');
  });

  it('throttles an address after twenty failures across accounts', async () => {
    // All test clients share 127.0.0.1; other tests in this file have recorded failures too.
    await t.db.database.db.deleteFrom('login_failure').execute();
    const email = `fresh-${crypto.randomUUID().slice(0, 8)}@test.example`;
    await t.services.users.create(systemActor('test'), { email, displayName: 'Fresh', password: TEST_PASSWORD, locale: 'de', roles: [{ orgUnitId: unit, role: 'viewer' }] });
    for (let i = 0; i < 20; i++) expect((await t.client().login(`spray-${i}@test.example`, 'guess')).status).toBe(401);
    expect((await t.client().login(email, TEST_PASSWORD)).status).toBe(429);
    await t.db.database.db.deleteFrom('login_failure').execute();
  });

  it('requires the CSRF token on state-changing requests made with the session cookie', async () => {
    const { client } = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    const body = { name: 'x', purpose: 'y', orgUnitId: unit, roles: ['deployer'] };
    const missing = await client.post('/api/systems', body, { 'x-csrf-token': '' });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('csrf');
    const wrong = await client.post('/api/systems', body, { 'x-csrf-token': 'forged' });
    expect(wrong.status).toBe(403);
    expect((await client.post('/api/systems', body)).status).toBe(201);
  });

  it('signs out: the session ends on the server, not only in the browser', async () => {
    const { client } = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const cookieBefore = (client as unknown as { cookie: string }).cookie;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    // Replaying the old cookie does not bring the session back.
    const replay = t.client();
    (replay as unknown as { cookie: string }).cookie = cookieBefore;
    expect((await replay.get('/api/systems')).status).toBe(401);
  });

  it('ends the sessions of a deactivated user at once', async () => {
    const admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
    const victim = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    expect((await victim.client.get('/api/systems')).status).toBe(200);
    const r = await admin.client.patch(`/api/users/${victim.id}`, { version: 1, active: false, reason: 'Ausgeschieden' });
    expect(r.status).toBe(200);
    expect((await victim.client.get('/api/systems')).status).toBe(401);
    expect((await t.client().login(victim.email, TEST_PASSWORD)).status).toBe(401);
  });

  it('lets users change their own password with the current one, ending their other sessions', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const otherDevice = t.client();
    await otherDevice.login(user.email, TEST_PASSWORD);
    const wrong = await user.client.post('/api/auth/password', { currentPassword: 'falsch', newPassword: 'ein-neues-langes-passwort' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'currentPassword', message: expect.any(String) }]);
    const short = await user.client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'kurz' });
    expect(short.body.errors[0].path).toBe('newPassword');
    expect((await user.client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'ein-neues-langes-passwort' })).status).toBe(204);
    expect((await user.client.get('/api/auth/me')).status).toBe(200);
    expect((await otherDevice.get('/api/auth/me')).status).toBe(401);
    expect((await t.client().login(user.email, 'ein-neues-langes-passwort')).status).toBe(200);
  });

  it('issues API tokens shown once, accepts them as bearer without CSRF, and refuses them once revoked', async () => {
    const { client } = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    const created = await client.post('/api/tokens', { name: 'CI-Pipeline', expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^kt_/);
    const listed = await client.get('/api/tokens');
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const stored = await t.db.database.db.selectFrom('api_token').select('token_hash').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(tokenHash(created.body.token));

    const machine = t.client();
    machine.bearer = created.body.token;
    expect((await machine.post('/api/systems', { name: 'Pipeline', purpose: 'y', orgUnitId: unit, roles: ['deployer'] })).status).toBe(201);
    // The token carries its owner's roles, never more.
    expect((await machine.post('/api/org-units', { name: 'x' })).status).toBe(403);
    expect((await client.post(`/api/tokens/${created.body.id}/revoke`)).status).toBe(200);
    expect((await machine.get('/api/systems')).status).toBe(401);
    machine.bearer = 'kt_unknown';
    expect((await machine.get('/api/systems')).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const { id } = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const token = 'kt_expired_token_value';
    await t.db.database.db
      .insertInto('api_token')
      .values({ id: crypto.randomUUID(), token_hash: tokenHash(token), user_id: id, name: 'alt', created_at: '2025-01-01T00:00:00.000Z', expires_at: '2025-02-01T00:00:00.000Z', last_used_at: null, revoked_at: null })
      .execute();
    const machine = t.client();
    machine.bearer = token;
    expect((await machine.get('/api/systems')).status).toBe(401);
  });

  it('sends strict security headers on API and page responses', async () => {
    const reply = await t.client().get('/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok', version: expect.any(String), database: t.db.database.dialect });
    const csp = reply.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
