import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, OscalComponentQuery, OscalImportResult } from '@konform/core';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';
import type { OscalService } from './service.js';

const tags = ['oscal'];
const oscalFile = (description: string) => z.file().meta({ description });

export interface OscalRouteOptions {
  service: OscalService;
  /** Largest assessment-results file accepted for import, in bytes. */
  importLimitBytes: number;
}

/** OSCAL 1.2.2 documents of systems, audits and release gates, and the import of assessment results as findings. */
export const oscalRoutes: FastifyPluginAsync<OscalRouteOptions> = async (base, { service, importLimitBytes }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/systems/:id/oscal/component-definition', {
    config: { access: 'requirement.read' },
    schema: {
      tags, summary: "The system as an OSCAL component definition: its applicable requirements of one catalogue with their status and measures",
      params: IdParams, querystring: OscalComponentQuery, response: { 200: oscalFile('OSCAL 1.2.2 component-definition (JSON)') },
    },
    handler: async (req, reply) => sendFile(reply, await service.componentDefinition(requireActor(req), req.params.id, req.query.catalog)),
  });
  app.get('/systems/:id/oscal/poam', {
    config: { access: 'nonconformity.read' },
    schema: {
      tags, summary: 'Open non-conformities with their actions and open audit findings as an OSCAL plan of action and milestones (409 nothing-open)',
      params: IdParams, response: { 200: oscalFile('OSCAL 1.2.2 plan-of-action-and-milestones (JSON)') },
    },
    handler: async (req, reply) => sendFile(reply, await service.poam(requireActor(req), req.params.id)),
  });
  app.get('/audits/:id/oscal/assessment-results', {
    config: { access: 'auditing.read' },
    schema: { tags, summary: 'The audit as OSCAL assessment results: recorded checklist items as observations, findings', params: IdParams, response: { 200: oscalFile('OSCAL 1.2.2 assessment-results (JSON)') } },
    handler: async (req, reply) => sendFile(reply, await service.auditAssessmentResults(requireActor(req), req.params.id)),
  });
  app.post('/audits/:id/oscal/assessment-results', {
    config: { access: 'auditing.record' },
    bodyLimit: importLimitBytes,
    schema: {
      tags, summary: "Import another tool's OSCAL assessment results as findings of this audit (one transaction; errors name the JSON path)",
      params: IdParams, body: z.unknown().meta({ description: 'An OSCAL assessment-results document (JSON)' }), response: { 201: OscalImportResult },
    },
    handler: async (req, reply) => reply.status(201).send(await service.importAssessmentResults(requireActor(req), req.params.id, req.body)),
  });
  app.get('/lab/gates/:id/oscal/assessment-results', {
    config: { access: 'lab.read' },
    schema: { tags, summary: "A release gate as OSCAL assessment results: its checks as findings, its cases' results as observations", params: IdParams, response: { 200: oscalFile('OSCAL 1.2.2 assessment-results (JSON)') } },
    handler: async (req, reply) => sendFile(reply, await service.gateAssessmentResults(requireActor(req), req.params.id)),
  });
};
