import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';

const IsoDate = z.iso.date();

export const NONCONFORMITY_SOURCES = ['audit-finding', 'test-failure', 'incident', 'review', 'other'] as const;
export const NonconformitySource = z.enum(NONCONFORMITY_SOURCES);
export type NonconformitySource = z.infer<typeof NonconformitySource>;

export const NONCONFORMITY_SEVERITIES = ['minor', 'major', 'critical'] as const;
export const NonconformitySeverity = z.enum(NONCONFORMITY_SEVERITIES);
export type NonconformitySeverity = z.infer<typeof NonconformitySeverity>;

/** open → analysed → actions-planned → implemented → verified → closed; an ineffective verification returns to actions-planned. */
export const NONCONFORMITY_STATUSES = ['open', 'analysed', 'actions-planned', 'implemented', 'verified', 'closed'] as const;
export const NonconformityStatus = z.enum(NONCONFORMITY_STATUSES);
export type NonconformityStatus = z.infer<typeof NonconformityStatus>;

export const CapaKind = z.enum(['corrective', 'preventive']);

/** `catalogId:requirementId`, e.g. `eu-ai-act:art-9`. */
export const NonconformityRequirementKey = z.string().regex(/^[^:\s]+:[^:\s]+$/, 'Expected catalogId:requirementId').max(300);

/**
 * A corrective or preventive action; the server assigns an id to a new one. `ownerId` names a Konform user (active,
 * able to read the non-conformity), who then sees the action under "My tasks" and is reminded of its due date; `owner`
 * is the label shown, filled from that user's name, or free text (e.g. another authority's unit) without `ownerId`.
 */
export const CapaActionInput = z.strictObject({
  id: Id.optional(),
  kind: CapaKind,
  description: z.string().trim().min(1).max(5000),
  ownerId: Id.nullable().optional(),
  owner: z.string().trim().max(200).default(''),
  dueDate: IsoDate.nullable().default(null),
  done: z.boolean().default(false),
});
export type CapaActionInput = z.infer<typeof CapaActionInput>;

export const CapaAction = z.object({
  id: Id,
  kind: CapaKind,
  description: z.string(),
  ownerId: Id.nullable(),
  owner: z.string(),
  dueDate: IsoDate.nullable(),
  done: z.boolean(),
});
export type CapaAction = z.infer<typeof CapaAction>;

export const NonconformityVerification = z.object({ by: z.string(), at: Timestamp, effective: z.boolean(), note: z.string() });

const NonconformityBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(10_000),
  source: NonconformitySource,
  severity: NonconformitySeverity,
  requirementKeys: z.array(NonconformityRequirementKey).max(200),
  rootCause: z.string().trim().max(10_000),
  actions: z.array(CapaActionInput).max(100),
});

/** A new non-conformity: of an AI system, or organisation-wide (then of an organisational unit). */
export const NonconformityCreate = NonconformityBody.partial().required({ title: true, source: true, severity: true }).extend({
  systemId: Id.optional(),
  orgUnitId: Id.optional(),
});
export type NonconformityCreate = z.infer<typeof NonconformityCreate>;

/** A change of the fields (the status changes only by transition). */
export const NonconformityUpdate = NonconformityBody.partial().extend({
  version: z.number().int().min(1),
  reason: z.string().trim().max(1000).optional(),
});
export type NonconformityUpdate = z.infer<typeof NonconformityUpdate>;

/** POST /api/nonconformities/{id}/transition: one step of the state machine. */
export const NonconformityTransition = z.strictObject({
  version: z.number().int().min(1),
  to: NonconformityStatus.exclude(['open']),
  note: z.string().trim().max(5000).optional(),
  /** Only for `verified`: false sends the non-conformity back to actions-planned. */
  effective: z.boolean().optional(),
});
export type NonconformityTransition = z.infer<typeof NonconformityTransition>;

export const Nonconformity = z.object({
  id: Id,
  systemId: Id.nullable(),
  orgUnitId: Id,
  title: z.string(),
  description: z.string(),
  source: NonconformitySource,
  severity: NonconformitySeverity,
  requirementKeys: z.array(z.string()),
  rootCause: z.string(),
  actions: z.array(CapaAction),
  implementedBy: z.string().nullable(),
  verification: NonconformityVerification.nullable(),
  status: NonconformityStatus,
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Nonconformity = z.infer<typeof Nonconformity>;

/** A non-conformity in a list, with the name of its AI system (null for an organisation-wide one). */
export const NonconformityListItem = Nonconformity.extend({ systemName: z.string().nullable() });
export type NonconformityListItem = z.infer<typeof NonconformityListItem>;

export const NonconformityListQuery = z.strictObject({
  systemId: Id.optional(),
  status: NonconformityStatus.optional(),
  severity: NonconformitySeverity.optional(),
  source: NonconformitySource.optional(),
  /** Words in the title or description (case-insensitive). */
  q: z.string().trim().max(200).optional(),
  /** `me`: only non-conformities with an action not yet done whose owner is the caller ("My tasks"). */
  actionOwner: z.literal('me').optional(),
  ...PageQuery,
});
export type NonconformityListQuery = z.infer<typeof NonconformityListQuery>;

/** GET /api/nonconformities/action-owners: who may be named as the owner of an action in a unit. */
export const ActionOwnerQuery = z.strictObject({ orgUnitId: Id });
export const ActionOwner = z.object({ id: Id, displayName: z.string() });
export type ActionOwner = z.infer<typeof ActionOwner>;
