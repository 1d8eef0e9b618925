import { randomUUID } from 'node:crypto';
import type { Database } from './db/database.js';
import { systemActor } from './access/actor.js';
import { appendAuditEvent } from './audit/audit-log.js';
import { diffRecords } from '@konform/core';
import { generatePassword, hashPassword } from './auth/password.js';

export interface FirstAdmin {
  email: string;
  /** Set only when generated: shown once, never stored in clear. */
  generatedPassword: string | null;
}

/**
 * On the first start with an empty database: one organisational unit and one administrator,
 * from KONFORM_ADMIN_EMAIL/KONFORM_ADMIN_PASSWORD or admin@localhost with a random one-time password.
 */
export async function ensureFirstAdmin(database: Database, email?: string, password?: string): Promise<FirstAdmin | null> {
  const { db } = database;
  const anyUser = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (anyUser) return null;
  const adminEmail = (email ?? 'admin@localhost').trim().toLowerCase();
  const generated = password ? null : generatePassword();
  const passwordHash = await hashPassword(password ?? generated!);
  const now = new Date().toISOString();
  const actor = systemActor('system (first start)');
  await db.transaction().execute(async (trx) => {
    let unit = await trx.selectFrom('org_unit').select(['id']).where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst();
    if (!unit) {
      unit = { id: randomUUID() };
      const unitRow = { id: unit.id, name: 'Behörde', short_name: 'BEH', parent_id: null, version: 1, created_at: now, updated_at: now, archived_at: null };
      await trx.insertInto('org_unit').values(unitRow).execute();
      await appendAuditEvent(trx, database.dialect, actor, { action: 'orgunit.create', entityType: 'org_unit', entityId: unit.id, changes: diffRecords(null, { name: unitRow.name, shortName: unitRow.short_name, parentId: null }) }, now);
    }
    const id = randomUUID();
    await trx
      .insertInto('app_user')
      .values({ id, email: adminEmail, display_name: 'Administrator', password_hash: passwordHash, locale: 'de', active: 1, version: 1, created_at: now, updated_at: now, last_login_at: null, email_reminders: 1 })
      .execute();
    await trx.insertInto('role_assignment').values({ user_id: id, org_unit_id: unit.id, role: 'admin' }).execute();
    await appendAuditEvent(trx, database.dialect, actor, { action: 'user.create', entityType: 'user', entityId: id, changes: diffRecords(null, { email: adminEmail, displayName: 'Administrator', roles: [{ orgUnitId: unit.id, role: 'admin' }] }) }, now);
  });
  return { email: adminEmail, generatedPassword: generated };
}
