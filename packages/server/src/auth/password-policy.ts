import { readFileSync } from 'node:fs';
import { passwordRefusal, type PasswordRefusal } from '@konform/core';
import { HttpProblem } from '../http/errors.js';

/** The bundled list of common and breached passwords (assets/common-passwords/README.md): nothing is fetched. */
const LIST_URL = new URL('../../assets/common-passwords/passwords.txt', import.meta.url);

let breached: Set<string> | undefined;
/** Loaded once on first use; stored lower case and NFKC-normalised. */
function breachedList(): Set<string> {
  breached ??= new Set(readFileSync(LIST_URL, 'utf8').split('\n').filter((line) => line.length > 0));
  return breached;
}

export function isBreachedPassword(normalized: string): boolean {
  return breachedList().has(normalized.toLowerCase());
}

const MESSAGES: Record<PasswordRefusal, string> = {
  'too-short': 'The password must have at least 12 characters',
  'too-long': 'The password may have at most 1024 characters',
  breached: 'This password is on a list of common or breached passwords; choose another one',
  'contains-identity': 'The password may not contain your e-mail address, your name or the name of the product',
};

/**
 * Refuses a new password that breaks the policy with a 400 problem `password-<reason>` naming the field. Applies to
 * every password that is set (own change, administrator's create or reset, first administrator); existing passwords
 * are checked at their next change only.
 */
export function assertPasswordAcceptable(password: string, identity: { email?: string | null; displayName?: string | null }, field = 'password'): void {
  const reason = passwordRefusal(password, identity, isBreachedPassword);
  if (reason) throw new HttpProblem(400, `password-${reason}`, MESSAGES[reason], [{ path: field, message: MESSAGES[reason] }]);
}
