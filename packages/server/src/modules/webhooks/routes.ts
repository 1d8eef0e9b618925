import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams, WebhookCreate, WebhookDelivery, WebhookDeliveryListQuery, WebhookDeliveryParams, WebhookRotate, WebhookSettings, WebhookSubscription,
  WebhookSubscriptionWithSecret, WebhookUpdate, listOf,
} from '@konform/core';
import type { WebhookService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['webhooks'];
const access = 'webhook.manage' as const;

/** /api/webhooks: signed webhook subscriptions, the host allow-list and the delivery log. */
export const webhookRoutes: FastifyPluginAsync<{ service: WebhookService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/settings', {
    config: { access },
    schema: { tags, summary: 'The allow-list of hosts webhooks may target (empty: nothing is delivered)', response: { 200: WebhookSettings } },
    handler: (req) => service.settings(requireActor(req)),
  });
  app.put('/settings', {
    config: { access },
    schema: { tags, summary: 'Replace the allow-list of webhook hosts (name, *.domain, optional :port)', body: WebhookSettings, response: { 200: WebhookSettings } },
    handler: (req) => service.updateSettings(requireActor(req), req.body),
  });
  app.get('/', {
    config: { access },
    schema: { tags, summary: 'Webhook subscriptions with their last delivery (never the secret)', response: { 200: z.array(WebhookSubscription) } },
    handler: (req) => service.list(requireActor(req)),
  });
  app.post('/', {
    config: { access },
    schema: { tags, summary: 'Subscribe a URL to event types; the answer shows the signing secret once', body: WebhookCreate, response: { 201: WebhookSubscriptionWithSecret } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access },
    schema: { tags, summary: 'A webhook subscription (never the secret)', params: IdParams, response: { 200: WebhookSubscription } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access },
    schema: { tags, summary: 'Change URL, description or event types; pause (active: false) or resume', params: IdParams, body: WebhookUpdate, response: { 200: WebhookSubscription } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.delete('/:id', {
    config: { access },
    schema: { tags, summary: 'Delete a subscription and its delivery log', params: IdParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await service.remove(requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
  app.post('/:id/rotate-secret', {
    config: { access },
    schema: { tags, summary: 'Generate a new signing secret; the answer shows it once', params: IdParams, body: WebhookRotate, response: { 200: WebhookSubscriptionWithSecret } },
    handler: (req) => service.rotateSecret(requireActor(req), req.params.id, req.body.version),
  });
  app.post('/:id/ping', {
    config: { access },
    schema: { tags, summary: 'Send a test event (type ping) now; answers with the delivery and its first attempt', params: IdParams, response: { 200: WebhookDelivery } },
    handler: (req) => service.ping(requireActor(req), req.params.id),
  });
  app.get('/:id/deliveries', {
    config: { access },
    schema: { tags, summary: 'The delivery log of a subscription, newest first, with every attempt', params: IdParams, querystring: WebhookDeliveryListQuery, response: { 200: listOf(WebhookDelivery) } },
    handler: (req) => service.deliveries(requireActor(req), req.params.id, req.query),
  });
  app.post('/:id/deliveries/:deliveryId/redeliver', {
    config: { access },
    schema: { tags, summary: 'Send a delivery’s event again now (a new delivery with the same event id)', params: WebhookDeliveryParams, response: { 200: WebhookDelivery } },
    handler: (req) => service.redeliver(requireActor(req), req.params.id, req.params.deliveryId),
  });
};
