import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, LabPlanCreate, LabPlanDetail, LabPlanListQuery, LabPlanRetire, LabPlanSummary, LabPlanTransition, LabPlanUpdate, listOf } from '@konform/core';
import { requireActor } from '../../http/request.js';
import type { LabPlanService } from './plan-service.js';

const tags = ['lab'];

/** /api/lab/plans: test plans of AI systems and models, with cases fixed before testing. */
export const labPlanRoutes: FastifyPluginAsync<{ service: LabPlanService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'lab.read' },
    schema: { tags, summary: 'Test plans (filter by unit with sub-units, AI system, model, status, text)', querystring: LabPlanListQuery, response: { 200: listOf(LabPlanSummary) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Draft a test plan for an AI system or a model, with its test cases', body: LabPlanCreate, response: { 201: LabPlanDetail } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'lab.read' },
    schema: { tags, summary: 'A test plan with its cases (method and its status, dataset version, requirements) and revisions', params: IdParams, response: { 200: LabPlanDetail } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Change a draft plan (send the version you based the change on); `cases` replaces all cases', params: IdParams, body: LabPlanUpdate, response: { 200: LabPlanDetail } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/fix', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Fix a draft plan: its cases freeze and runs may be recorded; fixing a revision retires the plan it revises', params: IdParams, body: LabPlanTransition, response: { 200: LabPlanDetail } },
    handler: (req) => service.fix(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/revise', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Copy a fixed plan into a new draft that revises it', params: IdParams, body: LabPlanTransition, response: { 201: LabPlanDetail } },
    handler: async (req, reply) => reply.status(201).send(await service.revise(requireActor(req), req.params.id, req.body)),
  });
  app.post('/:id/retire', {
    config: { access: 'lab.manage' },
    schema: { tags, summary: 'Retire a plan (draft or fixed) with a reason', params: IdParams, body: LabPlanRetire, response: { 200: LabPlanDetail } },
    handler: (req) => service.retire(requireActor(req), req.params.id, req.body),
  });
};
