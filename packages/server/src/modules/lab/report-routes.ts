import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, LabReportQuery } from '@konform/core';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';
import type { LabReportService } from './report-service.js';

const produces = ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/markdown'];

/**
 * GET /api/lab/runs/{id}/report and /api/lab/gates/{id}/report: a test report (ISO/IEC 17025 7.8). Registered under
 * the runs' and gates' prefixes beside their own plugins (`kind` says which).
 */
export const labReportRoutes: FastifyPluginAsync<{ service: LabReportService; kind: 'run' | 'gate' }> = async (base, { service, kind }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/report', {
    config: { access: 'lab.read' },
    schema: {
      tags: ['lab'],
      summary:
        kind === 'run'
          ? "A run's test report (ISO/IEC 17025 7.8.2): items, method, environment, results with uncertainty and verdicts; PDF, DOCX or Markdown, German or English, with the configured marking"
          : "A release gate's test report: subject and items, checks with their outcome, runs used, results and signatures; PDF, DOCX or Markdown, German or English, with the configured marking",
      params: IdParams,
      querystring: LabReportQuery,
      produces,
      response: { 200: z.file().meta({ description: 'The test report' }) },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      return sendFile(reply, kind === 'run' ? await service.runReport(actor, req.params.id, req.query) : await service.gateReport(actor, req.params.id, req.query));
    },
  });
};
