import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AdviceCreate, AdviceEntry, IdParams, Intake, IntakeAccept, IntakeAccepted, IntakeCreate, IntakeDecline, IntakeDetail, IntakeListQuery, listOf } from '@konform/core';
import type { IntakeService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['intakes'];

/** /api/intakes: proposed use cases, the governance queue and the advice log. */
export const intakeRoutes: FastifyPluginAsync<{ service: IntakeService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'intake.read' },
    schema: { tags, summary: 'Intakes, newest first (the governance queue; others see their own and their units\')', querystring: IntakeListQuery, response: { 200: listOf(Intake) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'intake.submit' },
    schema: { tags, summary: 'Propose an AI use case', body: IntakeCreate, response: { 201: IntakeDetail } },
    handler: async (req, reply) => reply.status(201).send(await service.submit(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'intake.read' },
    schema: { tags, summary: 'An intake with its advice log (oldest first)', params: IdParams, response: { 200: IntakeDetail } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.post('/:id/advice', {
    config: { access: 'intake.manage' },
    schema: { tags, summary: 'Record advice on an intake (plain text)', params: IdParams, body: AdviceCreate, response: { 201: AdviceEntry } },
    handler: async (req, reply) => reply.status(201).send(await service.addAdvice(requireActor(req), req.params.id, req.body)),
  });
  app.post('/:id/accept', {
    config: { access: 'intake.manage' },
    schema: { tags, summary: 'Accept an intake into the inventory as an AI system', params: IdParams, body: IntakeAccept, response: { 200: IntakeAccepted } },
    handler: (req) => service.accept(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/decline', {
    config: { access: 'intake.manage' },
    schema: { tags, summary: 'Decline an intake with a reason', params: IdParams, body: IntakeDecline, response: { 200: IntakeDetail } },
    handler: (req) => service.decline(requireActor(req), req.params.id, req.body),
  });
};

/** /api/systems/{id}/advice: the advice log that stays with an AI system. */
export const systemAdviceRoutes: FastifyPluginAsync<{ service: IntakeService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/advice', {
    config: { access: 'system.read' },
    schema: { tags, summary: "An AI system's advice log, oldest first", params: IdParams, response: { 200: listOf(AdviceEntry) } },
    handler: (req) => service.systemAdvice(requireActor(req), req.params.id),
  });
  app.post('/:id/advice', {
    config: { access: 'intake.manage' },
    schema: { tags, summary: 'Record advice on an AI system (plain text)', params: IdParams, body: AdviceCreate, response: { 201: AdviceEntry } },
    handler: async (req, reply) => reply.status(201).send(await service.addSystemAdvice(requireActor(req), req.params.id, req.body)),
  });
};
