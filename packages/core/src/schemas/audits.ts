import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';

const IsoDate = z.iso.date();
const Text = z.object({ de: z.string(), en: z.string() });

/** Internal AIMS audit (ISO/IEC 42001 9.2), Annex VI internal control, external (notified body), certification, follow-up. */
export const AUDIT_KINDS = ['internal-aims', 'annex-vi-internal-control', 'external', 'certification', 'follow-up'] as const;
export const AuditKind = z.enum(AUDIT_KINDS);
export type AuditKind = z.infer<typeof AuditKind>;

/** planned → in-progress → reporting → closed; any open status may be cancelled. */
export const AUDIT_STATUSES = ['planned', 'in-progress', 'reporting', 'closed', 'cancelled'] as const;
export const AuditStatus = z.enum(AUDIT_STATUSES);
export type AuditStatus = z.infer<typeof AuditStatus>;

export const CHECKLIST_RESULTS = ['conform', 'minor-nonconformity', 'major-nonconformity', 'observation', 'not-assessed'] as const;
export const ChecklistResult = z.enum(CHECKLIST_RESULTS);
export type ChecklistResult = z.infer<typeof ChecklistResult>;

/** minor/major: a non-conformity record (CAPA) is opened with the finding; observation: noted only. */
export const FINDING_SEVERITIES = ['minor', 'major', 'observation'] as const;
export const FindingSeverity = z.enum(FINDING_SEVERITIES);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

/** open until its non-conformity is closed (then closed) or it is formally accepted. */
export const FINDING_STATUSES = ['open', 'closed', 'accepted'] as const;
export const FindingStatus = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof FindingStatus>;

/** A catalogue id (`eu-ai-act`) or a requirement key prefix (`iso-42001:cl-9`). */
const CatalogId = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'Expected a catalogue id').max(100);
const RequirementPrefix = z.string().regex(/^[^:\s]+:[^:\s]+$/, 'Expected catalogId:requirementId').max(300);

/** What an audit looks at: systems and units (their systems), narrowed to catalogues and requirement key prefixes (none: all). */
export const AuditScope = z.strictObject({
  systemIds: z.array(Id).max(200).default([]),
  orgUnitIds: z.array(Id).max(100).default([]),
  catalogIds: z.array(CatalogId).max(20).default([]),
  requirementPrefixes: z.array(RequirementPrefix).max(200).default([]),
});
export type AuditScope = z.infer<typeof AuditScope>;

const AuditBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  kind: AuditKind,
  orgUnitId: Id,
  objective: z.string().trim().max(5000),
  scope: AuditScope,
  auditorIds: z.array(Id).max(20),
  plannedStart: IsoDate,
  plannedEnd: IsoDate,
});

export const AuditCreate = AuditBody.partial({ objective: true, auditorIds: true }).extend({ year: z.number().int().min(2000).max(2100).optional() });
export type AuditCreate = z.infer<typeof AuditCreate>;

export const AuditUpdate = AuditBody.omit({ orgUnitId: true, kind: true }).partial().extend({
  version: z.number().int().min(1),
  summary: z.string().trim().max(20_000).optional(),
});
export type AuditUpdate = z.infer<typeof AuditUpdate>;

export const AuditTransition = z.strictObject({
  version: z.number().int().min(1),
  to: AuditStatus.exclude(['planned']),
  reason: z.string().trim().max(2000).optional(),
});
export type AuditTransition = z.infer<typeof AuditTransition>;

export const AuditFollowUp = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  auditorIds: z.array(Id).max(20).default([]),
  plannedStart: IsoDate,
  plannedEnd: IsoDate,
});
export type AuditFollowUp = z.infer<typeof AuditFollowUp>;

export const AuditParty = z.object({ id: Id, displayName: z.string() });

export const Audit = z.object({
  id: Id,
  year: z.number().int(),
  kind: AuditKind,
  title: z.string(),
  orgUnitId: Id,
  objective: z.string(),
  scope: AuditScope,
  auditors: z.array(AuditParty),
  plannedStart: IsoDate,
  plannedEnd: IsoDate,
  status: AuditStatus,
  summary: z.string(),
  parentAuditId: Id.nullable(),
  closedAt: Timestamp.nullable(),
  checklistCount: z.number().int(),
  recordedCount: z.number().int(),
  findingCount: z.number().int(),
  openFindingCount: z.number().int(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Audit = z.infer<typeof Audit>;

export const AuditListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: AuditStatus.optional(),
  kind: AuditKind.optional(),
  ...PageQuery,
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const ChecklistItem = z.object({
  id: Id,
  auditId: Id,
  systemId: Id,
  systemName: z.string(),
  requirementKey: z.string(),
  ref: z.string(),
  title: Text,
  result: ChecklistResult.nullable(),
  notes: z.string(),
  evidenceIds: z.array(Id),
  recordedBy: z.string().nullable(),
  recordedAt: Timestamp.nullable(),
  version: z.number().int(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistItemUpdate = z.strictObject({
  version: z.number().int().min(0),
  result: ChecklistResult.nullable().optional(),
  notes: z.string().trim().max(10_000).optional(),
  evidenceIds: z.array(Id).max(50).optional(),
});
export type ChecklistItemUpdate = z.infer<typeof ChecklistItemUpdate>;

export const ChecklistItemParams = z.strictObject({ id: Id, itemId: Id });
export const AuditFindingParams = z.strictObject({ id: Id, findingId: Id });

export const FindingCreate = z.strictObject({
  checklistItemId: Id.optional(),
  systemId: Id.optional(),
  requirementKeys: z.array(RequirementPrefix).max(50).optional(),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(10_000).default(''),
  severity: FindingSeverity.optional(),
});
export type FindingCreate = z.infer<typeof FindingCreate>;

export const FindingAccept = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1).max(5000),
});
export type FindingAccept = z.infer<typeof FindingAccept>;

export const Finding = z.object({
  id: Id,
  auditId: Id,
  checklistItemId: Id.nullable(),
  systemId: Id.nullable(),
  requirementKeys: z.array(z.string()),
  title: z.string(),
  description: z.string(),
  severity: FindingSeverity,
  status: FindingStatus,
  nonconformityId: Id.nullable(),
  nonconformityStatus: z.string().nullable(),
  acceptance: z.object({ by: z.string(), at: Timestamp, reason: z.string() }).nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  createdBy: z.string(),
});
export type Finding = z.infer<typeof Finding>;
