import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assertPasswordAcceptable, isBreachedPassword } from './password-policy.js';
import { HttpProblem } from '../http/errors.js';

describe('the bundled breached-password list', () => {
  it('has at least 10,000 entries, lower case, one a line', () => {
    const lines = readFileSync(new URL('../../assets/common-passwords/passwords.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(10_000);
    expect(lines.every((l) => l === l.toLowerCase())).toBe(true);
  });

  it('knows common passwords case-insensitively and leaves others alone', () => {
    expect(isBreachedPassword('qwertyuiop123')).toBe(true);
    expect(isBreachedPassword('QwertyUIOP123')).toBe(true);
    expect(isBreachedPassword('correct-horse-battery-staple')).toBe(false);
  });

  it('refuses with a problem naming the field and the reason', () => {
    const refusal = (() => {
      try {
        assertPasswordAcceptable('1q2w3e4r5t6y', { email: 'a@b.example' }, 'newPassword');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(HttpProblem);
    expect(refusal).toMatchObject({ status: 400, code: 'password-breached', errors: [{ path: 'newPassword', message: expect.any(String) }] });
  });
});
