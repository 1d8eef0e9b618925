import { z } from 'zod';
import { Id, PageQuery, Timestamp, optionalText, text } from './common.js';
import { LabEnvironmentStatus, LabMethodStatus } from './lab.js';
import { LAB_COMPARATORS, LAB_DECISION_RULES } from '../lab/verdicts.js';

// ---------------------------------------------------------------------------------------------------------------
// Test runs (#8 point 5): a run of a fixed plan with one method on one environment, by an authorised operator, on test
// items named by their manifest digest. Results come in as Konform's own JSON (this file), JUnit XML or the results
// JSON of lm-evaluation-harness; a recorded run is never changed, a correction is an amendment.
// ---------------------------------------------------------------------------------------------------------------

export const LAB_RUN_VERDICTS = ['pass', 'fail', 'incomplete'] as const;
export const LabRunVerdict = z.enum(LAB_RUN_VERDICTS);
export type LabRunVerdict = z.infer<typeof LabRunVerdict>;

/** How the results came in: Konform JSON, JUnit XML, lm-evaluation-harness results JSON, an Inspect log, or typed in by hand. */
export const LAB_RUN_FORMATS = ['konform', 'junit', 'lm-eval', 'inspect', 'manual'] as const;
export const LabRunFormat = z.enum(LAB_RUN_FORMATS);
export type LabRunFormat = z.infer<typeof LabRunFormat>;

export const LAB_RUN_ITEM_TYPES = ['model', 'dataset'] as const;
export const LabRunItemType = z.enum(LAB_RUN_ITEM_TYPES);
export type LabRunItemType = z.infer<typeof LabRunItemType>;

/** A manifest digest as Konform computes it: SHA-256, 64 hex digits (upper case accepted, stored lower case). */
export const ManifestDigest = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, 'Expected the manifest digest: 64 hex digits (SHA-256)')
  .transform((s) => s.toLowerCase());

/** A test item of the run: a model or dataset version and the manifest digest of the files the pipeline used. */
export const LabRunItemInput = z.strictObject({
  type: LabRunItemType,
  versionId: Id,
  manifestDigest: ManifestDigest,
});
export type LabRunItemInput = z.input<typeof LabRunItemInput>;

const Finite = z.number().finite();

/** One measured value as the harness reported it; `metric` is matched against the plan's test cases. */
export const LabRunResultInput = z
  .strictObject({
    metric: text(200),
    value: Finite,
    ciLower: Finite.optional(),
    ciUpper: Finite.optional(),
    stdError: Finite.min(0).optional(),
    sampleSize: z.number().int().min(1).optional(),
    unit: optionalText(50).optional(),
    note: optionalText(2000).optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.ciLower === undefined) !== (r.ciUpper === undefined)) ctx.addIssue({ code: 'custom', path: [r.ciLower === undefined ? 'ciLower' : 'ciUpper'], message: 'Give both bounds of the confidence interval, or neither' });
    if (r.ciLower !== undefined && r.ciUpper !== undefined && r.ciLower > r.ciUpper) ctx.addIssue({ code: 'custom', path: ['ciUpper'], message: 'The upper bound must not lie below the lower bound' });
  });
export type LabRunResultInput = z.input<typeof LabRunResultInput>;

/** A seed as the harness names it: text, or an integer (stored as text). */
const Seed = z.union([z.string().trim().max(200), z.number().int()]).transform((s) => String(s));

/** The fields of Konform's run format (docs/api/lab-run.schema.json describes the same document). */
const runFields = {
  /** Editors may point at the JSON Schema; the server ignores it. */
  $schema: z.string().max(500).optional(),
  planId: Id,
  methodId: Id,
  environmentId: Id,
  items: z.array(LabRunItemInput).min(1).max(100),
  seed: Seed.nullable().optional(),
  startedAt: Timestamp,
  endedAt: Timestamp,
  results: z.array(LabRunResultInput).min(1).max(1000),
  deviations: optionalText(10_000).optional(),
  notes: optionalText(10_000).optional(),
};

