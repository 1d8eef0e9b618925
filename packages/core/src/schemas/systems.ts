import { z } from 'zod';
import { Id, PageQuery, Timestamp, text, optionalText } from './common.js';
import { Marking } from '../access/clearance.js';

export const LIFECYCLE_STAGES = ['planned', 'development', 'validation', 'operation', 'retired'] as const;
export const LifecycleStage = z.enum(LIFECYCLE_STAGES);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** The organisation's roles for a system in the sense of Art. 3 of the AI Act. */
export const OPERATOR_ROLES = ['provider', 'deployer', 'importer', 'distributor'] as const;
export const OperatorRole = z.enum(OPERATOR_ROLES);
export type OperatorRole = z.infer<typeof OperatorRole>;

export const SOURCINGS = ['in-house', 'procured'] as const;
export const Sourcing = z.enum(SOURCINGS);

/** How far the system acts without a human deciding each case. */
export const AUTONOMY_LEVELS = ['assistive', 'human-in-the-loop', 'human-on-the-loop', 'autonomous'] as const;
export const Autonomy = z.enum(AUTONOMY_LEVELS);

/**
 * The risk classes of the EU AI Act classification, for the portfolio view. The classification rules own the list
 * (classification/result.ts); it is repeated here because that module imports this one (schemas/classification.ts
 * asserts that both lists are equal).
 */
export const SYSTEM_RISK_CLASSES = ['prohibited', 'high', 'limited', 'minimal', 'out-of-scope'] as const;
export const SystemRiskClass = z.enum(SYSTEM_RISK_CLASSES);

/** Where a system's classification stands: none yet, decided (draft), approved with a signature, or to be reviewed. */
export const CLASSIFICATION_STATUSES = ['none', 'draft', 'approved', 'needs-review'] as const;
export const ClassificationStatus = z.enum(CLASSIFICATION_STATUSES);
export type ClassificationStatus = z.infer<typeof ClassificationStatus>;

export const AiSystem = z.object({
  id: Id,
  name: z.string(),
  shortName: z.string(),
  purpose: z.string(),
  description: z.string(),
  orgUnitId: Id,
  responsible: z.string(),
  lifecycleStage: LifecycleStage,
  roles: z.array(OperatorRole),
  sourcing: Sourcing,
  /** The name of the linked vendor record (kept for clients that know only the name). */
  vendor: z.string(),
  /** The vendor record (GET /api/vendors/{id}); null when none is linked. */
  vendorId: Id.nullable(),
  deploymentContext: z.string(),
  affectedPersons: z.string(),
  autonomy: Autonomy,
  tags: z.array(z.string()),
  /** Read-only: the risk class of the latest classification revision, null before the first. */
  riskClass: SystemRiskClass.nullable(),
  /** Read-only: the state of the latest classification revision. */
  classificationStatus: ClassificationStatus,
  /**
   * The classification level of the record itself (VS marking, not the AI Act risk classification): a `VS-NfD`
   * system is listed and shown only to users cleared for VS-NfD.
   */
  classification: Marking,
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  archivedAt: Timestamp.nullable(),
});
export type AiSystem = z.infer<typeof AiSystem>;

const Tags = z.array(z.string().trim().min(1).max(50)).max(30);
const Roles = z.array(OperatorRole).min(1).max(4);

const systemFields = {
  name: text(200),
  shortName: optionalText(40),
  purpose: text(4000),
  description: optionalText(20000),
  orgUnitId: Id,
  responsible: optionalText(200),
  lifecycleStage: LifecycleStage,
  roles: Roles,
  sourcing: Sourcing,
  /** A vendor by name: the vendor record of that name (case and whitespace aside) is linked, or created. */
  vendor: optionalText(200),
  /** A vendor record to link; takes precedence over `vendor`. */
  vendorId: Id.nullable(),
  deploymentContext: optionalText(4000),
  affectedPersons: optionalText(4000),
  autonomy: Autonomy,
  tags: Tags,
  /** Only a user cleared for the level may set it. */
  classification: Marking,
};

function vendorNamedWhenProcured(value: { sourcing?: string | undefined; vendor?: string | undefined; vendorId?: string | null | undefined }, ctx: z.RefinementCtx) {
  if (value.sourcing === 'procured' && value.vendor !== undefined && value.vendor.trim() === '' && !value.vendorId) {
    ctx.addIssue({ code: 'custom', path: ['vendor'], message: 'A procured system needs the vendor name' });
  }
}

export const AiSystemCreate = z
  .strictObject({
    ...systemFields,
    shortName: systemFields.shortName.default(''),
    description: systemFields.description.default(''),
    responsible: systemFields.responsible.default(''),
    lifecycleStage: LifecycleStage.default('planned'),
    sourcing: Sourcing.default('in-house'),
    vendor: systemFields.vendor.default(''),
    vendorId: systemFields.vendorId.optional(),
    deploymentContext: systemFields.deploymentContext.default(''),
    affectedPersons: systemFields.affectedPersons.default(''),
    autonomy: Autonomy.default('human-in-the-loop'),
    tags: Tags.default([]),
    classification: Marking.optional(),
  })
  .superRefine(vendorNamedWhenProcured);
export type AiSystemCreate = z.infer<typeof AiSystemCreate>;

export const AiSystemUpdate = z
  .strictObject({
    version: z.number().int().min(1),
    reason: optionalText(500).optional(),
    name: systemFields.name.optional(),
    shortName: systemFields.shortName.optional(),
    purpose: systemFields.purpose.optional(),
    description: systemFields.description.optional(),
    orgUnitId: Id.optional(),
    responsible: systemFields.responsible.optional(),
    lifecycleStage: LifecycleStage.optional(),
    roles: Roles.optional(),
    sourcing: Sourcing.optional(),
    vendor: systemFields.vendor.optional(),
    vendorId: systemFields.vendorId.optional(),
    deploymentContext: systemFields.deploymentContext.optional(),
    affectedPersons: systemFields.affectedPersons.optional(),
    autonomy: Autonomy.optional(),
    tags: Tags.optional(),
    classification: Marking.optional(),
  });
export type AiSystemUpdate = z.infer<typeof AiSystemUpdate>;

export const AiSystemArchive = z.strictObject({
  version: z.number().int().min(1),
  reason: optionalText(500).optional(),
});
export type AiSystemArchive = z.infer<typeof AiSystemArchive>;

export const SYSTEM_SORT_FIELDS = ['name', 'shortName', 'lifecycleStage', 'createdAt', 'updatedAt'] as const;
const SortField = z.enum(SYSTEM_SORT_FIELDS);
export const SystemSort = z
  .string()
  .regex(/^-?[A-Za-z]+$/)
  .refine((s) => SortField.safeParse(s.replace(/^-/, '')).success, {
    message: `Sort by one of ${SYSTEM_SORT_FIELDS.join(', ')}, with a leading '-' for descending order`,
  });

export const AiSystemListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  unit: Id.optional(),
  stage: LifecycleStage.optional(),
  role: OperatorRole.optional(),
  riskClass: SystemRiskClass.optional(),
  /** A classification state, or `unapproved` for every state but approved. */
  classification: z.enum([...CLASSIFICATION_STATUSES, 'unapproved']).optional(),
  archived: z.enum(['false', 'true', 'all']).default('false'),
  sort: SystemSort.default('name'),
  ...PageQuery,
});
export type AiSystemListQuery = z.infer<typeof AiSystemListQuery>;
