import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Audit, AuditCreate, AuditFollowUp, AuditListQuery, AuditTransition, AuditUpdate, ChecklistItem, ChecklistItemParams, ChecklistItemUpdate, Finding,
  FindingAccept, FindingCreate, AuditFindingParams, IdParams, listOf,
} from '@konform/core';
import type { AuditProgrammeService } from './service.js';
import type { AuditChecklistService } from './checklist.js';
import type { AuditFindingService } from './findings.js';
import { requireActor } from '../../http/request.js';

const tags = ['audits'];

export interface AuditRouteServices {
  audits: AuditProgrammeService;
  checklist: AuditChecklistService;
  findings: AuditFindingService;
}

/** /api/audits: the audit programme, checklists from requirements and findings into CAPA. */
export const auditProgrammeRoutes: FastifyPluginAsync<AuditRouteServices> = async (base, { audits, checklist, findings }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'auditing.read' },
    schema: { tags, summary: 'Audits of the units in scope (the programme of a year with year=…)', querystring: AuditListQuery, response: { 200: listOf(Audit) } },
    handler: (req) => audits.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'auditing.manage' },
    schema: { tags, summary: 'Plan an audit (auditors must not audit their own unit: 409 auditor-independence)', body: AuditCreate, response: { 201: Audit } },
    handler: async (req, reply) => reply.status(201).send(await audits.create(requireActor(req), req.body)),
  });
  app.get('/:id', {
    config: { access: 'auditing.read' },
    schema: { tags, summary: 'An audit with scope, auditors and counts', params: IdParams, response: { 200: Audit } },
    handler: (req) => audits.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'auditing.manage' },
    schema: { tags, summary: 'Change plan, scope, auditors or report summary (send the version)', params: IdParams, body: AuditUpdate, response: { 200: Audit } },
    handler: (req) => audits.update(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/transition', {
    config: { access: 'auditing.manage' },
    schema: {
      tags,
      summary: 'planned → in-progress (generates the checklist) → reporting → closed (409 open-findings while findings are open); cancel with a reason',
      params: IdParams, body: AuditTransition, response: { 200: Audit },
    },
    handler: (req) => audits.transition(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/follow-up', {
    config: { access: 'auditing.manage' },
    schema: { tags, summary: 'Schedule a follow-up audit of the open findings', params: IdParams, body: AuditFollowUp, response: { 201: Audit } },
    handler: async (req, reply) => reply.status(201).send(await audits.followUp(requireActor(req), req.params.id, req.body)),
  });
  app.get('/:id/checklist', {
    config: { access: 'auditing.read' },
    schema: { tags, summary: 'The checklist: one item per system × requirement in scope', params: IdParams, response: { 200: z.object({ items: z.array(ChecklistItem) }) } },
    handler: (req) => checklist.list(requireActor(req), req.params.id),
  });
  app.post('/:id/checklist', {
    config: { access: 'auditing.manage' },
    schema: { tags, summary: 'Regenerate the checklist from the requirements now in scope (recorded items stay)', params: IdParams, response: { 200: z.object({ items: z.number().int() }) } },
    handler: (req) => audits.regenerateChecklist(requireActor(req), req.params.id),
  });
  app.patch('/:id/checklist/:itemId', {
    config: { access: 'auditing.record' },
    schema: { tags, summary: 'Record result, notes and sampled evidence of an item (a named auditor, or auditing.manage)', params: ChecklistItemParams, body: ChecklistItemUpdate, response: { 200: ChecklistItem } },
    handler: (req) => checklist.record(requireActor(req), req.params.id, req.params.itemId, req.body),
  });
  app.get('/:id/findings', {
    config: { access: 'auditing.read' },
    schema: { tags, summary: 'The findings with the status of their non-conformities', params: IdParams, response: { 200: z.object({ items: z.array(Finding) }) } },
    handler: (req) => findings.list(requireActor(req), req.params.id),
  });
  app.post('/:id/findings', {
    config: { access: 'auditing.record' },
    schema: { tags, summary: 'Write a finding (minor/major opens a non-conformity in CAPA)', params: IdParams, body: FindingCreate, response: { 201: Finding } },
    handler: async (req, reply) => reply.status(201).send(await findings.create(requireActor(req), req.params.id, req.body)),
  });
  app.post('/:id/findings/:findingId/accept', {
    config: { access: 'auditing.manage' },
    schema: { tags, summary: 'Formally accept an open finding, with a reason', params: AuditFindingParams, body: FindingAccept, response: { 200: Finding } },
    handler: (req) => findings.accept(requireActor(req), req.params.id, req.params.findingId, req.body),
  });
};
