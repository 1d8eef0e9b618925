import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  HeatMap,
  IdParams,
  Risk,
  RiskAcceptRequest,
  RiskCreate,
  RiskListQuery,
  RiskMatrix,
  RiskMatrixUpdate,
  RiskMatrixUpdateResult,
  RiskSourceCatalog,
  RiskUpdate,
  listOf,
} from '@konform/core';
import type { RiskService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['risks'];
const PortfolioRisk = Risk.extend({ systemName: z.string() });

/** /api/systems/{id}/risks: a system's risk register and heat map. */
export const systemRiskRoutes: FastifyPluginAsync<{ service: RiskService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/risks', {
    config: { access: 'risk.read' },
    schema: { tags, summary: "A system's risk register (filter by status, heat-map cell or overdue review)", params: IdParams, querystring: RiskListQuery, response: { 200: listOf(Risk) } },
    handler: (req) => service.listForSystem(requireActor(req), req.params.id, req.query),
  });
  app.post('/:id/risks', {
    config: { access: 'risk.edit' },
    schema: { tags, summary: 'Record a risk of the system (rated on the risk matrix in force)', params: IdParams, body: RiskCreate, response: { 201: Risk } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.params.id, req.body)),
  });
  app.get('/:id/risks/heatmap', {
    config: { access: 'risk.read' },
    schema: { tags, summary: "Inherent and residual heat map of the system's open risks", params: IdParams, response: { 200: HeatMap } },
    handler: (req) => service.heatMap(requireActor(req), req.params.id),
  });
};

/** /api/risks: one risk, its acceptance, and the portfolio. */
export const riskRoutes: FastifyPluginAsync<{ service: RiskService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'risk.read' },
    schema: { tags, summary: 'Every risk of the systems in scope (filter by status, heat-map cell or overdue review)', querystring: RiskListQuery, response: { 200: listOf(PortfolioRisk) } },
    handler: (req) => service.listAll(requireActor(req), req.query),
  });
  app.get('/heatmap', {
    config: { access: 'risk.read' },
    schema: { tags, summary: 'Inherent and residual heat map of the portfolio in scope', response: { 200: HeatMap } },
    handler: (req) => service.heatMap(requireActor(req), null),
  });
  app.get('/:id', {
    config: { access: 'risk.read' },
    schema: { tags, summary: 'A risk with its ratings, treatment and acceptance', params: IdParams, response: { 200: Risk } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'risk.edit' },
    schema: { tags, summary: 'Change a risk (send the version you based the change on); a change makes an acceptance stale', params: IdParams, body: RiskUpdate, response: { 200: Risk } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/accept', {
    config: { access: 'risk.accept' },
    schema: { tags, summary: "Sign the acceptance of the risk's current state (the level decides who and how many)", params: IdParams, body: RiskAcceptRequest, response: { 200: Risk } },
    handler: (req) => service.accept(requireActor(req), req.params.id, req.body),
  });
};

/** /api/risk-matrix and /api/risk-sources */
export const riskMatrixRoutes: FastifyPluginAsync<{ service: RiskService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/risk-matrix', {
    config: { access: 'risk.read' },
    schema: { tags, summary: 'The risk matrix in force: scales, levels with colours, acceptance rules, cells', response: { 200: RiskMatrix } },
    handler: () => service.matrix(),
  });
  app.put('/risk-matrix', {
    config: { access: 'risk.configure' },
    schema: { tags, summary: 'Set the risk matrix; every risk is re-rated in the same transaction', body: RiskMatrixUpdate, response: { 200: RiskMatrixUpdateResult } },
    handler: (req) => service.updateMatrix(requireActor(req), req.body),
  });
  app.get('/risk-sources', {
    config: { access: 'risk.read' },
    schema: { tags, summary: 'The risk-source catalogue: ISO/IEC 23894 Annex B, OWASP LLM Top 10 2025, MITRE ATLAS tactics, AI-specific harms', response: { 200: RiskSourceCatalog } },
    handler: () => service.sources,
  });
};
