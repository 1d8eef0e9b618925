import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  webhookHostAllowed, type FieldChange, type ListPage, type WebhookCreate, type WebhookDelivery, type WebhookEventType, type WebhookSettings, type WebhookSubscription,
  type WebhookSubscriptionWithSecret, type WebhookUpdate,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, WebhookAttemptTable, WebhookDeliveryTable, WebhookSubscriptionTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { forbidden, invalid, notFound, versionConflict } from '../../http/errors.js';
import { queueDelivery, type WebhookPayload } from './events.js';
import { attemptDelivery } from './delivery.js';
import { readWebhookSettings, writeWebhookSettings } from './settings.js';

export const WEBHOOK_ENTITY = 'webhook';

/** A new signing secret: 32 random bytes. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

type LastDelivery = Pick<WebhookDeliveryTable, 'id' | 'status' | 'updated_at'> & { http_status: number | null };

function present(row: WebhookSubscriptionTable, last: LastDelivery | null): WebhookSubscription {
  return {
    id: row.id, url: row.url, description: row.description, eventTypes: JSON.parse(row.event_types) as WebhookEventType[], active: row.state === 'active',
    secretCreatedAt: row.secret_created_at, lastDelivery: last ? { id: last.id, status: last.status as WebhookDelivery['status'], httpStatus: last.http_status === null ? null : Number(last.http_status), at: last.updated_at } : null,
    version: Number(row.version), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function presentDelivery(row: WebhookDeliveryTable, attempts: WebhookAttemptTable[]): WebhookDelivery {
  return {
    id: row.id, subscriptionId: row.subscription_id, eventId: row.event_id, eventType: row.event_type as WebhookDelivery['eventType'], status: row.status as WebhookDelivery['status'],
    attempts: attempts.map((a) => ({ attempt: Number(a.attempt), at: a.attempted_at, httpStatus: a.http_status === null ? null : Number(a.http_status), durationMs: Number(a.duration_ms), error: a.error, nextAttemptAt: a.next_attempt_at })),
    nextAttemptAt: row.next_attempt_at, redeliveryOf: row.redelivery_of, payload: JSON.parse(row.payload) as Record<string, unknown>, createdAt: row.created_at,
  };
}

/** The audit view of a subscription: never the secret. */
function auditView(row: Pick<WebhookSubscriptionTable, 'url' | 'description' | 'event_types' | 'state'>): Record<string, unknown> {
  return { url: row.url, description: row.description, eventTypes: JSON.parse(row.event_types) as unknown, state: row.state };
}

function diff(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChange[] {
  return Object.keys(after).filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after[k])).map((field) => ({ field, before: before?.[field] ?? null, after: after[field] }));
}

/**
 * Webhook subscriptions, the host allow-list and the delivery log. Webhooks carry events of the whole organisation,
 * so every operation needs `webhook.manage` for every unit (administrators and governance).
 */
