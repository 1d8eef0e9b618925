import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CurrentUser, EndedSessions, EndSessions, IdParams, LoginRequest, PasswordChange, PreferencesUpdate, SessionInfo, SessionPolicy, SessionResponse, UserSignInState } from '@konform/core';
import type { AuthService } from './auth-service.js';
import { SESSION_COOKIE } from '../../plugins/auth.js';
import { csrfTokenFor } from '../../auth/tokens.js';
import { requireActor } from '../../http/request.js';

const tags = ['auth'];

export interface AuthRouteOptions {
  service: AuthService;
  secureCookies: boolean | 'auto';
}

/** A session is named by the SHA-256 of its token (64 hex digits). */
const SessionIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) });

export const authRoutes: FastifyPluginAsync<AuthRouteOptions> = async (base, { service, secureCookies }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const secure = (req: FastifyRequest) => (secureCookies === 'auto' ? req.protocol === 'https' : secureCookies);
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) =>
    // A browser-session cookie: the server alone decides expiry (idle and absolute timeout of the session policy).
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
  app.get('/sessions', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Your open sessions (created, last seen, address, sign-in method); the current one is marked', response: { 200: z.array(SessionInfo) } },
    handler: (req) => service.listOwnSessions(requireActor(req)),
  });
  app.delete('/sessions/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'End one of your sessions', params: SessionIdParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await service.endOwnSession(requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
  app.post('/sessions/end-all', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Sign out everywhere: end all your sessions (by default except this one)', body: EndSessions, response: { 200: EndedSessions } },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const keep = req.body.keepCurrent && actor.sessionId ? actor.sessionId : null;
      const ended = await service.endSessionsOf(actor, actor.userId ?? '', keep);
      if (!keep) reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: secure(req) });
      return { ended };
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

/** /api/users/:id/sign-in: an administrator sees and ends a person's sessions and lifts a lockout. */
export const userSignInRoutes: FastifyPluginAsync<{ service: AuthService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/sign-in', {
    config: { access: 'user.manage' },
    schema: { tags: ['users'], summary: "A person's open sessions and lockout after failed sign-ins", params: IdParams, response: { 200: UserSignInState } },
    handler: (req) => service.signInState(requireActor(req), req.params.id),
  });
  app.post('/:id/sessions/end-all', {
    config: { access: 'user.manage' },
    schema: { tags: ['users'], summary: 'Sign a person out everywhere (ends all their sessions)', params: IdParams, response: { 200: EndedSessions } },
    handler: async (req) => ({ ended: await service.endSessionsOf(requireActor(req), req.params.id, null) }),
  });
  app.post('/:id/unlock', {
    config: { access: 'user.manage' },
    schema: { tags: ['users'], summary: 'Lift the lockout after failed sign-ins', params: IdParams, response: { 200: UserSignInState } },
    handler: (req) => service.unlock(requireActor(req), req.params.id),
  });
};

/** /api/security/session-policy: idle and absolute session timeouts. */
export const sessionPolicyRoutes: FastifyPluginAsync<{ service: AuthService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/session-policy', {
    config: { access: 'security.configure' },
    schema: { tags, summary: 'The session timeouts (idle, absolute)', response: { 200: SessionPolicy } },
    handler: () => service.sessionPolicy(),
  });
  app.put('/session-policy', {
    config: { access: 'security.configure' },
    schema: { tags, summary: 'Change the session timeouts (apply at once to every session)', body: SessionPolicy, response: { 200: SessionPolicy } },
    handler: (req) => service.setSessionPolicy(requireActor(req), req.body),
  });
};
