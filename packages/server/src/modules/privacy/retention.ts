import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { RETENTION_RULES, retentionCutoff, type FieldChange, type RetentionRecordType, type RetentionRunResult } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AuditEventTable, DB } from '../../db/schema.js';
import { systemActor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { ERASURE_ACTIONS, recordRedaction, redactEvents, redactionChange, redactValue, replacePersonal, type RedactedFields } from '../../audit/redaction.js';
import type { JobScheduler } from '../../jobs/scheduler.js';

/** What replaces a name when the retention period of its record ended. */
export const RETENTION_LABEL = 'Gelöscht nach Ablauf der Aufbewahrungsfrist';
export const RETENTION_ACTION = 'retention.erase';
export const RETENTION_JOB = 'retention-sweep';
/** Records (and audit events) handled per type and run; the daily job continues with the rest. */
const BATCH = 500;

/**
 * Where each record type lives and what starts its period (see RETENTION_RULES in core). The rule per type when the
 * period has ended: the record stays (regulated records are never deleted), the names in it are replaced by
 * RETENTION_LABEL and the audit events about it are redacted. A type under legal hold is left alone; incidents and
 * complaints start their period only when closed, so open ones are never touched.
 */
interface RetentionTarget {
  table: keyof DB;
  start: string;
  labels: string[];
  closed?: string;
}
const TARGETS: Record<Exclude<RetentionRecordType, 'audit-trail'>, RetentionTarget> = {
  'technical-documentation': { table: 'document_version', start: 'superseded_at', labels: ['created_by_label', 'submitted_by_label', 'released_by_label'] },
  'qms-document': { table: 'qms_document_version', start: 'superseded_at', labels: ['created_by_label', 'updated_by_label', 'submitted_by_label', 'released_by_label'] },
  'lab-run': { table: 'lab_run', start: 'recorded_at', labels: ['operator_label', 'recorded_by_label'] },
  evidence: { table: 'evidence', start: 'created_at', labels: ['created_by_label'] },
  incident: { table: 'incident', start: 'updated_at', labels: ['created_by_label'], closed: 'closed' },
  complaint: { table: 'complaint', start: 'updated_at', labels: ['created_by_label', 'from_text'], closed: 'closed' },
};

/** The configured period of a record type in months (the rule's default until the policy row exists). */
export async function retentionMonths(db: Kysely<DB> | Transaction<DB>, type: RetentionRecordType): Promise<number> {
  const row = await db.selectFrom('retention_policy').select('months').where('record_type', '=', type).executeTakeFirst();
  return row ? Number(row.months) : RETENTION_RULES[type].defaultMonths;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tables are data (TARGETS); Kysely cannot type a run-time table name
const loose = (db: Kysely<DB> | Transaction<DB>) => db as unknown as Kysely<any>;

/** Anonymises who acted in an event whose retention ended: the actor and the given labels in changes and reason. */
function retentionRedaction(row: AuditEventTable, labels: readonly string[]): RedactedFields {
  const needles = [...new Set([row.actor_label, ...labels])].filter((l) => l !== RETENTION_LABEL && l.trim().length >= 3).sort((a, b) => b.length - a.length);
  return {
    actorLabel: RETENTION_LABEL,
    changes: redactValue(JSON.parse(row.changes), needles, [], RETENTION_LABEL) as FieldChange[],
    reason: row.reason === null ? null : replacePersonal(row.reason, needles, [], RETENTION_LABEL),
    clientAddress: null,
  };
}

async function eraseRecords(trx: Transaction<DB>, type: keyof typeof TARGETS, cutoff: string, now: string): Promise<{ ids: string[]; labels: string[] }> {
  const target = TARGETS[type];
  let query = loose(trx)
    .selectFrom(target.table)
    .select(['id', ...target.labels])
    .where(target.start, 'is not', null)
    .where(target.start, '<', cutoff)
    .where('id', 'not in', trx.selectFrom('retention_erasure').select('record_id').where('record_type', '=', type));
  if (target.closed) query = query.where('status', '=', target.closed);
  const rows = (await query.orderBy('id').limit(BATCH).execute()) as Record<string, string | null>[];
  const labels = new Set<string>();
  for (const row of rows) {
    for (const column of target.labels) if (row[column]) labels.add(row[column]);
    const set = Object.fromEntries(target.labels.filter((c) => row[c]).map((c) => [c, RETENTION_LABEL]));
    if (Object.keys(set).length > 0) await loose(trx).updateTable(target.table).set(set).where('id', '=', row.id).execute();
    await trx.insertInto('retention_erasure').values({ record_type: type, record_id: row.id!, erased_at: now }).execute();
  }
  return { ids: rows.map((r) => r.id!), labels: [...labels] };
}

/**
 * One retention sweep at `now`, in one transaction: for every type not under hold, the records whose period ended get
 * their names replaced, the audit events about them (and, for the audit trail itself, every event older than its
 * period) are redacted, and one `retention.erase` event vouches for the redaction. Nothing due: nothing is written.
 */
export async function runRetention(database: Database, now: Date): Promise<RetentionRunResult> {
  const at = now.toISOString();
  return database.db.transaction().execute(async (trx) => {
    const policies = await trx.selectFrom('retention_policy').selectAll().where('hold', '=', 0).execute();
    const counts: Record<string, number> = {};
    const redactionId = randomUUID();
    const events: { row: AuditEventTable; labels: string[] }[] = [];
    for (const policy of policies) {
      const type = policy.record_type as RetentionRecordType;
      const cutoff = retentionCutoff(now, Number(policy.months));
      if (type === 'audit-trail') {
        const rows = await trx.selectFrom('audit_event').selectAll().where('occurred_at', '<', cutoff).where('actor_id', 'is not', null).where('action', 'not in', [...ERASURE_ACTIONS]).where('actor_label', '!=', RETENTION_LABEL).orderBy('seq').limit(BATCH).execute();
        for (const row of rows) events.push({ row, labels: [] });
        if (rows.length > 0) counts[type] = rows.length;
        continue;
      }
      if (!(type in TARGETS)) continue;
      const erased = await eraseRecords(trx, type, cutoff, at);
      if (erased.ids.length === 0) continue;
      counts[type] = erased.ids.length;
      for (let i = 0; i < erased.ids.length; i += BATCH) {
        const rows = await trx.selectFrom('audit_event').selectAll().where('entity_id', 'in', erased.ids.slice(i, i + BATCH)).where('action', 'not in', [...ERASURE_ACTIONS]).execute();
        for (const row of rows) events.push({ row, labels: erased.labels });
      }
    }
    if (Object.keys(counts).length === 0) return { records: 0, auditEvents: 0, erasureSeq: null };
    const labelsBySeq = new Map(events.map((e) => [Number(e.row.seq), e.labels]));
    const unique = [...new Map(events.map((e) => [Number(e.row.seq), e.row])).values()].sort((a, b) => Number(a.seq) - Number(b.seq));
    const entries = await redactEvents(trx, unique, (row) => retentionRedaction(row, labelsBySeq.get(Number(row.seq)) ?? []), redactionId, at);
    const records = Object.entries(counts).filter(([t]) => t !== 'audit-trail').reduce((n, [, c]) => n + c, 0);
    const erasure = await appendAuditEvent(trx, database.dialect, systemActor('retention'), {
      action: RETENTION_ACTION, entityType: 'retention', entityId: redactionId,
      changes: [{ field: 'records', before: null, after: counts }, redactionChange(redactionId, entries)],
    }, at);
    await recordRedaction(trx, redactionId, erasure.seq, entries, at);
    return { records, auditEvents: entries.length, erasureSeq: erasure.seq };
  });
}

/** One sweep per day across all instances (the unique key). */
export function retentionKey(at: Date): string {
  return `retention:${at.toISOString().slice(0, 10)}`;
}

export function registerRetentionJob(scheduler: JobScheduler, database: Database): void {
  scheduler.register(RETENTION_JOB, async () => {
    await runRetention(database, scheduler.now());
  });
}

export async function ensureRetentionJob(scheduler: JobScheduler): Promise<void> {
  const now = scheduler.now();
  await scheduler.enqueue(RETENTION_JOB, now, {}, retentionKey(now));
}
