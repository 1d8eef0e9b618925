import { randomUUID } from 'node:crypto';
import { diffRecords, type ListPage, type Role, type User, type UserCreate, type UserListQuery, type UserUpdate } from '@konform/core';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { hashPassword } from '../../auth/password.js';
import { assertPasswordAcceptable } from '../../auth/password-policy.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findOrgUnit } from '../org-units/repository.js';
import { deleteSessionsOfUser } from '../auth/session-repository.js';
import * as repo from './repository.js';

/** What the audit log records of a user: never the password hash. */
function auditView(user: User) {
  const { lastLoginAt: _ignored, ...rest } = user;
  return rest;
}

export class UserService {
  constructor(private readonly database: Database) {}

  async list(_actor: Actor, query: UserListQuery): Promise<ListPage<User>> {
    const { rows, total } = await repo.listUsers(this.database.db, query.q, query.limit, query.offset);
    const roles = await repo.rolesOf(this.database.db, rows.map((r) => r.id));
    return { items: rows.map((r) => repo.presentUser(r, roles.get(r.id) ?? [])), total, limit: query.limit, offset: query.offset };
  }

  async get(_actor: Actor, id: string): Promise<User> {
    const row = await repo.findUserById(this.database.db, id);
    if (!row) throw notFound('User');
    return repo.presentUser(row, (await repo.rolesOf(this.database.db, [id])).get(id) ?? []);
  }

  async create(actor: Actor, input: UserCreate): Promise<User> {
    assertPasswordAcceptable(input.password, { email: input.email, displayName: input.displayName });
    const passwordHash = await hashPassword(input.password);
    const now = new Date().toISOString();
    return this.database.db.transaction().execute(async (trx) => {
      if (await repo.findUserByEmail(trx, input.email)) throw conflict('email-taken', 'A user with this e-mail address exists already');
      await assertUnitsExist(trx, input.roles);
      const row = { id: randomUUID(), email: input.email, display_name: input.displayName, password_hash: passwordHash, locale: input.locale, active: 1, version: 1, created_at: now, updated_at: now, last_login_at: null, email_reminders: 1, clearance: input.clearance ?? 'offen' };
      await repo.insertUser(trx, row);
      await repo.replaceRoles(trx, row.id, input.roles);
      const user = repo.presentUser(row, (await repo.rolesOf(trx, [row.id])).get(row.id) ?? []);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'user.create', entityType: 'user', entityId: user.id, changes: diffRecords(null, auditView(user)) }, now);
      return user;
    });
  }

  async update(actor: Actor, id: string, input: UserUpdate): Promise<User> {
    if (input.password) {
      const current = await repo.findUserById(this.database.db, id);
      if (!current) throw notFound('User');
      assertPasswordAcceptable(input.password, { email: current.email, displayName: input.displayName ?? current.display_name });
    }
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    const now = new Date().toISOString();
    return this.database.db.transaction().execute(async (trx) => {
      const current = await repo.findUserById(trx, id);
      if (!current) throw notFound('User');
      if (current.version !== input.version) throw versionConflict();
      const before = repo.presentUser(current, (await repo.rolesOf(trx, [id])).get(id) ?? []);
      if (input.roles) {
        await assertUnitsExist(trx, input.roles);
        await repo.replaceRoles(trx, id, input.roles);
      }
      const next = {
        display_name: input.displayName ?? current.display_name,
        locale: input.locale ?? current.locale,
        active: input.active === undefined ? current.active : input.active ? 1 : 0,
        // The clearance for classified records: only user.manage reaches this route; the change is in the audit event.
        clearance: input.clearance ?? repo.clearanceOf(current),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        version: current.version + 1,
        updated_at: now,
      };
      if (!(await repo.updateUserRow(trx, id, input.version, next))) throw versionConflict();
      await assertAnAdminRemains(trx);
      // A deactivated user or a new password ends every open session of that user.
      if (next.active === 0 || passwordHash) await deleteSessionsOfUser(trx, id);
      const after = repo.presentUser({ ...current, ...next }, (await repo.rolesOf(trx, [id])).get(id) ?? []);
      const changes = diffRecords(auditView(before), auditView(after));
      if (passwordHash) changes.push({ field: 'password', before: null, after: '(changed)' });
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'user.update', entityType: 'user', entityId: id, changes, reason: input.reason }, now);
      return after;
    });
  }
}

async function assertUnitsExist(trx: Transaction<DB>, roles: readonly { orgUnitId: string; role: Role }[]) {
  for (const [index, r] of roles.entries()) {
    if (!(await findOrgUnit(trx, r.orgUnitId))) throw invalid(`roles.${index}.orgUnitId`, 'No such organisational unit');
  }
}

/** Nobody may lock the platform out of its own administration. */
async function assertAnAdminRemains(trx: Transaction<DB>) {
  const admin = await trx
    .selectFrom('role_assignment')
    .innerJoin('app_user', 'app_user.id', 'role_assignment.user_id')
    .select('app_user.id')
    .where('role_assignment.role', '=', 'admin')
    .where('app_user.active', '=', 1)
    .executeTakeFirst();
  if (!admin) throw conflict('last-admin', 'At least one active administrator must remain');
}
