import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { totpCode } from '@konform/core/totp';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { tokenHash } from '../../src/auth/tokens.js';
import { lockDurationMs } from '../../src/modules/auth/lockout.js';
import { unknownAccountEntity } from '../../src/modules/auth/auth-service.js';
import { ensureFirstAdmin } from '../../src/bootstrap.js';
import { createTestDatabase } from '../support/database.js';

// Time is moved by rewriting the stored timestamps (last_seen_at, created_at, locked_until) into the past: the server
// compares them with its own clock on the next request, so no test sleeps.

let t: TestApp;
let unit: string;
let admin: { id: string; email: string; client: TestClient };

const db = () => t.db.database.db;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const MINUTE = 60_000;

function sessionIdOf(client: TestClient): string {
  const cookie = (client as unknown as { cookie: string }).cookie;
  return tokenHash(/konform_session=([^;]+)/.exec(cookie)![1]!);
}

async function events(action: string, entityId?: string) {
  let query = db().selectFrom('audit_event').selectAll().where('action', '=', action);
  if (entityId) query = query.where('entity_id', '=', entityId);
  return query.orderBy('seq').execute();
}

async function setPolicy(idleMinutes: number, absoluteHours: number) {
  const reply = await admin.client.request('PUT', '/api/security/session-policy', { idleMinutes, absoluteHours });
  expect(reply.status).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
});
afterAll(async () => t.close());
// All test clients share 127.0.0.1: keep the per-address throttle out of the way of the per-account lockout.
beforeEach(async () => {
  await db().deleteFrom('login_failure').execute();
});

describe('session timeouts', () => {
  it('defaults to 30 minutes idle and 12 hours absolute, set by security.configure only, audited', async () => {
    const policy = await admin.client.get('/api/security/session-policy');
    expect(policy.body).toEqual({ idleMinutes: 30, absoluteHours: 12 });
    const viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    expect((await viewer.client.request('PUT', '/api/security/session-policy', { idleMinutes: 60, absoluteHours: 8 })).status).toBe(403);
    const tooShort = await admin.client.request('PUT', '/api/security/session-policy', { idleMinutes: 1, absoluteHours: 8 });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors[0].path).toBe('idleMinutes');
    await setPolicy(45, 8);
    expect((await admin.client.get('/api/security/session-policy')).body).toEqual({ idleMinutes: 45, absoluteHours: 8 });
    const [event] = (await events('security.session-policy')).slice(-1);
    expect(JSON.parse(event!.changes)).toEqual(expect.arrayContaining([{ field: 'idleMinutes', before: 30, after: 45 }, { field: 'absoluteHours', before: 12, after: 8 }]));
    await setPolicy(30, 12);
  });

  it('ends a session after the idle timeout and records it as expired (idle)', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const id = sessionIdOf(user.client);
    await db().updateTable('session').set({ last_seen_at: ago(29 * MINUTE) }).where('id', '=', id).execute();
    expect((await user.client.get('/api/auth/me')).status).toBe(200);
    await db().updateTable('session').set({ last_seen_at: ago(31 * MINUTE) }).where('id', '=', id).execute();
    // The page load before (public routes, the web app's files) leaves the session for the first signed-in request ...
    expect((await user.client.get('/api/health')).status).toBe(200);
    expect((await user.client.fetch('/systems')).status).not.toBe(401);
    // ... so the browser that sent the cookie learns why (the sign-in page says so after a reload) ...
    const ended = await user.client.get('/api/auth/me');
    expect(ended.status).toBe(401);
    expect(ended.body).toMatchObject({ code: 'session-ended', sessionEnded: 'idle' });
    expect(await db().selectFrom('session').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    // ... once the session is gone only that it ended; a request without a cookie (a first visit) learns nothing.
    expect((await user.client.get('/api/auth/me')).body).toMatchObject({ code: 'session-ended', sessionEnded: 'ended' });
    const fresh = await t.client().get('/api/auth/me');
    expect(fresh.status).toBe(401);
    expect(fresh.body.code).toBe('unauthorized');
    expect(fresh.body).not.toHaveProperty('sessionEnded');
    const expired = await events('auth.session-expired', user.id);
    expect(expired).toHaveLength(1);
    expect(JSON.parse(expired[0]!.changes)).toEqual([{ field: 'reason', before: null, after: 'idle' }]);
  });

  it('ends a session after the absolute timeout however active it is', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const id = sessionIdOf(user.client);
    await db().updateTable('session').set({ created_at: ago(12 * 60 * MINUTE + MINUTE), last_seen_at: ago(MINUTE / 2) }).where('id', '=', id).execute();
    const ended = await user.client.get('/api/auth/me');
    expect(ended.status).toBe(401);
    expect(ended.body).toMatchObject({ code: 'session-ended', sessionEnded: 'absolute' });
    const [expired] = await events('auth.session-expired', user.id);
    expect(JSON.parse(expired!.changes)).toEqual([{ field: 'reason', before: null, after: 'absolute' }]);
  });

  it('applies a changed policy to open sessions at once', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    await db().updateTable('session').set({ last_seen_at: ago(10 * MINUTE) }).where('id', '=', sessionIdOf(user.client)).execute();
    expect((await user.client.get('/api/auth/me')).status).toBe(200);
    await db().updateTable('session').set({ last_seen_at: ago(10 * MINUTE) }).where('id', '=', sessionIdOf(user.client)).execute();
    await setPolicy(5, 12);
    try {
      expect((await user.client.get('/api/auth/me')).status).toBe(401);
    } finally {
      await setPolicy(30, 12);
    }
  });

  it('writes last_seen_at at most once a minute, not on every request', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const id = sessionIdOf(user.client);
    const seen = async () => (await db().selectFrom('session').select('last_seen_at').where('id', '=', id).executeTakeFirstOrThrow()).last_seen_at;
    const fresh = ago(10_000);
    await db().updateTable('session').set({ last_seen_at: fresh }).where('id', '=', id).execute();
    await user.client.get('/api/auth/me');
    await user.client.get('/api/auth/me');
    expect(await seen()).toBe(fresh);
    const stale = ago(2 * MINUTE);
    await db().updateTable('session').set({ last_seen_at: stale }).where('id', '=', id).execute();
    await user.client.get('/api/auth/me');
    expect(Date.parse(await seen())).toBeGreaterThan(Date.parse(stale) + MINUTE);
  });

  it('removes and records ended sessions of others on the next sign-in', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const id = sessionIdOf(user.client);
    await db().updateTable('session').set({ last_seen_at: ago(60 * MINUTE) }).where('id', '=', id).execute();
    await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    expect(await db().selectFrom('session').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect(await events('auth.session-expired', user.id)).toHaveLength(1);
  });
});

