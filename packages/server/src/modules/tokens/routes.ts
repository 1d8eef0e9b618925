import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiToken, ApiTokenCreate, ApiTokenCreated, IdParams, listOf } from '@konform/core';
import type { ApiTokenService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['tokens'];

export const tokenRoutes: FastifyPluginAsync<{ service: ApiTokenService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Your API tokens (without their secrets)', response: { 200: listOf(ApiToken) } },
    handler: (req) => service.list(requireActor(req)),
  });
  app.post('/', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Create an API token; the secret is shown only in this answer', body: ApiTokenCreate, response: { 201: ApiTokenCreated } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.post('/:id/revoke', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Revoke one of your API tokens', params: IdParams, response: { 200: ApiToken } },
    handler: (req) => service.revoke(requireActor(req), req.params.id),
  });
};
