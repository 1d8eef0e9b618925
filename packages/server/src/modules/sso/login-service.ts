import { randomUUID } from 'node:crypto';
import type { Role, SsoOutcome } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AppUserTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { systemActor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { newToken, tokenHash } from '../../auth/tokens.js';
import { actorLabel, type AuthService } from '../auth/auth-service.js';
import { sessionEnd } from '../auth/session-policy.js';
import * as sessions from '../auth/session-repository.js';
import { clearanceOf, findUserByEmail, findUserById, insertUser, replaceRoles, rolesOf } from '../users/repository.js';
import type { SsoConfigService, SsoSettings } from './config-service.js';
import { ProviderCache, client } from './oidc.js';
import * as repo from './repository.js';

const STATE_TTL_MS = 10 * 60 * 1000;
/** Clock difference between Konform and the provider tolerated when comparing `auth_time` with the start of a re-authentication. */
const AUTH_TIME_SKEW_MS = 5 * 1000;

export type SsoPurpose = 'login' | 'reauth';

/** Where the browser goes after the provider's answer; `session` is a new session token (sign-in only). */
export interface SsoResult {
  redirect: string;
  session?: string;
}

interface Identity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
  authTime: number | null;
}

function refusedTo(outcome: SsoOutcome): SsoResult {
  return { redirect: `/login?sso=${outcome}` };
}

function stringClaim(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The groups claim may be a list or one value; nested claims are named with dots (e.g. `realm_access.roles`). */
function groupsOf(claims: Record<string, unknown>, name: string): string[] {
  let value: unknown = claims[name];
  if (value === undefined && name.includes('.')) {
    value = name.split('.').reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined), claims);
  }
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The role assignments the mapping grants for these groups (units that no longer exist are left out). */
async function mappedRoles(database: Database, settings: SsoSettings, groups: readonly string[]): Promise<{ orgUnitId: string; role: Role }[]> {
  const hits = settings.mappings.filter((m) => groups.includes(m.claimValue));
  const units = await repo.existingUnitIds(database.db, hits.map((m) => m.orgUnitId).filter((id) => id !== '*'));
  const roles = hits.filter((m) => m.orgUnitId === '*' || units.has(m.orgUnitId)).map((m) => ({ orgUnitId: m.orgUnitId, role: m.role }));
  return [...new Map(roles.map((r) => [`${r.orgUnitId}|${r.role}`, r])).values()].sort((a, b) => `${a.orgUnitId}|${a.role}`.localeCompare(`${b.orgUnitId}|${b.role}`));
}

/**
 * Sign-in and re-authentication with OpenID Connect: authorization code flow with PKCE (S256), `state` and `nonce`.
 * The pending request is a row (one-time, ten minutes) bound to the browser by a cookie holding the state.
 */
export class SsoLoginService {
  private readonly providers = new ProviderCache();

  constructor(
    private readonly database: Database,
    private readonly config: SsoConfigService,
    /** Opens sessions under the session policy (timeouts, housekeeping) like a password sign-in. */
    private readonly auth: AuthService,
  ) {}

  private async provider(settings: SsoSettings) {
    return this.providers.get(settings, `${settings.version}|${settings.issuer}|${settings.clientId}`);
  }

