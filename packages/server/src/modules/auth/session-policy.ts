import type { Kysely } from 'kysely';
import { SessionPolicy } from '@konform/core';
import type { DB, SessionTable } from '../../db/schema.js';

/** The key in the settings table. */
export const SESSION_POLICY_KEY = 'security.sessions';

/** The policy an administrator set, else the defaults from the configuration (KONFORM_SESSION_IDLE_MINUTES/HOURS). */
export async function readSessionPolicy(db: Kysely<DB>, defaults: SessionPolicy): Promise<SessionPolicy> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', SESSION_POLICY_KEY).executeTakeFirst();
  return parseSessionPolicy(row?.value ?? null, defaults);
}

/** The stored policy's JSON text (null: none stored; unreadable: the defaults). */
export function parseSessionPolicy(value: string | null, defaults: SessionPolicy): SessionPolicy {
  if (value === null) return defaults;
  const parsed = SessionPolicy.safeParse(JSON.parse(value));
  return parsed.success ? parsed.data : defaults;
}

export async function writeSessionPolicy(db: Kysely<DB>, next: SessionPolicy, now: string, label: string): Promise<void> {
  const row = { key: SESSION_POLICY_KEY, value: JSON.stringify(next), updated_at: now, updated_by_label: label };
  const existing = await db.selectFrom('setting').select('key').where('key', '=', SESSION_POLICY_KEY).executeTakeFirst();
  if (existing) await db.updateTable('setting').set(row).where('key', '=', SESSION_POLICY_KEY).execute();
  else await db.insertInto('setting').values(row).execute();
}

export type SessionEndReason = 'idle' | 'absolute';

/** When a session ends under the policy: `idleMinutes` after its last request or `absoluteHours` after sign-in. */
export function sessionEnd(session: Pick<SessionTable, 'created_at' | 'last_seen_at'>, policy: SessionPolicy): { at: number; reason: SessionEndReason } {
  const idle = Date.parse(session.last_seen_at) + policy.idleMinutes * 60_000;
  const absolute = Date.parse(session.created_at) + policy.absoluteHours * 3600_000;
  return idle <= absolute ? { at: idle, reason: 'idle' } : { at: absolute, reason: 'absolute' };
}

/** The cut-offs for a scan: sessions last seen before `idleBefore` or created before `createdBefore` have ended. */
export function sessionCutoffs(policy: SessionPolicy, now: number): { idleBefore: string; createdBefore: string } {
  return {
    idleBefore: new Date(now - policy.idleMinutes * 60_000).toISOString(),
    createdBefore: new Date(now - policy.absoluteHours * 3600_000).toISOString(),
  };
}
