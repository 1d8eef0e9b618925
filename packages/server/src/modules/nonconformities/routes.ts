import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActionOwner, ActionOwnerQuery, IdParams, Nonconformity, NonconformityCreate, NonconformityListItem, NonconformityListQuery, NonconformityTransition, NonconformityUpdate, listOf } from '@konform/core';
import type { NonconformityService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['nonconformities'];
const VerifyRequest = z.strictObject({ version: z.number().int().min(1), effective: z.boolean(), note: z.string().trim().min(1).max(5000) });

/** /api/nonconformities: non-conformities and their corrective/preventive actions (CAPA). */
export const nonconformityRoutes: FastifyPluginAsync<{ service: NonconformityService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'nonconformity.read' },
    schema: {
      tags,
      summary: 'Non-conformities of the systems and units in scope (filter by system, status, severity, source, words; actionOwner=me: with an open action of mine)',
      querystring: NonconformityListQuery,
      response: { 200: listOf(NonconformityListItem) },
    },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.get('/action-owners', {
    config: { access: 'nonconformity.edit' },
    schema: { tags, summary: 'Active users who may be named owner of an action in a unit (they hold nonconformity.edit there)', querystring: ActionOwnerQuery, response: { 200: z.object({ items: z.array(ActionOwner) }) } },
    handler: (req) => service.actionOwners(requireActor(req), req.query.orgUnitId),
  });
  app.post('/', {
    config: { access: 'nonconformity.edit' },
    schema: { tags, summary: 'Record a non-conformity of a system, or organisation-wide of a unit', body: NonconformityCreate, response: { 201: Nonconformity } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'nonconformity.read' },
    schema: { tags, summary: 'A non-conformity with its actions and verification', params: IdParams, response: { 200: Nonconformity } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'nonconformity.edit' },
    schema: { tags, summary: 'Change a non-conformity (send the version you based the change on)', params: IdParams, body: NonconformityUpdate, response: { 200: Nonconformity } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/transition', {
    config: { access: 'nonconformity.edit' },
    schema: {
      tags,
      summary: 'Take the next step: analysed, actions-planned, implemented, verified (needs nonconformity.verify, not the implementer), closed',
      params: IdParams,
      body: NonconformityTransition,
      response: { 200: Nonconformity },
    },
    handler: (req) => service.transition(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/verify', {
    config: { access: 'nonconformity.verify' },
    schema: { tags, summary: 'Verify the effectiveness of the implemented actions (four eyes; ineffective returns to actions-planned)', params: IdParams, body: VerifyRequest, response: { 200: Nonconformity } },
    handler: (req) => service.transition(requireActor(req), req.params.id, { ...req.body, to: 'verified' }),
  });
};
