import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD } from '../../support/test-app.js';
import { newSystem, notificationFor } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Notifications, OpenAPI, health, sign-in, organisational units, users, systems, the audit trail and API tokens. */
export function coreSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor, users } = ctx;
  return {
    'GET /api/notifications': async () => ({ method: 'GET', path: '/api/notifications?unread=true' }),
    'POST /api/notifications/read-all': async () => ({ method: 'POST', path: '/api/notifications/read-all' }),
    'POST /api/notifications/:id/read': async (role) => ({ method: 'POST', path: `/api/notifications/${await notificationFor(ctx, users.get(role)!.id)}/read` }),
    'GET /api/openapi.json': async () => ({ method: 'GET', path: '/api/openapi.json' }),
    'GET /api/health': async () => ({ method: 'GET', path: '/api/health' }),
    'POST /api/auth/login': async (role) => ({ method: 'POST', path: '/api/auth/login', body: { email: users.get(role)!.email, password: TEST_PASSWORD } }),
    'POST /api/auth/logout': async () => ({ method: 'POST', path: '/api/auth/logout' }),
    'GET /api/auth/me': async () => ({ method: 'GET', path: '/api/auth/me' }),
    'PATCH /api/auth/preferences': async () => ({ method: 'PATCH', path: '/api/auth/preferences', body: { emailReminders: true } }),
    'POST /api/auth/password': async () => ({ method: 'POST', path: '/api/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } }),
    'GET /api/org-units': async () => ({ method: 'GET', path: '/api/org-units' }),
    'POST /api/org-units': async () => ({ method: 'POST', path: '/api/org-units', body: { name: `Referat ${randomUUID().slice(0, 6)}`, parentId: ctx.unit } }),
    'GET /api/org-units/:id': async () => ({ method: 'GET', path: `/api/org-units/${ctx.unit}` }),
    'PATCH /api/org-units/:id': async () => {
      const current = await ctx.t.services.orgUnits.get(actor, ctx.unit);
      return { method: 'PATCH', path: `/api/org-units/${ctx.unit}`, body: { version: current.version, shortName: randomUUID().slice(0, 4) } };
    },
    'GET /api/users': async () => ({ method: 'GET', path: '/api/users' }),
    'POST /api/users': async () => ({
      method: 'POST',
      path: '/api/users',
      body: { email: `new-${randomUUID().slice(0, 8)}@test.example`, displayName: 'Neu', password: TEST_PASSWORD, roles: [] },
    }),
    'GET /api/users/:id': async () => ({ method: 'GET', path: `/api/users/${ctx.targetUserId}` }),
    'PATCH /api/users/:id': async () => {
      const current = await ctx.t.services.users.get(actor, ctx.targetUserId);
      return { method: 'PATCH', path: `/api/users/${ctx.targetUserId}`, body: { version: current.version, displayName: `Name ${randomUUID().slice(0, 4)}` } };
    },
    'GET /api/systems': async () => ({ method: 'GET', path: '/api/systems' }),
    'POST /api/systems': async () => ({ method: 'POST', path: '/api/systems', body: { name: 'Matrix', purpose: 'Test', orgUnitId: ctx.unit, roles: ['deployer'] } }),
    'GET /api/systems/:id': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}` }),
    'PATCH /api/systems/:id': async () => {
      const current = await ctx.t.services.systems.get(actor, ctx.systemId);
      return { method: 'PATCH', path: `/api/systems/${ctx.systemId}`, body: { version: current.version, description: randomUUID() } };
    },
    'POST /api/systems/:id/archive': async () => {
      const fresh = await newSystem(ctx, 'Zum Archivieren');
      return { method: 'POST', path: `/api/systems/${fresh.id}/archive`, body: { version: fresh.version } };
    },
    'GET /api/audit-events': async () => ({ method: 'GET', path: `/api/audit-events?entityType=system&entityId=${ctx.systemId}` }),
    'GET /api/audit-events/verify': async () => ({ method: 'GET', path: '/api/audit-events/verify' }),
    'GET /api/audit-events/checkpoints': async () => ({ method: 'GET', path: '/api/audit-events/checkpoints' }),
    'GET /api/keys': async () => ({ method: 'GET', path: '/api/keys' }),
    'GET /api/tokens': async () => ({ method: 'GET', path: '/api/tokens' }),
    'POST /api/tokens': async () => ({ method: 'POST', path: '/api/tokens', body: { name: 'CI' } }),
    'POST /api/tokens/:id/revoke': async (role) => {
      const owner = await ctx.t.services.users.get(actor, users.get(role)!.id);
      const created = await ctx.t.services.tokens.create(actor, { name: 'Zum Widerrufen', expiresInDays: 1 }, owner.id);
      return { method: 'POST', path: `/api/tokens/${created.id}/revoke` };
    },
  };
}
