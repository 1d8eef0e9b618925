import { randomUUID } from 'node:crypto';
import type { ApiToken, ApiTokenCreate, ApiTokenCreated, ListPage } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { ApiTokenTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { newToken, tokenHash } from '../../auth/tokens.js';
import { conflict, notFound, unauthorized } from '../../http/errors.js';

function present(row: ApiTokenTable): ApiToken {
  return { id: row.id, name: row.name, createdAt: row.created_at, expiresAt: row.expires_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

/** Users manage their own API tokens; a token carries its owner's roles, never more. */
export class ApiTokenService {
  constructor(private readonly database: Database) {}

  async list(actor: Actor): Promise<ListPage<ApiToken>> {
    const rows = await this.database.db.selectFrom('api_token').selectAll().where('user_id', '=', ownerId(actor)).orderBy('created_at', 'desc').execute();
    return { items: rows.map(present), total: rows.length, limit: rows.length, offset: 0 };
  }

  async create(actor: Actor, input: ApiTokenCreate, userId = ownerId(actor)): Promise<ApiTokenCreated> {
    const token = newToken('kt');
    const now = new Date();
    const row: ApiTokenTable = {
      id: randomUUID(),
      token_hash: tokenHash(token),
      user_id: userId,
      name: input.name,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('api_token').values(row).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'token.create',
        entityType: 'api_token',
        entityId: row.id,
        changes: [
          { field: 'name', before: null, after: row.name },
          { field: 'userId', before: null, after: userId },
          { field: 'expiresAt', before: null, after: row.expires_at },
        ],
      }, row.created_at);
    });
    return { ...present(row), token };
  }

  async revoke(actor: Actor, id: string): Promise<ApiToken> {
    const at = new Date().toISOString();
    return this.database.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('api_token').selectAll().where('id', '=', id).where('user_id', '=', ownerId(actor)).executeTakeFirst();
      if (!row) throw notFound('API token');
      if (row.revoked_at) throw conflict('revoked', 'The API token is revoked already');
      await trx.updateTable('api_token').set({ revoked_at: at }).where('id', '=', id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'token.revoke', entityType: 'api_token', entityId: id, changes: [{ field: 'revokedAt', before: null, after: at }] }, at);
      return present({ ...row, revoked_at: at });
    });
  }
}

function ownerId(actor: Actor): string {
  if (!actor.userId) throw unauthorized();
  return actor.userId;
}
