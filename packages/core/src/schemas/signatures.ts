import { z } from 'zod';
import { Id, PageQuery, Timestamp, optionalText } from './common.js';

/** Who did something: the user's id (null for the platform itself) and the label shown in records. */
export const PersonRef = z.object({ id: Id.nullable(), label: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

/** What a signature means: the same service signs classifications, risk acceptances, gates and document releases. */
export const SIGNATURE_MEANINGS = ['decided', 'approved', 'reviewed', 'released', 'accepted'] as const;
export const SignatureMeaning = z.enum(SIGNATURE_MEANINGS);
export type SignatureMeaning = z.infer<typeof SignatureMeaning>;

/** An electronic signature over one exact state of a record (SHA-256 of its canonical JSON). */
export const Signature = z.object({
  id: Id,
  entityType: z.string(),
  entityId: z.string(),
  meaning: SignatureMeaning,
  signer: PersonRef,
  signedAt: Timestamp,
  stateHash: z.string(),
  comment: z.string().nullable(),
});
export type Signature = z.infer<typeof Signature>;

export const SignatureListQuery = z.strictObject({
  entityType: z.string().trim().min(1).max(60),
  entityId: z.string().trim().min(1).max(100),
  ...PageQuery,
});
export type SignatureListQuery = z.infer<typeof SignatureListQuery>;

/** The stored hash against the hash of the record as it is now; currentHash is null where the state cannot be resolved. */
export const SignatureVerification = z.object({
  ok: z.boolean(),
  storedHash: z.string(),
  currentHash: z.string().nullable(),
});
export type SignatureVerification = z.infer<typeof SignatureVerification>;

/**
 * What a signer gives again at the moment of signing: the password of a local account and, with two-factor sign-in,
 * the current TOTP code (or a recovery code). Optional here; the server names the missing one.
 */
export const SignerCredentialFields = {
  password: z.string().max(1024).optional(),
  code: z.string().trim().max(64).optional(),
};
export const SignerCredentials = z.object(SignerCredentialFields);
export type SignerCredentials = z.infer<typeof SignerCredentials>;

/** Re-entering the credentials at the moment of signing, with an optional comment. */
export const SignatureInput = {
  ...SignerCredentialFields,
  comment: optionalText(2000).optional(),
};
