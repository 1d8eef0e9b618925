import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FriaApprove, FriaExportQuery, FriaSave, FriaState, IdParams, RiskReportQuery } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { FriaService } from './service.js';
import type { RiskService } from '../risks/service.js';
import type { RiskReportService } from '../risks/report-service.js';
import { exportFria } from './export.js';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';

export interface FriaRouteOptions {
  database: Database;
  fria: FriaService;
  risks: RiskService;
  reports: RiskReportService;
  marking: string | null;
}

/** /api/systems/{id}/fria and the risk report of a system. */
export const systemFriaRoutes: FastifyPluginAsync<FriaRouteOptions> = async (base, { database, fria, risks, reports, marking }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['fria'];
  app.get('/:id/fria', {
    config: { access: 'risk.read' },
    schema: { tags, summary: 'The FRIA (Art. 27) of a system: whether it is required, its versions, outdated elements and suggestions from the records', params: IdParams, response: { 200: FriaState } },
    handler: (req) => fria.state(requireActor(req), req.params.id),
  });
  app.put('/:id/fria', {
    config: { access: 'risk.edit' },
    schema: { tags, summary: 'Save the FRIA draft (version 0 starts a new draft after an approved version)', params: IdParams, body: FriaSave, response: { 200: FriaState } },
    handler: (req) => fria.save(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/fria/approve', {
    config: { access: 'fria.approve' },
    schema: { tags, summary: 'Approve the FRIA draft with a signature (four eyes: not one of its authors)', params: IdParams, body: FriaApprove, response: { 200: FriaState } },
    handler: (req) => fria.approve(requireActor(req), req.params.id, req.body),
  });
  app.get('/:id/fria/export', {
    config: { access: 'risk.read' },
    schema: { tags, summary: 'The FRIA as the notification to the market surveillance authority (DOCX, PDF or Markdown)', params: IdParams, querystring: FriaExportQuery, response: { 200: z.file() } },
    handler: async (req, reply) => sendFile(reply, await exportFria(database, fria, risks, marking, requireActor(req), req.params.id, req.query)),
  });
  app.get('/:id/risks/export', {
    config: { access: 'risk.read' },
    schema: { tags: ['risks'], summary: "A system's risk report (DOCX, PDF, Markdown) or register (XLSX)", params: IdParams, querystring: RiskReportQuery, response: { 200: z.file() } },
    handler: async (req, reply) => sendFile(reply, await reports.export(requireActor(req), req.params.id, req.query)),
  });
};
