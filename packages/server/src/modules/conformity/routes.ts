import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConformityAnnexViiUpdate,
  ConformityAssessment,
  ConformityAssessmentCreate,
  ConformityAssessmentListQuery,
  ConformityAssessmentSummary,
  ConformityEntryCreate,
  ConformityMarkingUpdate,
  ConformitySign,
  ConformityStepParams,
  ConformityStepPrepare,
  DocumentLocale,
  IdParams,
  SystemChange,
  SystemChangeAssess,
  SystemChangeCreate,
  SystemChangeParams,
} from '@konform/core';
import { requireActor } from '../../http/request.js';
import type { ConformityAssessmentService } from './assessment-service.js';
import type { SystemChangeService } from './change-service.js';

/** /api/conformity-assessments: Annex VI steps, Annex VII tracking, declaration, CE marking and registration. */
export const conformityAssessmentRoutes: FastifyPluginAsync<{ service: ConformityAssessmentService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['conformity'];
  app.get('/', {
    config: { access: 'assessment.read' },
    schema: { tags, summary: 'Conformity assessments in reach (filter by system or status), with the certificate validity', querystring: ConformityAssessmentListQuery, response: { 200: z.array(ConformityAssessmentSummary) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'assessment.edit' },
    schema: { tags, summary: 'Start a conformity assessment of a high-risk system (Annex VI internal control or Annex VII)', body: ConformityAssessmentCreate, response: { 201: ConformityAssessment } },
    handler: async (req, reply) => reply.code(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'assessment.read' },
    schema: { tags, summary: 'A conformity assessment with its steps, entries and the checks from the records', params: IdParams, response: { 200: ConformityAssessment } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.put('/:id/steps/:step', {
    config: { access: 'assessment.edit' },
    schema: { tags, summary: 'Prepare an Annex VI step: its evidence and notes', params: ConformityStepParams, body: ConformityStepPrepare, response: { 200: ConformityAssessment } },
    handler: (req) => service.prepareStep(requireActor(req), req.params.id, req.params.step, req.body),
  });
  app.post('/:id/steps/:step/sign', {
    config: { access: 'assessment.approve' },
    schema: { tags, summary: 'Sign an Annex VI step (password; four eyes: not the person who prepared it); the last one completes the assessment', params: ConformityStepParams, body: ConformitySign, response: { 200: ConformityAssessment } },
    handler: (req) => service.signStep(requireActor(req), req.params.id, req.params.step, req.body),
  });
  app.patch('/:id/annex-vii', {
    config: { access: 'assessment.edit' },
    schema: { tags, summary: 'Annex VII tracking: body, certificate, validity, conditions (a recorded certificate completes the assessment)', params: IdParams, body: ConformityAnnexViiUpdate, response: { 200: ConformityAssessment } },
    handler: (req) => service.updateAnnexVii(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/entries', {
    config: { access: 'assessment.edit' },
    schema: { tags, summary: 'A dated Annex VII entry: document submitted, question, answer or note', params: IdParams, body: ConformityEntryCreate, response: { 201: ConformityAssessment } },
    handler: async (req, reply) => reply.code(201).send(await service.addEntry(requireActor(req), req.params.id, req.body)),
  });
  app.post('/:id/declaration', {
    config: { access: 'assessment.edit' },
    schema: { tags, summary: 'Link the EU declaration of conformity (Art. 47), creating the document if the system has none', params: IdParams, body: z.strictObject({ locale: DocumentLocale.default('de') }), response: { 200: ConformityAssessment } },
    handler: (req) => service.declaration(requireActor(req), req.params.id, req.body.locale),
  });
  app.put('/:id/marking', {
    config: { access: 'assessment.edit' },
    schema: { tags, summary: 'CE marking (Art. 48) and EU database registration (Art. 49) of a completed assessment', params: IdParams, body: ConformityMarkingUpdate, response: { 200: ConformityAssessment } },
    handler: (req) => service.updateMarking(requireActor(req), req.params.id, req.body),
  });
};

/** /api/systems/{id}/changes: change control. */
export const systemChangeRoutes: FastifyPluginAsync<{ service: SystemChangeService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['conformity'];
  app.get('/:id/changes', {
    config: { access: 'assessment.read' },
    schema: { tags, summary: "A system's recorded changes with their decisions and follow-up tasks", params: IdParams, response: { 200: z.array(SystemChange) } },
    handler: (req) => service.list(requireActor(req), req.params.id),
  });
  app.post('/:id/changes', {
    config: { access: 'assessment.edit' },
    schema: { tags, summary: 'Record a change to a system', params: IdParams, body: SystemChangeCreate, response: { 201: SystemChange } },
    handler: async (req, reply) => reply.code(201).send(await service.create(requireActor(req), req.params.id, req.body)),
  });
  app.post('/:id/changes/:changeId/assess', {
    config: { access: 'assessment.approve' },
    schema: { tags, summary: 'Decide with a signature whether the change is a substantial modification (Art. 3(23)); a substantial one opens follow-up tasks', params: SystemChangeParams, body: SystemChangeAssess, response: { 200: SystemChange } },
    handler: (req) => service.assess(requireActor(req), req.params.id, req.params.changeId, req.body),
  });
};
