import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CurrentUser, LoginRequest, PasswordChange, PreferencesUpdate, SessionResponse } from '@konform/core';
import type { AuthService } from './auth-service.js';
import { SESSION_COOKIE } from '../../plugins/auth.js';
import { csrfTokenFor } from '../../auth/tokens.js';
import { requireActor } from '../../http/request.js';

const tags = ['auth'];

export interface AuthRouteOptions {
  service: AuthService;
  secureCookies: boolean | 'auto';
}

export const authRoutes: FastifyPluginAsync<AuthRouteOptions> = async (base, { service, secureCookies }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const secure = (req: FastifyRequest) => (secureCookies === 'auto' ? req.protocol === 'https' : secureCookies);
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) =>
    // A browser-session cookie: the server alone decides expiry (sliding, KONFORM_SESSION_HOURS of inactivity).
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secure(req) });

  app.post('/login', {
    config: { access: 'public' },
    schema: { tags, summary: 'Sign in with e-mail and password (and the TOTP code where two-factor sign-in is on)', body: LoginRequest, response: { 200: SessionResponse } },
    handler: async (req, reply) => {
      const { token, user } = await service.login(req.body.email, req.body.password, req.ip, req.body.code);
      setCookie(req, reply, token);
      return { user, csrfToken: csrfTokenFor(token) };
    },
  });
  app.post('/logout', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Sign out (ends the session)', response: { 204: z.null() } },
    handler: async (req, reply) => {
      if (req.sessionToken) await service.logout(req.sessionToken, requireActor(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: secure(req) });
      return reply.status(204).send(null);
    },
  });
  app.post('/password', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Change your own password (ends your other sessions)', body: PasswordChange, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await service.changePassword(requireActor(req), req.sessionToken, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  });
  app.patch('/preferences', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Change your own preferences (language of mails, reminder mails)', body: PreferencesUpdate, response: { 200: CurrentUser } },
    handler: async (req) => service.updatePreferences(requireActor(req), req.body),
  });
  app.get('/me', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'The signed-in user, their permissions and the CSRF token', response: { 200: SessionResponse } },
    handler: async (req) => {
      const actor = requireActor(req);
      const user = await service.currentUser(actor.userId ?? '');
      return { user, csrfToken: req.sessionToken ? csrfTokenFor(req.sessionToken) : '' };
    },
  });
};
