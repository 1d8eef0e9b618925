import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErasurePreview, ErasureRequest, ErasureResult, IdParams, RetentionPolicy, RetentionPolicyParams, RetentionPolicyUpdate, RetentionRunResult } from '@konform/core';
import type { PrivacyService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['privacy'];
const access = 'privacy.manage' as const;

/** /api/privacy: retention periods per record type and erasure of personal data (DSGVO Art. 17). */
export const privacyRoutes: FastifyPluginAsync<{ service: PrivacyService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/retention', {
    config: { access },
    schema: { tags, summary: 'Retention periods per record type with legal basis, minimum and what starts the period', response: { 200: z.array(RetentionPolicy) } },
    handler: (req) => service.policies(requireActor(req)),
  });
  app.put('/retention/:recordType', {
    config: { access },
    schema: { tags, summary: 'Change the retention period (never below the legal minimum) or the legal hold of a record type', params: RetentionPolicyParams, body: RetentionPolicyUpdate, response: { 200: RetentionPolicy } },
    handler: (req) => service.updatePolicy(requireActor(req), req.params.recordType, req.body),
  });
  app.post('/retention/run', {
    config: { access },
    schema: { tags, summary: 'Run the retention sweep now (the daily job does the same)', response: { 200: RetentionRunResult } },
    handler: (req) => service.runRetention(requireActor(req)),
  });
  app.get('/erasure/:id', {
    config: { access },
    schema: { tags, summary: 'Preview the erasure of a user: records and audit events that would be changed, and what stays', params: IdParams, response: { 200: ErasurePreview } },
    handler: (req) => service.previewErasure(requireActor(req), req.params.id),
  });
  app.post('/erasure/:id', {
    config: { access },
    schema: { tags, summary: 'Erase the personal data of a user (cannot be undone): pseudonymise the account, records and audit events', params: IdParams, body: ErasureRequest, response: { 200: ErasureResult } },
    handler: (req) => service.erasePerson(requireActor(req), req.params.id, req.body),
  });
};
