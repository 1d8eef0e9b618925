import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEvent, AuditEventListQuery, ChainVerification, listOf } from '@konform/core';
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
};
