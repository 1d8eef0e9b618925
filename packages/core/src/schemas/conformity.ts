import { z } from 'zod';
import { SignerCredentialFields } from './signatures.js';
import { Id, Timestamp, optionalText, text } from './common.js';
import {
  ANNEX_VI_STEPS,
  ASSESSING_BODY_KINDS,
  ASSESSMENT_STATUSES,
  CERTIFICATE_VALIDITIES,
  CHANGE_KINDS,
  CONFORMITY_PROCEDURES,
  FOLLOW_UP_KINDS,
} from '../conformity/rules.js';

const IsoDate = z.iso.date();

export const ConformityProcedure = z.enum(CONFORMITY_PROCEDURES);
export type ConformityProcedure = z.infer<typeof ConformityProcedure>;
export const AnnexViStepKey = z.enum(ANNEX_VI_STEPS);
export const AssessmentStatus = z.enum(ASSESSMENT_STATUSES);
export type AssessmentStatus = z.infer<typeof AssessmentStatus>;
export const AssessingBodyKind = z.enum(ASSESSING_BODY_KINDS);
export type AssessingBodyKind = z.infer<typeof AssessingBodyKind>;
export const CertificateValidity = z.enum(CERTIFICATE_VALIDITIES);
export type CertificateValidity = z.infer<typeof CertificateValidity>;
export const ChangeKind = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKind>;
export const FollowUpKind = z.enum(FOLLOW_UP_KINDS);
export type FollowUpKind = z.infer<typeof FollowUpKind>;
export const CONFORMITY_ENTRY_KINDS = ['submitted-document', 'question', 'answer', 'note'] as const;
export const ConformityEntryKind = z.enum(CONFORMITY_ENTRY_KINDS);

export const ConformityStep = z.object({
  key: AnnexViStepKey,
  evidenceIds: z.array(Id),
  notes: z.string(),
  preparedBy: z.string().nullable(),
  preparedById: z.string().nullable(),
  preparedAt: Timestamp.nullable(),
  signatureId: z.string().nullable(),
  signedBy: z.string().nullable(),
  signedAt: Timestamp.nullable(),
  /** Whether this step may be signed now (prepared, earlier steps signed); why not otherwise. */
  signRefusal: z.enum(['not-prepared', 'already-signed', 'earlier-step-open']).nullable(),
});
export type ConformityStep = z.infer<typeof ConformityStep>;

export const ConformityEntry = z.object({
  id: Id,
  kind: ConformityEntryKind,
  date: IsoDate,
  text: z.string(),
  createdBy: z.string(),
  createdAt: Timestamp,
});
export type ConformityEntry = z.infer<typeof ConformityEntry>;

/** What the records say for each step: Art. 17 coverage of the system's unit, and the released Annex IV. */
export const ConformityChecks = z.object({
  /** Art. 17(1) elements covered by QMS documents of the unit; null when the reader may not see the QMS. */
  qmsCoverage: z.object({ covered: z.number().int(), total: z.number().int() }).nullable(),
  /** The released technical documentation (Annex IV) of the system; null: none released. */
  annexIv: z.object({ documentId: Id, number: z.number().int(), releasedAt: Timestamp.nullable() }).nullable(),
});
export type ConformityChecks = z.infer<typeof ConformityChecks>;

