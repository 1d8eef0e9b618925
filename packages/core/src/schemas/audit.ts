import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof FieldChange>;

export const AuditEvent = z.object({
  seq: z.number().int(),
  occurredAt: Timestamp,
  actorId: Id.nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  changes: z.array(FieldChange),
  reason: z.string().nullable(),
  clientAddress: z.string().nullable(),
  payloadHash: z.string(),
  chainHash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditEventListQuery = z.strictObject({
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  ...PageQuery,
});
export type AuditEventListQuery = z.infer<typeof AuditEventListQuery>;

export const ChainVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z
    .object({ seq: z.number().int(), reason: z.enum(['payload-hash-mismatch', 'chain-hash-mismatch', 'sequence-gap']) })
    .nullable(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
});
