import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditEvent, FieldChange, WebhookEventType } from '@konform/core';
import type { DB } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { AuditListener } from '../../audit/audit-log.js';
import { levelOf } from '../../access/clearance.js';
import { enqueueJob } from '../../jobs/scheduler.js';

/** The job that makes one attempt of one delivery. */
export const WEBHOOK_DELIVERY_JOB = 'webhook.deliver';

/** The body sent to a receiver: ids and non-sensitive fields only. */
export interface WebhookPayload {
  id: string;
  type: WebhookEventType | 'ping';
  occurredAt: string;
  entity: { type: string; id: string };
  systemId?: string;
  data: Record<string, unknown>;
}

interface Mapped {
  type: WebhookEventType;
  /** Where the AI system of the entity is found. */
  system: (db: Kysely<DB>, event: AuditEvent) => Promise<string | null>;
  /** Enumerated, non-sensitive fields of the change (never free text). */
  data: (event: AuditEvent) => Record<string, unknown>;
}

const after = (changes: FieldChange[], field: string): unknown => changes.find((c) => c.field === field)?.after ?? null;
const own = async (_db: Kysely<DB>, e: AuditEvent) => e.entityId;
const fromChanges = async (_db: Kysely<DB>, e: AuditEvent) => (after(e.changes, 'systemId') as string | null) ?? null;

/**
 * Audit actions that are webhook events. An action missing here sends nothing; a mapping may decline an event (e.g.
 * a risk signature that does not yet complete the acceptance) by returning a type only when the change qualifies.
 */
/** What a mapping decides on: known before the event has its place in the chain (see `prepareForAuditEvent`). */
type MappingInput = Pick<AuditEvent, 'action' | 'entityId' | 'changes'>;

const MAPPINGS: Record<string, (event: MappingInput) => Mapped | null> = {
  'system.create': () => ({ type: 'system.created', system: own, data: () => ({}) }),
  'classification.approve': () => ({ type: 'classification.approved', system: own, data: () => ({}) }),
  'requirement.update': (e) => {
    const status = e.changes.filter((c) => c.field.endsWith('.status'));
    if (status.length === 0) return null;
    return { type: 'requirement.status-changed', system: own, data: () => ({ requirements: status.map((c) => ({ key: c.field.slice(0, -'.status'.length), before: c.before, after: c.after })) }) };
  },
  'risk.accept': (e) =>
    after(e.changes, 'status') === 'accepted'
      ? { type: 'risk.accepted', system: async (db) => (await db.selectFrom('risk').select('system_id').where('id', '=', e.entityId).executeTakeFirst())?.system_id ?? null, data: () => ({}) }
      : null,
  'lab-gate.release': (e) => ({ type: 'lab-gate.released', system: async (db) => (await db.selectFrom('lab_gate').select('system_id').where('id', '=', e.entityId).executeTakeFirst())?.system_id ?? null, data: () => ({}) }),
  'incident.report': (e) => ({
    type: 'incident.reported',
    system: async (db) => (await db.selectFrom('incident').select('system_id').where('id', '=', e.entityId).executeTakeFirst())?.system_id ?? null,
    data: () => ({ report: after(e.changes, 'status') === 'complete-report-submitted' ? 'complete' : 'initial' }),
  }),
  'audit.finding.create': (e) => ({ type: 'audit-finding.opened', system: fromChanges, data: () => ({ auditId: after(e.changes, 'auditId'), severity: after(e.changes, 'severity') }) }),
  'nonconformity.create': (e) => ({ type: 'nonconformity.opened', system: fromChanges, data: () => ({ severity: after(e.changes, 'severity') }) }),
  'document.version.release': (e) => ({
    type: 'document.released',
    system: async (db) =>
      (await db.selectFrom('document_version').innerJoin('document', 'document.id', 'document_version.document_id').select('document.system_id').where('document_version.id', '=', e.entityId).executeTakeFirst())?.system_id ?? null,
    data: () => ({}),
  }),
};

/** The webhook event an audit event stands for, or null. */
export function webhookEventOf(event: MappingInput): Mapped | null {
  return MAPPINGS[event.action]?.(event) ?? null;
}

/**
 * Builds the payload. A system's name is added only when the system is `offen`: for a classified (VS-NfD) system the
 * payload carries its id and nothing it says.
 */
export async function buildPayload(db: Kysely<DB>, event: AuditEvent, mapped: Mapped): Promise<WebhookPayload> {
  const systemId = await mapped.system(db, event);
  const data: Record<string, unknown> = { ...mapped.data(event) };
  if (systemId) {
    const system = await db.selectFrom('ai_system').select(['name', 'classification']).where('id', '=', systemId).executeTakeFirst();
    if (system && levelOf(system.classification) === 'offen') data.systemName = system.name;
    else if (system) data.classified = true;
  }
  return { id: randomUUID(), type: mapped.type, occurredAt: event.occurredAt, entity: { type: event.entityType, id: event.entityId }, ...(systemId ? { systemId } : {}), data };
}

/**
 * Inserts a queued delivery and, unless the caller makes the first attempt itself (`enqueue: false`), the job of its
 * first attempt (inside the caller's transaction).
 */
export async function queueDelivery(db: Kysely<DB> | Transaction<DB>, subscriptionId: string, payload: WebhookPayload, now: string, options: { redeliveryOf?: string; enqueue?: boolean } = {}): Promise<string> {
  const redeliveryOf = options.redeliveryOf ?? null;
  const id = randomUUID();
  await db
    .insertInto('webhook_delivery')
    .values({ id, subscription_id: subscriptionId, event_id: payload.id, event_type: payload.type, payload: JSON.stringify(payload), status: 'queued', attempts: 0, next_attempt_at: now, redelivery_of: redeliveryOf, created_at: now, updated_at: now })
    .execute();
  if (options.enqueue !== false) await enqueueJob(db, WEBHOOK_DELIVERY_JOB, new Date(now), { deliveryId: id, attempt: 1 }, `webhook:${id}:1`, new Date(now));
  return id;
}

/**
 * Before the chain head is locked (`AuditListener.prepare`): the active subscriptions the event will go to. Every write
 * of the installation waits for that lock, so this look-up is done while it is still free.
 */
async function subscriptionsFor(trx: Transaction<DB>, entry: MappingInput): Promise<string[]> {
  const mapped = webhookEventOf(entry);
  if (!mapped) return [];
  const subscriptions = await trx.selectFrom('webhook_subscription').select(['id', 'event_types']).where('state', '=', 'active').execute();
  return subscriptions.filter((s) => (JSON.parse(s.event_types) as string[]).includes(mapped.type)).map((s) => s.id);
}

/**
 * The audit listener: runs in the transaction of every audit event; for a mapped action, queues one delivery per
 * active subscription of that event type. A rolled-back change therefore sends nothing.
 */
export const onAuditEvent: AuditListener = Object.assign(
  async (trx: Transaction<DB>, _dialect: DialectName, event: AuditEvent, prepared?: unknown): Promise<void> => {
    const mapped = webhookEventOf(event);
    if (!mapped) return;
    const targets = Array.isArray(prepared) ? (prepared as string[]) : await subscriptionsFor(trx, event);
    if (targets.length === 0) return;
    const payload = await buildPayload(trx, event, mapped);
    for (const id of targets) await queueDelivery(trx, id, payload, event.occurredAt);
  },
  { prepare: subscriptionsFor },
);
