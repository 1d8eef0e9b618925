import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Dashboard, DashboardQuery, IdParams, ManagementReport, ManagementReportCreate, ManagementReportExportQuery, ManagementReportList, ManagementReportListQuery } from '@konform/core';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';
import type { DashboardService } from './service.js';

const tags = ['dashboard'];
const produces = ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/markdown'];

/** /api/dashboard: the leadership overview of the portfolio. */
export const dashboardRoutes: FastifyPluginAsync<{ service: DashboardService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'report.read' },
    schema: {
      tags,
      summary: 'Leadership overview: systems by risk class and lifecycle stage, compliance progress per catalogue and unit, open high risks, overdue tasks and non-conformities, AI Act dates with high-risk systems not ready, lab gates by status',
      querystring: DashboardQuery,
      response: { 200: Dashboard },
    },
    handler: (req) => service.get(requireActor(req), req.query),
  });
};

/** /api/management-reports: the dashboard of a unit stored as it was, and rendered from what was stored. */
export const managementReportRoutes: FastifyPluginAsync<{ service: DashboardService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'report.read' },
    schema: { tags, summary: 'Stored management reports of the units the reader reaches, newest first', querystring: ManagementReportListQuery, response: { 200: ManagementReportList } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'report.create' },
    schema: { tags, summary: 'Generate a management report of a unit (or of every unit) and store the figures it is built from', body: ManagementReportCreate, response: { 201: ManagementReport } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id/export', {
    config: { access: 'report.read' },
    schema: {
      tags,
      summary: 'A stored management report as PDF, DOCX or Markdown, German or English, rendered from its stored figures with the configured marking',
      params: IdParams,
      querystring: ManagementReportExportQuery,
      produces,
      response: { 200: z.file().meta({ description: 'The management report' }) },
    },
    handler: async (req, reply) => sendFile(reply, await service.export(requireActor(req), req.params.id, req.query)),
  });
};
