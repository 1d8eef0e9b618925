import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, LabGateCreate, LabGateDetail, LabGateListQuery, LabGateSign, LabGateSummary, LabGateWithdraw, listOf } from '@konform/core';
import { requireActor } from '../../http/request.js';
import type { LabGateService } from './gate-service.js';

const tags = ['lab'];

/** /api/lab/gates: release gates of model versions and AI systems, signed by lab and governance. */
export const labGateRoutes: FastifyPluginAsync<{ service: LabGateService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'lab.read' },
    schema: { tags, summary: 'Release gates (filter by status, AI system, model, unit with sub-units, text)', querystring: LabGateListQuery, response: { 200: listOf(LabGateSummary) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Open a release gate for a model version or an AI system against a fixed test plan', body: LabGateCreate, response: { 201: LabGateDetail } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'lab.read' },
    schema: { tags, summary: 'A release gate with its checks (live while open, frozen once released), signatures and baseline', params: IdParams, response: { 200: LabGateDetail } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.post('/:id/sign', {
    config: { access: 'lab.release' },
    schema: {
      tags,
      summary: 'Sign the release (password again); every check must pass, and a holder of the lab role and one of the governance role sign, two people',
      params: IdParams,
      body: LabGateSign,
      response: { 200: LabGateDetail },
    },
    handler: (req) => service.sign(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/withdraw', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Withdraw an open gate or take a release back, with the reason', params: IdParams, body: LabGateWithdraw, response: { 200: LabGateDetail } },
    handler: (req) => service.withdraw(requireActor(req), req.params.id, req.body),
  });
};
