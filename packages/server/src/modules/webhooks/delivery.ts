import { createHmac, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { WEBHOOK_RETRY_DELAYS_MS, webhookHostAllowed } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { enqueueJob, type JobScheduler } from '../../jobs/scheduler.js';
import { redactCredentials } from '../../jobs/mailer.js';
import { WEBHOOK_DELIVERY_JOB } from './events.js';
import { readWebhookSettings } from './settings.js';

/** How long a receiver may take to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
const ERROR_MAX = 300;

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: what a receiver recomputes to verify a delivery. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** When the attempt after `attempt` is due, or null when `attempt` was the last one. */
export function nextAttemptAt(attempt: number, at: Date): Date | null {
  const delay = WEBHOOK_RETRY_DELAYS_MS[attempt - 1];
  return delay === undefined ? null : new Date(at.getTime() + delay);
}

interface Outcome {
  httpStatus: number | null;
  durationMs: number;
  error: string | null;
}

/** One POST: no redirects followed, 10 s timeout, 2xx = delivered. The response body is discarded. */
async function post(url: string, headers: Record<string, string>, body: string): Promise<Outcome> {
  const started = Date.now();
  try {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { httpStatus: response.status, durationMs: Date.now() - started, error: ok ? null : `HTTP ${response.status}${response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : ''}` };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    const message = error instanceof Error && error.name === 'TimeoutError' ? `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : `${error instanceof Error ? error.message : String(error)}${cause}`;
    return { httpStatus: null, durationMs: Date.now() - started, error: message };
  }
}

/**
 * Makes attempt number `attempt` of a delivery and records it in the delivery log: delivered on 2xx; otherwise the
 * next attempt is queued with back-off, and after the last one the delivery failed. The allow-list is checked again
 * here ("host not allowed"). Idempotent: an attempt already recorded (another instance, a repeated job) is skipped.
 */
export async function attemptDelivery(database: Database, deliveryId: string, attempt: number, now: Date, holdsLease?: (trx: Transaction<DB>) => Promise<boolean>): Promise<void> {
  const db = database.db;
  const delivery = await db.selectFrom('webhook_delivery').selectAll().where('id', '=', deliveryId).executeTakeFirst();
  if (!delivery || Number(delivery.attempts) >= attempt || delivery.status === 'delivered' || delivery.status === 'failed') return;
  const subscription = await db.selectFrom('webhook_subscription').selectAll().where('id', '=', delivery.subscription_id).executeTakeFirst();
  if (!subscription) return;
  const settings = await readWebhookSettings(db);
  let outcome: Outcome;
  if (subscription.state !== 'active') outcome = { httpStatus: null, durationMs: 0, error: 'Subscription paused' };
  else if (!webhookHostAllowed(settings.allowedHosts, subscription.url)) outcome = { httpStatus: null, durationMs: 0, error: 'Host not allowed' };
  else {
    const timestamp = Math.floor(now.getTime() / 1000);
    outcome = await post(subscription.url, {
      'Content-Type': 'application/json',
      'User-Agent': 'Konform-Webhooks/1',
      'Konform-Event': delivery.event_type,
      'Konform-Delivery': delivery.id,
      'Konform-Timestamp': String(timestamp),
      'Konform-Signature': webhookSignature(subscription.secret, timestamp, delivery.payload),
    }, delivery.payload);
  }
  const delivered = outcome.error === null;
  const next = delivered ? null : nextAttemptAt(attempt, now);
  const error = outcome.error === null ? null : redactCredentials(outcome.error).split(subscription.secret).join('***').slice(0, ERROR_MAX);
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    if (holdsLease && !(await holdsLease(trx))) return;
    const updated = await trx
      .updateTable('webhook_delivery')
      .set({ status: delivered ? 'delivered' : next ? 'retrying' : 'failed', attempts: attempt, next_attempt_at: next?.toISOString() ?? null, updated_at: at })
      .where('id', '=', delivery.id)
      .where('attempts', '=', attempt - 1)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return;
    await trx.insertInto('webhook_attempt').values({ id: randomUUID(), delivery_id: delivery.id, attempt, attempted_at: at, http_status: outcome.httpStatus, duration_ms: outcome.durationMs, error, next_attempt_at: next?.toISOString() ?? null }).execute();
    if (next) await enqueueJob(trx, WEBHOOK_DELIVERY_JOB, next, { deliveryId: delivery.id, attempt: attempt + 1 }, `webhook:${delivery.id}:${attempt + 1}`, now);
  });
}

/** The job handler: one attempt per job; failures are recorded and retried by the handler, never thrown. */
export function registerWebhookJobs(scheduler: JobScheduler, database: Database): void {
  scheduler.register(WEBHOOK_DELIVERY_JOB, async (payload, context) => {
    const { deliveryId, attempt } = payload as { deliveryId: string; attempt: number };
    await attemptDelivery(database, deliveryId, attempt, scheduler.now(), (trx) => context.holdsLease(trx));
  });
}
