import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CATALOG_IMPORT_MAX_CHARS,
  CatalogDetail,
  CatalogImport,
  CatalogParams,
  CatalogRequirementItem,
  CatalogRequirementQuery,
  CatalogSummary,
  CatalogVersionQuery,
  MeasureItem,
  MeasureListQuery,
  listOf,
} from '@konform/core';
import type { CatalogService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['catalogs'];

/** /api/catalogs: the regulatory, standard and internal catalogues. */
export const catalogRoutes: FastifyPluginAsync<{ service: CatalogService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'catalog.read' },
    schema: { tags, summary: 'List the catalogues, bundled and imported', response: { 200: listOf(CatalogSummary) } },
    handler: (req) => service.list(requireActor(req)),
  });
  app.post('/import', {
    config: { access: 'catalog.manage' },
    // JSON escaping can grow the YAML text; the schema limits the text itself.
    bodyLimit: CATALOG_IMPORT_MAX_CHARS * 2,
    schema: { tags, summary: 'Import an internal catalogue (YAML, kind internal) as a new version', body: CatalogImport, response: { 201: CatalogSummary } },
    handler: async (req, reply) => reply.status(201).send(await service.import(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'catalog.read' },
    schema: { tags, summary: 'A whole catalogue (an imported one in any of its versions)', params: CatalogParams, querystring: CatalogVersionQuery, response: { 200: CatalogDetail } },
    handler: (req) => service.get(requireActor(req), req.params.id, req.query),
  });
  app.get('/:id/requirements', {
    config: { access: 'catalog.read' },
    schema: {
      tags,
      summary: "A catalogue's requirements and groups in document order, with their measures and mappings",
      params: CatalogParams,
      querystring: CatalogRequirementQuery,
      response: { 200: listOf(CatalogRequirementItem) },
    },
    handler: (req) => service.requirements(requireActor(req), req.params.id, req.query),
  });
};

/** /api/measures: the measures catalogue. */
export const measureRoutes: FastifyPluginAsync<{ service: CatalogService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'catalog.read' },
    schema: { tags, summary: 'List the technical and organisational measures and the requirements they help meet', querystring: MeasureListQuery, response: { 200: listOf(MeasureItem) } },
    handler: (req) => service.measures(requireActor(req), req.query),
  });
};
