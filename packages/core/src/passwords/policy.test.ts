import { describe, expect, it } from 'vitest';
import { normalizePassword, passwordRefusal } from './policy.js';

const LIST = new Set(['password1234', 'qwertyuiop12']);
const breached = (p: string) => LIST.has(p.toLowerCase());
const anna = { email: 'anna.schmidt@behoerde.example', displayName: 'Anna Schmidt' };

describe('password policy (NIST SP 800-63B)', () => {
  it('needs at least 12 characters, counted as Unicode code points after NFKC', () => {
    expect(passwordRefusal('elf-zeichen', anna, breached)).toBe('too-short');
    expect(passwordRefusal('zwölf-zeichen', anna, breached)).toBeNull();
    // Twelve emoji are 24 UTF-16 units but twelve characters; eleven are too few.
    expect(passwordRefusal('🔒'.repeat(11), anna, breached)).toBe('too-short');
    expect(passwordRefusal('🔒'.repeat(12), anna, breached)).toBeNull();
  });

  it('accepts long passphrases with spaces and any script, and sets no composition rules', () => {
    expect(passwordRefusal('x'.repeat(64), anna, breached)).toBeNull();
    expect(passwordRefusal('a'.repeat(1024), anna, breached)).toBeNull();
    expect(passwordRefusal('a'.repeat(1025), anna, breached)).toBe('too-long');
    expect(passwordRefusal('der grüne baum steht im regen', anna, breached)).toBeNull();
    expect(passwordRefusal('Пароль для входа', anna, breached)).toBeNull();
    expect(passwordRefusal('alleskleinohneziffern', anna, breached)).toBeNull();
  });

  it('refuses passwords on the breached list, whatever their case', () => {
    expect(passwordRefusal('password1234', anna, breached)).toBe('breached');
    expect(passwordRefusal('PassWord1234', anna, breached)).toBe('breached');
    expect(passwordRefusal('password12345', anna, breached)).toBeNull();
  });

  it('checks the NFKC form: full-width letters are the same password', () => {
    expect(normalizePassword('ｐａｓｓｗｏｒｄ１２３４')).toBe('password1234');
    expect(passwordRefusal('ｐａｓｓｗｏｒｄ１２３４', anna, breached)).toBe('breached');
  });

  it('refuses the own e-mail address, its local part, the display name and the product name', () => {
    expect(passwordRefusal('anna.schmidt@behoerde.example', anna, breached)).toBe('contains-identity');
    expect(passwordRefusal('2026-Anna.Schmidt!', anna, breached)).toBe('contains-identity');
    expect(passwordRefusal('AnnaSchmidt-Sommer', anna, breached)).toBe('contains-identity');
    expect(passwordRefusal('mein Konform Zugang', anna, breached)).toBe('contains-identity');
    // Parts alone (a first name, a surname) are not refused: only the whole name or address.
    expect(passwordRefusal('Schmidt-Passwort-2026', anna, breached)).toBeNull();
    // Too short identity parts are ignored.
    expect(passwordRefusal('ein langes Kennwort', { email: 'al@x.de', displayName: 'Al' }, breached)).toBeNull();
  });
});
