import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { HttpProblem } from '../../http/errors.js';
import { consumeSessionReauth } from './repository.js';

/** How long a re-authentication at the identity provider stays good for one signature. */
export const REAUTH_VALID_MS = 5 * 60 * 1000;

/**
 * A signature by an account without password needs a re-authentication at the provider on this very session, at most
 * five minutes old; the signature uses it up (one signature per re-authentication; a rollback restores it).
 */
export async function consumeReauthentication(db: Kysely<DB>, actor: Actor): Promise<void> {
  const since = new Date(Date.now() - REAUTH_VALID_MS).toISOString();
  if (!actor.sessionId || !(await consumeSessionReauth(db, actor.sessionId, since))) {
    throw new HttpProblem(403, 'reauth-required', 'Re-authenticate at the identity provider (at most 5 minutes ago) before signing');
  }
}