  /**
   * Starts an authorization request; returns the provider's URL and the state for the browser-binding cookie.
   * A re-authentication names the session it is for and forces a fresh login at the provider.
   */
  async start(purpose: SsoPurpose, redirectUri: string, returnTo: string, session?: { id: string; actor: Actor }): Promise<{ url: string; state: string } | { redirect: string }> {
    const settings = await this.config.active();
    if (!settings) return purpose === 'reauth' ? { redirect: '/sso/done?result=unavailable' } : refusedTo('unavailable');
    if (purpose === 'reauth') {
      const user = session ? await findUserById(this.database.db, session.actor.userId ?? '') : undefined;
      if (!user?.sso_subject || user.sso_issuer !== settings.issuer) return { redirect: '/sso/done?result=reauth-mismatch' };
    }
    const provider = await this.provider(settings);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    const now = new Date();
    await repo.pruneLoginStates(this.database.db, now.toISOString());
    await repo.insertLoginState(this.database.db, {
      id: tokenHash(state),
      purpose,
      nonce,
      code_verifier: verifier,
      return_to: returnTo,
      session_id: session?.id ?? null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + STATE_TTL_MS).toISOString(),
    });
    const parameters: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: settings.scopes.join(' '),
      response_type: 'code',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    };
    if (purpose === 'reauth') Object.assign(parameters, { prompt: 'login', max_age: '0' });
    return { url: client.buildAuthorizationUrl(provider, parameters).href, state };
  }

  /**
   * The provider's answer. `callbackUrl` is the full URL the browser called (with code, state, iss);
   * `boundState` is the state from the browser-binding cookie.
   */
  async callback(callbackUrl: URL, boundState: string | undefined, clientAddress: string): Promise<SsoResult> {
    const state = callbackUrl.searchParams.get('state') ?? '';
    const pending = state ? await repo.takeLoginState(this.database.db, tokenHash(state)) : undefined;
    const done = (result: string) => ({ redirect: `/sso/done?result=${result}` });
    if (!pending || boundState !== state || Date.parse(pending.expires_at) <= Date.now()) return refusedTo('expired');
    const fail = (outcome: SsoOutcome) => (pending.purpose === 'reauth' ? done(outcome === 'cancelled' ? 'cancelled' : 'failed') : refusedTo(outcome));
    if (callbackUrl.searchParams.get('error')) return fail('cancelled');
    const settings = await this.config.active();
    if (!settings) return fail('unavailable');
    let identity: Identity;
    try {
      const tokens = await client.authorizationCodeGrant(await this.provider(settings), callbackUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) return fail('failed');
      let claims: Record<string, unknown> & typeof idClaims = idClaims;
      // Providers that keep profile claims out of the ID token give them at the UserInfo endpoint (same subject checked).
      if ((idClaims[settings.groupsClaim] === undefined || idClaims.email === undefined) && tokens.access_token) {
        const info = await client.fetchUserInfo(await this.provider(settings), tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
      }
      identity = {
        issuer: claims.iss,
        subject: claims.sub,
        email: stringClaim(claims.email)?.toLowerCase() ?? null,
        emailVerified: claims.email_verified === true,
        name: stringClaim(claims.name) ?? stringClaim(claims.preferred_username),
        groups: groupsOf(claims, settings.groupsClaim),
        authTime: typeof claims.auth_time === 'number' ? claims.auth_time : null,
      };
    } catch {
      // The reason (bad signature, wrong audience, expired token, replayed code …) is not shown to the browser.
      return fail('failed');
    }
    if (pending.purpose === 'reauth') {
      return done(await this.reauthenticated(pending.session_id, pending.created_at, identity));
    }
    return this.signIn(settings, identity, clientAddress, pending.return_to);
  }

  /** Records a fresh login at the provider on the session it was started from; its user must be the subject. */
  private async reauthenticated(sessionId: string | null, startedAt: string, identity: Identity): Promise<'reauth-ok' | 'reauth-mismatch' | 'failed'> {
    const session = sessionId ? await sessions.findSession(this.database.db, sessionId) : undefined;
    if (!session || sessionEnd(session, await this.auth.sessionPolicy()).at <= Date.now()) return 'failed';
    const user = await findUserById(this.database.db, session.user_id);
    if (!user || user.sso_issuer !== identity.issuer || user.sso_subject !== identity.subject) return 'reauth-mismatch';
    if (identity.authTime === null || identity.authTime * 1000 < Date.parse(startedAt) - AUTH_TIME_SKEW_MS) return 'failed';
    const at = new Date().toISOString();
    await this.database.db.transaction().execute(async (trx) => {
      await repo.setSessionReauth(trx, session.id, at);
      const actor: Actor = { userId: user.id, label: actorLabel(user), assignments: [], clientAddress: null, via: 'session', clearance: clearanceOf(user), sessionId: session.id };
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'auth.sso-reauth', entityType: 'user', entityId: user.id, changes: [{ field: 'authTime', before: null, after: new Date(identity.authTime! * 1000).toISOString() }] }, at);
    });
    return 'reauth-ok';
  }

  /** First sign-in creates the account, later ones resync its roles from the claims; no mapped role, no entry. */
  private async signIn(settings: SsoSettings, identity: Identity, clientAddress: string, returnTo: string): Promise<SsoResult> {
    const roles = await mappedRoles(this.database, settings, identity.groups);
    const at = new Date().toISOString();
    const who = `${identity.name ?? identity.email ?? identity.subject} <${identity.email ?? identity.subject}> via ${settings.displayName}`;
    const platform: Actor = { ...systemActor(`single sign-on: ${who}`), clientAddress };
    const refuse = async (outcome: SsoOutcome, reason: string, userId?: string) => {
      await this.database.db.transaction().execute(async (trx) => {
        await appendAuditEvent(trx, this.database.dialect, platform, {
          action: 'auth.sso-refused', entityType: userId ? 'user' : 'sso_identity', entityId: userId ?? `${identity.issuer}#${identity.subject}`,
          changes: [{ field: 'reason', before: null, after: reason }, { field: 'groups', before: null, after: identity.groups }],
        }, at);
      });
      return refusedTo(outcome);
    };
    let user = await repo.findUserBySubject(this.database.db, identity.issuer, identity.subject);
    if (roles.length === 0) return refuse('refused', 'no mapped role', user?.id);
    if (user && user.active !== 1) return refuse('inactive', 'account deactivated', user.id);
    if (!user) {
      if (!identity.email) return refuse('failed', 'no email claim');
      const sameEmail = await findUserByEmail(this.database.db, identity.email);
      // An existing local account is linked only when the provider vouches for the address.
      if (sameEmail && (sameEmail.sso_subject || !identity.emailVerified)) return refuse('failed', 'email address belongs to another account', sameEmail.id);
      user = sameEmail;
    }
    const token = newToken('ks');
    const policy = await this.auth.sessionPolicy();
    await this.database.db.transaction().execute(async (trx) => {
      let row: AppUserTable;
      let before: { orgUnitId: string; role: Role }[] = [];
      if (!user) {
        row = {
          id: randomUUID(), email: identity.email!, display_name: identity.name ?? identity.email!, password_hash: null, locale: 'de', active: 1, version: 1,
          created_at: at, updated_at: at, last_login_at: null, email_reminders: 1, clearance: 'offen', sso_issuer: identity.issuer, sso_subject: identity.subject,
        };
        await insertUser(trx, row);
        await appendAuditEvent(trx, this.database.dialect, platform, {
          action: 'user.create', entityType: 'user', entityId: row.id,
          changes: [{ field: 'email', before: null, after: row.email }, { field: 'displayName', before: null, after: row.display_name }, { field: 'signIn', before: null, after: `sso ${identity.issuer}` }],
        }, at);
      } else {
        row = user;
        before = (await rolesOf(trx, [row.id])).get(row.id) ?? [];
        if (!row.sso_subject) {
          await trx.updateTable('app_user').set({ sso_issuer: identity.issuer, sso_subject: identity.subject, version: row.version + 1, updated_at: at }).where('id', '=', row.id).execute();
          await appendAuditEvent(trx, this.database.dialect, platform, { action: 'user.sso-link', entityType: 'user', entityId: row.id, changes: [{ field: 'signIn', before: null, after: `sso ${identity.issuer}` }] }, at);
        }
      }
      const sortKey = (r: { orgUnitId: string; role: string }) => `${r.orgUnitId}|${r.role}`;
      const beforeSorted = [...before].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      if (JSON.stringify(beforeSorted) !== JSON.stringify(roles)) {
        await replaceRoles(trx, row.id, roles);
        await appendAuditEvent(trx, this.database.dialect, platform, { action: 'user.sso-roles', entityType: 'user', entityId: row.id, changes: [{ field: 'roles', before: user ? beforeSorted : null, after: roles }] }, at);
      }
      await this.auth.openSession(trx, row, token, 'sso', clientAddress, policy, new Date(at));
      const actor: Actor = { userId: row.id, label: actorLabel(row), assignments: roles, clientAddress, via: 'session', clearance: clearanceOf(row) };
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'auth.login', entityType: 'user', entityId: row.id, changes: [{ field: 'method', before: null, after: 'sso' }] }, at);
    });
    return { redirect: returnTo, session: token };
  }
}
