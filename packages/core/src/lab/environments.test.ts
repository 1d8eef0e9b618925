import { describe, expect, it } from 'vitest';
import { addCalendarMonths, defaultVerificationValidUntil, environmentStatus, verificationPassed, type VerificationFacts } from './environments.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;
const ver = (over: Partial<VerificationFacts> = {}): VerificationFacts => ({
  passed: true, validUntil: '2027-05-01', containerDigest: DIGEST, driverVersion: '550.54', recordedAt: '2026-11-01T10:00:00Z', ...over,
});
const env = (verifications: VerificationFacts[], over: { containerDigest?: string | null; driverVersion?: string } = {}) => ({ containerDigest: DIGEST, driverVersion: '550.54', verifications, ...over });

describe('verificationPassed', () => {
  it('passes within the tolerance, at its edge, and fails outside', () => {
    expect(verificationPassed(0.7, 0.705, 0.01)).toBe(true);
    expect(verificationPassed(0.7, 0.71, 0.01)).toBe(true); // 0.71 − 0.70 is 0.010000000000000009 in binary
    expect(verificationPassed(0.7, 0.69, 0.01)).toBe(true);
    expect(verificationPassed(0.7, 0.7101, 0.01)).toBe(false);
    expect(verificationPassed(0.7, 0.6899, 0.01)).toBe(false);
    expect(verificationPassed(42, 42, 0)).toBe(true);
    expect(verificationPassed(42, 42.000001, 0)).toBe(false);
  });
});

describe('addCalendarMonths', () => {
  it('adds months and clamps to the month end', () => {
    expect(addCalendarMonths('2026-11-26', 6)).toBe('2027-05-26');
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addCalendarMonths('2026-01-31', 24)).toBe('2028-01-31');
    expect(defaultVerificationValidUntil('2026-11-26')).toBe('2027-05-26');
  });
});

describe('environmentStatus', () => {
  it('needs a verification before the first one', () => {
    expect(environmentStatus(env([]), '2026-11-26')).toEqual({ status: 'verification-needed', need: 'never-verified', validUntil: null, expiresSoon: false });
  });
  it('is verified up to and including the valid-until day, expired after it', () => {
    const e = env([ver({ validUntil: '2027-05-01' })]);
    expect(environmentStatus(e, '2026-11-26')).toMatchObject({ status: 'verified', validUntil: '2027-05-01', expiresSoon: false });
    expect(environmentStatus(e, '2027-04-01')).toMatchObject({ status: 'verified', expiresSoon: true });
    expect(environmentStatus(e, '2027-05-01')).toMatchObject({ status: 'verified', expiresSoon: true });
    expect(environmentStatus(e, '2027-05-02')).toMatchObject({ status: 'expired', validUntil: '2027-05-01' });
  });
  it('a failed reference run takes it out of service, even while an earlier pass is still valid', () => {
    expect(environmentStatus(env([ver({ passed: false })]), '2026-11-26')).toMatchObject({ status: 'verification-needed', need: 'failed', validUntil: null });
    const failedAfterPass = env([ver(), ver({ passed: false, recordedAt: '2026-11-20T10:00:00Z' })]);
    expect(environmentStatus(failedAfterPass, '2026-11-26')).toMatchObject({ status: 'verification-needed', need: 'failed' });
    const passAfterFail = env([ver({ passed: false }), ver({ recordedAt: '2026-11-20T10:00:00Z' })]);
    expect(environmentStatus(passAfterFail, '2026-11-26').status).toBe('verified');
  });
  it('needs verification after the container digest or the driver changed', () => {
    expect(environmentStatus(env([ver()], { containerDigest: OTHER }), '2026-11-26')).toMatchObject({ status: 'verification-needed', need: 'configuration-changed' });
    expect(environmentStatus(env([ver()], { driverVersion: '560.1' }), '2026-11-26')).toMatchObject({ status: 'verification-needed', need: 'configuration-changed' });
    expect(environmentStatus(env([ver()], { containerDigest: null }), '2026-11-26').need).toBe('configuration-changed');
    // A new verification for the new configuration counts again.
    const reverified = env([ver(), ver({ containerDigest: OTHER, recordedAt: '2026-11-25T10:00:00Z' })], { containerDigest: OTHER });
    expect(environmentStatus(reverified, '2026-11-26').status).toBe('verified');
  });
});
