import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DocumentVerifyResult } from '@konform/core';
import { requireActor } from '../../http/request.js';
import { importValidatorCompiler } from '../catalogs/receive-file.js';
import type { DocumentVerifyService } from './verify.js';

const tags = ['documents'];

/**
 * POST /api/documents/verify: the verification page's check. In this plugin only, every body is read as raw bytes
 * (a release ZIP, a DOCX, a PDF, Markdown or JSON), up to the upload limit (413 above it).
 */
export const documentVerifyRoutes: FastifyPluginAsync<{ service: DocumentVerifyService; bodyLimit: number }> = async (base, { service, bodyLimit }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
  app.post('/verify', {
    config: { access: 'document.read' },
    bodyLimit,
    validatorCompiler: importValidatorCompiler,
    schema: {
      tags,
      summary: 'Check a release bundle (ZIP with manifest.json and manifest.sig) or a single released file against the signed manifests',
      description: [
        'The body is the file itself (application/zip or application/octet-stream; any content type is read as bytes).',
        `Up to ${Number((bodyLimit / 1048576).toFixed(2))} MiB (413 above). A bundle: the manifest signature is checked against the organisation's public keys`,
        '(retired keys included) and every file against its hash, naming changed, missing and unlisted files. A single file: its SHA-256 is looked up',
        'among the released versions the caller may read, and each match is checked against its stored signed manifest (`not-found` otherwise).',
      ].join(' '),
      consumes: ['application/zip', 'application/octet-stream'],
      body: z.file().meta({ description: 'The file to check' }),
      response: { 200: DocumentVerifyResult },
    },
    handler: (req) => service.verify(requireActor(req), Buffer.isBuffer(req.body) ? req.body : undefined),
  });
};
