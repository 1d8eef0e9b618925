import { z } from 'zod';
import { Role } from '../permissions.js';
import { Id, Timestamp } from './common.js';

/** Whether local accounts may still sign in with a password while single sign-on is on. */
export const LOCAL_LOGIN_MODES = ['on', 'break-glass-only'] as const;
export const LocalLoginMode = z.enum(LOCAL_LOGIN_MODES);
export type LocalLoginMode = z.infer<typeof LocalLoginMode>;

/** One value of the groups claim and the role it grants in a unit ('*' for every unit). */
export const SsoMapping = z.strictObject({
  claimValue: z.string().trim().min(1).max(200),
  role: Role,
  orgUnitId: z.union([Id, z.literal('*')]),
});
export type SsoMapping = z.infer<typeof SsoMapping>;

/** GET /api/security/sso: the configuration; the client secret is never returned, only whether it is set. */
export const SsoConfig = z.object({
  enabled: z.boolean(),
  displayName: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
  scopes: z.array(z.string()),
  groupsClaim: z.string(),
  mappings: z.array(SsoMapping),
  localLogin: LocalLoginMode,
  breakGlassEmails: z.array(z.string()),
  /** The redirect URI to register at the identity provider. */
  redirectUri: z.string(),
  version: z.number().int(),
  updatedAt: Timestamp.nullable(),
  updatedBy: z.string().nullable(),
});
export type SsoConfig = z.infer<typeof SsoConfig>;

const scopeToken = z.string().trim().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'A scope is one word without spaces or quotes').max(100);

/** PUT /api/security/sso. `clientSecret` omitted or empty keeps the stored secret. */
export const SsoConfigUpdate = z.strictObject({
  enabled: z.boolean(),
  displayName: z.string().trim().min(1).max(80),
  issuer: z.url({ protocol: /^https?$/ }).max(500),
  clientId: z.string().trim().min(1).max(200),
  clientSecret: z.string().max(500).optional(),
  scopes: z.array(scopeToken).max(20).default(['openid', 'profile', 'email']),
  groupsClaim: z.string().trim().min(1).max(100).default('groups'),
  mappings: z.array(SsoMapping).max(200),
  localLogin: LocalLoginMode,
  breakGlassEmails: z.array(z.email().max(254)).max(20),
  version: z.number().int().min(0),
});
export type SsoConfigUpdate = z.infer<typeof SsoConfigUpdate>;

/** GET /api/auth/sso: what the sign-in page needs to offer single sign-on. */
export const SsoStatus = z.object({
  enabled: z.boolean(),
  displayName: z.string().nullable(),
  localLogin: LocalLoginMode,
});
export type SsoStatus = z.infer<typeof SsoStatus>;

/** Where the browser returns after signing in: a path inside Konform only. */
export const SsoStartQuery = z.strictObject({
  returnTo: z.string().max(500).regex(/^\/(?![/\\])[^\s]*$/, 'A path inside Konform').optional(),
});
export type SsoStartQuery = z.infer<typeof SsoStartQuery>;

/** The provider's redirect back: code and state, or an error. Other parameters (iss, session_state) pass through. */
export const SsoCallbackQuery = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});
export type SsoCallbackQuery = z.infer<typeof SsoCallbackQuery>;

/** Why a single sign-on ended on the sign-in page (?sso=…): the page shows the matching message. */
export const SSO_OUTCOMES = ['refused', 'failed', 'expired', 'inactive', 'unavailable', 'cancelled', 'reauth-ok', 'reauth-mismatch'] as const;
export type SsoOutcome = (typeof SSO_OUTCOMES)[number];
