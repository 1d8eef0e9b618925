import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IdParams,
  LabEnvironmentCreate,
  LabEnvironmentDetail,
  LabEnvironmentListQuery,
  LabEnvironmentSummary,
  LabEnvironmentUpdate,
  LabVerification,
  LabVerificationCreate,
  listOf,
} from '@konform/core';
import { requireActor } from '../../http/request.js';
import type { LabEnvironmentService } from './environment-service.js';

const tags = ['lab'];

/** /api/lab/environments: the lab's equipment and its verifications by reference runs. */
export const labEnvironmentRoutes: FastifyPluginAsync<{ service: LabEnvironmentService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'lab.read' },
    schema: { tags, summary: 'Environments with their verification status (filter by unit with sub-units, status, text)', querystring: LabEnvironmentListQuery, response: { 200: listOf(LabEnvironmentSummary) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Record an environment: hardware, driver, runtime, container digest', body: LabEnvironmentCreate, response: { 201: LabEnvironmentDetail } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'lab.read' },
    schema: { tags, summary: 'An environment with its verifications', params: IdParams, response: { 200: LabEnvironmentDetail } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Change an environment (send the version); a new container digest or driver needs a new verification', params: IdParams, body: LabEnvironmentUpdate, response: { 200: LabEnvironmentDetail } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/verifications', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Record a verification by a reference run; passed = |measured − expected| ≤ tolerance', params: IdParams, body: LabVerificationCreate, response: { 201: LabVerification } },
    handler: async (req, reply) => reply.status(201).send(await service.verify(requireActor(req), req.params.id, req.body)),
  });
};
