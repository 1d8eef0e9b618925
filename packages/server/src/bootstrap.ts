import { randomUUID } from 'node:crypto';
import type { Database } from './db/database.js';
import { systemActor } from './access/actor.js';
import { appendAuditEvent } from './audit/audit-log.js';
import { diffRecords } from '@konform/core';
import { generatePassword, hashPassword } from './auth/password.js';
import { assertPasswordAcceptable } from './auth/password-policy.js';
import { HttpProblem } from './http/errors.js';

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
  if (password) {
    // KONFORM_ADMIN_PASSWORD obeys the password policy like every other password: refuse to start with a weak one.
    try {
      assertPasswordAcceptable(password, { email: adminEmail, displayName: 'Administrator' });
    } catch (error) {
      if (error instanceof HttpProblem) throw new Error(`KONFORM_ADMIN_PASSWORD is refused by the password policy (${error.code}): ${error.message}`);
      throw error;
    }
  }
  const passwordHash = await hashPassword(password ?? generated!);
  const now = new Date().toISOString();
  const actor = systemActor('system (first start)');
  const created = await db.transaction().execute(async (trx) => {
    // Instances starting together on an empty database all get here: the chain head's row lock (PostgreSQL; SQLite
    // writes one at a time anyway) lets the first create the administrator and the others find it and stand back.
    await trx.selectFrom('audit_chain_head').select('seq').where('id', '=', 1).$if(database.dialect === 'postgres', (qb) => qb.forUpdate()).execute();
    if (await trx.selectFrom('app_user').select('id').limit(1).executeTakeFirst()) return false;
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
    return true;
  });
  return created ? { email: adminEmail, generatedPassword: generated } : null;
}
