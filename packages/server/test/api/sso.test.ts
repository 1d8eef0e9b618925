import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { CookieJar, driveCodeFlow, startTestProvider, type TestAccount, type TestProvider } from '../support/oidc-provider.js';

let t: TestApp;
let idp: TestProvider;
let unit: string;
let admin: { id: string; email: string; client: TestClient };
let systemId: string;
let callback: string;

const accounts: Record<string, TestAccount> & { anna: TestAccount } = {
  anna: { email: 'anna@behoerde.example', name: 'Anna Auditorin', groups: ['konform-owners'] },
  bert: { email: 'bert@behoerde.example', name: 'Bert Betrieb', groups: ['konform-viewers'] },
  carla: { email: 'carla@behoerde.example', name: 'Carla Chaos', groups: ['kantine'] },
};

/** Signs in at the provider as `login`; returns the jar (with Konform's session cookie when it worked) and where Konform sent the browser. */
async function ssoSignIn(login: string, jar = new CookieJar()) {
  const start = await fetch(`${t.baseUrl}/api/auth/sso/start?returnTo=/systems`, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.store(start);
  expect(start.status).toBe(302);
  const { res } = await driveCodeFlow(start.headers.get('location')!, jar, login, (url) => url.startsWith(callback));
  return { jar, status: res.status, location: res.headers.get('location') };
}

async function api(jar: CookieJar, method: string, path: string, body?: unknown) {
  const me = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { cookie: jar.header() } });
  const csrf = me.ok ? ((await me.json()) as { csrfToken: string }).csrfToken : '';
  const res = await fetch(t.baseUrl + path, { method, headers: { cookie: jar.header(), 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text, headers: res.headers };
}

async function configure(body: Record<string, unknown> = {}) {
  const current = await admin.client.get('/api/security/sso');
  return admin.client.request('PUT', '/api/security/sso', {
    enabled: true, displayName: 'Behörden-IdP', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret,
    scopes: ['openid', 'profile', 'email'], groupsClaim: 'groups', localLogin: 'on', breakGlassEmails: [],
    mappings: [{ claimValue: 'konform-owners', role: 'owner', orgUnitId: unit }, { claimValue: 'konform-viewers', role: 'viewer', orgUnitId: unit }],
    version: current.body.version, ...body,
  });
}

async function auditActions(entityId: string) {
  const rows = await t.db.database.db.selectFrom('audit_event').select(['action', 'changes']).where('entity_id', '=', entityId).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  callback = `${t.baseUrl}/api/auth/sso/callback`;
  idp = await startTestProvider([callback], accounts);
  unit = await t.newUnit();
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
  systemId = (await t.newSystem(admin.client, unit)).id;
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
});

describe('single sign-on configuration', () => {
  it('stores the configuration, never returns or logs the secret, audits the change, and checks the issuer by discovery', async () => {
    const before = await t.client().get('/api/auth/sso');
    expect(before.body).toEqual({ enabled: false, displayName: null, localLogin: 'on' });

    const unreachable = await configure({ issuer: 'http://127.0.0.1:9/nothing' });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.errors[0].path).toBe('issuer');
    const notHttps = await configure({ issuer: 'http://idp.example.org/realms/x' });
    expect(notHttps.status).toBe(400);
    expect(notHttps.body.errors[0].path).toBe('issuer');
    const noUnit = await configure({ mappings: [{ claimValue: 'x', role: 'viewer', orgUnitId: '00000000-0000-4000-8000-000000000000' }] });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.errors[0].path).toBe('mappings.0.orgUnitId');
    const noBreakGlass = await configure({ localLogin: 'break-glass-only' });
    expect(noBreakGlass.body.errors[0].path).toBe('breakGlassEmails');

    const saved = await configure();
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ enabled: true, issuer: idp.issuer, clientSecretSet: true, version: 1, redirectUri: callback });
    expect(JSON.stringify(saved.body)).not.toContain(idp.clientSecret);
    const read = await admin.client.get('/api/security/sso');
    expect(JSON.stringify(read.body)).not.toContain(idp.clientSecret);
    // Omitting the secret keeps it; the audit trail shows only that it changed.
    const kept = await configure({ clientSecret: undefined, displayName: 'Behörden-IdP' });
    expect(kept.body).toMatchObject({ clientSecretSet: true, version: 2 });
    const events = await t.db.database.db.selectFrom('audit_event').select(['action', 'changes']).where('entity_type', '=', 'sso_config').orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['sso.configure', 'sso.configure']);
    expect(events[0]!.changes).toContain('(changed)');
    expect(events.map((e) => e.changes).join()).not.toContain(idp.clientSecret);

    const stale = await configure({ version: 1 });
    expect(stale.status).toBe(409);
    const governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
    expect((await governance.client.get('/api/security/sso')).status).toBe(403);
    expect((await t.client().get('/api/auth/sso')).body).toEqual({ enabled: true, displayName: 'Behörden-IdP', localLogin: 'on' });
  });
});