function checkRun(run: { items: { versionId: string }[]; results: { metric: string }[]; startedAt: string; endedAt: string }, ctx: z.RefinementCtx) {
  if (Date.parse(run.endedAt) < Date.parse(run.startedAt)) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'The run cannot end before it started' });
  const items = new Set<string>();
  run.items.forEach((item, index) => {
    if (items.has(item.versionId)) ctx.addIssue({ code: 'custom', path: ['items', index, 'versionId'], message: 'Named twice' });
    items.add(item.versionId);
  });
  const metrics = new Set<string>();
  run.results.forEach((r, index) => {
    if (metrics.has(r.metric)) ctx.addIssue({ code: 'custom', path: ['results', index, 'metric'], message: 'Each metric is reported once' });
    metrics.add(r.metric);
  });
}

/** POST /api/lab/runs with `Content-Type: application/json`: a run in Konform's format. */
export const LabRunCreate = z.strictObject(runFields).superRefine(checkRun);
export type LabRunCreate = z.input<typeof LabRunCreate>;
export type LabRunCreateValues = z.infer<typeof LabRunCreate>;

/**
 * POST /api/lab/runs/{id}/amendments: the corrected run in full (same format; the plan is the amended run's and may
 * be left out) with the reason for the correction.
 */
export const LabRunAmendmentCreate = z
  .strictObject({ ...runFields, planId: Id.optional(), reason: z.string().trim().min(10, 'Give the reason in at least 10 characters').max(2000) })
  .superRefine(checkRun);
export type LabRunAmendmentCreate = z.input<typeof LabRunAmendmentCreate>;
export type LabRunAmendmentValues = z.infer<typeof LabRunAmendmentCreate>;

/**
 * The query string of POST /api/lab/runs. For JUnit XML and lm-evaluation-harness results the run's frame is named
 * here: plan, method, environment and the items as `item=model:<versionId>:<sha256>` (repeat for each item); seed,
 * start and end override what the file says. `format=manual` marks a run typed in by hand (Konform JSON body).
 */
export const LabRunImportQuery = z.strictObject({
  format: LabRunFormat.optional(),
  planId: Id.optional(),
  methodId: Id.optional(),
  environmentId: Id.optional(),
  item: z.union([z.string().max(300), z.array(z.string().max(300)).max(100)]).optional(),
  seed: z.string().trim().max(200).optional(),
  startedAt: Timestamp.optional(),
  endedAt: Timestamp.optional(),
  deviations: optionalText(10_000).optional(),
  notes: optionalText(10_000).optional(),
});
export type LabRunImportQuery = z.infer<typeof LabRunImportQuery>;

const IsoDate = z.iso.date();

/** GET /api/lab/runs: filters by plan, system, verdict, unit (with sub-units) and start day; `current` hides superseded runs. */
export const LabRunListQuery = z.strictObject({
  planId: Id.optional(),
  systemId: Id.optional(),
  verdict: LabRunVerdict.optional(),
  orgUnitId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  current: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...PageQuery,
});
export type LabRunListQuery = z.infer<typeof LabRunListQuery>;

export const LabRunAttachmentParams = z.strictObject({ id: Id, sha256: z.string().regex(/^[0-9a-f]{64}$/) });

// ---- responses -------------------------------------------------------------------------------------------------------

/** The tool that wrote an imported file, as far as the file says. */
export const LabRunTool = z.object({ name: z.string(), version: z.string().nullable(), details: z.string() });
export type LabRunTool = z.infer<typeof LabRunTool>;

/** The raw file as received, kept in the object store (content-addressed). */
export const LabRunAttachment = z.object({
  filename: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  tool: LabRunTool.nullable(),
});
export type LabRunAttachment = z.infer<typeof LabRunAttachment>;

/** A test item as recorded: the digest the client claimed and whether it equals the registered one. */
export const LabRunItem = z.object({
  type: LabRunItemType,
  versionId: Id,
  manifestDigest: z.string(),
  matches: z.boolean(),
  /** The registered item and version, when they still exist. */
  itemId: Id.nullable(),
  itemName: z.string().nullable(),
  label: z.string().nullable(),
  registeredDigest: z.string().nullable(),
});
export type LabRunItem = z.infer<typeof LabRunItem>;

