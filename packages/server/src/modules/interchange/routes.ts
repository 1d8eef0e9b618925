import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CycloneDxImportQuery, CycloneDxImportResult, IdParams, ModelCardImportResult, VersionParams } from '@konform/core';
import { requireActor } from '../../http/request.js';
import { contentDisposition } from '../evidence/content-check.js';
import type { CycloneDxService } from './cyclonedx.js';
import type { ModelCardService } from './hf-model-card.js';

const tags = ['interchange'];
const MARKDOWN_TYPES = ['text/markdown', 'text/plain', 'text/x-markdown'];

export interface InterchangeRouteOptions {
  cycloneDx: CycloneDxService;
  modelCards: ModelCardService;
  /** The largest BOM or model card, in bytes. */
  importLimitBytes: number;
}

/**
 * Exchange formats of the ML world, registered under /api: CycloneDX ML-BOMs of systems and Hugging Face model cards
 * of model versions. Bodies are read as text in this plugin only, so a JSON syntax error names line and column.
 */
export const interchangeRoutes: FastifyPluginAsync<InterchangeRouteOptions> = async (base, { cycloneDx, modelCards, importLimitBytes }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/vnd.cyclonedx+json', ...MARKDOWN_TYPES], { parseAs: 'string', bodyLimit: importLimitBytes }, (_req, body, done) => done(null, body));

  app.get('/systems/:id/cyclonedx', {
    config: { access: 'system.read' },
    schema: {
      tags, params: IdParams,
      summary: "The system's models and datasets as a CycloneDX 1.6 ML-BOM (JSON), checked before it is served",
      description: 'Models carry a model card: the task, the datasets of the system, the metrics of current lab runs, and the risk register (for readers of risks) as considerations. Versions the reader may not read are left out.',
      produces: ['application/vnd.cyclonedx+json'],
    },
    handler: async (req, reply) => {
      const { filename, bom } = await cycloneDx.export(requireActor(req), req.params.id);
      return reply.headers({ 'content-type': 'application/vnd.cyclonedx+json; version=1.6', 'content-disposition': contentDisposition(filename), 'cache-control': 'private, no-store' }).send(JSON.stringify(bom, null, 2));
    },
  });

  app.post('/interchange/cyclonedx', {
    config: { access: 'model.edit' },
    schema: {
      tags, querystring: CycloneDxImportQuery, body: z.string(),
      summary: 'Record the models and datasets of a CycloneDX 1.5–1.7 BOM in a unit (create or update, one transaction)',
      description: 'Models and datasets are matched by name within the unit, versions by label; a version is recorded when the component names one. A malformed BOM is refused with problems naming the JSON path; nothing is stored.',
      consumes: ['application/json', 'application/vnd.cyclonedx+json'],
      response: { 200: CycloneDxImportResult },
    },
    handler: (req) => cycloneDx.import(requireActor(req), req.query.orgUnitId, req.body),
  });

  app.post('/models/:id/versions/:versionId/model-card', {
    config: { access: 'model.edit' },
    schema: {
      tags, params: VersionParams, body: z.string(),
      summary: 'Take a Hugging Face model card (README.md with YAML front matter) over into a model version; lists what was taken and what was ignored',
      consumes: MARKDOWN_TYPES,
      response: { 200: ModelCardImportResult },
    },
    handler: (req) => modelCards.import(requireActor(req), req.params.id, req.params.versionId, req.body),
  });

  app.get('/models/:id/versions/:versionId/model-card', {
    config: { access: 'model.read' },
    schema: { tags, params: VersionParams, summary: 'A Hugging Face model card (Markdown with YAML front matter) written from the records of a model version', produces: ['text/markdown'] },
    handler: async (req, reply) => {
      const { filename, text } = await modelCards.export(requireActor(req), req.params.id, req.params.versionId);
      return reply.headers({ 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': contentDisposition(filename), 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' }).send(text);
    },
  });
};
