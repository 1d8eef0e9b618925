import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode, totpStep } from './totp.js';

// RFC 6238 appendix B, SHA-1 column: the seed is the ASCII text "12345678901234567890", 8 digits.
const SEED = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 appendix B test vectors (SHA-1)', () => {
    for (const [seconds, expected] of VECTORS) {
      expect(hotp(SEED, totpStep(seconds * 1000), 8)).toBe(expected);
      expect(totpCode(base32Encode(SEED), seconds * 1000, 8)).toBe(expected);
    }
  });

  it('matches the RFC 4226 appendix D HOTP values', () => {
    expect([0, 1, 2, 9].map((c) => hotp(SEED, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('round-trips base32 and refuses foreign characters', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb oi==').toString()).toBe('foobar');
    expect(() => base32Decode('M1')).toThrow();
  });

  it('accepts one step of drift either way, not two', () => {
    const secret = base32Encode(SEED);
    const at = 1_700_000_000_000;
    const step = totpStep(at);
    expect(matchTotp(secret, totpCode(secret, at, 6), at, null)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, at - 30_000, 6), at, null)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, at + 30_000, 6), at, null)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, at - 60_000, 6), at, null)).toBeNull();
    expect(matchTotp(secret, 'abcdef', at, null)).toBeNull();
  });

  it('refuses a replayed code and older ones', () => {
    const secret = base32Encode(SEED);
    const at = 1_700_000_000_000;
    const code = totpCode(secret, at, 6);
    const used = matchTotp(secret, code, at, null);
    expect(used).not.toBeNull();
    expect(matchTotp(secret, code, at, used)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, at - 30_000, 6), at, used)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, at + 30_000, 6), at, used)).toBe(used! + 1);
  });

  it('builds the otpauth URI', () => {
    expect(otpauthUri('ABC', 'a@b.de', 'Konform')).toBe('otpauth://totp/Konform:a%40b.de?secret=ABC&issuer=Konform&algorithm=SHA1&digits=6&period=30');
  });
});
