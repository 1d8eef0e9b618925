import { z } from 'zod';
import { Id, PageQuery, Timestamp, optionalText } from './common.js';

/**
 * Signed webhooks: subscriptions of receiver URLs to event types, an allow-list of target hosts, and the delivery log.
 * Payloads carry ids and non-sensitive fields only; a classified (VS-NfD) system's name and texts never leave.
 */
export const WEBHOOK_EVENT_TYPES = [
  'system.created',
  'classification.approved',
  'requirement.status-changed',
  'risk.accepted',
  'lab-gate.released',
  'incident.reported',
  'audit-finding.opened',
  'document.released',
  'nonconformity.opened',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** Delivery back-off after a failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h; after the sixth attempt the delivery failed. */
export const WEBHOOK_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000] as const;

/** A host pattern of the allow-list: `name`, `*.domain` (any sub-domain), each with an optional `:port`. */
export const WebhookHostPattern = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/, 'A host name or *.domain, optionally with :port');

/** True when `host` (and `port`) of a URL matches one pattern of the allow-list. */
export function webhookHostAllowed(allowedHosts: readonly string[], url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  return allowedHosts.some((pattern) => {
    const [name, patternPort] = pattern.toLowerCase().split(':') as [string, string | undefined];
    if (patternPort !== undefined && patternPort !== port) return false;
    if (name.startsWith('*.')) return host.endsWith(name.slice(1)) && host.length > name.length - 1;
    return host === name;
  });
}

export const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const u = new URL(value);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'An http or https URL without credentials');

const WebhookEventTypes = z.array(WebhookEventType).min(1).max(WEBHOOK_EVENT_TYPES.length);

export const WebhookDeliveryStatus = z.enum(['queued', 'delivered', 'retrying', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookLastDelivery = z.object({ id: Id, status: WebhookDeliveryStatus, httpStatus: z.number().int().nullable(), at: Timestamp });

export const WebhookSubscription = z.object({
  id: Id,
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(WebhookEventType),
  active: z.boolean(),
  /** When the signing secret was generated or last rotated; the secret itself is never returned after that. */
  secretCreatedAt: Timestamp,
  lastDelivery: WebhookLastDelivery.nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

/** The answer to create and rotate: the only time the signing secret is shown. */
export const WebhookSubscriptionWithSecret = WebhookSubscription.extend({ secret: z.string() });
export type WebhookSubscriptionWithSecret = z.infer<typeof WebhookSubscriptionWithSecret>;

export const WebhookCreate = z.strictObject({
  url: WebhookUrl,
  description: optionalText(500).optional(),
  eventTypes: WebhookEventTypes,
});
export type WebhookCreate = z.infer<typeof WebhookCreate>;

export const WebhookUpdate = z.strictObject({
  url: WebhookUrl.optional(),
  description: optionalText(500).optional(),
  eventTypes: WebhookEventTypes.optional(),
  /** false pauses deliveries (events are not queued while paused), true resumes. */
  active: z.boolean().optional(),
  version: z.number().int(),
});
export type WebhookUpdate = z.infer<typeof WebhookUpdate>;

export const WebhookSettings = z.object({ allowedHosts: z.array(WebhookHostPattern).max(100) });
export type WebhookSettings = z.infer<typeof WebhookSettings>;

export const WebhookAttempt = z.object({
  attempt: z.number().int(),
  at: Timestamp,
  httpStatus: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  nextAttemptAt: Timestamp.nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDelivery = z.object({
  id: Id,
  subscriptionId: Id,
  eventId: Id,
  eventType: z.union([WebhookEventType, z.literal('ping')]),
  status: WebhookDeliveryStatus,
  attempts: z.array(WebhookAttempt),
  nextAttemptAt: Timestamp.nullable(),
  /** The delivery this one repeats (redeliver), or null. */
  redeliveryOf: Id.nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryParams = z.strictObject({ id: Id, deliveryId: Id });
export const WebhookDeliveryListQuery = z.strictObject(PageQuery);

/** Rotating the secret names the version the caller saw. */
export const WebhookRotate = z.strictObject({ version: z.number().int() });
