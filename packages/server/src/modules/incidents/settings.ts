import type { Kysely } from 'kysely';
import { DEFAULT_INFORM_PROVIDER_HOURS, IncidentSettings, type IncidentSettingsUpdate } from '@konform/core';
import type { DB } from '../../db/schema.js';

/** The key in the settings table. */
export const INCIDENT_SETTINGS_KEY = 'incidents';

/**
 * Defaults: calendar days following the day of awareness, ending at midnight in Berlin; 24 hours for a deployer to
 * inform the provider ("immediately", Art. 26(5)); 30 days to answer a complaint or an explanation request.
 */
export const DEFAULT_INCIDENT_SETTINGS: IncidentSettings = { countingRule: 'calendar-days', informProviderHours: DEFAULT_INFORM_PROVIDER_HOURS, complaintDueDays: 30 };

export async function readIncidentSettings(db: Kysely<DB>): Promise<IncidentSettings> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', INCIDENT_SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_INCIDENT_SETTINGS;
  // A stored value that no longer parses falls back to the defaults field by field.
  const parsed = IncidentSettings.partial().safeParse(JSON.parse(row.value));
  return { ...DEFAULT_INCIDENT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function writeIncidentSettings(db: Kysely<DB>, next: IncidentSettings, now: string, label: string): Promise<void> {
  const row = { key: INCIDENT_SETTINGS_KEY, value: JSON.stringify(next), updated_at: now, updated_by_label: label };
  const existing = await db.selectFrom('setting').select('key').where('key', '=', INCIDENT_SETTINGS_KEY).executeTakeFirst();
  if (existing) await db.updateTable('setting').set(row).where('key', '=', INCIDENT_SETTINGS_KEY).execute();
  else await db.insertInto('setting').values(row).execute();
}

export function mergeSettings(current: IncidentSettings, update: IncidentSettingsUpdate): IncidentSettings {
  return { ...current, ...Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)) };
}
