import type { ApiToken } from '@konform/core';

export type TokenStatus = 'active' | 'revoked' | 'expired';

/** A revoked token stays revoked; otherwise it is expired once its expiry has passed. */
export function tokenStatus(token: Pick<ApiToken, 'expiresAt' | 'revokedAt'>, now: number = Date.now()): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}