describe('sessions and sign out everywhere', () => {
  it('lists the own sessions with the current one marked, and ends one of them', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const laptop = t.client();
    await laptop.login(user.email, TEST_PASSWORD);
    const list = await user.client.get('/api/auth/sessions');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    const current = list.body.find((s: { current: boolean }) => s.current);
    expect(current).toMatchObject({ id: sessionIdOf(user.client), clientAddress: '127.0.0.1', signIn: 'password', createdAt: expect.any(String), lastSeenAt: expect.any(String), expiresAt: expect.any(String) });
    const other = list.body.find((s: { current: boolean }) => !s.current);
    expect(other.id).toBe(sessionIdOf(laptop));
    // Another person's session cannot be ended through the own account.
    const stranger = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    expect((await stranger.client.request('DELETE', `/api/auth/sessions/${other.id}`)).status).toBe(404);
    expect((await user.client.request('DELETE', `/api/auth/sessions/${other.id}`)).status).toBe(204);
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect((await user.client.get('/api/auth/me')).status).toBe(200);
    expect(await events('auth.session-end', user.id)).toHaveLength(1);
  });

  it('signs out everywhere else, then everywhere including here', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const phone = t.client();
    const tablet = t.client();
    await phone.login(user.email, TEST_PASSWORD);
    await tablet.login(user.email, TEST_PASSWORD);
    const others = await user.client.post('/api/auth/sessions/end-all', { keepCurrent: true });
    expect(others.body).toEqual({ ended: 2 });
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await tablet.get('/api/systems')).body).toMatchObject({ status: 401, code: 'session-ended', sessionEnded: 'ended' });
    expect((await user.client.get('/api/auth/me')).status).toBe(200);
    const all = await user.client.post('/api/auth/sessions/end-all', { keepCurrent: false });
    expect(all.body).toEqual({ ended: 1 });
    expect((await user.client.get('/api/auth/me')).status).toBe(401);
    const recorded = await events('auth.logout-everywhere', user.id);
    expect(recorded.map((e) => JSON.parse(e.changes))).toEqual([
      [{ field: 'sessionsEnded', before: null, after: 2 }, { field: 'keptCurrent', before: null, after: true }],
      [{ field: 'sessionsEnded', before: null, after: 1 }, { field: 'keptCurrent', before: null, after: false }],
    ]);
  });

  it('lets an administrator see and end all sessions of a person', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const state = await admin.client.get(`/api/users/${user.id}/sign-in`);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ failedAttempts: 0, lockedUntil: null, sessions: [{ current: false, signIn: 'password' }] });
    expect((await user.client.get(`/api/users/${admin.id}/sign-in`)).status).toBe(403);
    const ended = await admin.client.post(`/api/users/${user.id}/sessions/end-all`);
    expect(ended.body).toEqual({ ended: 1 });
    expect((await user.client.get('/api/auth/me')).status).toBe(401);
    const [event] = await events('auth.logout-everywhere', user.id);
    expect(event!.actor_id).toBe(admin.id);
  });

  it('ends the sessions and stops the API tokens of a deactivated person at once', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    const created = await user.client.post('/api/tokens', { name: 'CI', expiresInDays: 30 });
    const bearer = { authorization: `Bearer ${created.body.token}` };
    expect((await t.client().request('GET', '/api/systems', undefined, bearer)).status).toBe(200);
    const current = await admin.client.get(`/api/users/${user.id}`);
    expect((await admin.client.patch(`/api/users/${user.id}`, { version: current.body.version, active: false, reason: 'Ausgeschieden' })).status).toBe(200);
    expect(await db().selectFrom('session').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await user.client.get('/api/systems')).status).toBe(401);
    expect((await t.client().request('GET', '/api/systems', undefined, bearer)).status).toBe(401);
    // A disabled account's correct password is refused like a wrong one, and recorded as such.
    expect((await t.client().login(user.email, TEST_PASSWORD)).status).toBe(401);
    const [failed] = await events('auth.login-failed', user.id);
    expect(JSON.parse(failed!.changes)).toContainEqual({ field: 'reason', before: null, after: 'disabled' });
  });
});

