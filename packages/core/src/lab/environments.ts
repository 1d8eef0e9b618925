import type { LabEnvironmentStatus, LabVerificationNeed } from '../schemas/lab.js';
import { addCalendarDays } from '../dates.js';

/** Verifications that end within this many days are "expiring" (reminder and badge). */
export const LAB_VERIFICATION_NOTICE_DAYS = 30;
/** A verification holds this many months unless the environment says otherwise. */
export const LAB_DEFAULT_VERIFICATION_MONTHS = 6;

/**
 * Whether a reference run lies within tolerance: |measured − expected| ≤ tolerance. A rounding allowance of a few
 * units in the last place keeps 0.71 against 0.70 ± 0.01 a pass, as a person would read it.
 */
export function verificationPassed(expected: number, measured: number, tolerance: number): boolean {
  const deviation = Math.abs(measured - expected);
  const slack = 1e-12 * Math.max(1, Math.abs(expected), Math.abs(measured), tolerance);
  return deviation <= tolerance + slack;
}

/** Adds calendar months to `YYYY-MM-DD`; a day past the target month's end becomes its last day (31 Aug + 6 → 28/29 Feb). */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** The default end of a verification's validity: verified on + the environment's months. */
export function defaultVerificationValidUntil(verifiedOn: string, months: number = LAB_DEFAULT_VERIFICATION_MONTHS): string {
  return addCalendarMonths(verifiedOn, months);
}

/** What the status rule needs of a verification. */
export interface VerificationFacts {
  passed: boolean;
  validUntil: string;
  /** The environment's configuration when it was verified. */
  containerDigest: string | null;
  driverVersion: string;
  /** When it was recorded (ISO timestamp); later recordings count over earlier ones. */
  recordedAt: string;
}

/** What the status rule needs of an environment: its current configuration and its verifications. */
export interface EnvironmentFacts {
  containerDigest: string | null;
  driverVersion: string;
  verifications: readonly VerificationFacts[];
}

export interface EnvironmentStatusResult {
  status: LabEnvironmentStatus;
  need: LabVerificationNeed | null;
  /** Valid-until of the latest passing verification, if any. */
  validUntil: string | null;
  /** Verified, and the verification ends within LAB_VERIFICATION_NOTICE_DAYS. */
  expiresSoon: boolean;
}

/**
 * The status of an environment on the calendar day `today` (use officeToday()):
 * - verification-needed when it was never verified, when the latest verification failed (it is out of service until a
 *   passing one), or when the container digest or driver changed since the latest passing verification;
 * - verified while the latest passing verification's valid-until is today or later;
 * - expired after that.
 */
export function environmentStatus(env: EnvironmentFacts, today: string): EnvironmentStatusResult {
  let latest: VerificationFacts | null = null;
  let latestPassing: VerificationFacts | null = null;
  for (const v of env.verifications) {
    if (latest === null || v.recordedAt > latest.recordedAt) latest = v;
    if (v.passed && (latestPassing === null || v.recordedAt > latestPassing.recordedAt)) latestPassing = v;
  }
  const validUntil = latestPassing?.validUntil ?? null;
  const needs = (need: LabVerificationNeed): EnvironmentStatusResult => ({ status: 'verification-needed', need, validUntil, expiresSoon: false });
  if (latestPassing === null) return needs(latest === null ? 'never-verified' : 'failed');
  if (latest !== null && !latest.passed) return needs('failed');
  if (latestPassing.containerDigest !== env.containerDigest || latestPassing.driverVersion !== env.driverVersion) return needs('configuration-changed');
  if (latestPassing.validUntil < today) return { status: 'expired', need: null, validUntil, expiresSoon: false };
  return { status: 'verified', need: null, validUntil, expiresSoon: latestPassing.validUntil <= addCalendarDays(today, LAB_VERIFICATION_NOTICE_DAYS) };
}
