import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Evidence,
  EvidenceDetail,
  EvidenceLink,
  EvidenceLinkCreate,
  EvidenceLinkParams,
  EvidenceListQuery,
  EvidenceUpdate,
  EvidenceUploadFields,
  EvidenceUploadForm,
  EvidenceUrlCreate,
  EvidenceVersionForm,
  EvidenceVersionParams,
  IdParams,
  listOf,
} from '@konform/core';
import type { EvidenceService } from './service.js';
import type { ObjectStorage } from '../../storage/storage.js';
import { requireActor } from '../../http/request.js';
import { invalid } from '../../http/errors.js';
import { multipartValidatorCompiler, parseFields, receiveForm } from './multipart.js';
import { sendStoredFile } from '../../http/send-file.js';

const tags = ['evidence'];
const multipart = ['multipart/form-data'];

export interface EvidenceRouteOptions {
  service: EvidenceService;
  storage: ObjectStorage;
  /** The largest file accepted, in bytes (the multipart plugin enforces it; here it names the limit in the 413). */
  uploadLimitBytes: number;
}

/** /api/evidence: the evidence store. Uploads are multipart/form-data with the part `file`. */
export const evidenceRoutes: FastifyPluginAsync<EvidenceRouteOptions> = async (base, { service, storage, uploadLimitBytes }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'evidence.read' },
    schema: { tags, summary: 'Evidence, newest change first (of one system with ?systemId=, searched with ?q=)', querystring: EvidenceListQuery, response: { 200: listOf(Evidence) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'evidence.write' },
    validatorCompiler: multipartValidatorCompiler,
    schema: {
      tags,
      summary: 'Upload a file as evidence (multipart/form-data: the text fields, then the part `file`)',
      description: `The file is streamed, hashed with SHA-256 and stored under its hash. Its content must match its extension (415 otherwise); a file over the upload limit (KONFORM_UPLOAD_LIMIT_MB, here ${Number((uploadLimitBytes / 1048576).toFixed(2))} MiB) is 413.`,
      consumes: multipart,
      body: EvidenceUploadForm,
      response: { 201: EvidenceDetail },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const form = await receiveForm(req, storage, uploadLimitBytes);
      try {
        const fields = parseFields(EvidenceUploadFields, form.fields);
        if (!form.file) throw invalid('file', 'Attach the file as the part "file"');
        return reply.status(201).send(await service.upload(actor, fields, form.file));
      } finally {
        await form.discard();
      }
    },
  });
  app.post('/link', {
    config: { access: 'evidence.write' },
    schema: { tags, summary: 'Record a link (http or https) as evidence instead of a file', body: EvidenceUrlCreate, response: { 201: EvidenceDetail } },
    handler: async (req, reply) => reply.status(201).send(await service.recordLink(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'evidence.read' },
    schema: { tags, summary: 'Evidence with all its versions (newest first) and where it is used', params: IdParams, response: { 200: EvidenceDetail } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'evidence.write' },
    schema: { tags, summary: 'Change the metadata of evidence (send the version you based the change on)', params: IdParams, body: EvidenceUpdate, response: { 200: EvidenceDetail } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/versions', {
    config: { access: 'evidence.write' },
    validatorCompiler: multipartValidatorCompiler,
    schema: {
      tags,
      summary: 'Upload a new version of file evidence (multipart/form-data with the part `file`); older versions stay',
      consumes: multipart,
      params: IdParams,
      body: EvidenceVersionForm,
      response: { 201: EvidenceDetail },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const form = await receiveForm(req, storage, uploadLimitBytes);
      try {
        parseFields(EvidenceVersionForm.omit({ file: true }), form.fields);
        if (!form.file) throw invalid('file', 'Attach the file as the part "file"');
        return reply.status(201).send(await service.addVersion(actor, req.params.id, form.file));
      } finally {
        await form.discard();
      }
    },
  });
  app.get('/:id/versions/:v/content', {
    config: { access: 'evidence.read' },
    schema: {
      tags,
      summary: 'Download one version (as an attachment; ETag is the SHA-256)',
      params: EvidenceVersionParams,
      produces: ['application/octet-stream'],
      response: { 200: z.file().meta({ description: 'The stored file, with its stored content type' }), 304: z.null().meta({ description: 'Not modified (If-None-Match matched the ETag)' }) },
    },
    handler: async (req, reply) => {
      const { version, classification, stream } = await service.content(requireActor(req), req.params.id, req.params.v);
      return sendStoredFile(req, reply, { ...version, stream }, classification);
    },
  });
  app.post('/:id/links', {
    config: { access: 'evidence.write' },
    schema: { tags, summary: 'Use evidence for an AI system, one of its requirement rows or a measure', params: IdParams, body: EvidenceLinkCreate, response: { 201: EvidenceLink } },
    handler: async (req, reply) => reply.status(201).send(await service.link(requireActor(req), req.params.id, req.body)),
  });
  app.delete('/:id/links/:linkId', {
    config: { access: 'evidence.write' },
    schema: { tags, summary: 'Remove a use of evidence', params: EvidenceLinkParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await service.unlink(requireActor(req), req.params.id, req.params.linkId);
      return reply.status(204).send(null);
    },
  });
};
