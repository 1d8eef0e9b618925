import type { LabAuthorisationState, LabMethodStatus, LabValidationResult } from '../schemas/lab.js';
import { calendarDate } from '../dates.js';

/** What the validation rule needs of a recorded validation. */
export interface ValidationFacts {
  result: LabValidationResult;
  harnessVersion: string;
  /** When it was recorded (ISO timestamp); the latest recorded validation counts. */
  recordedAt: string;
}

/** The latest recorded validation, or null. */
export function latestValidation<T extends ValidationFacts>(validations: readonly T[]): T | null {
  let latest: T | null = null;
  for (const v of validations) if (latest === null || v.recordedAt > latest.recordedAt) latest = v;
  return latest;
}

/**
 * A method is validated only if its latest validation passed and was for the current harness version (ISO/IEC 17025
 * 7.2.2). A latest validation for another version means the version changed since: re-validation needed. None, or a
 * failed one for the current version: not validated.
 */
export function methodStatus(method: { harnessVersion: string }, validations: readonly ValidationFacts[]): LabMethodStatus {
  const latest = latestValidation(validations);
  if (latest === null) return 'not-validated';
  if (latest.harnessVersion !== method.harnessVersion) return 'revalidation-needed';
  return latest.result === 'passed' ? 'validated' : 'not-validated';
}

/** What the authorisation rule needs of a staff authorisation. */
export interface AuthorisationFacts {
  userId: string;
  /** First and last calendar day (Europe/Berlin) of the authorisation; until null = open-ended. */
  since: string;
  until: string | null;
  /** When it was withdrawn (ISO timestamp), or null. */
  revokedAt: string | null;
}

/** Whether an authorisation covers the instant `at`: its days include that day and it was not withdrawn by then. */
export function authorisationCovers(a: AuthorisationFacts, at: Date): boolean {
  const day = calendarDate(at);
  if (a.revokedAt !== null && Date.parse(a.revokedAt) <= at.getTime()) return false;
  return a.since <= day && (a.until === null || day <= a.until);
}

/** Whether the user holds an authorisation for the method at `at` (ISO/IEC 17025 6.2.6: only authorised staff record runs). */
export function isAuthorisedAt(authorisations: readonly AuthorisationFacts[], userId: string, at: Date): boolean {
  return authorisations.some((a) => a.userId === userId && authorisationCovers(a, at));
}

/** The state of an authorisation on a calendar day `today`. */
export function authorisationState(a: AuthorisationFacts, today: string): LabAuthorisationState {
  if (a.revokedAt !== null) return 'revoked';
  if (today < a.since) return 'pending';
  if (a.until !== null && a.until < today) return 'ended';
  return 'active';
}
