import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ClassificationApprove,
  ClassificationDecide,
  ClassificationDecided,
  ClassificationFacts,
  ClassificationLangQuery,
  ClassificationResult,
  ClassificationRevision,
  ClassificationRevisionListQuery,
  ClassificationTimeline,
  IdParams,
  Questionnaire,
  SystemClassification,
  listOf,
} from '@konform/core';
import type { ClassificationService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['classification'];

/** /api/classification: evaluation without storing, and the catalogues it rests on. */
export const classificationRoutes: FastifyPluginAsync<{ service: ClassificationService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post('/evaluate', {
    config: { access: 'classification.read' },
    schema: {
      tags,
      summary: 'Classify facts under the EU AI Act without storing anything',
      querystring: ClassificationLangQuery,
      body: ClassificationFacts,
      response: { 200: ClassificationResult },
    },
    handler: (req) => service.evaluate(requireActor(req), req.body, req.query.lang),
  });
  app.get('/timeline', {
    config: { access: 'classification.read' },
    schema: { tags, summary: 'The dates from which obligations apply, per legal act, and the act in force', response: { 200: ClassificationTimeline } },
    handler: (req) => service.timeline(requireActor(req)),
  });
  app.get('/questionnaire', {
    config: { access: 'classification.read' },
    schema: { tags, summary: 'The guided classification questionnaire and how its answers map to facts', response: { 200: Questionnaire } },
    handler: (req) => service.questionnaire(requireActor(req)),
  });
};

/** /api/systems/{id}/classification: stored revisions of one system and their approval. */
export const systemClassificationRoutes: FastifyPluginAsync<{ service: ClassificationService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/classification', {
    config: { access: 'classification.read' },
    schema: { tags, summary: "A system's classification: its state, the latest and the last approved revision", params: IdParams, response: { 200: SystemClassification } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.put('/:id/classification', {
    config: { access: 'classification.edit' },
    schema: {
      tags,
      summary: 'Decide a classification: stores a new draft revision with facts, answers, result and note',
      params: IdParams,
      querystring: ClassificationLangQuery,
      body: ClassificationDecide,
      response: { 200: ClassificationDecided },
    },
    handler: (req) => service.decide(requireActor(req), req.params.id, req.body, req.query.lang),
  });
  app.get('/:id/classification/revisions', {
    config: { access: 'classification.read' },
    schema: { tags, summary: 'Classification revisions, newest first', params: IdParams, querystring: ClassificationRevisionListQuery, response: { 200: listOf(ClassificationRevision) } },
    handler: (req) => service.revisions(requireActor(req), req.params.id, req.query),
  });
  app.post('/:id/classification/approve', {
    config: { access: 'classification.approve' },
    schema: {
      tags,
      summary: 'Approve the latest revision with a signature (password re-entered; not by whoever decided it)',
      params: IdParams,
      body: ClassificationApprove,
      response: { 200: ClassificationRevision },
    },
    handler: (req) => service.approve(requireActor(req), req.params.id, req.body),
  });
};
