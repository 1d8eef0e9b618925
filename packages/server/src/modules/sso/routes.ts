import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SsoCallbackQuery, SsoConfig, SsoConfigUpdate, SsoStartQuery, SsoStatus } from '@konform/core';
import { SESSION_COOKIE } from '../../plugins/auth.js';
import { requireActor } from '../../http/request.js';
import type { SsoConfigService } from './config-service.js';
import type { SsoLoginService } from './login-service.js';

const tags = ['single sign-on'];
/** Binds a pending authorization request to the browser that started it (holds its state; ten minutes). */
const STATE_COOKIE = 'konform_sso_state';
const CALLBACK_PATH = '/api/auth/sso/callback';
const redirectResponse = { 302: z.null().describe('Redirect (to the identity provider, or back into Konform)') };

export interface SsoRouteOptions {
  config: SsoConfigService;
  login: SsoLoginService;
  secureCookies: boolean | 'auto';
  /** Where users reach Konform (KONFORM_PUBLIC_URL); the request's own origin when unset. */
  publicUrl?: string | undefined;
}

function redirectUriFor(req: FastifyRequest, publicUrl: string | undefined): string {
  const origin = publicUrl ? publicUrl.replace(/\/+$/, '') : `${req.protocol}://${req.host}`;
  return origin + CALLBACK_PATH;
}

/** /api/security/sso: the single sign-on configuration (administrators only). */
export const ssoConfigRoutes: FastifyPluginAsync<Pick<SsoRouteOptions, 'config' | 'publicUrl'>> = async (base, { config, publicUrl }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/', {
    config: { access: 'security.configure' },
    schema: { tags, summary: 'The OpenID Connect configuration (the client secret is never returned) and the redirect URI to register', response: { 200: SsoConfig } },
    handler: (req) => config.get(requireActor(req), redirectUriFor(req, publicUrl)),
  });
  app.put('/', {
    config: { access: 'security.configure' },
    schema: { tags, summary: 'Change the configuration; switching on checks the issuer by discovery (send the version you based the change on)', body: SsoConfigUpdate, response: { 200: SsoConfig } },
    handler: (req) => config.update(requireActor(req), req.body, redirectUriFor(req, publicUrl)),
  });
};

/** /api/auth/sso: sign-in and re-authentication at the identity provider. */
export const ssoAuthRoutes: FastifyPluginAsync<SsoRouteOptions> = async (base, { config, login, secureCookies, publicUrl }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const secure = (req: FastifyRequest) => (secureCookies === 'auto' ? req.protocol === 'https' : secureCookies);
  // Lax, not strict: the provider sends the browser back with a cross-site top-level GET.
  const bindState = (req: FastifyRequest, reply: FastifyReply, state: string) =>
    reply.setCookie(STATE_COOKIE, state, { path: '/api/auth/sso', httpOnly: true, sameSite: 'lax', secure: secure(req), maxAge: 600 });

  app.get('/', {
    config: { access: 'public' },
    schema: { tags, summary: 'Whether single sign-on is offered, under which name, and whether password sign-in is restricted', response: { 200: SsoStatus } },
    handler: () => config.status(),
  });
  app.get('/start', {
    config: { access: 'public' },
    schema: { tags, summary: 'Start signing in at the identity provider (authorization code flow with PKCE)', querystring: SsoStartQuery, response: redirectResponse },
    handler: async (req, reply) => {
      const started = await login.start('login', redirectUriFor(req, publicUrl), req.query.returnTo ?? '/');
      if ('redirect' in started) return reply.redirect(started.redirect);
      bindState(req, reply, started.state);
      return reply.redirect(started.url);
    },
  });
  app.get('/reauth', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Re-authenticate at the identity provider before a signature (opens in a popup; forces a fresh login)', response: redirectResponse },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      // Only a browser session can be re-authenticated (an API token cannot sign).
      if (actor.via !== 'session' || !actor.sessionId) return reply.redirect('/sso/done?result=reauth-mismatch');
      const started = await login.start('reauth', redirectUriFor(req, publicUrl), '/', { id: actor.sessionId, actor });
      if ('redirect' in started) return reply.redirect(started.redirect);
      bindState(req, reply, started.state);
      return reply.redirect(started.url);
    },
  });
  app.get('/callback', {
    config: { access: 'public' },
    schema: { tags, summary: "The identity provider's redirect back (code and state, or an error)", querystring: SsoCallbackQuery, response: redirectResponse },
    handler: async (req, reply) => {
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      const result = await login.callback(new URL(redirectUriFor(req, publicUrl) + query), req.cookies[STATE_COOKIE], req.ip);
      reply.clearCookie(STATE_COOKIE, { path: '/api/auth/sso', httpOnly: true, sameSite: 'lax', secure: secure(req) });
      if (result.session) reply.setCookie(SESSION_COOKIE, result.session, { path: '/', httpOnly: true, sameSite: 'strict', secure: secure(req) });
      return reply.redirect(result.redirect);
    },
  });
};
