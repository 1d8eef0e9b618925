import { availableParallelism, loadavg } from 'node:os';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditEvent, ChainVerification, FieldChange } from '@konform/core';
import type { DB, AuditEventTable } from '../db/schema.js';
import type { DialectName } from '../db/dialect.js';
import type { Actor } from '../access/actor.js';
import { canonicalJson } from './canonical-json.js';
import { loadCheckpoints } from './checkpoints.js';
import { findUnaccountedRedaction } from './redaction.js';
import { GENESIS_HASH, canonicalPayload, chainHash, payloadHash, type AuditPayload } from './hash-chain.js';
import { toPayload, type PayloadRow } from './payload-check.js';
import { inlineHasher, startPayloadHasher } from './payload-hasher.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  changes: FieldChange[];
  reason?: string | null | undefined;
}

/**
 * Called inside the transaction of every audit event, after its row is written: a listener's writes commit or roll
 * back with the change (e.g. queued webhook deliveries). A listener that throws aborts the change. Its optional
 * `prepare` runs in the same transaction before the chain head is locked, with the entry (no place in the chain yet);
 * what it returns is passed to the listener. Every write of the installation waits for that lock, so look-ups that
 * do not need the event's sequence number or hashes belong in `prepare`.
 */
export interface AuditListener {
  (trx: Transaction<DB>, dialect: DialectName, event: AuditEvent, prepared?: unknown): Promise<void>;
  prepare?: (trx: Transaction<DB>, entry: AuditEntry) => Promise<unknown>;
}
const listeners = new Set<AuditListener>();

