import { createHash, randomBytes } from 'node:crypto';

/** Session and API tokens are random; only their SHA-256 is stored. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The CSRF token is derived from the session token, so it needs no storage and dies with the session. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}
