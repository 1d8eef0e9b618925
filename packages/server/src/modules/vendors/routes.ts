import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FindingParams,
  FindingRiskCreate,
  FindingRiskCreated,
  IdParams,
  SUPPLIER_QUESTIONS,
  SUPPLIER_QUESTION_TOPICS,
  SUPPLIER_QUESTION_TOPIC_LABELS,
  SupplierDocuments,
  SupplierDocumentsUpdate,
  SupplierQuestionnaire,
  VendorAssessment,
  VendorAssessmentCreate,
  VendorAssessmentParams,
  VendorAssessmentUpdate,
  VendorCreate,
  VendorDetail,
  VendorListQuery,
  VendorSummary,
  VendorUpdate,
  listOf,
} from '@konform/core';
import { requireActor } from '../../http/request.js';
import type { VendorService } from './service.js';
import type { VendorAssessmentService } from './assessment-service.js';
import type { SupplierDocumentService } from './documents-service.js';

const tags = ['vendors'];

const QUESTIONNAIRE: SupplierQuestionnaire = {
  topics: SUPPLIER_QUESTION_TOPICS.map((id) => ({ id, label: SUPPLIER_QUESTION_TOPIC_LABELS[id] })),
  questions: SUPPLIER_QUESTIONS.map((q) => ({ id: q.id, topic: q.topic, ref: q.ref, text: q.text })),
};

/** /api/vendors: the suppliers of procured AI (organisation-wide records) and their assessments. */
export const vendorRoutes: FastifyPluginAsync<{ vendors: VendorService; assessments: VendorAssessmentService }> = async (base, { vendors, assessments }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'vendor.read' },
    schema: { tags, summary: 'Vendors with their systems, last assessment and missing documents (search by name or product)', querystring: VendorListQuery, response: { 200: listOf(VendorSummary) } },
    handler: (req) => vendors.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'vendor.edit' },
    schema: { tags, summary: 'Record a vendor (the name is unique regardless of case and spaces)', body: VendorCreate, response: { 201: VendorDetail } },
    handler: async (req, reply) => reply.status(201).send(await vendors.create(requireActor(req), req.body)),
  });
  app.get('/questionnaire', {
    config: { access: 'vendor.read' },
    schema: { tags, summary: 'The questions of a supplier assessment, in German and English', response: { 200: SupplierQuestionnaire } },
    handler: () => QUESTIONNAIRE,
  });
  app.get('/:id', {
    config: { access: 'vendor.read' },
    schema: { tags, summary: 'A vendor with contracts, products and linked systems', params: IdParams, response: { 200: VendorDetail } },
    handler: (req) => vendors.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'vendor.edit' },
    schema: { tags, summary: 'Change a vendor (send the version you based the change on; contracts and products are replaced as lists)', params: IdParams, body: VendorUpdate, response: { 200: VendorDetail } },
    handler: (req) => vendors.update(requireActor(req), req.params.id, req.body),
  });
  app.get('/:id/assessments', {
    config: { access: 'vendor.read' },
    schema: { tags, summary: "The vendor's assessments, newest first", params: IdParams, response: { 200: z.object({ items: z.array(VendorAssessment) }) } },
    handler: async (req) => ({ items: await assessments.list(requireActor(req), req.params.id) }),
  });
  app.post('/:id/assessments', {
    config: { access: 'vendor.edit' },
    schema: { tags, summary: 'Record a supplier assessment (questionnaire, result, findings, next review)', params: IdParams, body: VendorAssessmentCreate, response: { 201: VendorAssessment } },
    handler: async (req, reply) => reply.status(201).send(await assessments.create(requireActor(req), req.params.id, req.body)),
  });
  app.get('/:id/assessments/:assessmentId', {
    config: { access: 'vendor.read' },
    schema: { tags, summary: 'One supplier assessment', params: VendorAssessmentParams, response: { 200: VendorAssessment } },
    handler: (req) => assessments.get(requireActor(req), req.params.id, req.params.assessmentId),
  });
  app.patch('/:id/assessments/:assessmentId', {
    config: { access: 'vendor.edit' },
    schema: { tags, summary: 'Change a supplier assessment (a finding that became a risk stays)', params: VendorAssessmentParams, body: VendorAssessmentUpdate, response: { 200: VendorAssessment } },
    handler: (req) => assessments.update(requireActor(req), req.params.id, req.params.assessmentId, req.body),
  });
  app.post('/:id/assessments/:assessmentId/findings/:findingId/risk', {
    config: { access: 'vendor.edit' },
    schema: {
      tags,
      summary: "Turn a finding into a risk in the register of one of the vendor's AI systems (needs risk.edit in its unit)",
      params: FindingParams,
      body: FindingRiskCreate,
      response: { 201: FindingRiskCreated },
    },
    handler: async (req, reply) => reply.status(201).send(await assessments.createRisk(requireActor(req), req.params.id, req.params.assessmentId, req.params.findingId, req.body)),
  });
};

/** /api/systems/{id}/supplier-documents: what the provider of a procured system owes, received or missing. */
export const systemSupplierRoutes: FastifyPluginAsync<{ service: SupplierDocumentService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/supplier-documents', {
    config: { access: 'vendor.read' },
    schema: { tags, summary: 'The documents the supplier owes for this system: owed or not (from its classification), received, missing, flagged', params: IdParams, response: { 200: SupplierDocuments } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.put('/:id/supplier-documents', {
    config: { access: 'vendor.edit' },
    schema: { tags, summary: 'Record documents (the items sent are replaced), the product and whether it is built on a GPAI model', params: IdParams, body: SupplierDocumentsUpdate, response: { 200: SupplierDocuments } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
};
