import { z } from 'zod';
import { ClassificationFacts } from '../classification/facts.js';
import { ClassificationResult, type RISK_CLASSES } from '../classification/result.js';
import { Timeline } from '../classification/timeline.js';
import { Id, PageQuery, Timestamp, optionalText } from './common.js';
import { PersonRef, Signature, SignatureInput } from './signatures.js';
import type { SYSTEM_RISK_CLASSES } from './systems.js';

// The portfolio's copy of the risk classes must equal the rules' list (see schemas/systems.ts).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const riskClassesAgree: Same<(typeof RISK_CLASSES)[number], (typeof SYSTEM_RISK_CLASSES)[number]> = true;
void riskClassesAgree;

/** A revision's own state; the system's state is the latest revision's, or `none`. */
export const REVISION_STATUSES = ['draft', 'approved', 'needs-review'] as const;
export const RevisionStatus = z.enum(REVISION_STATUSES);
export type RevisionStatus = z.infer<typeof RevisionStatus>;

const ReasonLocale = z.enum(['de', 'en']);

/** Language of the reason texts. */
export const ClassificationLangQuery = z.strictObject({ lang: ReasonLocale.default('de') });
export type ClassificationLangQuery = z.infer<typeof ClassificationLangQuery>;

/** The questionnaire's answers as the client recorded them (question id → answer); kept with the revision. */
export const ClassificationAnswers = z.record(z.string().max(200), z.unknown());
export type ClassificationAnswers = z.infer<typeof ClassificationAnswers>;

/** One stored classification of a system: the facts, the answers they came from, the result and who decided it. */
export const ClassificationRevision = z.object({
  id: Id,
  systemId: Id,
  number: z.number().int(),
  status: RevisionStatus,
  facts: ClassificationFacts,
  answers: ClassificationAnswers,
  note: z.string(),
  result: ClassificationResult,
  decidedBy: PersonRef,
  decidedAt: Timestamp,
  /** SHA-256 of the canonical JSON of {systemId, number, facts, answers, result, note}: what an approval signs. */
  stateHash: z.string(),
  approval: Signature.nullable(),
});
export type ClassificationRevision = z.infer<typeof ClassificationRevision>;

/** PUT /api/systems/{id}/classification: facts' roles default to the system's roles when none are given. */
export const ClassificationDecide = z.strictObject({
  facts: ClassificationFacts,
  answers: ClassificationAnswers.default({}),
  note: optionalText(10000).default(''),
});
export type ClassificationDecide = z.infer<typeof ClassificationDecide>;

export const ClassificationDecided = z.object({ result: ClassificationResult, revision: ClassificationRevision });
export type ClassificationDecided = z.infer<typeof ClassificationDecided>;

export const SystemClassification = z.object({
  status: z.enum(['none', ...REVISION_STATUSES]),
  latest: ClassificationRevision.nullable(),
  /** The last revision that was approved with a signature (it may since need review). */
  approved: ClassificationRevision.nullable(),
});
export type SystemClassification = z.infer<typeof SystemClassification>;

export const ClassificationApprove = z.strictObject({
  revision: z.number().int().min(1),
  ...SignatureInput,
});
export type ClassificationApprove = z.infer<typeof ClassificationApprove>;

export const ClassificationRevisionListQuery = z.strictObject({ ...PageQuery });
export type ClassificationRevisionListQuery = z.infer<typeof ClassificationRevisionListQuery>;

/** The dates of the Act per legal act, and which act is in force on this installation. */
export const ClassificationTimeline = z.object({ timeline: Timeline, actInForce: z.string() });
export type ClassificationTimeline = z.infer<typeof ClassificationTimeline>;
