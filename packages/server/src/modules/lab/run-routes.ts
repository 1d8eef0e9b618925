import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, LabRunAmendmentCreate, LabRunAttachmentParams, LabRunCreate, LabRunDetail, LabRunImportQuery, LabRunListQuery, LabRunSummary, listOf } from '@konform/core';
import { requireActor } from '../../http/request.js';
import { HttpProblem } from '../../http/errors.js';
import { sendStoredFile } from '../../http/send-file.js';
import { importValidatorCompiler } from '../catalogs/receive-file.js';
import type { LabRunService } from './run-service.js';
import { parseJsonText } from './formats/imported.js';

const tags = ['lab'];
const XML_TYPES = ['application/xml', 'text/xml'];

/** The body as received, kept for the run's attachment (requests are collected once they are done). */
const received = new WeakMap<FastifyRequest, string>();

export interface LabRunRouteOptions {
  service: LabRunService;
  /** The largest result file, in bytes; 50 MiB when unset. */
  bodyLimit?: number | undefined;
}

/**
 * /api/lab/runs: test runs. In this plugin only, JSON is read as text first (kept as the run's raw file; a syntax error
 * names line and column) and XML is accepted as text for JUnit reports, both up to the upload limit.
 */
export const labRunRoutes: FastifyPluginAsync<LabRunRouteOptions> = async (base, { service, bodyLimit = 50 * 1024 * 1024 }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (req, body, done) => {
    const text = body as string;
    const parsed = parseJsonText(text);
    if (!parsed.ok) return done(new HttpProblem(400, 'validation', 'The request body is not valid JSON', parsed.problems), undefined);
    received.set(req, text);
    done(null, parsed.value);
  });
  app.addContentTypeParser(XML_TYPES, { parseAs: 'string', bodyLimit }, (req, body, done) => {
    received.set(req, body as string);
    done(null, body);
  });

  app.get('/', {
    config: { access: 'lab.read' },
    schema: { tags, summary: 'Test runs, newest first (filter by plan, system, verdict, unit with sub-units, start day; current=true hides superseded runs)', querystring: LabRunListQuery, response: { 200: listOf(LabRunSummary) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'lab.run' },
    validatorCompiler: importValidatorCompiler,
    schema: {
      tags,
      summary: "Record a run: Konform's JSON format, JUnit XML, lm-evaluation-harness results (?format=lm-eval) or an Inspect log (?format=inspect)",
      description: [
        "`application/json`: a run in Konform's format (docs/api/lab-run.schema.json). `application/xml` or `text/xml`: a JUnit XML report;",
        '`application/json` with `format=lm-eval`: the results JSON of lm-evaluation-harness; with `format=inspect`: the JSON evaluation log of UK AISI Inspect. For these, the query names `planId`, `methodId`,',
        '`environmentId` and the items as `item=model:<versionId>:<manifest sha256>` (repeat for each); `seed`, `startedAt`, `endedAt` override the file.',
        'Metrics are matched to the test cases of the fixed plan that use the method, by metric name; unmatched metrics are returned.',
        'The operator must be authorised for the method (403 `not-authorised`); the raw file is kept as an attachment. Nothing is stored on any error.',
      ].join(' '),
      consumes: ['application/json', ...XML_TYPES],
      querystring: LabRunImportQuery,
      body: LabRunCreate,
      response: { 201: LabRunDetail },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const xml = XML_TYPES.includes((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase());
      const text = received.get(req) ?? '';
      return reply.status(201).send(await service.record(actor, { text, xml }, req.query));
    },
  });
  app.get('/:id', {
    config: { access: 'lab.read' },
    schema: { tags, summary: 'A run with its items, results per test case, unmatched metrics, attachments and amendment chain', params: IdParams, response: { 200: LabRunDetail } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.post('/:id/amendments', {
    config: { access: 'lab.run' },
    schema: {
      tags,
      summary: 'Correct a run: the corrected run in full (Konform format) with a reason; the run it corrects is superseded, never changed',
      params: IdParams,
      body: LabRunAmendmentCreate,
      response: { 201: LabRunDetail },
    },
    handler: async (req, reply) => reply.status(201).send(await service.amend(requireActor(req), req.params.id, req.body, received.get(req) ?? JSON.stringify(req.body))),
  });
  app.get('/:id/attachments/:sha256', {
    config: { access: 'lab.read' },
    schema: {
      tags,
      summary: 'Download the raw result file of a run (as an attachment; ETag is the SHA-256)',
      params: LabRunAttachmentParams,
      produces: ['application/json', 'application/xml'],
      response: { 200: z.file().meta({ description: 'The file as it was received' }), 304: z.null().meta({ description: 'Not modified (If-None-Match matched the ETag)' }) },
    },
    handler: async (req, reply) => {
      const { attachment, classification, stream } = await service.attachment(requireActor(req), req.params.id, req.params.sha256);
      return sendStoredFile(req, reply, { ...attachment, stream }, classification);
    },
  });
};