export class WebhookService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  private async assertOrgWide(actor: Actor): Promise<void> {
    if ((await unitScope(this.db, actor, 'webhook.manage')) !== 'all') throw forbidden('Webhooks carry events of the whole organisation: managing them needs webhook.manage for every unit');
  }

  private async lastDeliveries(db: Kysely<DB>, ids: string[]): Promise<Map<string, LastDelivery>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('webhook_delivery').select(['id', 'subscription_id', 'status', 'updated_at', 'created_at']).where('subscription_id', 'in', ids).orderBy('created_at', 'desc').orderBy('id').execute();
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) if (!latest.has(r.subscription_id)) latest.set(r.subscription_id, r);
    const deliveryIds = [...latest.values()].map((r) => r.id);
    const attempts = deliveryIds.length === 0 ? [] : await db.selectFrom('webhook_attempt').select(['delivery_id', 'attempt', 'http_status']).where('delivery_id', 'in', deliveryIds).execute();
    const status = new Map<string, { attempt: number; http_status: number | null }>();
    for (const a of attempts) if ((status.get(a.delivery_id)?.attempt ?? 0) < Number(a.attempt)) status.set(a.delivery_id, { attempt: Number(a.attempt), http_status: a.http_status });
    return new Map([...latest].map(([sub, r]) => [sub, { id: r.id, status: r.status, updated_at: r.updated_at, http_status: status.get(r.id)?.http_status ?? null }]));
  }

  async list(actor: Actor): Promise<WebhookSubscription[]> {
    await this.assertOrgWide(actor);
    const rows = await this.db.selectFrom('webhook_subscription').selectAll().orderBy('created_at').orderBy('id').execute();
    const last = await this.lastDeliveries(this.db, rows.map((r) => r.id));
    return rows.map((r) => present(r, last.get(r.id) ?? null));
  }

  async get(actor: Actor, id: string): Promise<WebhookSubscription> {
    await this.assertOrgWide(actor);
    return this.load(this.db, id);
  }

  private async load(db: Kysely<DB>, id: string): Promise<WebhookSubscription> {
    const row = await db.selectFrom('webhook_subscription').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Webhook');
    return present(row, (await this.lastDeliveries(db, [id])).get(id) ?? null);
  }

  private async assertHostAllowed(db: Kysely<DB>, url: string): Promise<void> {
    const settings = await readWebhookSettings(db);
    if (settings.allowedHosts.length === 0) throw invalid('url', 'No webhook host is allowed yet: add the host to the allow-list first');
    if (!webhookHostAllowed(settings.allowedHosts, url)) throw invalid('url', 'The host of this URL is not on the allow-list of webhook hosts');
  }

  async create(actor: Actor, input: WebhookCreate): Promise<WebhookSubscriptionWithSecret> {
    await this.assertOrgWide(actor);
    const now = new Date().toISOString();
    const row: WebhookSubscriptionTable = {
      id: randomUUID(), url: input.url, description: input.description ?? '', event_types: JSON.stringify([...new Set(input.eventTypes)]), state: 'active',
      secret: newSecret(), secret_created_at: now, version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
    };
    await this.db.transaction().execute(async (trx) => {
      await this.assertHostAllowed(trx, row.url);
      await trx.insertInto('webhook_subscription').values(row).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'webhook.create', entityType: WEBHOOK_ENTITY, entityId: row.id, changes: diff(null, auditView(row)) }, now);
    });
    return { ...(await this.load(this.db, row.id)), secret: row.secret };
  }

  async update(actor: Actor, id: string, input: WebhookUpdate): Promise<WebhookSubscription> {
    await this.assertOrgWide(actor);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.lock(trx, id, input.version);
      const next: WebhookSubscriptionTable = {
        ...row,
        url: input.url ?? row.url, description: input.description ?? row.description,
        event_types: input.eventTypes ? JSON.stringify([...new Set(input.eventTypes)]) : row.event_types,
        state: input.active === undefined ? row.state : input.active ? 'active' : 'paused',
      };
      if (input.url !== undefined && input.url !== row.url) await this.assertHostAllowed(trx, next.url);
      const changes = diff(auditView(row), auditView(next));
      if (changes.length === 0) return;
      await this.store(trx, id, input.version, { ...next, version: input.version + 1, updated_at: now });
      const action = changes.length === 1 && changes[0]!.field === 'state' ? (next.state === 'active' ? 'webhook.resume' : 'webhook.pause') : 'webhook.update';
      await appendAuditEvent(trx, this.database.dialect, actor, { action, entityType: WEBHOOK_ENTITY, entityId: id, changes }, now);
    });
    return this.load(this.db, id);
  }

  /** A new signing secret, shown once in the answer; the old one stops signing at once. */
  async rotateSecret(actor: Actor, id: string, version: number): Promise<WebhookSubscriptionWithSecret> {
    await this.assertOrgWide(actor);
    const now = new Date().toISOString();
    const secret = newSecret();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.lock(trx, id, version);
      await this.store(trx, id, version, { secret, secret_created_at: now, version: version + 1, updated_at: now });
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'webhook.rotate-secret', entityType: WEBHOOK_ENTITY, entityId: id, changes: [{ field: 'secretCreatedAt', before: row.secret_created_at, after: now }] }, now);
    });
    return { ...(await this.load(this.db, id)), secret };
  }

  /** Deletes the subscription with its delivery log (the audit trail keeps that it existed). */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.assertOrgWide(actor);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('webhook_subscription').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('Webhook');
      const deliveries = trx.selectFrom('webhook_delivery').select('id').where('subscription_id', '=', id);
      await trx.deleteFrom('webhook_attempt').where('delivery_id', 'in', deliveries).execute();
      await trx.deleteFrom('webhook_delivery').where('subscription_id', '=', id).execute();
      await trx.deleteFrom('webhook_subscription').where('id', '=', id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'webhook.delete', entityType: WEBHOOK_ENTITY, entityId: id, changes: diff(auditView(row), { url: null, description: null, eventTypes: null, state: null }) }, now);
    });
  }

  private async lock(trx: Kysely<DB>, id: string, version: number): Promise<WebhookSubscriptionTable> {
    const row = await trx.selectFrom('webhook_subscription').selectAll().where('id', '=', id).$if(this.database.dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
    if (!row) throw notFound('Webhook');
    if (Number(row.version) !== version) throw versionConflict();
    return row;
  }

  private async store(trx: Kysely<DB>, id: string, version: number, values: Partial<WebhookSubscriptionTable>): Promise<void> {
    const result = await trx.updateTable('webhook_subscription').set(values).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw versionConflict();
  }

  async settings(actor: Actor): Promise<WebhookSettings> {
    await this.assertOrgWide(actor);
    return readWebhookSettings(this.db);
  }

  async updateSettings(actor: Actor, input: WebhookSettings): Promise<WebhookSettings> {
    await this.assertOrgWide(actor);
    const now = new Date().toISOString();
    const next: WebhookSettings = { allowedHosts: [...new Set(input.allowedHosts)] };
    return this.db.transaction().execute(async (trx) => {
      const before = await readWebhookSettings(trx);
      if (JSON.stringify(before) === JSON.stringify(next)) return before;
      await writeWebhookSettings(trx, next, now, actor.label);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'webhook.settings', entityType: 'setting', entityId: 'webhooks', changes: [{ field: 'allowedHosts', before: before.allowedHosts, after: next.allowedHosts }] }, now);
      return next;
    });
  }

  async deliveries(actor: Actor, id: string, page: { limit: number; offset: number }): Promise<ListPage<WebhookDelivery>> {
    await this.assertOrgWide(actor);
    await this.load(this.db, id);
    const total = await this.db.selectFrom('webhook_delivery').select((eb) => eb.fn.countAll().as('n')).where('subscription_id', '=', id).executeTakeFirstOrThrow();
    const rows = await this.db.selectFrom('webhook_delivery').selectAll().where('subscription_id', '=', id).orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
    const attempts = rows.length === 0 ? [] : await this.db.selectFrom('webhook_attempt').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('attempt').execute();
    return { items: rows.map((r) => presentDelivery(r, attempts.filter((a) => a.delivery_id === r.id))), total: Number(total.n), ...page };
  }

  private async delivery(id: string): Promise<WebhookDelivery> {
    const row = await this.db.selectFrom('webhook_delivery').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const attempts = await this.db.selectFrom('webhook_attempt').selectAll().where('delivery_id', '=', id).orderBy('attempt').execute();
    return presentDelivery(row, attempts);
  }

  /** Queues a delivery and makes its first attempt now (the answer shows the result); retries run as jobs. */
  private async sendNow(actor: Actor, subscriptionId: string, payload: WebhookPayload, action: string, redeliveryOf?: string): Promise<WebhookDelivery> {
    const now = new Date();
    const at = now.toISOString();
    const deliveryId = await this.db.transaction().execute(async (trx) => {
      const id = await queueDelivery(trx, subscriptionId, payload, at, { redeliveryOf, enqueue: false });
      await appendAuditEvent(trx, this.database.dialect, actor, { action, entityType: WEBHOOK_ENTITY, entityId: subscriptionId, changes: [{ field: 'delivery', before: null, after: { id, eventType: payload.type, eventId: payload.id } }] }, at);
      return id;
    });
    await attemptDelivery(this.database, deliveryId, 1, now);
    return this.delivery(deliveryId);
  }

  /** Sends a `ping` event to the subscription now. */
  async ping(actor: Actor, id: string): Promise<WebhookDelivery> {
    await this.assertOrgWide(actor);
    await this.load(this.db, id);
    const payload: WebhookPayload = { id: randomUUID(), type: 'ping', occurredAt: new Date().toISOString(), entity: { type: WEBHOOK_ENTITY, id }, data: {} };
    return this.sendNow(actor, id, payload, 'webhook.ping');
  }

  /** Sends an earlier delivery's event again, as a new delivery with the same event id (receivers may deduplicate). */
  async redeliver(actor: Actor, id: string, deliveryId: string): Promise<WebhookDelivery> {
    await this.assertOrgWide(actor);
    const row = await this.db.selectFrom('webhook_delivery').selectAll().where('id', '=', deliveryId).where('subscription_id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Webhook delivery');
    return this.sendNow(actor, id, JSON.parse(row.payload) as WebhookPayload, 'webhook.redeliver', row.id);
  }
}
