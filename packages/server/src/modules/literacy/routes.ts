import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  LiteracyExportQuery,
  MyTrainingStatus,
  SystemLiteracyEvidence,
  TrainingCourse,
  TrainingCourseCreate,
  TrainingCourseListQuery,
  TrainingCourseUpdate,
  TrainingRecord,
  TrainingRecordFields,
  TrainingRecordForm,
  TrainingRecordListQuery,
  TrainingRecordWithdraw,
  TrainingRequirement,
  TrainingRequirementCreate,
  TrainingRequirementListQuery,
  TrainingRequirementUpdate,
  TrainingStatusQuery,
  UnitTrainingStatus,
  listOf,
} from '@konform/core';
import type { ObjectStorage } from '../../storage/storage.js';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';
import { contentDisposition } from '../evidence/content-check.js';
import { multipartValidatorCompiler, parseFields, receiveForm } from '../evidence/multipart.js';
import type { TrainingCourseService } from './course-service.js';
import type { TrainingRecordService } from './record-service.js';
import { CERTIFICATE_LIMIT_BYTES } from './record-service.js';
import type { LiteracyStatusService } from './status-service.js';

const tags = ['literacy'];

/** /api/trainings: AI literacy courses, the requirements (which role needs which course), and the status. */
export const trainingRoutes: FastifyPluginAsync<{ courses: TrainingCourseService; status: LiteracyStatusService }> = async (base, { courses, status }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'training.read' },
    schema: { tags, summary: 'AI literacy courses (Art. 4), by title', querystring: TrainingCourseListQuery, response: { 200: listOf(TrainingCourse) } },
    handler: (req) => courses.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'training.manage' },
    schema: { tags, summary: 'Add a course (internal or external, topics, duration, delivery, validity)', body: TrainingCourseCreate, response: { 201: TrainingCourse } },
    handler: async (req, reply) => reply.status(201).send(await courses.create(requireActor(req), req.body)),
  });
  app.get('/requirements', {
    config: { access: 'training.read' },
    schema: { tags, summary: 'Which role (optionally within a unit and its sub-units) needs which course, how often', querystring: TrainingRequirementListQuery, response: { 200: z.object({ items: z.array(TrainingRequirement) }) } },
    handler: (req) => courses.listRequirements(requireActor(req), req.query),
  });
  app.post('/requirements', {
    config: { access: 'training.manage' },
    schema: { tags, summary: 'Require a course for a role (renewal interval defaults to the course validity; grace period for a first completion)', body: TrainingRequirementCreate, response: { 201: TrainingRequirement } },
    handler: async (req, reply) => reply.status(201).send(await courses.createRequirement(requireActor(req), req.body)),
  });
  app.patch('/requirements/:id', {
    config: { access: 'training.manage' },
    schema: { tags, summary: 'Change a requirement (send the version you based the change on)', params: IdParams, body: TrainingRequirementUpdate, response: { 200: TrainingRequirement } },
    handler: (req) => courses.updateRequirement(requireActor(req), req.params.id, req.body),
  });
  app.delete('/requirements/:id', {
    config: { access: 'training.manage' },
    schema: { tags, summary: 'Remove a requirement', params: IdParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await courses.deleteRequirement(requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
  app.get('/status', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: "A unit's literacy: per member the required courses as current, due (≤ 30 days) or overdue, and the sums for the unit and each sub-unit",
      querystring: TrainingStatusQuery,
      response: { 200: UnitTrainingStatus },
    },
    handler: (req) => status.unit(requireActor(req), req.query.orgUnitId),
  });
  app.get('/status/me', {
    config: { access: 'training.read' },
    schema: { tags, summary: "The signed-in user's required courses and their state", response: { 200: MyTrainingStatus } },
    handler: (req) => status.me(requireActor(req)),
  });
  app.get('/status/export', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: "A unit's literacy status as a record document (PDF, DOCX or Markdown; German or English), with the configured marking",
      querystring: LiteracyExportQuery,
      produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/markdown'],
      response: { 200: z.file().meta({ description: 'The record document' }) },
    },
    handler: async (req, reply) => sendFile(reply, await status.exportUnit(requireActor(req), req.query)),
  });
  app.get('/status/systems/:id', {
    config: { access: 'training.read' },
    schema: { tags, summary: "The literacy of an AI system's unit: read-only evidence on the system's Art. 4 requirement", params: IdParams, response: { 200: SystemLiteracyEvidence } },
    handler: (req) => status.forSystem(requireActor(req), req.params.id),
  });
  app.get('/:id', {
    config: { access: 'training.read' },
    schema: { tags, summary: 'A course', params: IdParams, response: { 200: TrainingCourse } },
    handler: (req) => courses.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'training.manage' },
    schema: { tags, summary: 'Change a course, or retire it (send the version you based the change on)', params: IdParams, body: TrainingCourseUpdate, response: { 200: TrainingCourse } },
    handler: (req) => courses.update(requireActor(req), req.params.id, req.body),
  });
};

export interface TrainingRecordRouteOptions {
  service: TrainingRecordService;
  storage: ObjectStorage;
  uploadLimitBytes: number;
}

/** /api/training-records: completions with optional certificates. Registered where multipart is available. */
export const trainingRecordRoutes: FastifyPluginAsync<TrainingRecordRouteOptions> = async (base, { service, storage, uploadLimitBytes }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'training.read' },
    schema: { tags, summary: 'Completions of the people in scope (and one’s own), newest first', querystring: TrainingRecordListQuery, response: { 200: listOf(TrainingRecord) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'training.record' },
    validatorCompiler: multipartValidatorCompiler,
    schema: {
      tags,
      summary: 'Record a completion (multipart/form-data: the text fields, then optionally the certificate as the part `file`)',
      description: 'The certificate is streamed, hashed with SHA-256 and stored under its hash. Only PDF, PNG and JPEG whose content matches the extension (415 otherwise), at most 10 MB (413).',
      consumes: ['multipart/form-data'],
      body: TrainingRecordForm,
      response: { 201: TrainingRecord },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const form = await receiveForm(req, storage, Math.min(uploadLimitBytes, CERTIFICATE_LIMIT_BYTES));
      try {
        const fields = parseFields(TrainingRecordFields, form.fields);
        return reply.status(201).send(await service.create(actor, fields, form.file));
      } finally {
        await form.discard();
      }
    },
  });
  app.get('/:id', {
    config: { access: 'training.read' },
    schema: { tags, summary: 'A completion', params: IdParams, response: { 200: TrainingRecord } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.post('/:id/withdraw', {
    config: { access: 'training.record' },
    schema: { tags, summary: 'Withdraw a completion recorded in error (it stays in the history and no longer counts)', params: IdParams, body: TrainingRecordWithdraw, response: { 200: TrainingRecord } },
    handler: (req) => service.withdraw(requireActor(req), req.params.id, req.body),
  });
  app.get('/:id/certificate', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: 'Download the certificate (as an attachment)',
      params: IdParams,
      produces: ['application/pdf', 'image/png', 'image/jpeg'],
      response: { 200: z.file().meta({ description: 'The stored certificate' }) },
    },
    handler: async (req, reply) => {
      const file = await service.certificate(requireActor(req), req.params.id);
      void reply.headers({
        'content-type': file.contentType,
        'content-disposition': contentDisposition(file.filename),
        'content-length': file.size,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "sandbox; default-src 'none'",
        etag: `"${file.sha256}"`,
        // Personal data: never kept in shared caches.
        'cache-control': 'private, no-store',
      });
      return reply.send(file.stream as unknown as File);
    },
  });
};
