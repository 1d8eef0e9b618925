import type { MatrixContext, SampleFactory } from './context.js';

/** Leadership dashboard and management reports (#9 point 6): the matrix unit's figures, one stored report of it. */
export function dashboardSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  let seeded: Promise<string> | null = null;
  const report = () => (seeded ??= ctx.t.services.dashboard.create(ctx.actor, { orgUnitId: ctx.unit, locale: 'de' }).then((r) => r.id));

  return {
    'GET /api/dashboard': async () => ({ method: 'GET', path: `/api/dashboard?orgUnitId=${ctx.unit}` }),
    'GET /api/management-reports': async () => ({ method: 'GET', path: '/api/management-reports' }),
    'POST /api/management-reports': async () => ({ method: 'POST', path: '/api/management-reports', body: { orgUnitId: ctx.unit, locale: 'en' } }),
    'GET /api/management-reports/:id/export': async () => ({ method: 'GET', path: `/api/management-reports/${await report()}/export?format=md` }),
  };
}
