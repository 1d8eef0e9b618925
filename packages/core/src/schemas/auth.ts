import { z } from 'zod';
import { Role } from '../permissions.js';
import { Id } from './common.js';

export const LoginRequest = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
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
  newPassword: z.string().min(12).max(1024),
});
export type PasswordChange = z.infer<typeof PasswordChange>;

/** Personal API tokens for machines (CI pipelines); a token acts with its owner's roles. */
export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Days until expiry; at most two years. */
  expiresInDays: z.number().int().min(1).max(730).default(90),
});
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

/** Returned once at creation: the secret itself is never stored and cannot be shown again. */
export const ApiTokenCreated = ApiToken.extend({ token: z.string() });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;
