import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, User, UserCreate, UserListQuery, UserUpdate, listOf } from '@konform/core';
import type { UserService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['users'];

export const userRoutes: FastifyPluginAsync<{ service: UserService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'user.read' },
    schema: { tags, summary: 'List users', querystring: UserListQuery, response: { 200: listOf(User) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'user.manage' },
    schema: { tags, summary: 'Create a local user', body: UserCreate, response: { 201: User } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'user.read' },
    schema: { tags, summary: 'Get a user', params: IdParams, response: { 200: User } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'user.manage' },
    schema: { tags, summary: 'Update a user, their roles or password', params: IdParams, body: UserUpdate, response: { 200: User } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
};
