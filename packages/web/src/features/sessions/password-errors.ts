import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';

const REASONS = {
  'password-too-short': 'sessions.password.tooShort',
  'password-too-long': 'sessions.password.tooLong',
  'password-breached': 'sessions.password.breached',
  'password-contains-identity': 'sessions.password.containsIdentity',
} as const;

/** The translated reason why the server refused a new password (problem `password-*`), or undefined. */
export function passwordRefusalMessage(error: unknown, t: TFunction): string | undefined {
  if (!isApiError(error) || error.code === undefined || !(error.code in REASONS)) return undefined;
  return t(REASONS[error.code as keyof typeof REASONS]);
}

/** When a locked account may try again (problem `account-locked`), or null. */
export function lockedUntilOf(error: unknown): string | null {
  if (!isApiError(error) || error.code !== 'account-locked') return null;
  return error.problem.retryAt ?? null;
}
