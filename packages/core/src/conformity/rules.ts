import { addCalendarDays } from '../dates.js';
import type { AssessmentStatus, CertificateValidity, ConformityProcedure, FollowUpKind } from '../schemas/conformity.js';

/**
 * Pure rules of the conformity assessment (Art. 43, Annexes VI and VII) and of change control (Art. 3(23), 43(4)).
 * The server stores and signs; these functions decide order, completion, validity and follow-ups.
 */

/** Annex VI internal control, in the order the annex gives its points 2 to 4. */
export const ANNEX_VI_STEPS = ['qms', 'technical-documentation', 'consistency'] as const;
export type AnnexViStep = (typeof ANNEX_VI_STEPS)[number];

export const CONFORMITY_PROCEDURES = ['annex-vi', 'annex-vii'] as const;

export const ASSESSMENT_STATUSES = ['in-progress', 'completed', 'reopened'] as const;

/** Who assesses under Annex VII: a notified body, or the market surveillance authority (Annex III point 1 uses by law enforcement, migration, asylum). */
export const ASSESSING_BODY_KINDS = ['notified-body', 'market-surveillance-authority'] as const;

export interface StepState {
  key: AnnexViStep;
  prepared: boolean;
  signed: boolean;
}

/** Why a step cannot be signed now, or null when it can: it must be prepared, unsigned, and every earlier step signed. */
export function stepSignRefusal(steps: readonly StepState[], key: AnnexViStep): 'not-prepared' | 'already-signed' | 'earlier-step-open' | null {
  const index = ANNEX_VI_STEPS.indexOf(key);
  const step = steps.find((s) => s.key === key);
  if (step?.signed) return 'already-signed';
  if (!step?.prepared) return 'not-prepared';
  const earlier = ANNEX_VI_STEPS.slice(0, index);
  if (earlier.some((k) => !steps.find((s) => s.key === k)?.signed)) return 'earlier-step-open';
  return null;
}

/** The step to work on next: the first one not signed; null when all are. */
export function nextStep(steps: readonly StepState[]): AnnexViStep | null {
  return ANNEX_VI_STEPS.find((k) => !steps.find((s) => s.key === k)?.signed) ?? null;
}

export interface CertificateRecord {
  certificateNumber: string;
  validFrom: string | null;
  validUntil: string | null;
}

/** Completion: Annex VI when every step is signed; Annex VII when the certificate is recorded with its validity. */
export function assessmentComplete(procedure: ConformityProcedure, steps: readonly StepState[], certificate: CertificateRecord): boolean {
  if (procedure === 'annex-vi') return ANNEX_VI_STEPS.every((k) => steps.find((s) => s.key === k)?.signed);
  return certificate.certificateNumber.trim() !== '' && certificate.validFrom !== null && certificate.validUntil !== null;
}

export const CERTIFICATE_VALIDITIES = ['none', 'not-yet-valid', 'valid', 'expiring', 'expired'] as const;

/** How long before its end a certificate counts as expiring (renewal needs a re-assessment, Art. 44(2)). */
export const CERTIFICATE_EXPIRY_WARNING_DAYS = 90;

/** The state of a certificate on a day (YYYY-MM-DD, office time zone); `validUntil` is the last valid day. */
export function certificateValidity(certificate: CertificateRecord, today: string): CertificateValidity {
  if (certificate.certificateNumber.trim() === '' || certificate.validUntil === null) return 'none';
  if (certificate.validFrom !== null && today < certificate.validFrom) return 'not-yet-valid';
  if (today > certificate.validUntil) return 'expired';
  if (addCalendarDays(today, CERTIFICATE_EXPIRY_WARNING_DAYS) >= certificate.validUntil) return 'expiring';
  return 'valid';
}

/** A validity period must end after it starts. */
export function validityPeriodError(validFrom: string | null, validUntil: string | null): string | null {
  if (validFrom !== null && validUntil !== null && validUntil < validFrom) return 'The validity must end on or after its first day';
  return null;
}

export const CHANGE_KINDS = ['model-version', 'data', 'purpose', 'context', 'other'] as const;

export const FOLLOW_UP_KINDS = ['classification-review', 'lab-gate-rerun', 'conformity-reassessment'] as const;

export interface FollowUpContext {
  /** Released release gates of the system (their ids). */
  releasedGateIds: readonly string[];
  /** Whether the system has a classification to review (status other than none). */
  classified: boolean;
}

export interface FollowUp {
  kind: FollowUpKind;
  /** The gate a re-run is for. */
  ref?: string;
  /** Days from the decision to the task's due date. */
  dueInDays: number;
}

/** Days a follow-up task of a substantial modification is due in. */
export const FOLLOW_UP_DUE_DAYS: Record<FollowUpKind, number> = { 'classification-review': 14, 'lab-gate-rerun': 30, 'conformity-reassessment': 30 };

/**
 * What a decision on a change opens. A substantial modification (Art. 3(23)) needs a new conformity assessment
 * (Art. 43(4)); it can also change the classification, and the released test gates no longer cover the system.
 * A change that is not substantial opens nothing.
 */
export function changeFollowUps(substantial: boolean, context: FollowUpContext): FollowUp[] {
  if (!substantial) return [];
  const out: FollowUp[] = [];
  if (context.classified) out.push({ kind: 'classification-review', dueInDays: FOLLOW_UP_DUE_DAYS['classification-review'] });
  for (const gate of context.releasedGateIds) out.push({ kind: 'lab-gate-rerun', ref: gate, dueInDays: FOLLOW_UP_DUE_DAYS['lab-gate-rerun'] });
  out.push({ kind: 'conformity-reassessment', dueInDays: FOLLOW_UP_DUE_DAYS['conformity-reassessment'] });
  return out;
}

/** Whether a new assessment may start: one at a time (a completed one may be followed by a new one, e.g. at renewal). */
export function assessmentStartRefusal(statuses: readonly AssessmentStatus[]): 'assessment-in-progress' | null {
  return statuses.includes('in-progress') ? 'assessment-in-progress' : null;
}
