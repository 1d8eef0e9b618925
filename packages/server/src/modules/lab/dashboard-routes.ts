import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LabDashboard, LabDashboardQuery } from '@konform/core';
import { requireActor } from '../../http/request.js';
import type { LabDashboardService } from './dashboard-service.js';

/** /api/lab/dashboard: the lab's overview. */
export const labDashboardRoutes: FastifyPluginAsync<{ service: LabDashboardService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'lab.read' },
    schema: {
      tags: ['lab'],
      summary: 'Lab overview: runs per ISO week (12 weeks), pass rate per system (90 days), open gates, environments due for verification, methods awaiting validation, latest runs',
      querystring: LabDashboardQuery,
      response: { 200: LabDashboard },
    },
    handler: (req) => service.get(requireActor(req), req.query),
  });
};
