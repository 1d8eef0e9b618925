import { describe, expect, it } from 'vitest';
import { authorisationState, isAuthorisedAt, latestValidation, methodStatus, type AuthorisationFacts } from './methods.js';

const v = (result: 'passed' | 'failed', harnessVersion: string, recordedAt: string) => ({ result, harnessVersion, recordedAt });

describe('methodStatus', () => {
  it('is not validated without a validation', () => {
    expect(methodStatus({ harnessVersion: '0.4.5' }, [])).toBe('not-validated');
  });
  it('is validated when the latest validation passed for the current version', () => {
    expect(methodStatus({ harnessVersion: '0.4.5' }, [v('failed', '0.4.5', '2026-11-01T10:00:00Z'), v('passed', '0.4.5', '2026-11-02T10:00:00Z')])).toBe('validated');
  });
  it('is not validated when the latest validation for the current version failed, even after an earlier pass', () => {
    expect(methodStatus({ harnessVersion: '0.4.5' }, [v('passed', '0.4.5', '2026-11-01T10:00:00Z'), v('failed', '0.4.5', '2026-11-02T10:00:00Z')])).toBe('not-validated');
  });
  it('needs re-validation when the version changed since the latest validation', () => {
    const validations = [v('passed', '0.4.5', '2026-11-01T10:00:00Z')];
    expect(methodStatus({ harnessVersion: '0.4.7' }, validations)).toBe('revalidation-needed');
    // Changing back to the validated version restores the status: the rule compares versions, not edits.
    expect(methodStatus({ harnessVersion: '0.4.5' }, validations)).toBe('validated');
  });
  it('counts the latest recorded validation, whatever the order of the list', () => {
    const list = [v('passed', '2', '2026-11-03T00:00:00Z'), v('passed', '1', '2026-11-01T00:00:00Z')];
    expect(latestValidation(list)?.harnessVersion).toBe('2');
    expect(methodStatus({ harnessVersion: '2' }, list)).toBe('validated');
  });
});

describe('staff authorisation', () => {
  const a = (over: Partial<AuthorisationFacts> = {}): AuthorisationFacts => ({ userId: 'u1', since: '2026-11-01', until: null, revokedAt: null, ...over });
  it('covers the days from since to until (Berlin calendar days)', () => {
    const until = a({ until: '2026-11-30' });
    expect(isAuthorisedAt([until], 'u1', new Date('2026-10-31T22:59:00Z'))).toBe(false); // 31 Oct 23:59 in Berlin
    expect(isAuthorisedAt([until], 'u1', new Date('2026-10-31T23:00:00Z'))).toBe(true); // 1 Nov 00:00 in Berlin
    expect(isAuthorisedAt([until], 'u1', new Date('2026-11-30T22:59:00Z'))).toBe(true);
    expect(isAuthorisedAt([until], 'u1', new Date('2026-11-30T23:00:00Z'))).toBe(false);
    expect(isAuthorisedAt([a()], 'u1', new Date('2030-01-01T12:00:00Z'))).toBe(true);
  });
  it('names the user', () => {
    expect(isAuthorisedAt([a()], 'u2', new Date('2026-11-10T12:00:00Z'))).toBe(false);
  });
  it('ends at the instant of withdrawal, but still covers what happened before it', () => {
    const revoked = a({ revokedAt: '2026-11-10T12:00:00.000Z' });
    expect(isAuthorisedAt([revoked], 'u1', new Date('2026-11-10T11:59:59Z'))).toBe(true);
    expect(isAuthorisedAt([revoked], 'u1', new Date('2026-11-10T12:00:00Z'))).toBe(false);
  });
  it('states pending, active, ended and revoked', () => {
    expect(authorisationState(a(), '2026-10-31')).toBe('pending');
    expect(authorisationState(a({ until: '2026-11-30' }), '2026-11-30')).toBe('active');
    expect(authorisationState(a({ until: '2026-11-30' }), '2026-12-01')).toBe('ended');
    expect(authorisationState(a({ revokedAt: '2026-11-10T12:00:00Z' }), '2026-11-05')).toBe('revoked');
  });
});
