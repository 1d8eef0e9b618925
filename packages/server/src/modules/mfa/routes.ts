import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, MfaCodeInput, MfaDisable, MfaEnrolment, MfaPolicy, MfaRecoveryCodes, MfaStatus } from '@konform/core';
import type { MfaService } from './service.js';
import { requireActor } from '../../http/request.js';

const tags = ['mfa'];

/** /api/mfa: the signed-in person's own TOTP two-factor sign-in (reachable while the policy demands enrolment). */
export const mfaRoutes: FastifyPluginAsync<{ service: MfaService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Your two-factor state', response: { 200: MfaStatus } },
    handler: (req) => service.status(requireActor(req)),
  });
  app.post('/enrolment', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Start enrolling an authenticator app: a new secret, its otpauth:// URI and QR code', response: { 200: MfaEnrolment } },
    handler: (req) => service.startEnrolment(requireActor(req)),
  });
  app.post('/enrolment/confirm', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Confirm the enrolment with a current code; returns the recovery codes once', body: MfaCodeInput, response: { 200: MfaRecoveryCodes } },
    handler: (req) => service.confirmEnrolment(requireActor(req), req.body.code),
  });
  app.post('/recovery-codes', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Replace the recovery codes (needs a current code); returns the new ones once', body: MfaCodeInput, response: { 200: MfaRecoveryCodes } },
    handler: (req) => service.regenerateRecoveryCodes(requireActor(req), req.body.code),
  });
  app.post('/disable', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Turn two-factor sign-in off (needs the password and a current code)', body: MfaDisable, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await service.disable(requireActor(req), req.body.password, req.body.code);
      return reply.status(204).send(null);
    },
  });
  app.post('/users/:id/reset', {
    config: { access: 'user.manage' },
    schema: { tags, summary: "Turn off another person's two-factor sign-in (lost device and recovery codes)", params: IdParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await service.reset(requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
};

/** /api/security/mfa-policy: whether administrators must sign in with TOTP. */
export const mfaPolicyRoutes: FastifyPluginAsync<{ service: MfaService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/mfa-policy', {
    config: { access: 'security.configure' },
    schema: { tags, summary: 'The two-factor policy', response: { 200: MfaPolicy } },
    handler: () => service.policy(),
  });
  app.put('/mfa-policy', {
    config: { access: 'security.configure' },
    schema: { tags, summary: 'Change the two-factor policy (TOTP required for administrators)', body: MfaPolicy, response: { 200: MfaPolicy } },
    handler: (req) => service.setPolicy(requireActor(req), req.body),
  });
};
