import { z } from 'zod';
import { RequirementKey } from '../catalogs/catalog.js';
import { Id, Timestamp, optionalText } from './common.js';

const Text = z.object({ de: z.string(), en: z.string() });
const IsoDate = z.iso.date();
const MeasureId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/).max(200);

/** A compliance-matrix row's workflow: open → in-progress → implemented → verified; not-applicable with a justification. */
export const REQUIREMENT_STATUSES = ['open', 'in-progress', 'implemented', 'verified', 'not-applicable'] as const;
export const RequirementStatus = z.enum(REQUIREMENT_STATUSES);
export type RequirementStatus = z.infer<typeof RequirementStatus>;

/** A not-applicable row needs a written justification of at least this many characters. */
export const JUSTIFICATION_MIN = 10;

/** Which classification revision the matrix was derived from. */
export const ApplicabilityBasis = z.enum(['approved', 'draft', 'none']);
export type ApplicabilityBasis = z.infer<typeof ApplicabilityBasis>;

export const SystemRequirementQuery = z.strictObject({
  /** Catalogue ids, comma-separated; all catalogues when absent. */
  catalog: z.string().trim().max(500).optional(),
  applies: z.enum(['true', 'false', 'all']).default('true'),
  status: RequirementStatus.optional(),
});
export type SystemRequirementQuery = z.infer<typeof SystemRequirementQuery>;

export const SystemRequirement = z.object({
  /** `catalogId:requirementId`. */
  requirementId: z.string(),
  catalogId: z.string(),
  ref: z.string(),
  title: Text,
  /** The requirement's parent node inside its catalogue. */
  parentId: z.string().nullable(),
  status: RequirementStatus,
  applies: z.boolean(),
  /** The parts of the condition that decided `applies`, e.g. `result.riskClass = high`. */
  why: z.array(z.string()),
  appliesFrom: IsoDate.nullable(),
  /** The row's due date, defaulting to appliesFrom. */
  dueDate: IsoDate.nullable(),
  owner: z.string().nullable(),
  justification: z.string().nullable(),
  implementedBy: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  /** Measures applied to the system that advance this requirement (directly or through a mapping). */
  measures: z.array(z.string()),
  /** Evidence linked to the row or to one of those measures. */
  evidence: z.array(z.string()),
  /** 0 while the row has never been changed. */
  version: z.number().int(),
});
export type SystemRequirement = z.infer<typeof SystemRequirement>;

/** A matrix row whose requirement an accepted catalogue update removed. */
export const RetiredRequirement = z.object({
  requirementId: z.string(),
  catalogId: z.string(),
  ref: z.string(),
  title: Text,
  status: RequirementStatus,
  owner: z.string().nullable(),
  justification: z.string().nullable(),
  evidence: z.array(z.string()),
  retiredAt: z.iso.datetime({ offset: true }),
  /** The catalogue version that no longer has it. */
  retiredInVersion: z.string(),
});
export type RetiredRequirement = z.infer<typeof RetiredRequirement>;

export const ProgressCounts = z.object({
  total: z.number().int(),
  open: z.number().int(),
  inProgress: z.number().int(),
  implemented: z.number().int(),
  verified: z.number().int(),
  notApplicable: z.number().int(),
});
export type ProgressCounts = z.infer<typeof ProgressCounts>;

export const GroupProgress = ProgressCounts.extend({ requirementId: z.string(), ref: z.string(), title: Text });
export const CatalogProgress = ProgressCounts.extend({ catalogId: z.string(), groups: z.array(GroupProgress) });
export type CatalogProgress = z.infer<typeof CatalogProgress>;

export const SystemRequirementMatrix = z.object({
  systemId: Id,
  basis: ApplicabilityBasis,
  /** The classification revision the matrix rests on, null without one. */
  revision: z.number().int().nullable(),
  /** The act of the EU AI Act timeline whose dates apply. */
  actInForce: z.string(),
  catalogs: z.array(z.string()),
  items: z.array(SystemRequirement),
  total: z.number().int(),
  /** Over the applicable rows of each catalogue and each top-level group, whatever the filters. */
  progress: z.array(CatalogProgress),
  /** Rows whose requirement left its catalogue in an accepted update: kept read-only with their history. */
  retired: z.array(RetiredRequirement),
});
export type SystemRequirementMatrix = z.infer<typeof SystemRequirementMatrix>;

export const SystemRequirementParams = z.strictObject({ id: Id, requirementId: RequirementKey });

export const SystemRequirementUpdate = z.strictObject({
  /** The row version the change is based on (0 for a row never changed); a stale one is 409. */
  version: z.number().int().min(0).optional(),
  status: RequirementStatus.optional(),
  owner: optionalText(200).nullable().optional(),
  /** null returns to the default (the date the requirement applies from). */
  dueDate: IsoDate.nullable().optional(),
  justification: optionalText(5000).nullable().optional(),
  reason: optionalText(1000).optional(),
});
export type SystemRequirementUpdate = z.infer<typeof SystemRequirementUpdate>;

export const SYSTEM_MEASURE_STATUSES = ['planned', 'implemented'] as const;
export const SystemMeasureStatus = z.enum(SYSTEM_MEASURE_STATUSES);

export const SystemMeasure = z.object({
  systemId: Id,
  measureId: z.string(),
  title: Text,
  type: z.enum(['technical', 'organisational']),
  status: SystemMeasureStatus,
  note: z.string(),
  /** Every requirement the measure advances: its own links and the requirements mapped equal to or covered by them. */
  advances: z.array(z.string()),
  appliedBy: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SystemMeasure = z.infer<typeof SystemMeasure>;

export const SystemMeasureList = z.object({ items: z.array(SystemMeasure) });

/** POST /api/systems/{id}/measures: apply a measure, or change its status and note when applied already. */
export const SystemMeasureApply = z.strictObject({
  measureId: MeasureId,
  status: SystemMeasureStatus.default('planned'),
  note: optionalText(2000).default(''),
});
export type SystemMeasureApply = z.infer<typeof SystemMeasureApply>;

export const SystemMeasureParams = z.strictObject({ id: Id, measureId: MeasureId });

export const SoaQuery = z.strictObject({ catalog: z.string().trim().min(1).max(100).default('iso-42001') });
export type SoaQuery = z.infer<typeof SoaQuery>;

export const SoaItem = z.object({
  requirementId: z.string(),
  ref: z.string(),
  title: Text,
  applicable: z.boolean(),
  /** Why it is (not) applicable: the row's written justification, or the condition that decided. */
  justification: z.string(),
  status: RequirementStatus,
  implemented: z.boolean(),
  measures: z.array(z.string()),
});

export const SystemSoa = z.object({
  systemId: Id,
  catalogId: z.string(),
  basis: ApplicabilityBasis,
  items: z.array(SoaItem),
});
export type SystemSoa = z.infer<typeof SystemSoa>;

export const OrgSoaItem = z.object({
  requirementId: z.string(),
  ref: z.string(),
  title: Text,
  /** Applicable to at least one system in scope. */
  applicable: z.boolean(),
  justification: z.string(),
  systems: z.object({ applicable: z.number().int(), implemented: z.number().int(), notApplicable: z.number().int() }),
  measures: z.array(z.string()),
});

export const OrgSoa = z.object({
  catalogId: z.string(),
  /** Systems (not archived) in the reader's scope that the statement covers. */
  systems: z.number().int(),
  items: z.array(OrgSoaItem),
});
export type OrgSoa = z.infer<typeof OrgSoa>;
