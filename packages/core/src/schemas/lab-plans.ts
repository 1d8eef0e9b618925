import { z } from 'zod';
import { Id, PageQuery, Timestamp, optionalText, text } from './common.js';
import { LabHarness, LabMethodStatus } from './lab.js';
import { RequirementKey } from '../catalogs/catalog.js';
import { LAB_COMPARATORS, LAB_DECISION_RULES } from '../lab/verdicts.js';

// ---------------------------------------------------------------------------------------------------------------
// Test plans (#8 point 4): per AI system or model, test cases whose metric, comparator and threshold are fixed
// before testing. draft (editable) → fixed (frozen; runs may be recorded) → retired.
// ---------------------------------------------------------------------------------------------------------------

export const LAB_PLAN_STATUSES = ['draft', 'fixed', 'retired'] as const;
export const LabPlanStatus = z.enum(LAB_PLAN_STATUSES);
export type LabPlanStatus = z.infer<typeof LabPlanStatus>;

// The types of both live in lab/verdicts.ts; these only validate.
const Comparator = z.enum(LAB_COMPARATORS);
const DecisionRule = z.enum(LAB_DECISION_RULES);

const VersionNumber = z.number().int().min(1);

/** A short key, stable within the plan, that reports and imports can name (e.g. `TC-01`). */
export const LabCaseKey = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dot, underscore and hyphen');

/** A test case as the client writes it. */
export const LabTestCaseInput = z
  .strictObject({
    key: LabCaseKey,
    name: text(300),
    description: optionalText(5000).default(''),
    /** The metric name as the harness reports it; results are matched to the case by this name. */
    metric: text(200),
    comparator: Comparator,
    threshold: z.number().finite(),
    unit: optionalText(50).default(''),
    decisionRule: DecisionRule.default('point-estimate'),
    /** Allowed worsening against the released baseline (absolute, in the metric's unit); null = the gate's default. */
    regressionTolerance: z.number().finite().min(0).nullable().default(null),
    datasetVersionId: Id.nullable().default(null),
    methodId: Id,
    mandatory: z.boolean().default(true),
    requirementKeys: z.array(RequirementKey).max(100).default([]),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.requirementKeys.forEach((key, index) => {
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['requirementKeys', index], message: 'Named twice' });
      seen.add(key);
    });
  });
export type LabTestCaseInput = z.infer<typeof LabTestCaseInput>;

/** The cases of a plan, in order; keys are unique in the plan. */
export const LabTestCases = z
  .array(LabTestCaseInput)
  .max(200)
  .superRefine((cases, ctx) => {
    const seen = new Set<string>();
    cases.forEach((c, index) => {
      const key = c.key.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: 'Keys must be unique in the plan' });
      seen.add(key);
    });
  });

/** POST /api/lab/plans: for an AI system (its unit) or a model (the unit given, else the model's). */
export const LabPlanCreate = z
  .strictObject({
    systemId: Id.optional(),
    modelId: Id.optional(),
    /** Only for a model's plan; a system's plan belongs to the system's unit. */
    orgUnitId: Id.optional(),
    name: text(300),
    description: optionalText(10_000).default(''),
    cases: LabTestCases.default([]),
  })
  .superRefine((p, ctx) => {
    if ((p.systemId === undefined) === (p.modelId === undefined)) ctx.addIssue({ code: 'custom', path: ['systemId'], message: 'Name either an AI system or a model' });
    if (p.systemId !== undefined && p.orgUnitId !== undefined) ctx.addIssue({ code: 'custom', path: ['orgUnitId'], message: "A system's plan belongs to the system's unit" });
  });
export type LabPlanCreate = z.infer<typeof LabPlanCreate>;

/** PATCH /api/lab/plans/{id}: drafts only; `cases` replaces all cases. */
export const LabPlanUpdate = z.strictObject({
  version: VersionNumber,
  name: text(300).optional(),
  description: optionalText(10_000).optional(),
  cases: LabTestCases.optional(),
  reason: z.string().trim().max(1000).optional(),
});
export type LabPlanUpdate = z.infer<typeof LabPlanUpdate>;

/** POST /api/lab/plans/{id}/fix and /revise: the version the client saw. */
export const LabPlanTransition = z.strictObject({ version: VersionNumber });
export type LabPlanTransition = z.infer<typeof LabPlanTransition>;

