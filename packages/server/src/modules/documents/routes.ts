import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DocumentCreate,
  DocumentDetail,
  DocumentExportQuery,
  DocumentListQuery,
  DocumentManifest,
  DocumentParams,
  DocumentSectionParams,
  DocumentSectionSave,
  DocumentSectionText,
  DocumentSummary,
  DocumentVersion,
  DocumentVersionParams,
  DocumentVersionSign,
  DocumentVersionStep,
} from '@konform/core';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';
import type { DocumentService } from './service.js';

const tags = ['documents'];

/**
 * /api/documents: generated documents (the technical documentation of Annex IV) with authored section text,
 * versions released by two signatures and sealed by a signed manifest. Released versions have no DELETE and no
 * write route: they never change.
 */
export const documentRoutes: FastifyPluginAsync<{ service: DocumentService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'document.read' },
    schema: { tags, summary: 'Generated documents in reach (filter by system and type)', querystring: DocumentListQuery, response: { 200: z.array(DocumentSummary) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'document.edit' },
    schema: { tags, summary: 'Create a generated document: technical documentation (Annex IV), instructions for use, EU declaration of conformity, registration data, decision paper (about an AI system) or model card (about a model version)', body: DocumentCreate, response: { 201: DocumentDetail } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'document.read' },
    schema: { tags, summary: 'A document with its sections, their completeness from the records as they are now, and its versions', params: DocumentParams, response: { 200: DocumentDetail } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.put('/:id/sections/:key', {
    config: { access: 'document.edit' },
    schema: { tags, summary: "Save a section's authored Markdown (optimistic lock: the text's version as read, 0 before the first save)", params: DocumentSectionParams, body: DocumentSectionSave, response: { 200: DocumentSectionText } },
    handler: (req) => service.saveSection(requireActor(req), req.params.id, req.params.key, req.body),
  });
  app.get('/:id/versions', {
    config: { access: 'document.read' },
    schema: { tags, summary: "A document's versions, newest first", params: DocumentParams, response: { 200: z.array(DocumentVersion) } },
    handler: (req) => service.versions(requireActor(req), req.params.id),
  });
  app.post('/:id/versions', {
    config: { access: 'document.edit' },
    schema: { tags, summary: 'Freeze the records and the authored text into a draft version (rebuilds the working draft)', params: DocumentParams, response: { 201: DocumentVersion } },
    handler: async (req, reply) => reply.status(201).send(await service.freeze(requireActor(req), req.params.id)),
  });
  app.get('/:id/versions/:number', {
    config: { access: 'document.read' },
    schema: { tags, summary: 'One version of a document', params: DocumentVersionParams, response: { 200: DocumentVersion } },
    handler: (req) => service.version(requireActor(req), req.params.id, req.params.number),
  });
  app.post('/:id/versions/:number/submit', {
    config: { access: 'document.edit' },
    schema: { tags, summary: 'Submit a draft version for review (refused while a section has nothing)', params: DocumentVersionParams, body: DocumentVersionStep, response: { 200: DocumentVersion } },
    handler: (req) => service.submit(requireActor(req), req.params.id, req.params.number, req.body),
  });
  app.post('/:id/versions/:number/return', {
    config: { access: 'document.edit' },
    schema: { tags, summary: 'Return a version in review to draft', params: DocumentVersionParams, body: DocumentVersionStep, response: { 200: DocumentVersion } },
    handler: (req) => service.returnToDraft(requireActor(req), req.params.id, req.params.number, req.body),
  });
  app.post('/:id/versions/:number/review', {
    config: { access: 'document.edit' },
    schema: { tags, summary: 'Sign a version in review as reviewed (password; none of its authors)', params: DocumentVersionParams, body: DocumentVersionSign, response: { 200: DocumentVersion } },
    handler: (req) => service.review(requireActor(req), req.params.id, req.params.number, req.body),
  });
  app.post('/:id/versions/:number/release', {
    config: { access: 'document.release' },
    schema: {
      tags, summary: 'Release a reviewed version by signature (neither author nor reviewer): renders DOCX, PDF, Markdown and JSON and signs their manifest',
      params: DocumentVersionParams, body: DocumentVersionSign, response: { 200: DocumentVersion },
    },
    handler: (req) => service.release(requireActor(req), req.params.id, req.params.number, req.body),
  });
  app.get('/:id/versions/:number/export', {
    config: { access: 'document.read' },
    schema: {
      tags, summary: 'A file of the version: the stored bytes once released, else rendered now and marked as a draft',
      params: DocumentVersionParams, querystring: DocumentExportQuery, produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/markdown', 'application/json'],
      response: { 200: z.file().meta({ description: 'The document file' }) },
    },
    handler: async (req, reply) => sendFile(reply, await service.export(requireActor(req), req.params.id, req.params.number, req.query.format)),
  });
  app.get('/:id/versions/:number/manifest', {
    config: { access: 'document.read' },
    schema: { tags, summary: 'The signed manifest of a released version and its Ed25519 signature (base64)', params: DocumentVersionParams, response: { 200: DocumentManifest } },
    handler: (req) => service.manifest(requireActor(req), req.params.id, req.params.number),
  });
  app.get('/:id/versions/:number/bundle', {
    config: { access: 'document.read' },
    schema: {
      tags, summary: 'A released version as ZIP: its files, manifest.json and manifest.sig (checked by `konform verify`)',
      params: DocumentVersionParams, produces: ['application/zip'], response: { 200: z.file().meta({ description: 'The release bundle' }) },
    },
    handler: async (req, reply) => sendFile(reply, await service.bundle(requireActor(req), req.params.id, req.params.number)),
  });
};
