import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '@konform/core/totp';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

let t: TestApp;
let unit: string;

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
});
afterAll(async () => t.close());

const db = () => t.db.database.db;

/** Enrols the client's user: start, confirm with the current code; returns the secret and the recovery codes. */
async function enrol(client: TestClient): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await client.post('/api/mfa/enrolment', undefined);
  expect(started.status).toBe(200);
  const confirmed = await client.post('/api/mfa/enrolment/confirm', { code: totpCode(started.body.secret, Date.now()) });
  expect(confirmed.status).toBe(200);
  return { secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

/** Lets the next TOTP code of the current step be accepted again (the tests need more codes than one 30 s step has). */
async function forgetUsedStep(userId: string): Promise<void> {
  await db().updateTable('user_totp').set({ last_step: null }).where('user_id', '=', userId).execute();
}

async function failures(email: string): Promise<number> {
  return (await db().selectFrom('login_failure').select('id').where('email', '=', email).execute()).length;
}

async function auditActions(userId: string): Promise<string[]> {
  const rows = await db().selectFrom('audit_event').select('action').where('entity_id', '=', userId).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

describe('TOTP enrolment and sign-in', () => {
  it('enrols with a QR code and a confirming code, then asks for the code at sign-in', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const started = await user.client.post('/api/mfa/enrolment', undefined);
    expect(started.status).toBe(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUri).toBe(`otpauth://totp/Konform:${encodeURIComponent(user.email)}?secret=${started.body.secret}&issuer=Konform&algorithm=SHA1&digits=6&period=30`);
    expect(started.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(started.body.qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    // Starting again replaces the pending secret.
    const restarted = await user.client.post('/api/mfa/enrolment', undefined);
    expect(restarted.status).toBe(200);
    expect(restarted.body.secret).not.toBe(started.body.secret);
    started.body.secret = restarted.body.secret;
    // Not active before it is confirmed: sign-in still works with the password alone.
    expect((await t.client().login(user.email, TEST_PASSWORD)).status).toBe(200);
    const wrong = await user.client.post('/api/mfa/enrolment/confirm', { code: '000000' === totpCode(started.body.secret, Date.now()) ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
    const confirmed = await user.client.post('/api/mfa/enrolment/confirm', { code: totpCode(started.body.secret, Date.now()) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    // Recovery codes are stored only as hashes.
    const stored = await db().selectFrom('user_recovery_code').select('code_hash').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.code_hash)).not.toContain(confirmed.body.recoveryCodes[0]);
    expect((await user.client.get('/api/mfa')).body).toMatchObject({ enabled: true, recoveryCodesLeft: 10, enrolmentRequired: false });
    expect((await user.client.get('/api/auth/me')).body.user).toMatchObject({ totpEnabled: true, signIn: 'password', mfaEnrolmentRequired: false });
    expect(await auditActions(user.id)).toContain('mfa.enrol');

    // Sign-in without a code: 401 mfa-required, no session.
    const anonymous = t.client();
    const noCode = await anonymous.login(user.email, TEST_PASSWORD);
    expect(noCode.status).toBe(401);
    expect(noCode.body.code).toBe('mfa-required');
    expect(noCode.headers.get('set-cookie')).toBeNull();
    expect(await failures(user.email)).toBe(0);
    // A wrong code counts as a failed attempt and names the field.
    const wrongCode = await anonymous.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD, code: '12345' });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
    expect(await failures(user.email)).toBe(1);
    // A wrong password with a right code is still refused.
    await forgetUsedStep(user.id);
    expect((await anonymous.post('/api/auth/login', { email: user.email, password: 'wrong-password', code: totpCode(started.body.secret, Date.now()) })).status).toBe(401);
    // The right code signs in once; the same code again is a replay.
    await forgetUsedStep(user.id);
    const code = totpCode(started.body.secret, Date.now());
    const ok = await anonymous.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD, code });
    expect(ok.status).toBe(200);
    expect(ok.body.user.totpEnabled).toBe(true);
    const replay = await t.client().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD, code });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('mfa-code-wrong');
  });

  it('accepts a recovery code instead of a TOTP code, once', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const { recoveryCodes } = await enrol(user.client);
    const recovery = recoveryCodes[3]!;
    const first = await t.client().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD, code: recovery.toUpperCase().replace('-', ' ') });
    expect(first.status).toBe(200);
    const again = await t.client().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD, code: recovery });
    expect(again.status).toBe(401);
    expect((await user.client.get('/api/mfa')).body.recoveryCodesLeft).toBe(9);
    const login = (await db().selectFrom('audit_event').select(['action', 'changes']).where('entity_id', '=', user.id).where('action', '=', 'auth.login').orderBy('seq', 'desc').executeTakeFirstOrThrow());
    expect(login.changes).toContain('recovery-code');
  });

  it('replaces the recovery codes with a code, and turns TOTP off with password and code', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const { secret, recoveryCodes } = await enrol(user.client);
    // A second enrolment while on is refused, and leaves the secret as it is.
    expect((await user.client.post('/api/mfa/enrolment', undefined)).status).toBe(409);
    expect((await db().selectFrom('user_totp').select('secret').where('user_id', '=', user.id).executeTakeFirstOrThrow()).secret).toBe(secret);
    await forgetUsedStep(user.id);
    expect((await user.client.post('/api/mfa/recovery-codes', { code: 'nonsense' })).status).toBe(400);
    const renewed = await user.client.post('/api/mfa/recovery-codes', { code: totpCode(secret, Date.now()) });
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    // The old codes no longer work.
    expect((await t.client().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD, code: recoveryCodes[0] })).status).toBe(401);
    await db().deleteFrom('login_failure').where('email', '=', user.email).execute();

    const noPassword = await user.client.post('/api/mfa/disable', { code: renewed.body.recoveryCodes[0] });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.errors[0].path).toBe('password');
    const wrongPassword = await user.client.post('/api/mfa/disable', { password: 'wrong-password', code: renewed.body.recoveryCodes[0] });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.errors[0].path).toBe('password');
    expect(await failures(user.email)).toBe(1);
    const disabled = await user.client.post('/api/mfa/disable', { password: TEST_PASSWORD, code: renewed.body.recoveryCodes[0] });
    expect(disabled.status).toBe(204);
    expect((await user.client.get('/api/mfa')).body).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await db().selectFrom('user_recovery_code').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await t.client().login(user.email, TEST_PASSWORD)).status).toBe(200);
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(['mfa.enrol', 'mfa.recovery-codes', 'mfa.disable']));
  });

  it('is turned off for someone else by an administrator only (lost device), audited', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    await enrol(user.client);
    const governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
    expect((await governance.client.post(`/api/mfa/users/${user.id}/reset`, undefined)).status).toBe(403);
    const admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
    expect((await admin.client.post(`/api/mfa/users/${admin.id}/reset`, undefined)).status).toBe(409);
    expect((await admin.client.post(`/api/mfa/users/${user.id}/reset`, undefined)).status).toBe(204);
    expect((await admin.client.post(`/api/mfa/users/${user.id}/reset`, undefined)).status).toBe(409);
    expect((await t.client().login(user.email, TEST_PASSWORD)).status).toBe(200);
    expect(await auditActions(user.id)).toContain('mfa.reset');
  });

  it('refuses API tokens', async () => {
    const user = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
    const token = (await user.client.post('/api/tokens', { name: 'CI' })).body.token as string;
    const bearer = t.client();
    bearer.bearer = token;
    expect((await bearer.post('/api/mfa/enrolment', undefined)).status).toBe(403);
  });
});

