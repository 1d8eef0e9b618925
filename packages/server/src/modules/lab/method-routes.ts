import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  LabAuthorisation,
  LabAuthorisationCandidate,
  LabAuthorisationCreate,
  LabAuthorisationParams,
  LabMethodCreate,
  LabMethodDetail,
  LabMethodListQuery,
  LabMethodSummary,
  LabMethodUpdate,
  LabMethodValidation,
  LabMethodValidationCreate,
  listOf,
} from '@konform/core';
import { requireActor } from '../../http/request.js';
import type { LabMethodService } from './method-service.js';

const tags = ['lab'];

/** /api/lab/methods: evaluation methods, their validations and the staff authorised to use them. */
export const labMethodRoutes: FastifyPluginAsync<{ service: LabMethodService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'lab.read' },
    schema: { tags, summary: 'Evaluation methods with their validation status (filter by unit with sub-units, status, text)', querystring: LabMethodListQuery, response: { 200: listOf(LabMethodSummary) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Record an evaluation method: harness, version or commit, configuration', body: LabMethodCreate, response: { 201: LabMethodDetail } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'lab.read' },
    schema: { tags, summary: 'A method with its validations and authorised staff', params: IdParams, response: { 200: LabMethodDetail } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Change a method (send the version you based the change on); a new harness version needs re-validation', params: IdParams, body: LabMethodUpdate, response: { 200: LabMethodDetail } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/validations', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: "Record a validation (passed or failed) for the method's current harness version", params: IdParams, body: LabMethodValidationCreate, response: { 201: LabMethodValidation } },
    handler: async (req, reply) => reply.status(201).send(await service.validate(requireActor(req), req.params.id, req.body)),
  });
  app.get('/:id/authorisation-candidates', {
    config: { access: 'lab.read' },
    schema: { tags, summary: "Active users holding lab.run in the method's unit (who may be authorised)", params: IdParams, response: { 200: z.object({ items: z.array(LabAuthorisationCandidate) }) } },
    handler: async (req) => ({ items: await service.candidates(requireActor(req), req.params.id) }),
  });
  app.post('/:id/authorisations', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Authorise a person to record runs with the method (ISO/IEC 17025 6.2.6)', params: IdParams, body: LabAuthorisationCreate, response: { 201: LabAuthorisation } },
    handler: async (req, reply) => reply.status(201).send(await service.authorise(requireActor(req), req.params.id, req.body)),
  });
  app.delete('/:id/authorisations/:authorisationId', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Withdraw an authorisation (it stays on record as withdrawn)', params: LabAuthorisationParams, response: { 200: LabAuthorisation } },
    handler: (req) => service.revoke(requireActor(req), req.params.id, req.params.authorisationId),
  });
};
