import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  QmsCoverage,
  QmsCoverageQuery,
  QmsDocument,
  QmsDocumentCreate,
  QmsDocumentDetail,
  QmsDocumentListQuery,
  QmsDocumentUpdate,
  QmsDraftSave,
  QmsExportQuery,
  QmsVersion,
  QmsVersionApprove,
  QmsVersionCreate,
  QmsVersionParams,
  QmsVersionReturn,
  QmsVersionSubmit,
  listOf,
} from '@konform/core';
import type { CatalogService } from '../catalogs/service.js';
import type { QmsDocumentService } from './service.js';
import type { QmsVersionService } from './versions.js';
import { exportQmsVersion } from './export.js';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';

const tags = ['qms'];

export interface QmsRouteOptions {
  documents: QmsDocumentService;
  versions: QmsVersionService;
  catalogs: CatalogService;
  marking: string | null;
}

/** /api/qms: documents of the AI management system, their versions and release, the export and the coverage overview. */
export const qmsRoutes: FastifyPluginAsync<QmsRouteOptions> = async (base, { documents, versions, catalogs, marking }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/documents', {
    config: { access: 'qms.read' },
    schema: { tags, summary: 'AI management system documents in scope (filter by kind, owner, status, review state, unit, title)', querystring: QmsDocumentListQuery, response: { 200: listOf(QmsDocument) } },
    handler: (req) => documents.list(requireActor(req), req.query),
  });
  app.post('/documents', {
    config: { access: 'qms.edit' },
    schema: { tags, summary: 'Create a document with its first draft (unit defaults to the root unit)', body: QmsDocumentCreate, response: { 201: QmsDocumentDetail } },
    handler: async (req, reply) => reply.status(201).send(await documents.create(requireActor(req), req.body)),
  });
  app.get('/documents/:id', {
    config: { access: 'qms.read' },
    schema: { tags, summary: 'A document with its versions', params: IdParams, response: { 200: QmsDocumentDetail } },
    handler: (req) => documents.get(requireActor(req), req.params.id),
  });
  app.patch('/documents/:id', {
    config: { access: 'qms.edit' },
    schema: { tags, summary: "Change a document's data (send the version you based the change on)", params: IdParams, body: QmsDocumentUpdate, response: { 200: QmsDocumentDetail } },
    handler: (req) => documents.update(requireActor(req), req.params.id, req.body),
  });
  app.post('/documents/:id/versions', {
    config: { access: 'qms.edit' },
    schema: { tags, summary: 'Start a new draft after a release (text defaults to the released version)', params: IdParams, body: QmsVersionCreate, response: { 201: QmsVersion } },
    handler: async (req, reply) => reply.status(201).send(await versions.create(requireActor(req), req.params.id, req.body)),
  });
  app.get('/documents/:id/versions/:number', {
    config: { access: 'qms.read' },
    schema: { tags, summary: 'A version with its Markdown content', params: QmsVersionParams, response: { 200: QmsVersion } },
    handler: (req) => versions.get(requireActor(req), req.params.id, req.params.number),
  });
  app.put('/documents/:id/versions/:number', {
    config: { access: 'qms.edit' },
    schema: { tags, summary: 'Save a draft: Markdown content and change note (versions in review or released are frozen)', params: QmsVersionParams, body: QmsDraftSave, response: { 200: QmsVersion } },
    handler: (req) => versions.save(requireActor(req), req.params.id, req.params.number, req.body),
  });
  app.post('/documents/:id/versions/:number/submit', {
    config: { access: 'qms.edit' },
    schema: { tags, summary: 'Submit a draft for review (needs content and a change note)', params: QmsVersionParams, body: QmsVersionSubmit, response: { 200: QmsVersion } },
    handler: (req) => versions.submit(requireActor(req), req.params.id, req.params.number, req.body),
  });
  app.post('/documents/:id/versions/:number/return', {
    config: { access: 'qms.edit' },
    schema: { tags, summary: 'Return a version in review to draft, with the reason', params: QmsVersionParams, body: QmsVersionReturn, response: { 200: QmsVersion } },
    handler: (req) => versions.return(requireActor(req), req.params.id, req.params.number, req.body),
  });
  app.post('/documents/:id/versions/:number/approve', {
    config: { access: 'qms.approve' },
    schema: { tags, summary: 'Release a version in review with a signature (four eyes: not one of its authors); supersedes the previous release', params: QmsVersionParams, body: QmsVersionApprove, response: { 200: QmsVersion } },
    handler: (req) => versions.approve(requireActor(req), req.params.id, req.params.number, req.body),
  });
  app.get('/documents/:id/versions/:number/export', {
    config: { access: 'qms.read' },
    schema: { tags, summary: 'A released version as DOCX, PDF or Markdown, with title page, document control and what it covers', params: QmsVersionParams, querystring: QmsExportQuery, response: { 200: z.file() } },
    handler: async (req, reply) => sendFile(reply, await exportQmsVersion(versions, catalogs, marking, requireActor(req), req.params.id, req.params.number, req.query)),
  });
  app.get('/coverage', {
    config: { access: 'qms.read' },
    schema: { tags, summary: 'Which document covers which Art. 17(1) element and ISO/IEC 42001 clause, what is missing and what is overdue', querystring: QmsCoverageQuery, response: { 200: QmsCoverage } },
    handler: (req) => documents.coverage(requireActor(req), req.query),
  });
};
