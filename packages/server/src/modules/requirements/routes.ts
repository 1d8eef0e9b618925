import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  MatrixExportQuery,
  OrgSoa,
  SoaQuery,
  SystemMeasure,
  SystemMeasureApply,
  SystemMeasureList,
  SystemMeasureParams,
  SystemRequirement,
  SystemRequirementMatrix,
  SystemRequirementParams,
  SystemRequirementQuery,
  SystemRequirementUpdate,
  SystemSoa,
} from '@konform/core';
import type { RequirementService } from './service.js';
import type { SystemMeasureService } from './measure-service.js';
import type { SoaService } from './soa-service.js';
import type { MatrixExportService } from './matrix-export.js';
import { sendFile } from '../../http/send-file.js';
import { requireActor } from '../../http/request.js';

const tags = ['requirements'];

export interface RequirementRouteOptions {
  requirements: RequirementService;
  measures: SystemMeasureService;
  soa: SoaService;
  exports: MatrixExportService;
}

/** /api/systems/{id}/…: a system's compliance matrix, its applied measures and its statement of applicability. */
export const systemRequirementRoutes: FastifyPluginAsync<RequirementRouteOptions> = async (base, { requirements, measures, soa, exports }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/requirements', {
    config: { access: 'requirement.read' },
    schema: {
      tags,
      summary: "A system's compliance matrix: which requirements apply and why (from its approved, else its draft classification), with status, measures and evidence",
      params: IdParams,
      querystring: SystemRequirementQuery,
      response: { 200: SystemRequirementMatrix },
    },
    handler: (req) => requirements.matrix(requireActor(req), req.params.id, req.query),
  });
  app.get('/:id/requirements/export', {
    config: { access: 'requirement.read' },
    schema: {
      tags,
      summary: "A system's compliance matrix as XLSX or CSV (cells that would start a formula are neutralised)",
      params: IdParams,
      querystring: MatrixExportQuery,
      response: { 200: z.file().meta({ description: 'The matrix file' }) },
    },
    handler: async (req, reply) => sendFile(reply, await exports.forSystem(requireActor(req), req.params.id, req.query)),
  });
  app.patch('/:id/requirements/:requirementId', {
    config: { access: 'requirement.edit' },
    schema: {
      tags,
      summary: 'Change a matrix row: status (open → in-progress → implemented → verified, not-applicable with a justification), owner, due date',
      params: SystemRequirementParams,
      body: SystemRequirementUpdate,
      response: { 200: SystemRequirement },
    },
    handler: (req) => requirements.update(requireActor(req), req.params.id, req.params.requirementId, req.body),
  });
  app.get('/:id/measures', {
    config: { access: 'requirement.read' },
    schema: { tags, summary: 'Measures applied to a system and the requirements each advances', params: IdParams, response: { 200: SystemMeasureList } },
    handler: (req) => measures.list(requireActor(req), req.params.id),
  });
  app.post('/:id/measures', {
    config: { access: 'requirement.edit' },
    schema: {
      tags,
      summary: 'Apply a measure to a system (201), or change the status and note of one applied already (200)',
      params: IdParams,
      body: SystemMeasureApply,
      response: { 200: SystemMeasure, 201: SystemMeasure },
    },
    handler: async (req, reply) => {
      const { created, measure } = await measures.apply(requireActor(req), req.params.id, req.body);
      return reply.status(created ? 201 : 200).send(measure);
    },
  });
  app.delete('/:id/measures/:measureId', {
    config: { access: 'requirement.edit' },
    schema: { tags, summary: 'Remove an applied measure from a system', params: SystemMeasureParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await measures.remove(requireActor(req), req.params.id, req.params.measureId);
      return reply.status(204).send(null);
    },
  });
  app.get('/:id/statement-of-applicability', {
    config: { access: 'requirement.read' },
    schema: { tags, summary: "A system's statement of applicability for a catalogue's controls (ISO/IEC 42001 Annex A by default)", params: IdParams, querystring: SoaQuery, response: { 200: SystemSoa } },
    handler: (req) => soa.forSystem(requireActor(req), req.params.id, req.query),
  });
};

/** /api/statement-of-applicability: the organisation's statement over every system in the reader's scope. */
export const orgSoaRoutes: FastifyPluginAsync<{ soa: SoaService }> = async (base, { soa }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'requirement.read' },
    schema: { tags, summary: 'The organisation’s statement of applicability, aggregated over the systems in scope', querystring: SoaQuery, response: { 200: OrgSoa } },
    handler: (req) => soa.forOrganisation(requireActor(req), req.query),
  });
};

/** /api/requirements: the compliance matrix of the whole portfolio in the reader's scope. */
export const portfolioRequirementRoutes: FastifyPluginAsync<{ exports: MatrixExportService }> = async (base, { exports }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/export', {
    config: { access: 'requirement.read' },
    schema: {
      tags,
      summary: 'The compliance matrix of every system in scope as XLSX or CSV (cells that would start a formula are neutralised)',
      querystring: MatrixExportQuery,
      response: { 200: z.file().meta({ description: 'The matrix file' }) },
    },
    handler: async (req, reply) => sendFile(reply, await exports.forPortfolio(requireActor(req), req.query)),
  });
};