/** POST /api/lab/plans/{id}/retire. */
export const LabPlanRetire = z.strictObject({ version: VersionNumber, reason: text(1000) });
export type LabPlanRetire = z.infer<typeof LabPlanRetire>;

const Localised = z.object({ de: z.string(), en: z.string() });

/** A requirement a case gives evidence for; ref and title are null when the catalogues in force no longer hold it. */
export const LabCaseRequirement = z.object({ key: z.string(), catalogId: z.string(), ref: z.string().nullable(), title: Localised.nullable() });
export type LabCaseRequirement = z.infer<typeof LabCaseRequirement>;

export const LabCaseMethod = z.object({ id: Id, name: z.string(), harness: LabHarness, harnessVersion: z.string(), status: LabMethodStatus });
export type LabCaseMethod = z.infer<typeof LabCaseMethod>;

export const LabCaseDatasetVersion = z.object({ id: Id, itemId: Id, itemName: z.string(), label: z.string(), manifestDigest: z.string() });
export type LabCaseDatasetVersion = z.infer<typeof LabCaseDatasetVersion>;

export const LabTestCase = z.object({
  id: Id,
  position: z.number().int(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  metric: z.string(),
  comparator: Comparator,
  threshold: z.number(),
  unit: z.string(),
  decisionRule: DecisionRule,
  regressionTolerance: z.number().nullable(),
  datasetVersionId: Id.nullable(),
  datasetVersion: LabCaseDatasetVersion.nullable(),
  methodId: Id,
  method: LabCaseMethod,
  mandatory: z.boolean(),
  requirementKeys: z.array(z.string()),
  requirements: z.array(LabCaseRequirement),
});
export type LabTestCase = z.infer<typeof LabTestCase>;

/** Why a draft cannot be fixed yet. */
export const LAB_PLAN_FIX_PROBLEMS = ['no-cases', 'no-mandatory-case'] as const;
export const LabPlanFixProblem = z.enum(LAB_PLAN_FIX_PROBLEMS);
export type LabPlanFixProblem = z.infer<typeof LabPlanFixProblem>;

export const LabPlanRef = z.object({ id: Id, name: z.string(), status: LabPlanStatus, fixedAt: Timestamp.nullable() });
export type LabPlanRef = z.infer<typeof LabPlanRef>;

export const LabPlanSummary = z.object({
  id: Id,
  orgUnitId: Id,
  orgUnitName: z.string(),
  systemId: Id.nullable(),
  systemName: z.string().nullable(),
  modelId: Id.nullable(),
  modelName: z.string().nullable(),
  name: z.string(),
  status: LabPlanStatus,
  caseCount: z.number().int(),
  mandatoryCount: z.number().int(),
  revisesPlanId: Id.nullable(),
  fixedAt: Timestamp.nullable(),
  version: z.number().int(),
  updatedAt: Timestamp,
});
export type LabPlanSummary = z.infer<typeof LabPlanSummary>;

export const LabPlanDetail = LabPlanSummary.extend({
  description: z.string(),
  fixedByLabel: z.string().nullable(),
  retiredAt: Timestamp.nullable(),
  retiredByLabel: z.string().nullable(),
  /** The reason given; null when a fixed revision replaced the plan (see `revisedBy`). */
  retirementReason: z.string().nullable(),
  createdAt: Timestamp,
  createdByLabel: z.string(),
  /** The plan this one revises. */
  revises: LabPlanRef.nullable(),
  /** The latest revision of this plan: a draft in the making, or the fixed plan that replaced it. */
  revisedBy: LabPlanRef.nullable(),
  /** What keeps a draft from being fixed (empty when it can be, and for fixed or retired plans). */
  fixProblems: z.array(LabPlanFixProblem),
  cases: z.array(LabTestCase),
});
export type LabPlanDetail = z.infer<typeof LabPlanDetail>;

export const LabPlanListQuery = z.strictObject({
  orgUnitId: Id.optional(),
  systemId: Id.optional(),
  modelId: Id.optional(),
  status: LabPlanStatus.optional(),
  q: z.string().trim().max(200).optional(),
  ...PageQuery,
});
export type LabPlanListQuery = z.infer<typeof LabPlanListQuery>;
