/**
 * Password policy after NIST SP 800-63B (5.1.1.2): a minimum length, a generous maximum, every character allowed
 * (Unicode, spaces), NFKC-normalised, no composition rules and no periodic expiry; refused when the password is on a
 * list of breached or common passwords, or when it contains the account's own e-mail address or name, or the product's
 * name. Pure: the breached list is handed in by the caller (the server loads its bundled list once).
 */
export const PASSWORD_MIN_LENGTH = 12;
/** The longest password accepted (in characters); 800-63B asks for at least 64. */
export const PASSWORD_MAX_LENGTH = 1024;
/** Parts of an identity shorter than this are too common to refuse a password for (e.g. "al"). */
const MIN_IDENTITY_PART = 4;
/** Context-specific words refused in any password (800-63B: "the name of the service"). */
const PRODUCT_WORDS = ['konform'];

export type PasswordRefusal = 'too-short' | 'too-long' | 'breached' | 'contains-identity';

/** The form that is hashed and checked: NFKC, so that look-alike compositions of one password are one password. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Letters and digits only, lower case: `Lena.Leitung` and `lena leitung` compare alike. */
function squashed(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** What the password may not contain: the whole e-mail, its local part, the display name (each squashed), the product. */
function identityParts(identity: { email?: string | null; displayName?: string | null }): string[] {
  const email = identity.email?.trim().toLowerCase() ?? '';
  const parts = [email, email.split('@')[0] ?? '', identity.displayName ?? '', ...PRODUCT_WORDS].map(squashed);
  return [...new Set(parts.filter((p) => [...p].length >= MIN_IDENTITY_PART))];
}

/**
 * Why a new password is refused, or null when it is acceptable. Length counts Unicode code points of the NFKC form.
 * `isBreached` receives the NFKC form and answers case-insensitively.
 */
export function passwordRefusal(
  password: string,
  identity: { email?: string | null; displayName?: string | null },
  isBreached: (normalized: string) => boolean,
): PasswordRefusal | null {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'too-long';
  if (isBreached(normalized)) return 'breached';
  const flat = squashed(normalized);
  if (identityParts(identity).some((part) => flat.includes(part))) return 'contains-identity';
  return null;
}
