import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditCheckpoint, AuditEvent, AuditEventListQuery, ChainVerification, SigningKey, listOf } from '@konform/core';
import type { AuditService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['audit'];

export const auditRoutes: FastifyPluginAsync<{ service: AuditService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'audit.read' },
    schema: { tags, summary: 'Audit events, newest first', querystring: AuditEventListQuery, response: { 200: listOf(AuditEvent) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.get('/verify', {
    config: { access: 'audit.verify' },
    schema: { tags, summary: 'Walk the hash chain and name the first broken event', response: { 200: ChainVerification } },
    handler: (req) => service.verify(requireActor(req)),
  });
  app.get('/checkpoints', {
    config: { access: 'audit.verify' },
    schema: { tags, summary: "Signed checkpoints of the chain head (verifiable with the public keys alone)", response: { 200: z.object({ items: z.array(AuditCheckpoint) }) } },
    handler: async () => ({ items: await service.checkpoints() }),
  });
};

/** /api/keys: the organisation's public signing keys, for checking its signatures without trusting the server. */
export const signingKeyRoutes: FastifyPluginAsync<{ service: AuditService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'authenticated' },
    schema: { tags, summary: "The organisation's public signing keys (Ed25519, PEM), active and retired", response: { 200: z.object({ items: z.array(SigningKey) }) } },
    handler: async () => ({ items: await service.publicKeys() }),
  });
};
