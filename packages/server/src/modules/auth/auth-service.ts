import type { CurrentUser, Permission, PreferencesUpdate } from '@konform/core';
import { heldPermissions } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AppUserTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, invalid, unauthorized } from '../../http/errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../auth/password.js';
import { newToken, tokenHash } from '../../auth/tokens.js';
import { clearanceOf, findUserByEmail, findUserById, rolesOf } from '../users/repository.js';
import * as sessions from './session-repository.js';
import { assertLocalLoginAllowed } from '../sso/break-glass.js';
import { consumeSecondFactor } from '../mfa/second-factor.js';
import { hasConfirmedTotp } from '../mfa/totp-repository.js';
import { mfaEnrolmentRequired } from '../mfa/policy.js';

const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 20;
const TOUCH_INTERVAL_MS = 60 * 1000;
/** A token's use is written to the audit trail at most once per this interval (plus every change it makes). */
export const TOKEN_USE_AUDIT_INTERVAL_MS = 60 * 60 * 1000;

export function actorLabel(user: Pick<AppUserTable, 'display_name' | 'email'>): string {
  return `${user.display_name} <${user.email}>`;
}

/** Everything a token does is recorded under its owner with the token's id, e.g. `Anna <a@x.de> via API token 5f…`. */
export function tokenActorLabel(ownerLabel: string, tokenId: string): string {
  return `${ownerLabel} via API token ${tokenId}`;
}

function parseList(text: string | null): string[] | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export class AuthService {
  constructor(
    private readonly database: Database,
    private readonly sessionHours: number,
  ) {}

  private get db() {
    return this.database.db;
  }

  /**
   * Checks the password with throttling per account and per address, then — for an account with TOTP — the code (or
   * a recovery code, used up); returns a new session token. Without a code such an account gets 401 `mfa-required`;
   * a wrong code counts as a failed attempt like a wrong password.
   */
  async login(email: string, password: string, clientAddress: string, code?: string): Promise<{ token: string; user: CurrentUser }> {
    const normalized = email.trim().toLowerCase();
    const now = new Date();
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
    const [byAccount, byAddress] = await Promise.all([
      sessions.countLoginFailures(this.db, 'email', normalized, since),
      sessions.countLoginFailures(this.db, 'client_address', clientAddress, since),
    ]);
    if (byAccount >= MAX_FAILURES_PER_ACCOUNT || byAddress >= MAX_FAILURES_PER_ADDRESS) {
      throw new HttpProblem(429, 'login-throttled', 'Too many failed sign-in attempts; try again in 15 minutes', undefined, {
        'retry-after': String(THROTTLE_WINDOW_MS / 1000),
      });
    }
    const user = await findUserByEmail(this.db, normalized);
    const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
    if (!user || !ok || user.active !== 1) {
      await sessions.recordLoginFailure(this.db, normalized, clientAddress, now.toISOString());
      throw unauthorized('E-mail address or password is wrong');
    }
    await assertLocalLoginAllowed(this.db, user.email);
    let secondFactor: 'totp' | 'recovery-code' | null = null;
    if (await hasConfirmedTotp(this.db, user.id)) {
      if (!code) throw new HttpProblem(401, 'mfa-required', 'Enter the code of your authenticator app', [{ path: 'code', message: 'Enter the code of your authenticator app' }]);
      secondFactor = await consumeSecondFactor(this.db, user.id, code, now);
      if (secondFactor === null) {
        await sessions.recordLoginFailure(this.db, normalized, clientAddress, now.toISOString());
        throw new HttpProblem(401, 'mfa-code-wrong', 'The code is wrong or was used already', [{ path: 'code', message: 'The code is wrong or was used already' }]);
      }
    }
    const token = newToken('ks');
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      await sessions.insertSession(trx, {
        id: tokenHash(token),
        user_id: user.id,
        created_at: at,
        last_seen_at: at,
        expires_at: new Date(now.getTime() + this.sessionHours * 3600_000).toISOString(),
        client_address: clientAddress,
      });
      await trx.updateTable('app_user').set({ last_login_at: at }).where('id', '=', user.id).execute();
      await sessions.clearLoginFailures(trx, normalized);
      // Housekeeping on the way: expired sessions and stale failure records serve no one.
      await sessions.deleteExpiredSessions(trx, at);
      await sessions.pruneLoginFailures(trx, since);
      const actor: Actor = { userId: user.id, label: actorLabel(user), assignments: [], clientAddress, via: 'session', clearance: clearanceOf(user) };
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, changes: secondFactor ? [{ field: 'secondFactor', before: null, after: secondFactor }] : [] }, at);
    });
    return { token, user: await this.currentUser(user.id) };
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

  /** Self-service password change: needs the current password; ends every other session of the user. */
  async changePassword(actor: Actor, currentSessionToken: string | null, currentPassword: string, newPassword: string): Promise<void> {
    const user = actor.userId ? await findUserById(this.db, actor.userId) : undefined;
    if (!user?.password_hash) throw unauthorized();
    const since = new Date(Date.now() - THROTTLE_WINDOW_MS).toISOString();
    if ((await sessions.countLoginFailures(this.db, 'email', user.email, since)) >= MAX_FAILURES_PER_ACCOUNT) {
      throw new HttpProblem(429, 'login-throttled', 'Too many failed attempts; try again in 15 minutes', undefined, { 'retry-after': String(THROTTLE_WINDOW_MS / 1000) });
    }
    if (!(await verifyPassword(currentPassword, user.password_hash))) {
      await sessions.recordLoginFailure(this.db, user.email, actor.clientAddress ?? '', new Date().toISOString());
      throw invalid('currentPassword', 'The current password is wrong');
    }
    const hash = await hashPassword(newPassword);
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ password_hash: hash, version: user.version + 1, updated_at: at }).where('id', '=', user.id).execute();
      let others = trx.deleteFrom('session').where('user_id', '=', user.id);
      if (currentSessionToken) others = others.where('id', '!=', tokenHash(currentSessionToken));
      await others.execute();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'user.password-change', entityType: 'user', entityId: user.id, changes: [{ field: 'password', before: null, after: '(changed)' }] }, at);
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

  /** Resolves a session cookie to an actor, sliding the expiry forward while the user is active. */
  async actorFromSession(token: string, clientAddress: string): Promise<Actor | null> {
    const id = tokenHash(token);
    const session = await sessions.findSession(this.db, id);
    const now = Date.now();
    if (!session || Date.parse(session.expires_at) <= now) return null;
    const actor = await this.actorForUser(session.user_id, clientAddress, 'session');
    if (actor) actor.sessionId = id;
    // Only administrators fall under the TOTP policy: the extra look-ups stay off everyone else's requests.
    if (actor?.assignments.some((a) => a.role === 'admin')) {
      actor.mfaEnrolmentRequired = await mfaEnrolmentRequired(this.db, { id: session.user_id, password_hash: await this.passwordHashOf(session.user_id) }, actor.assignments);
    }
    if (actor && now - Date.parse(session.last_seen_at) > TOUCH_INTERVAL_MS) {
      await sessions.touchSession(this.db, id, new Date(now).toISOString(), new Date(now + this.sessionHours * 3600_000).toISOString());
    }
    return actor;
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

  private async passwordHashOf(userId: string): Promise<string | null> {
    const row = await this.db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirst();
    return row?.password_hash ?? null;
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
