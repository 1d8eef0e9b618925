import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Signature, SignatureListQuery, SignatureVerification, listOf } from '@konform/core';
import type { SignatureService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['signatures'];

export const signatureRoutes: FastifyPluginAsync<{ service: SignatureService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'classification.read' },
    schema: { tags, summary: 'Signatures of one record, newest first', querystring: SignatureListQuery, response: { 200: listOf(Signature) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.get('/:id/verify', {
    config: { access: 'classification.read' },
    schema: { tags, summary: 'Compare the signed hash with the hash of the record as it is now', params: IdParams, response: { 200: SignatureVerification } },
    handler: (req) => service.verify(requireActor(req), req.params.id),
  });
};
