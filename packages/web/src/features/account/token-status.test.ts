import { describe, expect, it } from 'vitest';
import { tokenStatus } from './token-status';

const now = Date.parse('2026-03-01T12:00:00Z');

describe('tokenStatus', () => {
  it('is active before expiry and without revocation', () => {
    expect(tokenStatus({ expiresAt: '2026-03-02T00:00:00Z', revokedAt: null }, now)).toBe('active');
    expect(tokenStatus({ expiresAt: null, revokedAt: null }, now)).toBe('active');
  });

  it('is expired from the moment of expiry', () => {
    expect(tokenStatus({ expiresAt: '2026-03-01T12:00:00Z', revokedAt: null }, now)).toBe('expired');
  });

  it('reports revocation before expiry', () => {
    expect(tokenStatus({ expiresAt: '2026-01-01T00:00:00Z', revokedAt: '2025-12-01T00:00:00Z' }, now)).toBe('revoked');
  });
});
