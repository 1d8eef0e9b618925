import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, ImpactQuery, ImpactResult, SystemGraph } from '@konform/core';
import { requireActor } from '../../http/request.js';
import type { RelationService } from './service.js';

/** GET /api/systems/{id}/graph: what a system is made of and bound by. */
export const systemRelationRoutes: FastifyPluginAsync<{ service: RelationService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/graph', {
    config: { access: 'system.read' },
    schema: {
      tags: ['relations'],
      summary: "The system's relations: model and dataset versions, requirements worked on, measures, risks, test plans, runs, gates and evidence, as nodes and edges (areas the caller may not read are left out and named)",
      params: IdParams,
      response: { 200: SystemGraph },
    },
    handler: (req) => service.systemGraph(requireActor(req), req.params.id),
  });
};

/** GET /api/impact: what depends on one record. */
export const impactRoutes: FastifyPluginAsync<{ service: RelationService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'model.read' },
    schema: {
      tags: ['relations'],
      summary: 'What is affected if a dataset or model version, method, environment or requirement turns out to be flawed: every system, plan, run, gate, evidence and requirement that depends on it, each with the path that explains why (name exactly one)',
      querystring: ImpactQuery,
      response: { 200: ImpactResult },
    },
    handler: (req) => service.impact(requireActor(req), req.query),
  });
};