describe('sign-in with OpenID Connect', () => {
  it('creates the account on first sign-in with the mapped role, resyncs roles later, and audits it', async () => {
    const first = await ssoSignIn('anna');
    expect(first).toMatchObject({ status: 302, location: '/systems' });
    const me = await api(first.jar, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'anna@behoerde.example', displayName: 'Anna Auditorin', roles: [{ orgUnitId: unit, role: 'owner' }], signIn: 'sso' });
    const userId: string = me.body.user.id;
    const row = await t.db.database.db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ password_hash: null, sso_issuer: idp.issuer, sso_subject: 'anna' });
    expect((await api(first.jar, 'GET', `/api/systems/${systemId}`)).status).toBe(200);

    // The provider moves Anna to the viewers: the next sign-in resyncs her roles, with an audit event.
    accounts.anna.groups = ['konform-viewers'];
    const second = await ssoSignIn('anna');
    expect(second.status).toBe(302);
    expect((await api(second.jar, 'GET', '/api/auth/me')).body.user.roles).toEqual([{ orgUnitId: unit, role: 'viewer' }]);
    expect(await auditActions(userId)).toEqual(['user.create', 'user.sso-roles', 'auth.login', 'user.sso-roles', 'auth.login']);
    const users = await t.db.database.db.selectFrom('app_user').select('id').where('sso_subject', '=', 'anna').execute();
    expect(users).toHaveLength(1);
    accounts.anna.groups = ['konform-owners'];

    // Sign-out ends the Konform session.
    const out = await api(second.jar, 'POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect((await api(second.jar, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('refuses a deactivated account, and an SSO account cannot sign in with a password', async () => {
    accounts.dora = { email: 'dora@behoerde.example', name: 'Dora Deaktiviert', groups: ['konform-viewers'] };
    const first = await ssoSignIn('dora');
    const me = (await api(first.jar, 'GET', '/api/auth/me')).body.user;
    expect((await t.client().login('dora@behoerde.example', '')).status).toBe(400);
    expect((await t.client().login('dora@behoerde.example', 'irgendein-passwort')).status).toBe(401);
    const user = await admin.client.get(`/api/users/${me.id}`);
    expect((await admin.client.patch(`/api/users/${me.id}`, { version: user.body.version, active: false })).status).toBe(200);
    expect((await api(first.jar, 'GET', '/api/auth/me')).status).toBe(401);
    expect(await ssoSignIn('dora')).toMatchObject({ status: 302, location: '/login?sso=inactive' });
  });

  it('refuses a user whose claims map to no role: no account, the sign-in page with a message, an audit event', async () => {
    const refused = await ssoSignIn('carla');
    expect(refused).toMatchObject({ status: 302, location: '/login?sso=refused' });
    expect(refused.jar.get('konform_session')).toBeUndefined();
    const users = await t.db.database.db.selectFrom('app_user').select('id').where('email', '=', 'carla@behoerde.example').execute();
    expect(users).toEqual([]);
    const events = await t.db.database.db.selectFrom('audit_event').select(['action', 'actor_label']).where('entity_id', '=', `${idp.issuer}#carla`).execute();
    expect(events).toEqual([{ action: 'auth.sso-refused', actor_label: expect.stringContaining('carla@behoerde.example') }]);
  });

  it('refuses a tampered or replayed state, and a callback from another browser', async () => {
    const jar = new CookieJar();
    const start = await fetch(`${t.baseUrl}/api/auth/sso/start`, { redirect: 'manual' });
    jar.store(start);
    const idpUrl = new URL(start.headers.get('location')!);
    expect(idpUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(idpUrl.searchParams.get('nonce')).toBeTruthy();
    const { url, res } = await driveCodeFlow(idpUrl.href, jar, 'anna', (u) => u.startsWith(callback));
    expect(res.headers.get('location')).toBe('/');
    // The same callback again (one-time state, and the code is used up) is refused.
    const replayed = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    expect(replayed.headers.get('location')).toBe('/login?sso=expired');
    const tamperedJar = new CookieJar();
    const start2 = await fetch(`${t.baseUrl}/api/auth/sso/start`, { redirect: 'manual' });
    tamperedJar.store(start2);
    const authUrl = new URL(start2.headers.get('location')!);
    authUrl.searchParams.set('state', 'forged-state-value');
    tamperedJar.set('konform_sso_state', 'forged-state-value');
    const tampered = await driveCodeFlow(authUrl.href, tamperedJar, 'anna', (url) => url.startsWith(callback));
    expect(tampered.res.headers.get('location')).toBe('/login?sso=expired');
    expect(tamperedJar.get('konform_session')).toBeUndefined();
    // A real state whose browser-binding cookie is missing (login CSRF) is refused too.
    const otherBrowser = new CookieJar();
    const start3 = await fetch(`${t.baseUrl}/api/auth/sso/start`, { redirect: 'manual' });
    const unbound = await driveCodeFlow(start3.headers.get('location')!, otherBrowser, 'anna', (url) => url.startsWith(callback));
    expect(unbound.res.headers.get('location')).toBe('/login?sso=expired');
    expect(otherBrowser.get('konform_session')).toBeUndefined();
  });
});

