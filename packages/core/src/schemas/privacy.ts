import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/**
 * Retention periods per record type (issue #12, point 7). The list of types, their legal minimum, the default, the
 * legal basis and what starts the period is data; operators change the period (never below the minimum) and a legal
 * hold per type. When the period has ended, the retention job erases personal data in the record (names of the
 * people who created, changed or released it) and redacts the audit events about it; regulated records themselves
 * are never deleted (no hard deletes of regulated records).
 */
export const RETENTION_RECORD_TYPES = ['technical-documentation', 'qms-document', 'audit-trail', 'lab-run', 'evidence', 'incident', 'complaint'] as const;
export const RetentionRecordType = z.enum(RETENTION_RECORD_TYPES);
export type RetentionRecordType = z.infer<typeof RetentionRecordType>;

/** What starts the period: creation of the record, its release being superseded by a newer version, or its closure. */
export const RETENTION_STARTS = ['created', 'superseded', 'closed'] as const;
export type RetentionStart = (typeof RETENTION_STARTS)[number];

export interface RetentionRule {
  /** The period a user may not go below, in months. */
  minMonths: number;
  defaultMonths: number;
  start: RetentionStart;
  /** The legal basis (German citation; the UI shows its own translation per type, privacy.retention.basis). */
  legalBasis: string;
}

export const RETENTION_RULES: Record<RetentionRecordType, RetentionRule> = {
  'technical-documentation': { minMonths: 120, defaultMonths: 120, start: 'superseded', legalBasis: 'Art. 18 Abs. 1 lit. a, d VO (EU) 2024/1689' },
  'qms-document': { minMonths: 120, defaultMonths: 120, start: 'superseded', legalBasis: 'Art. 18 Abs. 1 lit. b VO (EU) 2024/1689' },
  'audit-trail': { minMonths: 6, defaultMonths: 120, start: 'created', legalBasis: 'Art. 19 Abs. 1, Art. 26 Abs. 6 VO (EU) 2024/1689' },
  'lab-run': { minMonths: 6, defaultMonths: 120, start: 'created', legalBasis: 'Art. 19 Abs. 1 VO (EU) 2024/1689; ISO/IEC 17025 8.4' },
  evidence: { minMonths: 1, defaultMonths: 120, start: 'created', legalBasis: 'Art. 18 Abs. 1 VO (EU) 2024/1689 (Nachweise zur technischen Dokumentation)' },
  incident: { minMonths: 1, defaultMonths: 120, start: 'closed', legalBasis: 'Art. 73 VO (EU) 2024/1689; Art. 5 Abs. 1 lit. e DSGVO' },
  complaint: { minMonths: 1, defaultMonths: 36, start: 'closed', legalBasis: 'Art. 85, 86 VO (EU) 2024/1689; Art. 5 Abs. 1 lit. e DSGVO' },
};

export const RetentionPolicy = z.object({
  recordType: RetentionRecordType,
  months: z.number().int(),
  minMonths: z.number().int(),
  defaultMonths: z.number().int(),
  start: z.enum(RETENTION_STARTS),
  legalBasis: z.string(),
  hold: z.boolean(),
  version: z.number().int(),
  updatedAt: Timestamp,
  updatedByLabel: z.string(),
});
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

export const RetentionPolicyParams = z.strictObject({ recordType: RetentionRecordType });

export const RetentionPolicyUpdate = z.strictObject({
  months: z.number().int().min(1).max(1200),
  hold: z.boolean().optional(),
  version: z.number().int(),
});
export type RetentionPolicyUpdate = z.infer<typeof RetentionPolicyUpdate>;

/** Records of one table that name the person and would have the name replaced. */
export const ErasureRecordCount = z.object({ table: z.string(), column: z.string(), count: z.number().int() });

/** Free-text column of one table whose exact mentions of the person (full name, e-mail address) would be replaced. */
export const ErasureMentionCount = z.object({ table: z.string(), column: z.string(), records: z.number().int(), mentions: z.number().int() });

export const ErasurePreview = z.object({
  userId: Id,
  displayName: z.string(),
  email: z.string(),
  pseudonym: z.string(),
  alreadyErased: z.boolean(),
  records: z.array(ErasureRecordCount),
  /** Exact mentions in free text (descriptions, notes, comments) per table and column. */
  mentions: z.array(ErasureMentionCount),
  auditEvents: z.number().int(),
  /** What stays unchanged, as keys the UI translates (e.g. signatures, erasure events). */
  kept: z.array(z.string()),
});
export type ErasurePreview = z.infer<typeof ErasurePreview>;

export const ErasureRequest = z.strictObject({
  reason: z.string().trim().min(3).max(1000),
  /** Must be true: erasure cannot be undone. */
  confirm: z.literal(true),
});
export type ErasureRequest = z.infer<typeof ErasureRequest>;

export const ErasureResult = z.object({
  userId: Id,
  pseudonym: z.string(),
  records: z.number().int(),
  auditEvents: z.number().int(),
  erasureSeq: z.number().int(),
});
export type ErasureResult = z.infer<typeof ErasureResult>;

export const RetentionRunResult = z.object({
  records: z.number().int(),
  auditEvents: z.number().int(),
  erasureSeq: z.number().int().nullable(),
});
export type RetentionRunResult = z.infer<typeof RetentionRunResult>;
