import { z } from 'zod';
import { Id, PageQuery, Timestamp, text } from './common.js';
import { PersonRef, SignatureInput } from './signatures.js';
import { TestItemType } from './models.js';
import { LAB_COMPARATORS } from '../lab/verdicts.js';

// ---------------------------------------------------------------------------------------------------------------
// Release gates (#8 point 6): a model version or an AI system is released for operation against one fixed plan once
// every check passes and a holder of the lab role and a holder of the governance role have signed.
// open → released → superseded (next release of the same subject) | invalidated (digests changed); or withdrawn.
// ---------------------------------------------------------------------------------------------------------------

export const LAB_GATE_STATUSES = ['open', 'released', 'superseded', 'invalidated', 'withdrawn'] as const;
export const LabGateStatus = z.enum(LAB_GATE_STATUSES);
export type LabGateStatus = z.infer<typeof LabGateStatus>;

/** The five checks, in the order they are shown. */
export const LAB_GATE_CHECK_KEYS = ['digests', 'mandatory-cases', 'regression', 'evidence', 'registration'] as const;
export const LabGateCheckKey = z.enum(LAB_GATE_CHECK_KEYS);
export type LabGateCheckKey = z.infer<typeof LabGateCheckKey>;

/** The roles whose holders sign a release: one signature each, by two different people. */
export const LAB_GATE_SIGNOFF_ROLES = ['lab', 'governance'] as const;
export const LabGateSignoffRole = z.enum(LAB_GATE_SIGNOFF_ROLES);
export type LabGateSignoffRole = z.infer<typeof LabGateSignoffRole>;

/**
 * What a check found, one finding per fact: a blocking finding (`blocking: true`) makes its check fail. The code
 * names the rule; the optional fields carry what the text needs (see `gateFindingText`).
 */
export const LAB_GATE_FINDING_CODES = [
  // digests
  'no-items', 'item-covered', 'not-covered', 'run-digest-mismatch', 'run-digest-changed',
  // mandatory-cases
  'no-mandatory-cases', 'case-passed', 'no-run', 'case-failed', 'other-method', 'method-not-validated', 'operator-not-authorised', 'environment-not-verified',
  // regression
  'first-release', 'within-tolerance', 'regressed', 'no-baseline-value',
  // evidence
  'no-requirements', 'no-linked-systems', 'evidence-present', 'evidence-missing',
  // registration
  'not-required', 'model-gate', 'no-approved-classification', 'provider-registers', 'registration-received', 'registration-missing',
] as const;
export const LabGateFindingCode = z.enum(LAB_GATE_FINDING_CODES);
export type LabGateFindingCode = z.infer<typeof LabGateFindingCode>;

export const LabGateFinding = z.object({
  code: LabGateFindingCode,
  blocking: z.boolean(),
  caseKey: z.string().optional(),
  metric: z.string().optional(),
  comparator: z.enum(LAB_COMPARATORS).optional(),
  threshold: z.number().optional(),
  unit: z.string().optional(),
  value: z.number().optional(),
  baselineValue: z.number().optional(),
  tolerance: z.number().optional(),
  /** A method or environment status as stored on the run. */
  status: z.string().optional(),
  runId: Id.optional(),
  runNumber: z.number().int().optional(),
  itemType: TestItemType.optional(),
  versionId: Id.optional(),
  itemName: z.string().optional(),
  versionLabel: z.string().optional(),
  requirementKey: z.string().optional(),
  systemId: Id.optional(),
  systemName: z.string().optional(),
  baselineGateNumber: z.number().int().optional(),
});
export type LabGateFinding = z.infer<typeof LabGateFinding>;

/** Every case of the plan with the result that counts for the gate (null when no run has one). */
export const LabGateCaseResult = z.object({
  caseId: Id,
  key: z.string(),
  name: z.string(),
  metric: z.string(),
  comparator: z.enum(LAB_COMPARATORS),
  threshold: z.number(),
  unit: z.string(),
  mandatory: z.boolean(),
  value: z.number().nullable(),
  verdict: z.enum(['pass', 'fail']).nullable(),
  runId: Id.nullable(),
  runNumber: z.number().int().nullable(),
});
export type LabGateCaseResult = z.infer<typeof LabGateCaseResult>;

export const LabGateCheck = z.object({
  key: LabGateCheckKey,
  passed: z.boolean(),
  findings: z.array(LabGateFinding),
  /** mandatory-cases only: every case of the plan with the result that counts (the next release's regression baseline). */
  cases: z.array(LabGateCaseResult).optional(),
});
export type LabGateCheck = z.infer<typeof LabGateCheck>;