describe('TOTP required for administrators', () => {
  it('is set by the administrator only, and audited', async () => {
    const governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
    expect((await governance.client.request('PUT', '/api/security/mfa-policy', { requiredForAdmins: true })).status).toBe(403);
    const admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
    expect((await admin.client.get('/api/security/mfa-policy')).body).toEqual({ requiredForAdmins: false });
    expect((await admin.client.request('PUT', '/api/security/mfa-policy', { requiredForAdmins: 'yes' })).status).toBe(400);
    const on = await admin.client.request('PUT', '/api/security/mfa-policy', { requiredForAdmins: true });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ requiredForAdmins: true });
    const events = await db().selectFrom('audit_event').select(['action', 'actor_label']).where('action', '=', 'security.mfa-policy').execute();
    expect(events).toHaveLength(1);

    // The administrator without TOTP now reaches only sign-in and enrolment.
    const blocked = await admin.client.get('/api/systems');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('mfa-enrolment-required');
    expect((await admin.client.get('/api/security/mfa-policy')).body.code).toBe('mfa-enrolment-required');
    const me = await admin.client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.mfaEnrolmentRequired).toBe(true);
    expect((await admin.client.get('/api/mfa')).body.enrolmentRequired).toBe(true);
    // Others are not affected.
    expect((await governance.client.get('/api/systems')).status).toBe(200);
    // A fresh sign-in gets the same restricted session.
    const fresh = t.client();
    expect((await fresh.login(admin.email, TEST_PASSWORD)).body.user.mfaEnrolmentRequired).toBe(true);
    expect((await fresh.get('/api/systems')).body.code).toBe('mfa-enrolment-required');

    await enrol(admin.client);
    expect((await admin.client.get('/api/systems')).status).toBe(200);
    expect((await admin.client.get('/api/auth/me')).body.user.mfaEnrolmentRequired).toBe(false);
    expect((await admin.client.request('PUT', '/api/security/mfa-policy', { requiredForAdmins: false })).status).toBe(200);
    expect(await db().selectFrom('audit_event').select('seq').where('action', '=', 'security.mfa-policy').execute()).toHaveLength(2);
  });
});

