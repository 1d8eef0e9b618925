import type { Notification, NotificationList, NotificationQuery, NotificationsMarkedRead } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { NotificationTable } from '../../db/schema.js';
import { toCount } from '../../db/dialect.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { notFound, unauthorized } from '../../http/errors.js';

function present(row: NotificationTable): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: { de: row.title_de, en: row.title_en },
    body: { de: row.body_de, en: row.body_en },
    link: row.link,
    createdAt: row.created_at,
    readAt: row.read_at,
    emailedAt: row.emailed_at,
  };
}

function ownerId(actor: Actor): string {
  if (!actor.userId) throw unauthorized();
  return actor.userId;
}

/** A user's own in-app notifications (created by the reminder engine, jobs/reminders.ts). */
export class NotificationService {
  constructor(private readonly database: Database) {}

  async list(actor: Actor, query: NotificationQuery): Promise<NotificationList> {
    const userId = ownerId(actor);
    const db = this.database.db;
    const base = db.selectFrom('notification').where('user_id', '=', userId);
    const filtered = query.unread === 'true' ? base.where('read_at', 'is', null) : base;
    const [rows, total, unread] = await Promise.all([
      filtered.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
      filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      base.where('read_at', 'is', null).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(present), total: toCount(total.n), limit: query.limit, offset: query.offset, unread: toCount(unread.n) };
  }

  async markRead(actor: Actor, id: string): Promise<Notification> {
    const userId = ownerId(actor);
    const at = new Date().toISOString();
    return this.database.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('notification').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      if (!row) throw notFound('Notification');
      if (row.read_at) return present(row);
      await trx.updateTable('notification').set({ read_at: at }).where('id', '=', id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'notification.read', entityType: 'notification', entityId: id, changes: [{ field: 'readAt', before: null, after: at }] }, at);
      return present({ ...row, read_at: at });
    });
  }

  async markAllRead(actor: Actor): Promise<NotificationsMarkedRead> {
    const userId = ownerId(actor);
    const at = new Date().toISOString();
    return this.database.db.transaction().execute(async (trx) => {
      const result = await trx.updateTable('notification').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
      const updated = Number(result.numUpdatedRows);
      if (updated > 0) {
        await appendAuditEvent(trx, this.database.dialect, actor, { action: 'notification.read-all', entityType: 'user', entityId: userId, changes: [{ field: 'notificationsRead', before: null, after: updated }] }, at);
      }
      return { updated, unread: 0 };
    });
  }
}
