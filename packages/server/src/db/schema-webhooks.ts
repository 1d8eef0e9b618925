// Table types of signed webhooks: subscriptions, deliveries and the attempt log.
export interface WebhookSubscriptionTable {
  id: string;
  url: string;
  description: string;
  event_types: string; // JSON array of WebhookEventType
  state: string; // active | paused
  secret: string; // kept as generated: the HMAC key; never returned after creation or rotation, never logged
  secret_created_at: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

export interface WebhookDeliveryTable {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string; // a WebhookEventType or ping
  payload: string; // the JSON body as sent
  status: string; // queued | delivered | retrying | failed
  attempts: number;
  next_attempt_at: string | null;
  redelivery_of: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookAttemptTable {
  id: string;
  delivery_id: string;
  attempt: number;
  attempted_at: string;
  http_status: number | null;
  duration_ms: number;
  error: string | null;
  next_attempt_at: string | null;
}
