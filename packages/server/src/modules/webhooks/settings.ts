import type { Kysely } from 'kysely';
import { WebhookSettings } from '@konform/core';
import type { DB } from '../../db/schema.js';

/** The key in the settings table. */
export const WEBHOOK_SETTINGS_KEY = 'webhooks';

/** The safe default: no host allowed, so nothing is delivered until an administrator names the receivers' hosts. */
export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { allowedHosts: [] };

export async function readWebhookSettings(db: Kysely<DB>): Promise<WebhookSettings> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', WEBHOOK_SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_WEBHOOK_SETTINGS;
  // A stored value that no longer parses allows nothing (fail closed).
  const parsed = WebhookSettings.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_WEBHOOK_SETTINGS;
}

export async function writeWebhookSettings(db: Kysely<DB>, next: WebhookSettings, now: string, label: string): Promise<void> {
  const row = { key: WEBHOOK_SETTINGS_KEY, value: JSON.stringify(next), updated_at: now, updated_by_label: label };
  const existing = await db.selectFrom('setting').select('key').where('key', '=', WEBHOOK_SETTINGS_KEY).executeTakeFirst();
  if (existing) await db.updateTable('setting').set(row).where('key', '=', WEBHOOK_SETTINGS_KEY).execute();
  else await db.insertInto('setting').values(row).execute();
}
