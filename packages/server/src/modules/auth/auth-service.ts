import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CurrentUser, Permission, PreferencesUpdate, SessionEndedReason, SessionInfo, SessionPolicy, UserSignInState } from '@konform/core';
import { diffRecords, heldPermissions } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AppUserTable, DB, SessionTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, invalid, notFound, unauthorized } from '../../http/errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../auth/password.js';
import { assertPasswordAcceptable } from '../../auth/password-policy.js';
import { newToken, tokenHash } from '../../auth/tokens.js';
import { clearanceOf, findUserByEmail, findUserById, rolesOf } from '../users/repository.js';
import * as sessions from './session-repository.js';
import { clearAccountFailures, findLockout, lockedUntil, recordAccountFailure } from './lockout.js';
import { parseSessionPolicy, readSessionPolicy, sessionCutoffs, sessionEnd, SESSION_POLICY_KEY, writeSessionPolicy, type SessionEndReason } from './session-policy.js';
import { assertLocalLoginAllowed } from '../sso/break-glass.js';
import { consumeSecondFactor } from '../mfa/second-factor.js';
import { hasConfirmedTotp } from '../mfa/totp-repository.js';
import { mfaEnrolmentRequired, MFA_POLICY_KEY, parseMfaPolicy } from '../mfa/policy.js';

const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_ADDRESS = 20;
const TOUCH_INTERVAL_MS = 60 * 1000;
/** Ended sessions recorded and removed per sign-in on the way (the rest follow at the next sign-ins or when used). */
const EXPIRED_SESSIONS_PER_SWEEP = 100;
/** A token's use is written to the audit trail at most once per this interval (plus every change it makes). */
export const TOKEN_USE_AUDIT_INTERVAL_MS = 60 * 60 * 1000;

/** Why a sign-in was refused, as recorded in the `auth.login-failed` event. */
export type SignInFailure = 'unknown-account' | 'wrong-password' | 'wrong-code' | 'locked' | 'disabled' | 'local-login-disabled';

export function actorLabel(user: Pick<AppUserTable, 'display_name' | 'email'>): string {
  return `${user.display_name} <${user.email}>`;
}

/** Everything a token does is recorded under its owner with the token's id, e.g. `Anna <a@x.de> via API token 5f…`. */
export function tokenActorLabel(ownerLabel: string, tokenId: string): string {
  return `${ownerLabel} via API token ${tokenId}`;
}

/**
 * The audit entity of a sign-in attempt for an address without an account: never the address in clear (it may be a
 * password typed into the wrong field), but a stable hash to see repeated attempts, and its shape (`an…@example.org`).
 */
export function unknownAccountEntity(email: string): { entityId: string; masked: string } {
  const [local = '', domain = ''] = email.split('@');
  return { entityId: `email:${createHash('sha256').update(email).digest('hex').slice(0, 16)}`, masked: `${local.slice(0, 2)}…@${domain.slice(0, 60)}` };
}

function sessionActor(user: AppUserTable, clientAddress: string | null, sessionId?: string): Actor {
  return { userId: user.id, label: actorLabel(user), assignments: [], clientAddress, via: 'session', clearance: clearanceOf(user), ...(sessionId ? { sessionId } : {}) };
}

function lockedProblem(until: Date, now: Date): HttpProblem {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new HttpProblem(429, 'account-locked', `Too many failed sign-in attempts; try again after ${until.toISOString()}`, undefined, { 'retry-after': String(seconds) }, { retryAt: until.toISOString() });
}

export function presentSession(row: SessionTable, policy: SessionPolicy, currentId: string | null | undefined): SessionInfo {
  return {
    id: row.id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: new Date(sessionEnd(row, policy).at).toISOString(),
    clientAddress: row.client_address,
    signIn: row.sign_in === 'sso' ? 'sso' : 'password',
    current: row.id === currentId,
  };
}

