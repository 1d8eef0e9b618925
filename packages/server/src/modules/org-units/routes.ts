import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, OrgUnit, OrgUnitCreate, OrgUnitUpdate, PageQuery, listOf } from '@konform/core';
import type { OrgUnitService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['org-units'];

export const orgUnitRoutes: FastifyPluginAsync<{ service: OrgUnitService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'orgunit.read' },
    schema: { tags, summary: 'List organisational units', querystring: z.strictObject({ ...PageQuery, limit: PageQuery.limit.default(500) }), response: { 200: listOf(OrgUnit) } },
    handler: (req) => service.list(requireActor(req), req.query.limit, req.query.offset),
  });
  app.post('/', {
    config: { access: 'orgunit.manage' },
    schema: { tags, summary: 'Create an organisational unit', body: OrgUnitCreate, response: { 201: OrgUnit } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'orgunit.read' },
    schema: { tags, summary: 'Get an organisational unit', params: IdParams, response: { 200: OrgUnit } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'orgunit.manage' },
    schema: { tags, summary: 'Rename or move an organisational unit', params: IdParams, body: OrgUnitUpdate, response: { 200: OrgUnit } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
};
