import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IdParams, MonitoringMeasurement, MonitoringMeasurementCreate, MonitoringMeasurementListQuery, MonitoringPlan, MonitoringPlanCreate, MonitoringPlanListQuery, MonitoringPlanUpdate, listOf,
} from '@konform/core';
import type { MonitoringService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['monitoring'];

/** /api/monitoring-plans: post-market monitoring plans (Art. 72) of high-risk AI systems and their measurements. */
export const monitoringRoutes: FastifyPluginAsync<{ service: MonitoringService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'monitoring.read' },
    schema: { tags, summary: 'Monitoring plans in scope, newest first, with indicators, latest values, breaches and overdue measurements (filter by system, status)', querystring: MonitoringPlanListQuery, response: { 200: listOf(MonitoringPlan) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'monitoring.edit' },
    schema: {
      tags,
      summary: 'Create a monitoring plan for a high-risk AI system (409 not-high-risk otherwise; 409 active-plan-exists for a second active plan)',
      body: MonitoringPlanCreate,
      response: { 201: MonitoringPlan },
    },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'monitoring.read' },
    schema: { tags, summary: 'A monitoring plan with its indicators, the latest value of each and when the next is due', params: IdParams, response: { 200: MonitoringPlan } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'monitoring.edit' },
    schema: {
      tags,
      summary: 'Change what is observed, the indicators (the full list; `id` keeps one) or the status (draft → active → retired), based on `version`',
      params: IdParams,
      body: MonitoringPlanUpdate,
      response: { 200: MonitoringPlan },
    },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.get('/:id/measurements', {
    config: { access: 'monitoring.read' },
    schema: { tags, summary: 'Measurements of a plan, newest first (filter by indicator)', params: IdParams, querystring: MonitoringMeasurementListQuery, response: { 200: listOf(MonitoringMeasurement) } },
    handler: (req) => service.measurements(requireActor(req), req.params.id, req.query),
  });
  app.post('/:id/measurements', {
    config: { access: 'monitoring.record' },
    schema: {
      tags,
      summary: 'Record a measured value of an indicator of an active plan; a breach of the threshold opens a task (or an incident) on the system',
      description: 'By hand or by API token (permission monitoring.record; a token limited to AI systems reaches only their plans). `source` is `api` for tokens, `manual` otherwise.',
      params: IdParams,
      body: MonitoringMeasurementCreate,
      response: { 201: MonitoringMeasurement },
    },
    handler: async (req, reply) => reply.status(201).send(await service.record(requireActor(req), req.params.id, req.body)),
  });
};
