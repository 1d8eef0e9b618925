import type { Kysely, Transaction } from 'kysely';
import type { SignerCredentials } from '@konform/core';
import type { AppUserTable, DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { verifyPassword } from '../../auth/password.js';
import { HttpProblem, invalid } from '../../http/errors.js';
import { countLoginFailures } from '../auth/session-repository.js';
import { consumeSecondFactor } from '../mfa/second-factor.js';
import { hasConfirmedTotp } from '../mfa/totp-repository.js';
import { consumeReauthentication } from '../sso/reauth.js';

const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_ACCOUNT = 5;

/** Refuses (429) while the account has had too many failed sign-ins, signatures and code checks in the window. */
export async function assertNotThrottled(db: Kysely<DB>, email: string): Promise<void> {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS).toISOString();
  if ((await countLoginFailures(db, 'email', email, since)) >= MAX_FAILURES_PER_ACCOUNT) {
    throw new HttpProblem(429, 'login-throttled', 'Too many failed attempts; try again in 15 minutes', undefined, { 'retry-after': String(THROTTLE_WINDOW_MS / 1000) });
  }
}

/**
 * A wrong password or code at signing: the transaction rolls back, then the failure counts towards sign-in throttling
 * (`SignatureService.transaction` records it).
 */
export class SignerCredentialWrong extends HttpProblem {
  constructor(readonly email: string, path: 'password' | 'code') {
    super(400, 'validation', 'The request is invalid', [{ path, message: path === 'password' ? 'The password is wrong' : 'The code is wrong or was used already' }]);
  }
}

/**
 * Re-authenticates the signer at the moment of signing. A local account (with a password) gives the password and,
 * with TOTP enrolled, a current code or an unused recovery code (used up with the signature; a rollback restores it).
 * Missing credentials name their field (400); wrong ones throw `SignerCredentialWrong`.
 */
export async function verifySigner(trx: Transaction<DB>, actor: Actor, user: AppUserTable, credentials: SignerCredentials): Promise<void> {
  await assertNotThrottled(trx, user.email);
  if (user.password_hash === null) {
    // Single sign-on account (no local password): a fresh re-authentication at the provider on this session.
    await consumeReauthentication(trx, actor);
    return;
  }
  if (!credentials.password) throw invalid('password', 'Enter your password to sign');
  if (!(await verifyPassword(credentials.password, user.password_hash))) throw new SignerCredentialWrong(user.email, 'password');
  if (await hasConfirmedTotp(trx, user.id)) {
    if (!credentials.code) throw invalid('code', 'Enter the code of your authenticator app to sign');
    if ((await consumeSecondFactor(trx, user.id, credentials.code)) === null) throw new SignerCredentialWrong(user.email, 'code');
  }
}
