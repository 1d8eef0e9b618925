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
  /** Set when personal fields of the event were redacted (erasure); the hashes are the original ones. */
  redactedAt: Timestamp.nullable().optional(),
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
  /**
   * The first problem: a broken event, or a signed checkpoint the trail contradicts (`checkpoint-mismatch`: the event
   * at the checkpoint's seq has another chain hash — the trail was rewritten; `truncated`: the trail ends before a
   * checkpoint; `checkpoint-signature-invalid`: the checkpoint itself was forged or altered; `redaction-unaccounted`: an
   * event is marked redacted, or its redacted content changed, without an erasure event in the chain that covers it).
   */
  firstBroken: z
    .object({
      seq: z.number().int(),
      reason: z.enum(['payload-hash-mismatch', 'chain-hash-mismatch', 'sequence-gap', 'checkpoint-mismatch', 'truncated', 'checkpoint-signature-invalid', 'redaction-unaccounted']),
    })
    .nullable(),
  /** Signed checkpoints of the chain head that were compared, and the latest of them. */
  checkpoints: z.object({
    checked: z.number().int(),
    latest: z.object({ seq: z.number().int(), signedAt: z.string(), keyId: z.string() }).nullable(),
  }),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

/** A public key of the organisation's Ed25519 signing keys (retired keys stay, so old signatures verify). */
export const SigningKey = z.object({
  id: z.string(),
  algorithm: z.literal('Ed25519'),
  publicKeyPem: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});
export type SigningKey = z.infer<typeof SigningKey>;

/**
 * A signed checkpoint of the audit chain head. The signature (base64, Ed25519) covers the UTF-8 text
 * `konform-audit-checkpoint/1\nseq=<seq>\nchain=<chainHash>\nsigned=<signedAt>\n`.
 */
export const AuditCheckpoint = z.object({
  seq: z.number().int(),
  chainHash: z.string(),
  signedAt: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
});