/** Registers a listener once (registering the same function again changes nothing); returns its removal. */
export function registerAuditListener(listener: AuditListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Appends one event to the hash chain. Must run inside the transaction of the change it records:
 * the head row is locked, so concurrent writers queue instead of forking the chain.
 */
export async function appendAuditEvent(
  trx: Transaction<DB>,
  dialect: DialectName,
  actor: Actor,
  entry: AuditEntry,
  now: string,
): Promise<AuditEvent> {
  const active = [...listeners];
  const prepared: unknown[] = [];
  for (const listener of active) prepared.push(listener.prepare ? await listener.prepare(trx, entry) : undefined);
  const reason = entry.reason?.trim() ? entry.reason.trim() : null;
  const changes = canonicalJson(entry.changes);
  const stored = {
    occurred_at: now, actor_id: actor.userId, actor_label: actor.label, action: entry.action, entity_type: entry.entityType,
    entity_id: entry.entityId, changes, reason, client_address: actor.clientAddress,
  };
  const payloadOf = (seq: number): AuditPayload => ({
    seq, occurredAt: now, actorId: actor.userId, actorLabel: actor.label, action: entry.action, entityType: entry.entityType,
    entityId: entry.entityId, changes: entry.changes, reason, clientAddress: actor.clientAddress,
  });
  let event: AuditEvent;
  if (dialect === 'postgres') {
    event = await appendInOneStatement(trx, payloadOf, stored);
  } else {
    // SQLite: the transaction began with `begin immediate`, so this process alone writes until it commits.
    const head = await trx.selectFrom('audit_chain_head').select(['seq', 'chain_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    const payload = payloadOf(Number(head.seq) + 1);
    const pHash = payloadHash(payload, changes);
    const cHash = chainHash(head.chain_hash, pHash);
    await trx.insertInto('audit_event').values({ seq: payload.seq, ...stored, payload_hash: pHash, chain_hash: cHash }).execute();
    await trx.updateTable('audit_chain_head').set({ seq: payload.seq, chain_hash: cHash }).where('id', '=', 1).execute();
    event = { ...payload, payloadHash: pHash, chainHash: cHash };
  }
  for (const [i, listener] of active.entries()) await listener(trx, dialect, event, prepared[i]);
  return event;
}

/**
 * PostgreSQL: locks the chain head, links the event and moves the head in one statement, so the lock is held from
 * that statement to the commit with no round trip between them in which the process could be busy elsewhere (every
 * write of the installation waits for the lock). The hashes are computed by the database, byte for byte as
 * `payloadHash` and `chainHash` compute them: the canonical payload's keys are sorted and `seq` comes last, so the
 * text is a prefix known beforehand, then the sequence number, then `}`. The verification recomputes every hash in
 * this process, so a difference could not go unnoticed.
 */
async function appendInOneStatement(trx: Transaction<DB>, payloadOf: (seq: number) => AuditPayload, stored: StoredColumns): Promise<AuditEvent> {
  const probe = canonicalPayload(payloadOf(0), stored.changes);
  if (!probe.endsWith(SEQ_SUFFIX)) throw new Error('The canonical audit payload does not end with its sequence number');
  const prefix = probe.slice(0, -2);
  const { rows } = await sql<{ seq: string | number; payload_hash: string; chain_hash: string }>`
    with head as (
      select seq + 1 as seq, chain_hash as previous from audit_chain_head where id = 1 for update
    ), hashed as (
      select seq, previous, encode(sha256(convert_to(${prefix} || seq::text || '}', 'UTF8')), 'hex') as payload_hash from head
    ), linked as (
      select seq, payload_hash, encode(sha256(convert_to(previous || ':' || payload_hash, 'UTF8')), 'hex') as chain_hash from hashed
    ), appended as (
      insert into audit_event (seq, occurred_at, actor_id, actor_label, action, entity_type, entity_id, changes, reason, client_address, payload_hash, chain_hash)
      select seq, ${stored.occurred_at}, ${stored.actor_id}, ${stored.actor_label}, ${stored.action}, ${stored.entity_type}, ${stored.entity_id},
        ${stored.changes}, ${stored.reason}, ${stored.client_address}, payload_hash, chain_hash from linked
      returning seq, payload_hash, chain_hash
    )
    update audit_chain_head set seq = appended.seq, chain_hash = appended.chain_hash from appended where audit_chain_head.id = 1
    returning appended.seq, appended.payload_hash, appended.chain_hash`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error('The audit chain head is missing');
  return { ...payloadOf(Number(row.seq)), payloadHash: row.payload_hash, chainHash: row.chain_hash };
}

/** What the canonical payload of sequence number 0 ends with (`seq` is the last key in sorted order). */
const SEQ_SUFFIX = ',"seq":0}';

/** The event's columns that do not depend on its place in the chain. */
type StoredColumns = Omit<AuditEventTable, 'seq' | 'payload_hash' | 'chain_hash' | 'redacted_at' | 'redaction_id'>;

export { toPayload } from './payload-check.js';

export function toAuditEvent(row: AuditEventTable): AuditEvent {
  return { ...toPayload(row), payloadHash: row.payload_hash, chainHash: row.chain_hash, ...(row.redacted_at ? { redactedAt: row.redacted_at } : {}) };
}

/** The columns the verification reads (redaction_id is not needed). */
const VERIFY_COLUMNS = ['seq', 'occurred_at', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'changes', 'reason', 'client_address', 'payload_hash', 'chain_hash', 'redacted_at'] as const;
type VerifyRow = PayloadRow & Pick<AuditEventTable, 'chain_hash' | 'redacted_at'>;
type BreakReason = NonNullable<ChainVerification['firstBroken']>['reason'];

/** Chains longer than this are verified with the payload hashing in a worker thread (starting one costs ~50 ms). */
const WORKER_THRESHOLD = 20_000;

/**
 * Whether a second thread can run beside this one: the split only pays when a core is idle. On a saturated machine
 * both threads share one core's time and copying the rows to the worker makes the walk slower than hashing inline
 * (measured: 1,000,000 events at load average 4.5 on 2 cores, 10.0 s with the worker against 8.5 s inline).
 */
function coreToSpare(): boolean {
  return availableParallelism() >= 2 && loadavg()[0]! <= availableParallelism() - 1;
}

export interface VerifyOptions {
  /** Events per read (default 5,000). */
  batchSize?: number;
  /**
   * Where payload hashes are recomputed: `worker` (a worker thread, falling back to inline when it cannot start),
   * `inline` (this thread) or `auto` (default: a worker for chains longer than 20,000 events when a core is idle).
   */
  hashing?: 'auto' | 'worker' | 'inline';
}

/** One batch as the main thread saw it, waiting for its payload hashes. */
interface CheckedBatch {
  /** Events verified before this batch. */
  before: number;
  firstSeq: number;
  /** The first sequence gap or chain-hash mismatch (index within the batch); rows after it were not looked at. */
  link: { index: number; seq: number; reason: 'sequence-gap' | 'chain-hash-mismatch' } | null;
  /** The first event before `link` whose chain hash contradicts a signed checkpoint. */
  contradicted: { index: number; seq: number } | null;
  /** The seq of the first payload mismatch among the rows up to `link` (redacted rows excepted). */
  mismatch: Promise<number | null>;
}

/**
 * Walks the whole chain in batches and names the first broken event; then compares the chain with the signed
 * checkpoints, which reveals a trail that was truncated (head row included) or rewritten with recomputed hashes.
 *
 * The chain hash of an event needs only its stored payload hash, so this thread reads the batches and checks the
 * sequence, the chain hashes and the checkpoints, while a worker thread recomputes the payload hashes of the batch
 * before (serialisation and SHA-256, the larger part of the work). The result is the same as walking each event in
 * turn: per event the sequence is checked first, then the payload hash, then the chain hash, and the lowest broken
 * event wins (a checkpoint contradiction counts when it comes before it).
 */
export async function verifyAuditChain(db: Kysely<DB>, options: number | VerifyOptions = {}): Promise<ChainVerification> {
  const { batchSize = 5000, hashing = 'auto' } = typeof options === 'number' ? { batchSize: options } : options;
  const checkpoints = await loadCheckpoints(db);
  const atCheckpoint = new Map(checkpoints.map((c) => [c.seq, c.chainHash]));
  const latest = checkpoints.at(-1);
  const summary = { checked: checkpoints.length, latest: latest ? { seq: latest.seq, signedAt: latest.signedAt, keyId: latest.keyId } : null };
  const broken = (seq: number, reason: BreakReason, checked: number): ChainVerification => ({ ok: false, checked, firstBroken: { seq, reason }, checkpoints: summary });
  const forged = checkpoints.find((c) => !c.signatureValid);
  if (forged) return broken(forged.seq, 'checkpoint-signature-invalid', 0);
  const readHead = () => db.selectFrom('audit_chain_head').select(['seq', 'chain_hash']).where('id', '=', 1).executeTakeFirst();
  const useWorker = hashing === 'worker' || (hashing === 'auto' && coreToSpare() && Number((await readHead())?.seq ?? 0) > WORKER_THRESHOLD);
  const hasher = useWorker ? await startPayloadHasher() : inlineHasher();
  const read = (after: number) => db.selectFrom('audit_event').select(VERIFY_COLUMNS).where('seq', '>', after).orderBy('seq').limit(batchSize).execute() as Promise<VerifyRow[]>;

  /** The batch's verdict once its payload hashes are in: the first broken event, or null when the batch is intact. */
  const settle = async (batch: CheckedBatch): Promise<ChainVerification | null> => {
    const mismatch = await batch.mismatch;
    // A payload mismatch lies at or before the link break (rows after it were not hashed) and wins on the same event.
    const first = mismatch !== null ? { index: mismatch - batch.firstSeq, seq: mismatch, reason: 'payload-hash-mismatch' as const } : batch.link;
    const contradicted = batch.contradicted;
    if (contradicted && (!first || contradicted.index < first.index)) return broken(contradicted.seq, 'checkpoint-mismatch', batch.before + contradicted.index + 1);
    return first ? broken(first.seq, first.reason, batch.before + first.index + 1) : null;
  };

  let previous = { seq: 0, chainHash: GENESIS_HASH };
  let checked = 0;
  let pending: CheckedBatch | null = null;
  let next: Promise<VerifyRow[]> | null = read(previous.seq);
  try {
    for (;;) {
      const rows: VerifyRow[] = await next!;
      next = null;
      if (rows.length === 0) break;
      const batch: CheckedBatch = { before: checked, firstSeq: previous.seq + 1, link: null, contradicted: null, mismatch: Promise.resolve(null) };
      const toHash: PayloadRow[] = [];
      let prev = previous;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const seq = Number(row.seq);
        if (seq !== prev.seq + 1) {
          batch.link = { index: i, seq, reason: 'sequence-gap' };
          break;
        }
        // A redacted event counts as a withheld payload; findUnaccountedRedaction checks that an erasure event covers it.
        if (!row.redacted_at) toHash.push(row);
        if (chainHash(prev.chainHash, row.payload_hash) !== row.chain_hash) {
          batch.link = { index: i, seq, reason: 'chain-hash-mismatch' };
          break;
        }
        const signed = atCheckpoint.get(seq);
        prev = { seq, chainHash: row.chain_hash };
        if (signed !== undefined && signed !== row.chain_hash) {
          batch.contradicted = { index: i, seq };
          break;
        }
      }
      // Read the next batch (PostgreSQL: while this one is hashed) unless this one already ends the walk.
      if (!batch.link && !batch.contradicted) next = read(prev.seq);
      batch.mismatch = hasher.check(toHash);
      if (pending) {
        const verdict = await settle(pending);
        if (verdict) return verdict;
      }
      if (batch.link || batch.contradicted) return (await settle(batch))!;
      pending = batch;
      checked += rows.length;
      previous = prev;
    }
    if (pending) {
      const verdict = await settle(pending);
      if (verdict) return verdict;
    }
  } finally {
    next?.catch(() => undefined);
    await hasher.close();
  }
  // A checkpoint beyond the last event: events were removed from the end, head row included.
  const beyond = checkpoints.find((c) => c.seq > previous.seq);
  if (beyond) return broken(previous.seq + 1, 'truncated', checked);
  // The head must agree with the last event, or events were removed from the end.
  const head = await readHead();
  if (head && (Number(head.seq) !== previous.seq || head.chain_hash !== previous.chainHash)) return broken(previous.seq + 1, 'sequence-gap', checked);
  const unaccounted = await findUnaccountedRedaction(db);
  if (unaccounted !== null) return broken(unaccounted, 'redaction-unaccounted', checked);
  return { ok: true, checked, firstBroken: null, checkpoints: summary };
}