describe('password policy', () => {
  const newUserBody = (password: string, email = `pw-${crypto.randomUUID().slice(0, 8)}@test.example`) => ({ email, displayName: 'Paula Passwort', password, locale: 'de', roles: [] });

  it('refuses short, breached and identity passwords with a reason naming the field', async () => {
    const cases: [string, string][] = [
      // Twelve code points (e + combining acute), six characters after NFKC: the schema lets it through, the policy counts.
      ['e\u0301'.repeat(6), 'password-too-short'],
      ['qwertyuiop123', 'password-breached'],
      ['QWERTYUIOP123', 'password-breached'],
      ['Paula Passwort 2026', 'password-contains-identity'],
      ['Mein-Konform-Zugang', 'password-contains-identity'],
    ];
    for (const [password, code] of cases) {
      const reply = await admin.client.post('/api/users', newUserBody(password));
      expect(reply.status, password).toBe(400);
      expect(reply.body.code, password).toBe(code);
      expect(reply.body.errors, password).toEqual([{ path: 'password', message: expect.any(String) }]);
    }
    // Plainly short passwords are refused by the schema, together with every other field error.
    const short = await admin.client.post('/api/users', { ...newUserBody('elf-zeichen'), email: 'keine-adresse' });
    expect(short.body.code).toBe('validation');
    expect(short.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'password']);
    expect((await admin.client.post('/api/users', newUserBody('eigene.adresse-2026', 'eigene.adresse@test.example'))).body.code).toBe('password-contains-identity');
  });

  it('accepts long passphrases with spaces and any characters, normalised with NFKC', async () => {
    const body = newUserBody('Ｄｅｒ ｇｒüｎｅ Ｂａｕｍ im Regen 🌧');
    const reply = await admin.client.post('/api/users', body);
    expect(reply.status).toBe(201);
    // The full-width form and its NFKC form are one password.
    expect((await t.client().login(body.email, 'Der grüne Baum im Regen 🌧')).status).toBe(200);
    const long = await admin.client.post('/api/users', newUserBody('ein sehr langer Satz '.repeat(10)));
    expect(long.status).toBe(201);
  });

  it('applies to the own change and to an administrator resetting a password', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const breached = await user.client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: '1q2w3e4r5t6y' });
    expect(breached.status).toBe(400);
    expect(breached.body).toMatchObject({ code: 'password-breached', errors: [{ path: 'newPassword' }] });
    const short = await user.client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'e\u0301'.repeat(6) });
    expect(short.body).toMatchObject({ code: 'password-too-short', errors: [{ path: 'newPassword' }] });
    const current = await admin.client.get(`/api/users/${user.id}`);
    const reset = await admin.client.patch(`/api/users/${user.id}`, { version: current.body.version, password: user.email.toUpperCase() });
    expect(reset.body).toMatchObject({ code: 'password-contains-identity', errors: [{ path: 'password' }] });
    expect((await user.client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'ein neues, gutes Kennwort' })).status).toBe(204);
    const [changed] = await events('user.password-change', user.id);
    expect(changed).toBeDefined();
  });
});

