import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Notification, NotificationList, NotificationQuery, NotificationsMarkedRead } from '@konform/core';
import type { NotificationService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['notifications'];

/** Every signed-in user sees and marks only their own notifications. */
export const notificationRoutes: FastifyPluginAsync<{ service: NotificationService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Your notifications, newest first, with the number of unread ones', querystring: NotificationQuery, response: { 200: NotificationList } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/read-all', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Mark all your notifications read', response: { 200: NotificationsMarkedRead } },
    handler: (req) => service.markAllRead(requireActor(req)),
  });
  app.post('/:id/read', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Mark one of your notifications read', params: IdParams, response: { 200: Notification } },
    handler: (req) => service.markRead(requireActor(req), req.params.id),
  });
};
