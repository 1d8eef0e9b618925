import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Incident, IncidentCreate, IncidentListQuery, IncidentReportQuery, IncidentReportSubmit, IncidentSettings, IncidentSettingsUpdate, IncidentTransition, IncidentUpdate, listOf } from '@konform/core';
import type { IncidentService } from './service.js';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';

const tags = ['incidents'];

/** /api/incidents: incidents and malfunctions, with the Art. 73 / Art. 26(5) deadlines computed on every read. */
export const incidentRoutes: FastifyPluginAsync<{ service: IncidentService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'incident.read' },
    schema: { tags, summary: 'Incidents in scope, newest awareness first, each with its deadlines (filter by system, status, open)', querystring: IncidentListQuery, response: { 200: listOf(Incident) } },
    handler: (req) => service.list(requireActor(req), req.query),
  });
  app.post('/', {
    config: { access: 'incident.edit' },
    schema: { tags, summary: 'Record an incident or malfunction of an AI system', body: IncidentCreate, response: { 201: Incident } },
    handler: async (req, reply) => reply.status(201).send(await service.create(requireActor(req), req.body)),
  });
  app.get('/settings', {
    config: { access: 'incident.read' },
    schema: { tags, summary: 'Counting rule of the deadlines, the clock for informing the provider, the default answer period of complaints', response: { 200: IncidentSettings } },
    handler: () => service.settings(),
  });
  app.put('/settings', {
    config: { access: 'incident.report' },
    schema: { tags, summary: 'Change the settings (incidents already recorded keep theirs)', body: IncidentSettingsUpdate, response: { 200: IncidentSettings } },
    handler: (req) => service.updateSettings(requireActor(req), req.body),
  });
  app.get('/:id', {
    config: { access: 'incident.read' },
    schema: { tags, summary: 'An incident with its assessment, deadlines and submissions', params: IdParams, response: { 200: Incident } },
    handler: (req) => service.get(requireActor(req), req.params.id),
  });
  app.patch('/:id', {
    config: { access: 'incident.edit' },
    schema: { tags, summary: 'Change the facts, answer the Art. 3(49)/3(61) questions, record that the provider was informed or cannot be reached', params: IdParams, body: IncidentUpdate, response: { 200: Incident } },
    handler: (req) => service.update(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/transition', {
    config: { access: 'incident.edit' },
    schema: { tags, summary: 'Mark the incident assessed, or close it', params: IdParams, body: IncidentTransition, response: { 200: Incident } },
    handler: (req) => service.transition(requireActor(req), req.params.id, req.body),
  });
  app.post('/:id/reports', {
    config: { access: 'incident.report' },
    schema: { tags, summary: 'Record the submission of the initial or the complete report to the authority (date, channel, reference)', params: IdParams, body: IncidentReportSubmit, response: { 200: Incident } },
    handler: (req) => service.submitReport(requireActor(req), req.params.id, req.body),
  });
  app.get('/:id/report', {
    config: { access: 'incident.read' },
    schema: { tags, summary: 'The initial or complete report as PDF, DOCX or Markdown', params: IdParams, querystring: IncidentReportQuery },
    handler: async (req, reply) => sendFile(reply, await service.exportReport(requireActor(req), req.params.id, req.query)),
  });
};
