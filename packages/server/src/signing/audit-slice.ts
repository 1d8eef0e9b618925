import { z } from 'zod';
import { GENESIS_HASH, verifyLinks, type BreakReason } from '../audit/hash-chain.js';
import { checkpointMessage } from '../audit/checkpoints.js';
import { verifyBytes } from './ed25519.js';

/**
 * The slice of the audit chain an audit package carries (`audit-chain.json`): consecutive events from the first that
 * concerns a packaged record to the last one (or to the latest signed checkpoint beyond it). Events about the packaged
 * records keep their payload; the others between them are withheld, but keep their payload hash and chain hash, so the
 * chain can be recomputed across the slice from `previous` (the chain hash before the first event) and compared with
 * the signed checkpoint.
 */
export const AUDIT_SLICE_FILE = 'audit-chain.json';
export const AUDIT_SLICE_FORMAT = 'konform-audit-slice/1';
export const AUDIT_PACKAGE_SUBJECT = 'audit-package';
export const PUBLIC_KEYS_FILE = 'public-keys.pem';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Payload = z.object({
  seq: z.number().int(), occurredAt: z.string(), actorId: z.string().nullable(), actorLabel: z.string(), action: z.string(),
  entityType: z.string(), entityId: z.string(), changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  reason: z.string().nullable(), clientAddress: z.string().nullable(),
});

export const AuditSlice = z.object({
  format: z.literal(AUDIT_SLICE_FORMAT),
  previous: z.object({ seq: z.number().int().min(0), chainHash: Sha256 }),
  events: z.array(z.object({ seq: z.number().int().min(1), payloadHash: Sha256, chainHash: Sha256, payload: Payload.nullable() })),
  checkpoint: z.object({ seq: z.number().int().min(1), chainHash: Sha256, signedAt: z.string(), keyId: z.string(), signature: z.string() }).nullable(),
});
export type AuditSlice = z.infer<typeof AuditSlice>;

export type CheckpointStatus = 'ok' | 'unknown-key' | 'signature-invalid' | 'mismatch' | 'outside-slice';

export interface SliceVerification {
  ok: boolean;
  /** The slice file is missing or cannot be read. */
  malformed: boolean;
  events: number;
  withheld: number;
  /** The first event whose hashes do not add up, or null. */
  broken: { seq: number; reason: BreakReason | 'payload-seq-mismatch' } | null;
  checkpoint: { seq: number; status: CheckpointStatus; signedAt: string; keyId: string } | null;
}

const MALFORMED: SliceVerification = { ok: false, malformed: true, events: 0, withheld: 0, broken: null, checkpoint: null };

/** Recomputes every hash of the slice and checks the checkpoint's signature with the trusted public keys (id → PEM). */
export function verifyAuditSlice(bytes: Buffer | null, publicKeys: ReadonlyMap<string, string>): SliceVerification {
  if (!bytes) return MALFORMED;
  let slice: AuditSlice;
  try {
    slice = AuditSlice.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    return MALFORMED;
  }
  if (slice.previous.seq === 0 && slice.previous.chainHash !== GENESIS_HASH) return { ...MALFORMED, malformed: false, events: slice.events.length, broken: { seq: 1, reason: 'chain-hash-mismatch' } };
  // A payload moved to another event would still hash correctly: its seq must be the event's.
  const misplaced = slice.events.find((e) => e.payload !== null && e.payload.seq !== e.seq);
  const broken = misplaced ? { seq: misplaced.seq, reason: 'payload-seq-mismatch' as const } : verifyLinks(slice.events, slice.previous);
  let checkpoint: SliceVerification['checkpoint'] = null;
  if (slice.checkpoint) {
    const c = slice.checkpoint;
    const at = slice.events.find((e) => e.seq === c.seq);
    const pem = publicKeys.get(c.keyId);
    const status: CheckpointStatus = !pem ? 'unknown-key'
      : !verifyBytes(pem, checkpointMessage(c.seq, c.chainHash, c.signedAt), c.signature) ? 'signature-invalid'
        : !at ? 'outside-slice'
          : at.chainHash !== c.chainHash ? 'mismatch' : 'ok';
    checkpoint = { seq: c.seq, status, signedAt: c.signedAt, keyId: c.keyId };
  }
  return {
    ok: broken === null && (checkpoint === null || checkpoint.status === 'ok'),
    malformed: false, events: slice.events.length, withheld: slice.events.filter((e) => e.payload === null).length, broken, checkpoint,
  };
}

/** The lines `konform verify` adds for the chain slice of an audit package. */
export function describeSlice(result: SliceVerification): string[] {
  if (result.malformed) return [`NOT VERIFIED: ${AUDIT_SLICE_FILE} is missing or cannot be read`];
  const lines: string[] = [];
  if (result.broken) lines.push(`CHANGED audit event ${result.broken.seq} in ${AUDIT_SLICE_FILE} (${result.broken.reason})`);
  else lines.push(`OK      audit chain slice: ${result.events} events (${result.withheld} with payload withheld)`);
  const c = result.checkpoint;
  if (!c) lines.push('NOTE    no signed checkpoint covers the slice yet');
  else if (c.status === 'ok') lines.push(`OK      checkpoint at event ${c.seq}, signed ${c.signedAt} with key ${c.keyId}`);
  else lines.push(`NOT VERIFIED: checkpoint at event ${c.seq} (${c.status})`);
  return lines;
}
