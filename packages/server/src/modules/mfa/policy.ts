import type { Kysely } from 'kysely';
import { MfaPolicy, type Assignment } from '@konform/core';
import type { DB } from '../../db/schema.js';
import { hasConfirmedTotp } from './totp-repository.js';

/** The key in the settings table. */
export const MFA_POLICY_KEY = 'security.mfa';
export const DEFAULT_MFA_POLICY: MfaPolicy = { requiredForAdmins: false };

export async function readMfaPolicy(db: Kysely<DB>): Promise<MfaPolicy> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', MFA_POLICY_KEY).executeTakeFirst();
  return parseMfaPolicy(row?.value ?? null);
}

/** The policy from its stored JSON text (null: none stored); anything unreadable counts as the default. */
export function parseMfaPolicy(value: string | null): MfaPolicy {
  if (value === null) return DEFAULT_MFA_POLICY;
  try {
    const parsed = MfaPolicy.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : DEFAULT_MFA_POLICY;
  } catch {
    return DEFAULT_MFA_POLICY;
  }
}

export async function writeMfaPolicy(db: Kysely<DB>, next: MfaPolicy, now: string, label: string): Promise<void> {
  const row = { key: MFA_POLICY_KEY, value: JSON.stringify(next), updated_at: now, updated_by_label: label };
  const existing = await db.selectFrom('setting').select('key').where('key', '=', MFA_POLICY_KEY).executeTakeFirst();
  if (existing) await db.updateTable('setting').set(row).where('key', '=', MFA_POLICY_KEY).execute();
  else await db.insertInto('setting').values(row).execute();
}

/**
 * An administrator (in any unit) with a local password but without a confirmed TOTP secret while the policy requires
 * one. Single sign-on accounts are left out: their second factor belongs to the identity provider. `policy` when the
 * caller has already read it (the session look-up reads it in its own statement).
 */
export async function mfaEnrolmentRequired(db: Kysely<DB>, user: { id: string; password_hash: string | null }, assignments: readonly Assignment[], policy?: MfaPolicy): Promise<boolean> {
  if (user.password_hash === null || !assignments.some((a) => a.role === 'admin')) return false;
  if (!(policy ?? (await readMfaPolicy(db))).requiredForAdmins) return false;
  return !(await hasConfirmedTotp(db, user.id));
}

/** Routes that answer while enrolment is required: sign-in, sign-out, the own account, and the enrolment itself. */
export function reachableWhileEnrolling(routeUrl: string): boolean {
  return routeUrl.startsWith('/api/auth/') || routeUrl === '/api/mfa' || routeUrl.startsWith('/api/mfa/enrolment');
}
