import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AiSystem, AiSystemArchive, AiSystemCreate, AiSystemListQuery, AiSystemUpdate, IdParams, listOf } from '@konform/core';
import type { SystemService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['systems'];

export const systemRoutes: FastifyPluginAsync<{ service: SystemService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'system.read' },
    schema: { tags, summary: 'List AI systems (search, filter, sort, page)', querystring: AiSystemListQuery, response: { 200: listOf(AiSystem) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'system.create' },
    schema: { tags, summary: 'Register an AI system', body: AiSystemCreate, response: { 201: AiSystem } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'system.read' },
    schema: { tags, summary: 'Get an AI system', params: IdParams, response: { 200: AiSystem } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'system.update' },
    schema: { tags, summary: 'Change an AI system (send the version you based the change on)', params: IdParams, body: AiSystemUpdate, response: { 200: AiSystem } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/archive', {
    config: { access: 'system.archive' },
    schema: { tags, summary: 'Archive an AI system (never deleted)', params: IdParams, body: AiSystemArchive, response: { 200: AiSystem } },
    handler: (req) => service.archive(requireActor(req), req.params.id, req.body),
  });
};
