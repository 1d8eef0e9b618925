import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { base32Encode, matchTotp } from '@konform/core/totp';
import type { DB } from '../../db/schema.js';
import * as repo from './totp-repository.js';

export const RECOVERY_CODE_COUNT = 10;

/** Recovery codes are compared without case, spaces or hyphens. */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');
}

/** Ten new codes like `k3m9x-p2q7a` (50 random bits each); returns the texts and the rows holding their hashes. */
export function newRecoveryCodes(userId: string, at: string) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
  const rows = codes.map((code) => ({ id: randomUUID(), user_id: userId, code_hash: recoveryCodeHash(code), used_at: null, created_at: at }));
  return { codes, rows };
}

/**
 * Checks a second factor and uses it up: a 6-digit TOTP code of the confirmed secret (its step is remembered, so the
 * same code and older ones are refused afterwards), or an unused recovery code (marked used). Returns how the person
 * proved it, or null when the code is wrong, replayed or the user has no confirmed TOTP.
 */
export async function consumeSecondFactor(db: Kysely<DB>, userId: string, code: string, now = new Date()): Promise<'totp' | 'recovery-code' | null> {
  const totp = await repo.findTotp(db, userId);
  if (!totp?.confirmed_at) return null;
  const clean = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(clean)) {
    const step = matchTotp(totp.secret, clean, now.getTime(), totp.last_step);
    return step !== null && (await repo.claimStep(db, userId, step)) ? 'totp' : null;
  }
  return (await repo.useRecoveryCode(db, userId, recoveryCodeHash(clean), now.toISOString())) ? 'recovery-code' : null;
}