describe('break-glass', () => {
  it('refuses password sign-in to every account but the listed break-glass administrators (after the password check)', async () => {
    const other = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    const saved = await configure({ localLogin: 'break-glass-only', breakGlassEmails: [admin.email.toUpperCase()] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.breakGlassEmails).toEqual([admin.email]);
    const refused = await t.client().login(other.email, TEST_PASSWORD);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toContain('local-login-disabled');
    // A wrong password still answers 401, whether or not the account exists.
    expect((await t.client().login(other.email, 'wrong-password-here')).status).toBe(401);
    expect((await t.client().login('nobody@test.example', 'wrong-password-here')).status).toBe(401);
    expect((await t.client().login(admin.email, TEST_PASSWORD)).status).toBe(200);
    // SSO still works.
    expect((await ssoSignIn('bert')).location).toBe('/systems');
    await configure({ localLogin: 'on' });
    expect((await t.client().login(other.email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('re-authentication for signatures', () => {
  beforeAll(async () => {
    expect((await configure()).status).toBe(200);
  });

  it('lets an SSO user sign only after a fresh re-authentication on the same session, once per re-authentication', async () => {
    const { jar } = await ssoSignIn('anna');
    const accept = async (version: number) => api(jar, 'POST', `/api/risks/${riskId}/accept`, { version, justification: 'Geringes Risiko, vertretbar' });
    const created = await admin.client.post(`/api/systems/${systemId}/risks`, { title: 'Geringes Risiko', likelihood: 1, impact: 1, treatment: 'accept' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const riskId: string = created.body.id;

    const without = await accept(1);
    expect(without.status).toBe(403);
    expect(without.body.type).toContain('reauth-required');

    const reauth = await fetch(`${t.baseUrl}/api/auth/sso/reauth`, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(reauth);
    expect(reauth.status).toBe(302);
    const idpUrl = new URL(reauth.headers.get('location')!);
    expect(idpUrl.searchParams.get('prompt')).toBe('login');
    expect(idpUrl.searchParams.get('max_age')).toBe('0');
    const done = await driveCodeFlow(idpUrl.href, jar, 'anna', (url) => url.startsWith(callback));
    expect(done.res.headers.get('location')).toBe('/sso/done?result=reauth-ok');

    const signed = await accept(1);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.status).toBe('accepted');

    // Used up: the next signature needs a new re-authentication.
    const created2 = await admin.client.post(`/api/systems/${systemId}/risks`, { title: 'Noch ein Risiko', likelihood: 1, impact: 1, treatment: 'accept' });
    const again = await api(jar, 'POST', `/api/risks/${created2.body.id}/accept`, { version: 1, justification: 'Geringes Risiko, vertretbar' });
    expect(again.status).toBe(403);

    // A re-authentication older than five minutes does not count.
    const me = await api(jar, 'GET', '/api/auth/me');
    const old = new Date(Date.now() - 6 * 60 * 1000).toISOString();
    await t.db.database.db.updateTable('session').set({ reauth_at: old }).where('user_id', '=', me.body.user.id).execute();
    expect((await api(jar, 'POST', `/api/risks/${created2.body.id}/accept`, { version: 1, justification: 'Geringes Risiko, vertretbar' })).status).toBe(403);

    // Another person at the provider cannot re-authenticate Anna's session.
    const reauth2 = await fetch(`${t.baseUrl}/api/auth/sso/reauth`, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(reauth2);
    const mismatch = await driveCodeFlow(reauth2.headers.get('location')!, jar, 'bert', (url) => url.startsWith(callback));
    expect(mismatch.res.headers.get('location')).toBe('/sso/done?result=reauth-mismatch');
    expect((await api(jar, 'POST', `/api/risks/${created2.body.id}/accept`, { version: 1, justification: 'Geringes Risiko, vertretbar' })).status).toBe(403);
  });

  it('sends a password user who asks for re-authentication back with a mismatch', async () => {
    const reply = await admin.client.get('/api/auth/sso/reauth');
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toBe('/sso/done?result=reauth-mismatch');
  });
});
