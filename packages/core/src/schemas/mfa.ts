import { z } from 'zod';

/** A 6-digit TOTP code (spaces allowed, as apps show "123 456"). */
const TotpCode = z.string().trim().min(1).max(64);

/** GET /api/mfa: the signed-in user's two-factor state. */
export const MfaStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  /** Recovery codes not used yet. */
  recoveryCodesLeft: z.number().int(),
  /** The administrator policy applies to this user and they have not enrolled yet. */
  enrolmentRequired: z.boolean(),
});
export type MfaStatus = z.infer<typeof MfaStatus>;

/** POST /api/mfa/enrolment: a new secret (not active until confirmed with a code). */
export const MfaEnrolment = z.object({
  /** base32, for typing into an authenticator app. */
  secret: z.string(),
  otpauthUri: z.string(),
  /** The QR code of the URI as an SVG data URL, rendered by the server (no internet). */
  qrCode: z.string(),
});
export type MfaEnrolment = z.infer<typeof MfaEnrolment>;

export const MfaCodeInput = z.strictObject({ code: TotpCode });
export type MfaCodeInput = z.infer<typeof MfaCodeInput>;

export const MfaDisable = z.strictObject({ password: z.string().max(1024).optional(), code: TotpCode });
export type MfaDisable = z.infer<typeof MfaDisable>;

/** Shown once: the codes are stored only as hashes. */
export const MfaRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type MfaRecoveryCodes = z.infer<typeof MfaRecoveryCodes>;

/** GET/PUT /api/security/mfa-policy. */
export const MfaPolicy = z.strictObject({
  /** Administrators must sign in with TOTP; one without it may only enrol. */
  requiredForAdmins: z.boolean(),
});
export type MfaPolicy = z.infer<typeof MfaPolicy>;
