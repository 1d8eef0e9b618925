import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import type { RouteAccess } from '@konform/core';
import { heldPermissions } from '@konform/core';
import type { Actor } from '../access/actor.js';
import type { AuthService } from '../modules/auth/auth-service.js';
import { csrfTokenFor } from '../auth/tokens.js';
import { HttpProblem, forbidden, unauthorized } from '../http/errors.js';

export const SESSION_COOKIE = 'konform_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs; every /api route must declare one. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Routes whose declared access the permission-matrix test walks. */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

/**
 * Resolves the actor (session cookie or bearer API token), enforces CSRF for cookie sessions,
 * and enforces the permission each route declares. A route under /api without one refuses to register.
 */
export default fp<{ auth: AuthService; routes?: DeclaredRoute[] }>(async (app, { auth, routes }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no permission`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') routes?.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.actor = await auth.actorFromApiToken(header.slice(7).trim(), request.ip);
      if (!request.actor) throw unauthorized('The API token is invalid, expired or revoked');
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.actor = await auth.actorFromSession(token, request.ip);
      if (request.actor) request.sessionToken = token;
    }
  });

  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const actor = request.actor;
    if (!actor) throw unauthorized();
    if (actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.sessionToken || !sameToken(sent, csrfTokenFor(request.sessionToken))) {
        throw new HttpProblem(403, 'csrf', 'Missing or wrong X-CSRF-Token header');
      }
    }
    if (access !== 'authenticated' && !heldPermissions(actor.assignments).includes(access)) {
      throw forbidden(`This needs the permission ${access}`);
    }
  });
});