/** A test item of the gate's subject with its registered digest (at release: the digest released). */
export const LabGateItem = z.object({
  type: TestItemType,
  itemId: Id,
  itemName: z.string(),
  versionId: Id,
  versionLabel: z.string(),
  manifestDigest: z.string(),
  /** How the system uses it (null for a model version's own gate). */
  role: z.string().nullable(),
  /** Runs must cover it: the model version of a model gate; a system's versions in operation or used as test data. */
  underTest: z.boolean(),
});
export type LabGateItem = z.infer<typeof LabGateItem>;

export const LabGateSubject = z.object({
  type: z.enum(['system', 'model-version']),
  systemId: Id.nullable(),
  systemName: z.string().nullable(),
  modelId: Id.nullable(),
  modelName: z.string().nullable(),
  modelVersionId: Id.nullable(),
  modelVersionLabel: z.string().nullable(),
});
export type LabGateSubject = z.infer<typeof LabGateSubject>;

export const LabGateRef = z.object({ id: Id, number: z.number().int(), title: z.string(), status: LabGateStatus, releasedAt: Timestamp.nullable() });
export type LabGateRef = z.infer<typeof LabGateRef>;

/** A signature towards the release; `current` is false when it signed an earlier state of the checks (it no longer counts). */
export const LabGateSignoff = z.object({
  signatureId: Id,
  signer: PersonRef,
  role: LabGateSignoffRole,
  signedAt: Timestamp,
  comment: z.string().nullable(),
  stateHash: z.string(),
  current: z.boolean(),
});
export type LabGateSignoff = z.infer<typeof LabGateSignoff>;

export const LabGateSummary = z.object({
  id: Id,
  number: z.number().int(),
  orgUnitId: Id,
  orgUnitName: z.string(),
  subject: LabGateSubject,
  planId: Id,
  planName: z.string(),
  title: z.string(),
  status: LabGateStatus,
  regressionTolerance: z.number(),
  releasedAt: Timestamp.nullable(),
  invalidatedAt: Timestamp.nullable(),
  withdrawnAt: Timestamp.nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  createdByLabel: z.string(),
  updatedAt: Timestamp,
});
export type LabGateSummary = z.infer<typeof LabGateSummary>;

export const LabGateDetail = LabGateSummary.extend({
  /** Computed now while the gate is open; frozen at release. */
  checks: z.array(LabGateCheck),
  checksFrozen: z.boolean(),
  /** Every check passed: the gate may be signed. */
  passed: z.boolean(),
  items: z.array(LabGateItem),
  /** SHA-256 of the state a signature binds (checks and items): the current one while open, the released one after. */
  stateHash: z.string(),
  signoffs: z.array(LabGateSignoff),
  /** Roles whose signature is still missing on the current state (empty once released). */
  missingRoles: z.array(LabGateSignoffRole),
  /** The release this one is compared with (while open: the subject's current release). */
  baseline: LabGateRef.nullable(),
  supersededBy: LabGateRef.nullable(),
  invalidationReason: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
});
export type LabGateDetail = z.infer<typeof LabGateDetail>;

/** POST /api/lab/gates: for a model version or an AI system (exactly one), against a fixed plan of that subject. */
export const LabGateCreate = z
  .strictObject({
    modelVersionId: Id.optional(),
    systemId: Id.optional(),
    planId: Id,
    title: text(300),
    /** Allowed worsening against the released baseline for cases without their own tolerance (absolute, metric units). */
    regressionTolerance: z.number().finite().min(0).max(1_000_000).default(0.01),
  })
  .superRefine((g, ctx) => {
    if ((g.systemId === undefined) === (g.modelVersionId === undefined)) ctx.addIssue({ code: 'custom', path: ['systemId'], message: 'Name either an AI system or a model version' });
  });
export type LabGateCreate = z.input<typeof LabGateCreate>;

/** POST /api/lab/gates/{id}/sign: the password again; `stateHash` (as shown) refuses a signature if the checks changed since. */
export const LabGateSign = z.strictObject({
  ...SignatureInput,
  stateHash: z.string().regex(/^[0-9a-f]{64}$/, 'Expected the SHA-256 shown with the checks').optional(),
});
export type LabGateSign = z.infer<typeof LabGateSign>;

/** POST /api/lab/gates/{id}/withdraw: an open gate, or a release taken back, with the reason. */
export const LabGateWithdraw = z.strictObject({ version: z.number().int().min(1), reason: text(1000) });
export type LabGateWithdraw = z.infer<typeof LabGateWithdraw>;

export const LabGateListQuery = z.strictObject({
  status: LabGateStatus.optional(),
  systemId: Id.optional(),
  /** Gates of any version of this model. */
  modelId: Id.optional(),
  /** The unit with its sub-units. */
  orgUnitId: Id.optional(),
  q: z.string().trim().max(200).optional(),
  ...PageQuery,
});
export type LabGateListQuery = z.infer<typeof LabGateListQuery>;
