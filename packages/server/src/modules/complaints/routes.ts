import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Complaint, ComplaintCreate, ComplaintListQuery, ComplaintUpdate, IdParams, listOf } from '@konform/core';
import type { ComplaintService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['complaints'];

/** /api/complaints: complaints (Art. 85) and explanation requests (Art. 86) with due dates and answers. */
export const complaintRoutes: FastifyPluginAsync<{ service: ComplaintService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'complaint.read' },
    schema: { tags, summary: 'Complaints and explanation requests in scope, earliest due first (filter by system, status, kind, overdue)', querystring: ComplaintListQuery, response: { 200: listOf(Complaint) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'complaint.edit' },
    schema: { tags, summary: 'Register a complaint or an explanation request (due date defaults to the setting)', body: ComplaintCreate, response: { 201: Complaint } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'complaint.read' },
    schema: { tags, summary: "An entry with the system's documents", params: IdParams, response: { 200: Complaint } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'complaint.edit' },
    schema: { tags, summary: 'Change an entry, record the answer (send the version you based the change on)', params: IdParams, body: ComplaintUpdate, response: { 200: Complaint } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
};