/** The result of one test case: the measured value with its uncertainty, the plan's criterion and the verdict. */
export const LabRunResult = z.object({
  testCaseId: Id,
  key: z.string(),
  name: z.string(),
  /** The metric as reported (e.g. `arc_easy/acc`). */
  metric: z.string(),
  /** The test case's metric it was matched to (e.g. `acc`); an amendment in Konform's format names this one. */
  caseMetric: z.string(),
  value: z.number(),
  ciLower: z.number().nullable(),
  ciUpper: z.number().nullable(),
  stdError: z.number().nullable(),
  sampleSize: z.number().int().nullable(),
  unit: z.string(),
  comparator: z.enum(LAB_COMPARATORS),
  threshold: z.number(),
  decisionRule: z.enum(LAB_DECISION_RULES),
  /** The value the verdict compared: the estimate, or the bound of the interval least favourable to passing. */
  decidedBy: z.number(),
  verdict: z.enum(['pass', 'fail']),
  mandatory: z.boolean(),
  requirementKeys: z.array(z.string()),
  note: z.string(),
});
export type LabRunResult = z.infer<typeof LabRunResult>;

/** A case of the plan that uses the run's method but got no result. */
export const LabRunMissingCase = z.object({ testCaseId: Id, key: z.string(), name: z.string(), metric: z.string(), mandatory: z.boolean() });
export type LabRunMissingCase = z.infer<typeof LabRunMissingCase>;

/** A run in the amendment chain (original first). */
export const LabRunChainLink = z.object({ id: Id, number: z.number().int(), verdict: LabRunVerdict, recordedAt: Timestamp, recordedByLabel: z.string(), amendmentReason: z.string().nullable() });
export type LabRunChainLink = z.infer<typeof LabRunChainLink>;

export const LabRunSummary = z.object({
  id: Id,
  number: z.number().int(),
  planId: Id,
  planName: z.string(),
  orgUnitId: Id,
  systemId: Id.nullable(),
  systemName: z.string().nullable(),
  methodId: Id,
  methodName: z.string(),
  methodHarnessVersion: z.string(),
  /** The method's status when the run was recorded. */
  methodStatus: LabMethodStatus,
  environmentId: Id,
  environmentName: z.string(),
  /** The environment's status when the run was recorded; anything but verified is flagged and keeps a gate shut. */
  environmentStatus: LabEnvironmentStatus,
  operatorId: Id.nullable(),
  operatorLabel: z.string(),
  operatorAuthorised: z.boolean(),
  startedAt: Timestamp,
  endedAt: Timestamp,
  recordedAt: Timestamp,
  sourceFormat: LabRunFormat,
  verdict: LabRunVerdict,
  passed: z.number().int(),
  failed: z.number().int(),
  missing: z.number().int(),
  unmatchedCount: z.number().int(),
  amendsRunId: Id.nullable(),
  supersededByRunId: Id.nullable(),
  supersededByNumber: z.number().int().nullable(),
});
export type LabRunSummary = z.infer<typeof LabRunSummary>;

export const LabRunDetail = LabRunSummary.extend({
  items: z.array(LabRunItem),
  seed: z.string().nullable(),
  results: z.array(LabRunResult),
  missingCases: z.array(LabRunMissingCase),
  /** Metrics in the file that match no test case of the plan using this method (derived JUnit counts left out). */
  unmatchedMetrics: z.array(z.string()),
  attachments: z.array(LabRunAttachment),
  deviations: z.string(),
  notes: z.string(),
  amendmentReason: z.string().nullable(),
  /** The evidence record the passing results became (on the system's requirement rows), if any. */
  evidenceId: Id.nullable(),
  recordedByLabel: z.string(),
  /** The whole amendment chain this run belongs to, original first (this run included). */
  chain: z.array(LabRunChainLink),
});
export type LabRunDetail = z.infer<typeof LabRunDetail>;