export const ConformityAssessment = z.object({
  id: Id,
  systemId: Id,
  systemName: z.string(),
  orgUnitId: Id,
  procedure: ConformityProcedure,
  status: AssessmentStatus,
  steps: z.array(ConformityStep),
  nextStep: AnnexViStepKey.nullable(),
  body: z.object({ kind: AssessingBodyKind.nullable(), name: z.string(), number: z.string() }),
  certificate: z.object({ number: z.string(), validFrom: IsoDate.nullable(), validUntil: IsoDate.nullable(), conditions: z.string(), validity: CertificateValidity }),
  entries: z.array(ConformityEntry),
  checks: ConformityChecks,
  declarationDocumentId: Id.nullable(),
  ceMarking: z.object({ date: IsoDate.nullable(), place: z.string() }),
  registration: z.object({ number: z.string(), date: IsoDate.nullable() }),
  completedAt: Timestamp.nullable(),
  reopenedAt: Timestamp.nullable(),
  reopenReason: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ConformityAssessment = z.infer<typeof ConformityAssessment>;

export const ConformityAssessmentSummary = ConformityAssessment.pick({ id: true, systemId: true, systemName: true, procedure: true, status: true, nextStep: true, completedAt: true, createdAt: true }).extend({
  certificateValidity: CertificateValidity,
  validUntil: IsoDate.nullable(),
});
export type ConformityAssessmentSummary = z.infer<typeof ConformityAssessmentSummary>;

export const ConformityAssessmentListQuery = z.strictObject({
  systemId: Id.optional(),
  status: AssessmentStatus.optional(),
});
export type ConformityAssessmentListQuery = z.infer<typeof ConformityAssessmentListQuery>;

export const ConformityAssessmentCreate = z.strictObject({
  systemId: Id,
  procedure: ConformityProcedure,
  bodyKind: AssessingBodyKind.optional(),
});
export type ConformityAssessmentCreate = z.infer<typeof ConformityAssessmentCreate>;

export const ConformityStepParams = z.strictObject({ id: Id, step: AnnexViStepKey });

export const ConformityStepPrepare = z.strictObject({
  version: z.number().int().min(1),
  evidenceIds: z.array(Id).max(100),
  notes: optionalText(10_000),
});
export type ConformityStepPrepare = z.infer<typeof ConformityStepPrepare>;

export const ConformitySign = z.strictObject({
  version: z.number().int().min(1),
  ...SignerCredentialFields,
  comment: optionalText(2000).optional(),
});
export type ConformitySign = z.infer<typeof ConformitySign>;

/** Annex VII tracking: the body, the certificate and its conditions; fields left out stay as they are. */
export const ConformityAnnexViiUpdate = z.strictObject({
  version: z.number().int().min(1),
  bodyKind: AssessingBodyKind.optional(),
  bodyName: optionalText(300).optional(),
  bodyNumber: optionalText(50).optional(),
  certificateNumber: optionalText(100).optional(),
  validFrom: IsoDate.nullable().optional(),
  validUntil: IsoDate.nullable().optional(),
  conditions: optionalText(10_000).optional(),
});
export type ConformityAnnexViiUpdate = z.infer<typeof ConformityAnnexViiUpdate>;

export const ConformityEntryCreate = z.strictObject({
  kind: ConformityEntryKind,
  date: IsoDate,
  text: text(10_000),
});
export type ConformityEntryCreate = z.infer<typeof ConformityEntryCreate>;

/** After completion: CE marking (Art. 48) and EU database registration (Art. 49); fields left out stay as they are. */
export const ConformityMarkingUpdate = z.strictObject({
  version: z.number().int().min(1),
  ceMarkingDate: IsoDate.nullable().optional(),
  ceMarkingPlace: optionalText(500).optional(),
  registrationNumber: optionalText(100).optional(),
  registrationDate: IsoDate.nullable().optional(),
});
export type ConformityMarkingUpdate = z.infer<typeof ConformityMarkingUpdate>;

export const FollowUpTask = z.object({ kind: FollowUpKind, taskId: Id, ref: z.string().optional() });
export type FollowUpTask = z.infer<typeof FollowUpTask>;

export const SystemChange = z.object({
  id: Id,
  systemId: Id,
  number: z.number().int(),
  kind: ChangeKind,
  description: z.string(),
  date: IsoDate,
  /** null: not assessed yet. */
  substantial: z.boolean().nullable(),
  rationale: z.string().nullable(),
  signatureId: z.string().nullable(),
  assessedBy: z.string().nullable(),
  assessedAt: Timestamp.nullable(),
  followUps: z.array(FollowUpTask),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: Timestamp,
});
export type SystemChange = z.infer<typeof SystemChange>;

export const SystemChangeParams = z.strictObject({ id: Id, changeId: Id });

export const SystemChangeCreate = z.strictObject({
  kind: ChangeKind,
  description: text(10_000),
  date: IsoDate,
});
export type SystemChangeCreate = z.infer<typeof SystemChangeCreate>;

export const SystemChangeAssess = z.strictObject({
  version: z.number().int().min(1),
  substantial: z.boolean(),
  rationale: text(10_000),
  ...SignerCredentialFields,
});
export type SystemChangeAssess = z.infer<typeof SystemChangeAssess>;

/** For the dashboard: assessments per status, and certificates that expire soon or have expired. */
export const AssessmentStatusCounts = z.object({
  inProgress: z.number().int(),
  completed: z.number().int(),
  reopened: z.number().int(),
  certificatesExpiring: z.number().int(),
  certificatesExpired: z.number().int(),
  changesAwaitingAssessment: z.number().int(),
});
export type AssessmentStatusCounts = z.infer<typeof AssessmentStatusCounts>;