describe('signatures with two-factor sign-in', () => {
  it('asks a signer with TOTP for password and code; a wrong code counts as a failed sign-in', async () => {
    const owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    const approver = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
    const { secret, recoveryCodes } = await enrol(approver.client);
    const system = await t.newSystem(owner.client, unit);
    const decided = await owner.client.request('PUT', `/api/systems/${system.id}/classification`, { facts: {}, answers: { 'q-ai': true }, note: 'Bewertung' });
    expect(decided.status).toBe(200);
    const approve = (body: Record<string, unknown>) => approver.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, ...body });

    const noPassword = await approve({ code: recoveryCodes[0] });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.errors).toEqual([{ path: 'password', message: expect.any(String) }]);
    const noCode = await approve({ password: TEST_PASSWORD });
    expect(noCode.status).toBe(400);
    expect(noCode.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
    expect(await failures(approver.email)).toBe(0);
    const wrongCode = await approve({ password: TEST_PASSWORD, code: '999999' === totpCode(secret, Date.now()) ? '888888' : '999999' });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
    expect(await failures(approver.email)).toBe(1);
    expect(await db().selectFrom('signature').select('id').where('signer_id', '=', approver.id).execute()).toEqual([]);

    await forgetUsedStep(approver.id);
    const signed = await approve({ password: TEST_PASSWORD, code: totpCode(secret, Date.now()) });
    expect(signed.status).toBe(200);
    expect(signed.body.approval.signer.id).toBe(approver.id);
  });

  it('uses up a recovery code at signing, and restores it when the signature is refused', async () => {
    const owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    const approver = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
    const { recoveryCodes } = await enrol(approver.client);
    const system = await t.newSystem(owner.client, unit);
    await owner.client.request('PUT', `/api/systems/${system.id}/classification`, { facts: {}, answers: { 'q-ai': true }, note: 'Bewertung' });
    // Revision 2 does not exist: refused after the credentials were checked; the recovery code stays unused.
    const refused = await approver.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 2, password: TEST_PASSWORD, code: recoveryCodes[1] });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect((await approver.client.get('/api/mfa')).body.recoveryCodesLeft).toBe(10);
    const signed = await approver.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD, code: recoveryCodes[1] });
    expect(signed.status).toBe(200);
    expect((await approver.client.get('/api/mfa')).body.recoveryCodesLeft).toBe(9);
  });
});
