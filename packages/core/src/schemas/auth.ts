import { z } from 'zod';
import { PERMISSIONS, Role } from '../permissions.js';
import { Id } from './common.js';
import { Marking } from '../access/clearance.js';

export const LoginRequest = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
  /** The current TOTP code, or one of the recovery codes, when the account has two-factor sign-in. */
  code: z.string().trim().min(1).max(64).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RoleAssignment = z.object({ orgUnitId: Id, role: Role });
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const CurrentUser = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(['de', 'en']),
  /** Reminders are also sent by e-mail (when the server has SMTP configured). */
  emailReminders: z.boolean(),
  roles: z.array(RoleAssignment),
  /** Permissions the user holds in at least one unit: the UI shows only what the user may do. */
  permissions: z.array(z.string()),
  /** The highest classification level the user may read (VS-NfD need-to-know). */
  clearance: Marking,
  /** The account signs in with a TOTP code as second factor (and signs records with one). */
  totpEnabled: z.boolean(),
  /** How the person signs in: a local password, or single sign-on (no local password). */
  signIn: z.enum(['password', 'sso']),
  /** An administrator without TOTP while the policy requires it: only sign-in and enrolment routes answer. */
  mfaEnrolmentRequired: z.boolean(),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const SessionResponse = z.object({
  user: CurrentUser,
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** PATCH /api/auth/preferences: the signed-in user's own settings; the language also chooses the language of mails. */
export const PreferencesUpdate = z.strictObject({
  locale: z.enum(['de', 'en']).optional(),
  emailReminders: z.boolean().optional(),
});
export type PreferencesUpdate = z.infer<typeof PreferencesUpdate>;

export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  /** Checked like `Password` (users.ts): plainly short here, then by the password policy (`password-*` problems naming it). */
  newPassword: z.string().min(12).max(1024),
});
export type PasswordChange = z.infer<typeof PasswordChange>;

/** A named reference shown with a token's limits. */
const NamedRef = z.object({ id: Id, name: z.string() });

/**
 * Personal API tokens for machines (CI pipelines). A token acts with its owner's roles, narrowed by its limits:
 * `permissions` (null = all of the owner's permissions), `systems` and `orgUnits` (null = everywhere the owner acts).
 */
export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  permissions: z.array(z.enum(PERMISSIONS)).nullable(),
  systems: z.array(NamedRef).nullable(),
  orgUnits: z.array(NamedRef).nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Days until expiry; at most two years. */
  expiresInDays: z.number().int().min(1).max(730).default(90),
  /** `area.verb` permissions the token may use; each one the creator holds somewhere. Left out: all of the owner's. */
  permissions: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length).optional(),
  /** The token acts only for these AI systems (each in the creator's scope). Left out: no system limit. */
  systemIds: z.array(Id).min(1).max(200).optional(),
  /** The token acts only in these organisational units and their sub-units. Left out: no unit limit. */
  orgUnitIds: z.array(Id).min(1).max(200).optional(),
});
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

/** Returned once at creation: the secret itself is never stored and cannot be shown again. */
export const ApiTokenCreated = ApiToken.extend({ token: z.string() });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

/** One open session of a person, as shown on the account page and in the user administration. */
export const SessionInfo = z.object({
  /** The session's id (SHA-256 of its token: not the token, cannot be used to sign in). */
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** When the session ends at the latest without further activity (idle or absolute timeout, the earlier). */
  expiresAt: z.string(),
  clientAddress: z.string().nullable(),
  signIn: z.enum(['password', 'sso']),
  /** The session this request came with. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** POST /api/auth/sessions/end-all: sign out everywhere; `keepCurrent` keeps the session making the request. */
export const EndSessions = z.strictObject({ keepCurrent: z.boolean().default(true) });
export type EndSessions = z.infer<typeof EndSessions>;

export const EndedSessions = z.object({ ended: z.number().int() });
export type EndedSessions = z.infer<typeof EndedSessions>;

/**
 * Session timeouts set by an administrator (stored in the database, so every instance enforces the same):
 * a session ends after `idleMinutes` without a request, and `absoluteHours` after sign-in whatever happens.
 */
export const SessionPolicy = z.strictObject({
  idleMinutes: z.number().int().min(5).max(24 * 60),
  absoluteHours: z.number().int().min(1).max(30 * 24),
});
export type SessionPolicy = z.infer<typeof SessionPolicy>;

/** An account's sign-in state for administrators: open sessions and the lockout after failed attempts. */
export const UserSignInState = z.object({
  sessions: z.array(SessionInfo),
  failedAttempts: z.number().int(),
  lockedUntil: z.string().nullable(),
  /** Whether the person signs in with a confirmed second factor (TOTP); an administrator can reset it. */
  twoFactor: z.boolean(),
});
export type UserSignInState = z.infer<typeof UserSignInState>;
