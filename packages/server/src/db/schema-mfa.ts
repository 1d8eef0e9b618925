// Table types of two-factor sign-in (TOTP): the secret per user and the one-time recovery codes.
export interface UserTotpTable {
  user_id: string;
  /** base32 secret, stored as is (see modules/mfa/totp-repository.ts for why it is not encrypted). */
  secret: string;
  confirmed_at: string | null;
  /** The last accepted 30-second step (an integer until the year 4010). */
  last_step: number | null;
  created_at: string;
}

export interface UserRecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string; // SHA-256 hex of the normalised code
  used_at: string | null;
  created_at: string;
}
