import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import type { RouteAccess, SessionEndedReason } from '@konform/core';
import type { FastifyRequest } from 'fastify';
import { heldPermissions } from '@konform/core';
import type { Actor, TokenLimits } from '../access/actor.js';
import { assertSystemAllowed } from '../access/scope.js';
import type { AuthService } from '../modules/auth/auth-service.js';
import { csrfTokenFor } from '../auth/tokens.js';
import { reachableWhileEnrolling } from '../modules/mfa/policy.js';
import { HttpProblem, forbidden, sessionEnded, unauthorized } from '../http/errors.js';

export const SESSION_COOKIE = 'konform_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs; every /api route must declare one. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    /** Why the session cookie sent no longer signs in (null: none sent, or it signs in). */
    sessionEnded: SessionEndedReason | null;
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
  app.decorateRequest('sessionEnded', null);

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
      request.actor = await auth.actorFromApiToken(header.slice(7).trim(), request.ip, `${request.method} ${request.url.split('?')[0]}`);
      if (!request.actor) throw unauthorized('The API token is invalid, expired or revoked');
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const access = request.routeOptions.config?.access;
      const resolved = await auth.actorFromSession(token, request.ip, access !== undefined && access !== 'public');
      request.actor = resolved.actor;
      request.sessionEnded = resolved.ended;
      if (request.actor) request.sessionToken = token;
    }
  });

  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const actor = request.actor;
    // Only a request that sent a cookie learns that a session ended; a first visit gets the plain 401.
    if (!actor) throw request.sessionEnded ? sessionEnded(request.sessionEnded) : unauthorized();
    if (actor.mfaEnrolmentRequired && !reachableWhileEnrolling(request.routeOptions.url ?? '')) {
      throw new HttpProblem(403, 'mfa-enrolment-required', 'Administrators must set up two-factor sign-in (TOTP) first');
    }
    if (actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.sessionToken || !sameToken(sent, csrfTokenFor(request.sessionToken))) {
        throw new HttpProblem(403, 'csrf', 'Missing or wrong X-CSRF-Token header');
      }
    }
    if (access !== 'authenticated' && !heldPermissions(actor.assignments).includes(access)) {
      throw forbidden(`This needs the permission ${access}`);
    }
    if (actor.limits) assertTokenLimits(request, actor.limits, access);
  });
});

/**
 * The request-level part of a scoped API token's limits: the route's permission must be in the token's list, and
 * every AI system the request names — the `:id` of `/api/systems/:id/…`, or a `systemId` in the path, query or JSON
 * body — must be one of the token's systems. Records addressed by their own id are checked by the services
 * through `assertInScope(…, systemId)`; lists and unit scopes are narrowed in `access/scope.ts`.
 */
function assertTokenLimits(request: FastifyRequest, limits: TokenLimits, access: Exclude<RouteAccess, 'public'>): void {
  if (access !== 'authenticated' && limits.permissions && !limits.permissions.includes(access)) {
    throw forbidden(`This API token does not carry the permission ${access}`);
  }
  if (!limits.systemIds) return;
  const actor = request.actor!;
  const url = request.routeOptions.url ?? '';
  if (url === '/api/systems' && request.method === 'POST') throw forbidden('An API token limited to AI systems cannot create AI systems');
  const named = [
    url.startsWith('/api/systems/:id') ? field(request.params, 'id') : undefined,
    field(request.params, 'systemId'),
    field(request.query, 'systemId'),
    field(request.body, 'systemId'),
  ];
  for (const systemId of named) if (systemId) assertSystemAllowed(actor, systemId);
}

function field(source: unknown, name: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
