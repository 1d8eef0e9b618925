import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import {
  ActInForce,
  ActParams,
  CatalogAccept,
  CatalogAcceptResult,
  CatalogDetail,
  CatalogDiff,
  CatalogDiffQuery,
  CatalogExportQuery,
  CatalogImportQuery,
  CatalogParams,
  CatalogRequirementItem,
  CatalogRequirementQuery,
  CatalogSummary,
  CatalogUpdatePreview,
  CatalogVersionEntry,
  CatalogVersionParams,
  CatalogVersionQuery,
  MeasureItem,
  MeasureListQuery,
  listOf,
} from '@konform/core';
import type { CatalogService } from './service.js';
import type { CatalogUpdateService } from './update-service.js';
import { exportCatalog } from './export.js';
import { importValidatorCompiler, receiveCatalogFile } from './receive-file.js';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';

const tags = ['catalogs'];

export interface CatalogRouteOptions {
  service: CatalogService;
  updates: CatalogUpdateService;
  /** The largest catalogue file accepted, in bytes. */
  importLimitBytes: number;
}

const ImportForm = z.object({ file: z.file().meta({ description: 'Konform catalogue YAML, CISO Assistant library YAML, OSCAL catalog JSON (1.1.x/1.2.x) or XLSX' }) });

/** /api/catalogs: the regulatory, standard and internal catalogues, their versions and updates. */
export const catalogRoutes: FastifyPluginAsync<CatalogRouteOptions> = async (base, { service, updates, importLimitBytes }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(multipart, { limits: { fileSize: importLimitBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 }, throwFileSizeLimit: false });

  app.get('/', {
    config: { access: 'catalog.read' },
    schema: { tags, summary: 'List the catalogues in their active versions, bundled and imported', response: { 200: listOf(CatalogSummary) } },
    handler: (req) => service.list(requireActor(req)),
  });
  app.post('/import', {
    config: { access: 'catalog.manage' },
    validatorCompiler: importValidatorCompiler,
    bodyLimit: importLimitBytes * 2,
    schema: {
      tags,
      summary: 'Import a catalogue file as a proposed version (dryRun=true: only the preview with diff, impact and errors)',
      description: `multipart/form-data with the part \`file\` (format detected from the content unless \`format\` is given); a file over the limit (KONFORM_CATALOG_IMPORT_LIMIT_MB, here ${Number((importLimitBytes / 1048576).toFixed(2))} MiB) is 413. Nothing changes for any system until the version is accepted.`,
      consumes: ['multipart/form-data', 'application/json'],
      querystring: CatalogImportQuery,
      body: ImportForm,
      response: { 200: CatalogUpdatePreview, 201: z.object({ version: CatalogVersionEntry, preview: CatalogUpdatePreview }) },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const file = await receiveCatalogFile(req, importLimitBytes);
      const upload = { ...file, format: req.query.format, catalogId: req.query.catalogId };
      if (req.query.dryRun) return reply.status(200).send(await updates.previewUpload(actor, upload));
      return reply.status(201).send(await updates.importUpload(actor, upload));
    },
  });
  app.get('/updates', {
    config: { access: 'catalog.read' },
    schema: { tags, summary: 'Proposed catalogue versions waiting for a decision, oldest first', response: { 200: listOf(CatalogVersionEntry) } },
    handler: (req) => updates.proposed(requireActor(req)),
  });
  app.get('/act-in-force', {
    config: { access: 'catalog.read' },
    schema: { tags, summary: 'The AI Act texts of the timeline and the one whose dates apply', response: { 200: ActInForce } },
    handler: (req) => updates.actInForce(requireActor(req)),
  });
  app.get('/act-in-force/:act/preview', {
    config: { access: 'catalog.read' },
    schema: { tags, summary: 'What switching to another AI Act text changes: requirement dates and, per system, due dates', params: ActParams, response: { 200: CatalogUpdatePreview } },
    handler: (req) => updates.actPreview(requireActor(req), req.params.act),
  });
  app.post('/act-in-force/:act/accept', {
    config: { access: 'catalog.manage' },
    schema: { tags, summary: "Make another AI Act text's dates apply (one transaction, one audit event)", params: ActParams, response: { 200: ActInForce } },
    handler: (req) => updates.acceptAct(requireActor(req), req.params.act),
  });
  app.get('/:id', {
    config: { access: 'catalog.read' },
    schema: { tags, summary: 'A whole catalogue (the active version, or any stored one) and its versions', params: CatalogParams, querystring: CatalogVersionQuery, response: { 200: CatalogDetail } },
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
  app.get('/:id/diff', {
    config: { access: 'catalog.read' },
    schema: { tags, summary: 'What changes between two versions (default: the active one and the newest stored one)', params: CatalogParams, querystring: CatalogDiffQuery, response: { 200: CatalogDiff } },
    handler: (req) => updates.diff(requireActor(req), req.params.id, req.query),
  });
  app.get('/:id/export', {
    config: { access: 'catalog.read' },
    schema: {
      tags,
      summary: 'A catalogue as an OSCAL 1.2.2 catalog (JSON), Konform YAML or XLSX',
      params: CatalogParams,
      querystring: CatalogExportQuery,
      response: { 200: z.file().meta({ description: 'The catalogue file' }) },
    },
    handler: async (req, reply) => sendFile(reply, await exportCatalog(await service.version(req.params.id, req.query.version), req.query.format)),
  });
  app.get('/:id/versions/:version/preview', {
    config: { access: 'catalog.read' },
    schema: { tags, summary: 'A stored version against the active one: diff and the rows that appear, disappear or move per system', params: CatalogVersionParams, response: { 200: CatalogUpdatePreview } },
    handler: (req) => updates.versionPreview(requireActor(req), req.params.id, req.params.version),
  });
  app.post('/:id/versions/:version/accept', {
    config: { access: 'catalog.manage' },
    schema: { tags, summary: 'Accept a proposed version: it becomes active for every system (one transaction, one audit event)', params: CatalogVersionParams, body: CatalogAccept, response: { 200: CatalogAcceptResult } },
    handler: (req) => updates.accept(requireActor(req), req.params.id, req.params.version, req.body),
  });
  app.post('/:id/versions/:version/discard', {
    config: { access: 'catalog.manage' },
    schema: { tags, summary: 'Discard a proposed version (kept in the history, never active)', params: CatalogVersionParams, response: { 200: CatalogVersionEntry } },
    handler: (req) => updates.discard(requireActor(req), req.params.id, req.params.version),
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
