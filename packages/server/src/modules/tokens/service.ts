import { randomUUID } from 'node:crypto';
import { PERMISSIONS, heldPermissions, type ApiToken, type ApiTokenCreate, type ApiTokenCreated, type ListPage } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { rolesInUnit, systemAllowed } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { newToken, tokenHash } from '../../auth/tokens.js';
import { conflict, forbidden, invalid, notFound, unauthorized } from '../../http/errors.js';
import { presentToken, referencedNames, type ApiTokenRow, type Names } from './presenter.js';

/**
 * Users manage their own API tokens. A token carries its owner's roles, never more, optionally narrowed to a list
 * of permissions, to AI systems and to organisational units (see `Actor.limits` and `access/scope.ts`).
 */
export class ApiTokenService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor): Promise<ListPage<ApiToken>> {
    const rows = await this.db.selectFrom('api_token').selectAll().where('user_id', '=', ownerId(actor)).orderBy('created_at', 'desc').execute();
    const names = await referencedNames(this.db, rows);
    return { items: rows.map((r) => presentToken(r, names)), total: rows.length, limit: rows.length, offset: 0 };
  }

  /** `userId` lets the platform (tests, demo loader) issue a token for another user; limits are then checked against `actor`. */
  async create(actor: Actor, input: ApiTokenCreate, userId = ownerId(actor)): Promise<ApiTokenCreated> {
    // A scoped token must not mint a broader one.
    if (actor.limits) throw forbidden('A scoped API token cannot create API tokens; sign in to create one');
    const names = await this.checkLimits(actor, input);
    // Stored in the order of the permission table, each once.
    const permissions = input.permissions ? PERMISSIONS.filter((p) => input.permissions!.includes(p)) : null;
    const token = newToken('kt');
    const now = new Date();
    const row: ApiTokenRow = {
      id: randomUUID(),
      token_hash: tokenHash(token),
      user_id: userId,
      name: input.name,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
      last_used_at: null,
      revoked_at: null,
      permissions: permissions ? JSON.stringify(permissions) : null,
      system_ids: input.systemIds ? JSON.stringify([...new Set(input.systemIds)]) : null,
      org_unit_ids: input.orgUnitIds ? JSON.stringify([...new Set(input.orgUnitIds)]) : null,
      use_audited_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('api_token').values(row).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'token.create',
        entityType: 'api_token',
        entityId: row.id,
        changes: [
          { field: 'name', before: null, after: row.name },
          { field: 'userId', before: null, after: userId },
          { field: 'expiresAt', before: null, after: row.expires_at },
          ...(permissions ? [{ field: 'permissions', before: null, after: permissions }] : []),
          ...(input.systemIds ? [{ field: 'systemIds', before: null, after: [...new Set(input.systemIds)] }] : []),
          ...(input.orgUnitIds ? [{ field: 'orgUnitIds', before: null, after: [...new Set(input.orgUnitIds)] }] : []),
        ],
      }, row.created_at);
    });
    return { ...presentToken(row, names), token };
  }

  async revoke(actor: Actor, id: string): Promise<ApiToken> {
    const at = new Date().toISOString();
    const row = await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('api_token').selectAll().where('id', '=', id).where('user_id', '=', ownerId(actor)).executeTakeFirst();
      if (!current) throw notFound('API token');
      if (current.revoked_at) throw conflict('revoked', 'The API token is revoked already');
      await trx.updateTable('api_token').set({ revoked_at: at }).where('id', '=', id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'token.revoke', entityType: 'api_token', entityId: id, changes: [{ field: 'revokedAt', before: null, after: at }] }, at);
      return { ...current, revoked_at: at };
    });
    return presentToken(row, await referencedNames(this.db, [row]));
  }

  /**
   * A token gets the creator's permissions or fewer: each listed permission must be held somewhere, each system and
   * unit must lie where the creator holds a role. Answers the names of the systems and units for the response.
   */
  private async checkLimits(actor: Actor, input: ApiTokenCreate): Promise<Names> {
    const held = heldPermissions(actor.assignments);
    input.permissions?.forEach((p, i) => {
      if (!held.includes(p)) throw invalid(`permissions.${i}`, `You do not hold the permission ${p}`);
    });
    const systems = new Map<string, string>();
    for (const [i, id] of (input.systemIds ?? []).entries()) {
      const system = await this.db.selectFrom('ai_system').select(['id', 'name', 'org_unit_id']).where('id', '=', id).executeTakeFirst();
      if (!system) throw invalid(`systemIds.${i}`, 'No such AI system');
      if (!systemAllowed(actor, id) || (await rolesInUnit(this.db, actor, system.org_unit_id)).length === 0) {
        throw invalid(`systemIds.${i}`, 'This AI system is outside your scope');
      }
      systems.set(id, system.name);
    }
    const units = new Map<string, string>();
    for (const [i, id] of (input.orgUnitIds ?? []).entries()) {
      const unit = await this.db.selectFrom('org_unit').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
      if (!unit) throw invalid(`orgUnitIds.${i}`, 'No such organisational unit');
      if ((await rolesInUnit(this.db, actor, id)).length === 0) throw invalid(`orgUnitIds.${i}`, 'This organisational unit is outside your scope');
      units.set(id, unit.name);
    }
    return { systems, units };
  }
}

function ownerId(actor: Actor): string {
  if (!actor.userId) throw unauthorized();
  return actor.userId;
}