describe('first administrator', () => {
  it('refuses to start with a weak KONFORM_ADMIN_PASSWORD and creates nobody', async () => {
    const fresh = await createTestDatabase();
    try {
      await expect(ensureFirstAdmin(fresh.database, 'leitung@behoerde.example', 'konform-admin-2026')).rejects.toThrow(/KONFORM_ADMIN_PASSWORD .*password-contains-identity/);
      await expect(ensureFirstAdmin(fresh.database, 'leitung@behoerde.example', 'qwertyuiop123')).rejects.toThrow(/password-breached/);
      expect(await fresh.database.db.selectFrom('app_user').select('id').execute()).toEqual([]);
      expect(await ensureFirstAdmin(fresh.database, 'leitung@behoerde.example', 'ein langer Satz als Kennwort')).toEqual({ email: 'leitung@behoerde.example', generatedPassword: null });
    } finally {
      await fresh.drop();
    }
  });
});

describe('lockout with back-off', () => {
  it('locks after five failures for one minute, then doubles; success resets', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    for (let i = 0; i < 4; i++) expect((await t.client().login(user.email, `falsch-${i}`)).status).toBe(401);
    expect(await events('auth.lockout', user.id)).toHaveLength(0);
    expect((await t.client().login(user.email, 'falsch-4')).status).toBe(401);
    const first = await t.client().login(user.email, TEST_PASSWORD);
    expect(first.status).toBe(429);
    expect(first.body.code).toBe('account-locked');
    const wait = Number(first.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(Date.parse(first.body.retryAt)).toBeGreaterThan(Date.now());
    expect(await events('auth.lockout', user.id)).toHaveLength(1);
    // The minute passes: the next failure locks for two minutes.
    await db().updateTable('account_lockout').set({ locked_until: ago(1000) }).where('email', '=', user.email).execute();
    expect((await t.client().login(user.email, 'falsch-5')).status).toBe(401);
    const second = await t.client().login(user.email, TEST_PASSWORD);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(120);
    await db().updateTable('account_lockout').set({ locked_until: ago(1000) }).where('email', '=', user.email).execute();
    expect((await t.client().login(user.email, TEST_PASSWORD)).status).toBe(200);
    expect(await db().selectFrom('account_lockout').select('email').where('email', '=', user.email).executeTakeFirst()).toBeUndefined();
    const locked = (await events('auth.login-failed', user.id)).filter((e) => e.changes.includes('"locked"'));
    expect(locked).toHaveLength(2);
  });

  it('meets the address throttle when a locked account is hammered, which writes nothing more to the trail', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    for (let i = 0; i < 5; i++) await t.client().login(user.email, `falsch-${i}`);
    const codes = new Set<string>();
    for (let i = 0; i < 16; i++) codes.add((await t.client().login(user.email, TEST_PASSWORD)).body.code);
    expect(codes).toEqual(new Set(['account-locked', 'login-throttled']));
    const recorded = (await events('auth.login-failed', user.id)).length;
    expect((await t.client().login(user.email, TEST_PASSWORD)).body.code).toBe('login-throttled');
    expect((await events('auth.login-failed', user.id)).length).toBe(recorded);
  });

  it('doubles up to 60 minutes at most', () => {
    expect([4, 5, 6, 7, 8, 10, 11, 30].map((n) => lockDurationMs(n) / 60_000)).toEqual([0, 1, 2, 4, 8, 32, 60, 60]);
  });

  it('answers alike for an unknown e-mail address, recording it without the address in clear', async () => {
    const email = `niemand-${crypto.randomUUID().slice(0, 8)}@test.example`;
    const known = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    for (let i = 0; i < 5; i++) {
      const a = await t.client().login(email, 'geheim-und-lang');
      const b = await t.client().login(known.email, 'geheim-und-lang');
      expect([a.status, a.body.code, a.body.detail]).toEqual([b.status, b.body.code, b.body.detail]);
    }
    const a = await t.client().login(email, 'geheim-und-lang');
    const b = await t.client().login(known.email, TEST_PASSWORD);
    expect([a.status, a.body.code]).toEqual([429, 'account-locked']);
    expect([b.status, b.body.code]).toEqual([429, 'account-locked']);
    const { entityId } = unknownAccountEntity(email);
    const recorded = await events('auth.login-failed', entityId);
    expect(recorded.length).toBe(6);
    expect(recorded[0]!.entity_type).toBe('auth');
    const all = JSON.stringify(await db().selectFrom('audit_event').select(['entity_id', 'changes', 'actor_label']).where('entity_id', '=', entityId).execute());
    expect(all).not.toContain(email);
    expect(all).not.toContain('geheim-und-lang');
    expect(JSON.parse(recorded[0]!.changes)).toEqual(expect.arrayContaining([{ field: 'reason', before: null, after: 'unknown-account' }, { field: 'email', before: null, after: 'ni…@test.example' }]));
  });

  it('lets an administrator unlock an account, audited', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    for (let i = 0; i < 5; i++) await t.client().login(user.email, `falsch-${i}`);
    const state = await admin.client.get(`/api/users/${user.id}/sign-in`);
    expect(state.body).toMatchObject({ failedAttempts: 5, lockedUntil: expect.any(String) });
    expect((await t.client().login(user.email, TEST_PASSWORD)).status).toBe(429);
    const unlocked = await admin.client.post(`/api/users/${user.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect((await t.client().login(user.email, TEST_PASSWORD)).status).toBe(200);
    const [event] = await events('auth.unlock', user.id);
    expect(event!.actor_id).toBe(admin.id);
  });

  it('counts a wrong current password at a password change towards the lockout', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    for (let i = 0; i < 5; i++) expect((await user.client.post('/api/auth/password', { currentPassword: `falsch-${i}`, newPassword: 'ein neues, gutes Kennwort' })).status).toBe(400);
    const locked = await user.client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'ein neues, gutes Kennwort' });
    expect(locked.status).toBe(429);
  });
});

describe('authentication events in the audit trail', () => {
  it('records sign-in with its method, wrong passwords and sign-out', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const [login] = await events('auth.login', user.id);
    expect(JSON.parse(login!.changes)).toContainEqual({ field: 'method', before: null, after: 'password' });
    await t.client().login(user.email, 'ganz-falsches-kennwort');
    const [failed] = await events('auth.login-failed', user.id);
    expect(JSON.parse(failed!.changes)).toEqual([{ field: 'reason', before: null, after: 'wrong-password' }, { field: 'failures', before: null, after: 1 }]);
    expect(failed!.changes).not.toContain('ganz-falsches-kennwort');
    expect((await user.client.post('/api/auth/logout')).status).toBe(204);
    expect(await events('auth.logout', user.id)).toHaveLength(1);
  });

  it('records the TOTP step: a wrong code as a failure, the right one on the sign-in', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const started = await user.client.post('/api/mfa/enrolment', undefined);
    expect((await user.client.post('/api/mfa/enrolment/confirm', { code: totpCode(started.body.secret, Date.now()) })).status).toBe(200);
    await db().updateTable('user_totp').set({ last_step: null }).where('user_id', '=', user.id).execute();
    const wrong = await t.client().request('POST', '/api/auth/login', { email: user.email, password: TEST_PASSWORD, code: '000000' === totpCode(started.body.secret, Date.now()) ? '111111' : '000000' });
    expect(wrong.body.code).toBe('mfa-code-wrong');
    const [failed] = await events('auth.login-failed', user.id);
    expect(JSON.parse(failed!.changes)).toContainEqual({ field: 'reason', before: null, after: 'wrong-code' });
    const right = await t.client().request('POST', '/api/auth/login', { email: user.email, password: TEST_PASSWORD, code: totpCode(started.body.secret, Date.now()) });
    expect(right.status).toBe(200);
    const [, second] = await events('auth.login', user.id);
    expect(JSON.parse(second!.changes)).toEqual([{ field: 'method', before: null, after: 'password' }, { field: 'secondFactor', before: null, after: 'totp' }]);
  });
});
