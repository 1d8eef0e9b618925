import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { HttpProblem } from '../../http/errors.js';
import { findConfig } from './repository.js';

/**
 * With single sign-on on and local sign-in set to `break-glass-only`, only the listed accounts may sign in with a
 * password. Called after the password has been checked, so the answer reveals nothing about unknown accounts.
 */
export async function assertLocalLoginAllowed(db: Kysely<DB>, email: string): Promise<void> {
  const config = await findConfig(db);
  if (!config || config.enabled !== 1 || config.local_login !== 'break-glass-only') return;
  const allowed = JSON.parse(config.break_glass_emails) as string[];
  if (!allowed.includes(email.trim().toLowerCase())) {
    throw new HttpProblem(403, 'local-login-disabled', 'Sign in with single sign-on; password sign-in is reserved for break-glass accounts');
  }
}