function parseList(text: string | null): string[] | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export class AuthService {
  constructor(
    private readonly database: Database,
    /** The session timeouts until an administrator sets others (KONFORM_SESSION_IDLE_MINUTES, KONFORM_SESSION_HOURS). */
    private readonly sessionDefaults: SessionPolicy,
  ) {}

  private get db() {
    return this.database.db;
  }

  /** The session timeouts in force (the administrator's, else the configured defaults). */
  sessionPolicy(): Promise<SessionPolicy> {
    return readSessionPolicy(this.db, this.sessionDefaults);
  }

  async setSessionPolicy(actor: Actor, next: SessionPolicy): Promise<SessionPolicy> {
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = await readSessionPolicy(trx, this.sessionDefaults);
      await writeSessionPolicy(trx, next, at, actor.label);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'security.session-policy', entityType: 'setting', entityId: SESSION_POLICY_KEY, changes: diffRecords(before, next) }, at);
    });
    return next;
  }

  /**
   * Checks the password (throttled per address; per account with a lockout that doubles from 1 to 60 minutes), then —
   * for an account with TOTP — the code (or a recovery code, used up); returns a new session token. Without a code such
   * an account gets 401 `mfa-required`; a wrong code counts as a failed attempt like a wrong password. Every refusal
   * is an `auth.login-failed` event; the reply never tells whether the account exists.
   */
  async login(email: string, password: string, clientAddress: string, code?: string): Promise<{ token: string; user: CurrentUser }> {
    const normalized = email.trim().toLowerCase();
    const now = new Date();
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
    if ((await sessions.countLoginFailures(this.db, 'client_address', clientAddress, since)) >= MAX_FAILURES_PER_ADDRESS) {
      throw new HttpProblem(429, 'login-throttled', 'Too many failed sign-in attempts from this address; try again in 15 minutes', undefined, {
        'retry-after': String(THROTTLE_WINDOW_MS / 1000),
      });
    }
    const user = await findUserByEmail(this.db, normalized);
    const locked = await lockedUntil(this.db, normalized, now);
    if (locked) {
      // Counted for the address (not the account): hammering a locked account meets the address throttle, which
      // answers without writing to the audit trail.
      await this.auditSignInFailure(normalized, user, clientAddress, 'locked', now, { countForAddress: true });
      throw lockedProblem(locked, now);
    }
    const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
    if (!user || !ok || user.active !== 1) {
      await this.signInFailed(normalized, user, clientAddress, !user ? 'unknown-account' : !ok ? 'wrong-password' : 'disabled', now);
      throw unauthorized('E-mail address or password is wrong');
    }
    try {
      await assertLocalLoginAllowed(this.db, user.email);
    } catch (error) {
      await this.auditSignInFailure(normalized, user, clientAddress, 'local-login-disabled', now);
      throw error;
    }
    let secondFactor: 'totp' | 'recovery-code' | null = null;
    if (await hasConfirmedTotp(this.db, user.id)) {
      if (!code) throw new HttpProblem(401, 'mfa-required', 'Enter the code of your authenticator app', [{ path: 'code', message: 'Enter the code of your authenticator app' }]);
      secondFactor = await consumeSecondFactor(this.db, user.id, code, now);
      if (secondFactor === null) {
        await this.signInFailed(normalized, user, clientAddress, 'wrong-code', now);
        throw new HttpProblem(401, 'mfa-code-wrong', 'The code is wrong or was used already', [{ path: 'code', message: 'The code is wrong or was used already' }]);
      }
    }
    const token = newToken('ks');
    const at = now.toISOString();
    const policy = await this.sessionPolicy();
    await this.db.transaction().execute(async (trx) => {
      await this.openSession(trx, user, token, 'password', clientAddress, policy, now);
      await sessions.clearLoginFailures(trx, normalized);
      await clearAccountFailures(trx, normalized);
      await sessions.pruneLoginFailures(trx, since);
      const changes = [{ field: 'method', before: null, after: 'password' }, ...(secondFactor ? [{ field: 'secondFactor', before: null, after: secondFactor }] : [])];
      await appendAuditEvent(trx, this.database.dialect, sessionActor(user, clientAddress), { action: 'auth.login', entityType: 'user', entityId: user.id, changes }, at);
    });
    return { token, user: await this.currentUser(user.id) };
  }

  /**
   * Inserts a new session (password or single sign-on) and records last sign-in; on the way, sessions past their
   * timeouts are removed, each with its `auth.session-expired` event. Runs in the caller's transaction.
   */
  async openSession(trx: Transaction<DB>, user: AppUserTable, token: string, signIn: 'password' | 'sso', clientAddress: string, policy: SessionPolicy, now: Date): Promise<void> {
    const at = now.toISOString();
    await sessions.insertSession(trx, {
      id: tokenHash(token),
      user_id: user.id,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(sessionEnd({ created_at: at, last_seen_at: at }, policy).at).toISOString(),
      client_address: clientAddress,
      sign_in: signIn,
      reauth_at: null,
    });
    await trx.updateTable('app_user').set({ last_login_at: at }).where('id', '=', user.id).execute();
    for (const ended of await sessions.findEndedSessions(trx, sessionCutoffs(policy, now.getTime()), EXPIRED_SESSIONS_PER_SWEEP)) {
      await this.recordExpiry(trx, ended.id, { id: ended.user_id, email: ended.email, display_name: ended.display_name, clearance: ended.clearance }, ended.client_address, sessionEnd(ended, policy).reason, at);
    }
  }

  /** Removes an ended session and writes `auth.session-expired` (only the caller that removed it writes the event). */
  private async recordExpiry(trx: Transaction<DB>, sessionId: string, user: Pick<AppUserTable, 'id' | 'email' | 'display_name' | 'clearance'>, clientAddress: string | null, reason: SessionEndReason, at: string): Promise<void> {
    if (!(await sessions.deleteSessionIfPresent(trx, sessionId))) return;
    const actor: Actor = { userId: user.id, label: actorLabel(user), assignments: [], clientAddress, via: 'session', clearance: clearanceOf(user) };
    await appendAuditEvent(trx, this.database.dialect, actor, { action: 'auth.session-expired', entityType: 'user', entityId: user.id, changes: [{ field: 'reason', before: null, after: reason }] }, at);
  }

  /** A refused attempt: counts per address and per account (locking it when due) and is recorded, in its own transaction. */
  private async signInFailed(email: string, user: AppUserTable | undefined, clientAddress: string, reason: SignInFailure, now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sessions.recordLoginFailure(trx, email, clientAddress, now.toISOString());
      const { failures, lockedUntil: until } = await recordAccountFailure(trx, email, now);
      await this.appendSignInFailure(trx, email, user, clientAddress, reason, now, failures);
      if (until) {
        const { entityType, entityId, actor } = this.attemptEntity(email, user, clientAddress);
        await appendAuditEvent(trx, this.database.dialect, actor, { action: 'auth.lockout', entityType, entityId, changes: [{ field: 'failures', before: null, after: failures }, { field: 'lockedUntil', before: null, after: until.toISOString() }] }, now.toISOString());
      }
    });
  }

  /** Records a refusal that does not count towards the lockout (a locked account, password sign-in switched off). */
  private async auditSignInFailure(email: string, user: AppUserTable | undefined, clientAddress: string, reason: SignInFailure, now: Date, options: { countForAddress?: boolean } = {}): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (options.countForAddress) await sessions.recordLoginFailure(trx, email, clientAddress, now.toISOString());
      await this.appendSignInFailure(trx, email, user, clientAddress, reason, now, null);
    });
  }

  private attemptEntity(email: string, user: AppUserTable | undefined, clientAddress: string): { entityType: string; entityId: string; masked: string | null; actor: Actor } {
    if (user) return { entityType: 'user', entityId: user.id, masked: null, actor: sessionActor(user, clientAddress) };
    const { entityId, masked } = unknownAccountEntity(email);
    return { entityType: 'auth', entityId, masked, actor: { userId: null, label: `sign-in attempt for ${masked}`, assignments: [], clientAddress, via: 'system', clearance: 'offen' } };
  }

  private async appendSignInFailure(trx: Transaction<DB>, email: string, user: AppUserTable | undefined, clientAddress: string, reason: SignInFailure, now: Date, failures: number | null): Promise<void> {
    const { entityType, entityId, masked, actor } = this.attemptEntity(email, user, clientAddress);
    const changes = [
      { field: 'reason', before: null, after: reason },
      ...(masked ? [{ field: 'email', before: null, after: masked }] : []),
      ...(failures !== null ? [{ field: 'failures', before: null, after: failures }] : []),
    ];
    await appendAuditEvent(trx, this.database.dialect, actor, { action: 'auth.login-failed', entityType, entityId, changes }, now.toISOString());
  }

  async logout(token: string, actor: Actor): Promise<void> {
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await sessions.deleteSession(trx, tokenHash(token));
      if (actor.userId) {
        await appendAuditEvent(trx, this.database.dialect, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId, changes: [] }, at);
      }
    });
  }

  /** The signed-in person's open sessions, the current one marked. */
  async listOwnSessions(actor: Actor): Promise<SessionInfo[]> {
    if (!actor.userId) throw unauthorized();
    const policy = await this.sessionPolicy();
    return (await sessions.listSessionsOfUser(this.db, actor.userId)).map((row) => presentSession(row, policy, actor.sessionId));
  }

  /** Ends one of the signed-in person's own sessions (404 for anyone else's). */
  async endOwnSession(actor: Actor, sessionId: string): Promise<void> {
    if (!actor.userId) throw unauthorized();
    const userId = actor.userId;
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (!(await sessions.deleteSessionIfPresent(trx, sessionId, userId))) throw notFound('Session');
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'auth.session-end', entityType: 'user', entityId: userId, changes: [{ field: 'session', before: sessionId.slice(0, 12), after: null }] }, at);
    });
  }

  /**
   * Sign out everywhere: ends all sessions of `userId` (the person themselves, or an administrator for them); the
   * session making the request stays when `keepSessionId` is given. Returns how many ended.
   */
  async endSessionsOf(actor: Actor, userId: string, keepSessionId: string | null): Promise<number> {
    const at = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      if (!(await findUserById(trx, userId))) throw notFound('User');
      const ended = await sessions.deleteSessionsOfUserExcept(trx, userId, keepSessionId);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'auth.logout-everywhere', entityType: 'user', entityId: userId, changes: [{ field: 'sessionsEnded', before: null, after: ended }, { field: 'keptCurrent', before: null, after: keepSessionId !== null }] }, at);
      return ended;
    });
  }

  /** For administrators: a person's open sessions and the state of the lockout after failed sign-ins. */
  async signInState(_actor: Actor, userId: string): Promise<UserSignInState> {
    const user = await findUserById(this.db, userId);
    if (!user) throw notFound('User');
    const [policy, rows, lockout, totp] = await Promise.all([
      this.sessionPolicy(),
      sessions.listSessionsOfUser(this.db, userId),
      findLockout(this.db, user.email),
      this.db.selectFrom('user_totp').select('confirmed_at').where('user_id', '=', userId).executeTakeFirst(),
    ]);
    const locked = lockout?.locked_until && Date.parse(lockout.locked_until) > Date.now() ? lockout.locked_until : null;
    return { sessions: rows.map((row) => presentSession(row, policy, null)), failedAttempts: lockout?.failures ?? 0, lockedUntil: locked, twoFactor: Boolean(totp?.confirmed_at) };
  }

  /** An administrator lifts the lockout of an account (and forgets its failed attempts). */
  async unlock(actor: Actor, userId: string): Promise<UserSignInState> {
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const user = await findUserById(trx, userId);
      if (!user) throw notFound('User');
      const before = await findLockout(trx, user.email);
      await clearAccountFailures(trx, user.email);
      await sessions.clearLoginFailures(trx, user.email);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'auth.unlock', entityType: 'user', entityId: userId, changes: [{ field: 'failedAttempts', before: before?.failures ?? 0, after: 0 }, { field: 'lockedUntil', before: before?.locked_until ?? null, after: null }] }, at);
    });
    return this.signInState(actor, userId);
  }

  /** Self-service password change: needs the current password; the new one passes the policy; ends every other session of the user. */
  async changePassword(actor: Actor, currentSessionToken: string | null, currentPassword: string, newPassword: string): Promise<void> {
    const user = actor.userId ? await findUserById(this.db, actor.userId) : undefined;
    if (!user?.password_hash) throw unauthorized();
    const now = new Date();
    const locked = await lockedUntil(this.db, user.email, now);
    if (locked) throw lockedProblem(locked, now);
    if (!(await verifyPassword(currentPassword, user.password_hash))) {
      await this.signInFailed(user.email, user, actor.clientAddress ?? '', 'wrong-password', now);
      throw invalid('currentPassword', 'The current password is wrong');
    }
    assertPasswordAcceptable(newPassword, { email: user.email, displayName: user.display_name }, 'newPassword');
    const hash = await hashPassword(newPassword);
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ password_hash: hash, version: user.version + 1, updated_at: at }).where('id', '=', user.id).execute();
      const ended = await sessions.deleteSessionsOfUserExcept(trx, user.id, currentSessionToken ? tokenHash(currentSessionToken) : null);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'user.password-change', entityType: 'user', entityId: user.id, changes: [{ field: 'password', before: null, after: '(changed)' }, { field: 'sessionsEnded', before: null, after: ended }] }, at);
    });
  }

  /** Changes the signed-in user's own preferences (language of mails, reminder mails on or off). */
  async updatePreferences(actor: Actor, input: PreferencesUpdate): Promise<CurrentUser> {
    const user = actor.userId ? await findUserById(this.db, actor.userId) : undefined;
    if (!user) throw unauthorized();
    const next = { locale: input.locale ?? (user.locale === 'en' ? 'en' : 'de'), email_reminders: input.emailReminders === undefined ? user.email_reminders : input.emailReminders ? 1 : 0 };
    const changes = [
      ...(next.locale !== user.locale ? [{ field: 'locale', before: user.locale, after: next.locale }] : []),
      ...(next.email_reminders !== user.email_reminders ? [{ field: 'emailReminders', before: user.email_reminders === 1, after: next.email_reminders === 1 }] : []),
    ];
    if (changes.length > 0) {
      const at = new Date().toISOString();
      await this.db.transaction().execute(async (trx) => {
        await trx.updateTable('app_user').set({ ...next, version: user.version + 1, updated_at: at }).where('id', '=', user.id).execute();
        await appendAuditEvent(trx, this.database.dialect, actor, { action: 'user.preferences', entityType: 'user', entityId: user.id, changes }, at);
      });
    }
    return this.currentUser(user.id);
  }

  /**
   * Resolves a session cookie to an actor under the session policy in force (idle and absolute timeout, read from the
   * database on each request so every instance enforces the same). An ended session is removed and recorded as
   * `auth.session-expired`. `last_seen_at` is written at most once a minute. Without an actor, `ended` says why the
   * cookie no longer signs in: the timeout that ended it now, or `ended` when the session was already gone.
   * `removeEnded: false` (public routes and the web app's files) leaves an ended session for the next API request that
   * needs a sign-in, so that it, not the page load before it, learns and reports the reason.
   */
  async actorFromSession(token: string, clientAddress: string, removeEnded = true): Promise<{ actor: Actor | null; ended: SessionEndedReason | null }> {
    const id = tokenHash(token);
    // One round trip for the session, its user, the user's roles and the policies in force: this runs on every request.
    const session = await sessions.findSessionContext(this.db, id, { sessionPolicy: SESSION_POLICY_KEY, mfaPolicy: MFA_POLICY_KEY });
    if (!session) return { actor: null, ended: 'ended' };
    const policy = parseSessionPolicy(session.policy, this.sessionDefaults);
    const now = Date.now();
    const end = sessionEnd(session, policy);
    if (end.at <= now) {
      if (!removeEnded) return { actor: null, ended: end.reason };
      const user = await findUserById(this.db, session.user_id);
      await this.db.transaction().execute(async (trx) => {
        if (user) await this.recordExpiry(trx, id, user, clientAddress, end.reason, new Date(now).toISOString());
        else await sessions.deleteSession(trx, id);
      });
      return { actor: null, ended: end.reason };
    }
    let actor: Actor | null = null;
    if (session.user_active === 1 && session.user_email !== null && session.user_display_name !== null) {
      const user = { id: session.user_id, email: session.user_email, display_name: session.user_display_name, clearance: session.user_clearance ?? 'offen', password_hash: session.user_password_hash };
      const roles = session.roles;
      actor = { userId: user.id, label: actorLabel(user), assignments: roles, clientAddress, via: 'session', clearance: clearanceOf(user), sessionId: id };
      // Only administrators fall under the TOTP policy: the look-up of a confirmed secret stays off everyone else's requests.
      if (roles.some((a) => a.role === 'admin')) actor.mfaEnrolmentRequired = await mfaEnrolmentRequired(this.db, user, roles, parseMfaPolicy(session.mfa_policy));
    }
    if (actor && now - Date.parse(session.last_seen_at) > TOUCH_INTERVAL_MS) {
      const seen = new Date(now).toISOString();
      await sessions.touchSession(this.db, id, seen, new Date(sessionEnd({ created_at: session.created_at, last_seen_at: seen }, policy).at).toISOString());
    }
    return { actor, ended: actor ? null : 'ended' };
  }

  /**
   * Resolves a bearer API token to an actor carrying the token's limits. Audit events written for the request name
   * the token in the actor label; the first use in an hour also writes a `token.use` event with the request line.
   */
  async actorFromApiToken(token: string, clientAddress: string, requestLine = ''): Promise<Actor | null> {
    const row = await sessions.findApiToken(this.db, tokenHash(token));
    if (!row || row.revoked_at !== null || (row.expires_at !== null && Date.parse(row.expires_at) <= Date.now())) return null;
    const owner = await this.actorForUser(row.user_id, clientAddress, 'token');
    if (!owner) return null;
    const actor: Actor = {
      ...owner,
      label: tokenActorLabel(owner.label, row.id),
      limits: {
        tokenId: row.id,
        permissions: parseList(row.permissions) as Permission[] | null,
        systemIds: parseList(row.system_ids),
        orgUnitIds: parseList(row.org_unit_ids),
      },
    };
    const now = new Date();
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
      await this.db.updateTable('api_token').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
    }
    if (row.use_audited_at === null || now.getTime() - Date.parse(row.use_audited_at) >= TOKEN_USE_AUDIT_INTERVAL_MS) {
      await this.auditTokenUse(actor, row.id, requestLine, now);
    }
    return actor;
  }

  /** One `token.use` event per token and hour; the conditional update lets only one of concurrent requests write it. */
  private async auditTokenUse(actor: Actor, tokenId: string, requestLine: string, now: Date): Promise<void> {
    const at = now.toISOString();
    const cutoff = new Date(now.getTime() - TOKEN_USE_AUDIT_INTERVAL_MS).toISOString();
    await this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('api_token')
        .set({ use_audited_at: at })
        .where('id', '=', tokenId)
        .where((eb) => eb.or([eb('use_audited_at', 'is', null), eb('use_audited_at', '<=', cutoff)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return;
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'token.use',
        entityType: 'api_token',
        entityId: tokenId,
        changes: [{ field: 'request', before: null, after: requestLine }],
      }, at);
    });
  }

  private async actorForUser(userId: string, clientAddress: string, via: Actor['via']): Promise<Actor | null> {
    const user = await findUserById(this.db, userId);
    if (!user || user.active !== 1) return null;
    const roles = (await rolesOf(this.db, [user.id])).get(user.id) ?? [];
    return { userId: user.id, label: actorLabel(user), assignments: roles, clientAddress, via, clearance: clearanceOf(user) };
  }

  async currentUser(userId: string): Promise<CurrentUser> {
    const user = await findUserById(this.db, userId);
    if (!user) throw unauthorized();
    const roles = (await rolesOf(this.db, [user.id])).get(user.id) ?? [];
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      locale: user.locale === 'en' ? 'en' : 'de',
      emailReminders: user.email_reminders === 1,
      roles,
      permissions: heldPermissions(roles),
      clearance: clearanceOf(user),
      totpEnabled: await hasConfirmedTotp(this.db, user.id),
      signIn: user.password_hash === null ? 'sso' : 'password',
      mfaEnrolmentRequired: await mfaEnrolmentRequired(this.db, user, roles),
    };
  }
}
