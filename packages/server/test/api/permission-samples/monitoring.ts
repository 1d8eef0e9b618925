import { randomUUID } from 'node:crypto';
import { MonitoringPlanCreate } from '@konform/core';
import type { MatrixContext, SampleFactory } from './context.js';

/** Post-market monitoring (#10, point 9): every sample brings its own high-risk system and plan. */
export function monitoringSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const services = () => ctx.t.services;
  const indicator = { name: 'Trefferquote', unit: '%', comparator: '>=', threshold: 90, frequency: 'weekly' };

  async function highRiskSystem() {
    const system = await services().systems.create(ctx.actor, {
      name: `Beobachtung ${randomUUID().slice(0, 6)}`, shortName: '', purpose: 'Test', description: '', orgUnitId: ctx.unit, responsible: '', lifecycleStage: 'operation',
      roles: ['provider'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
    });
    await ctx.t.db.database.db.updateTable('ai_system').set({ risk_class: 'high' }).where('id', '=', system.id).execute();
    return system.id;
  }

  const plan = async (status: 'draft' | 'active') =>
    services().monitoring.create(ctx.actor, MonitoringPlanCreate.parse({ systemId: await highRiskSystem(), status, observed: 'Qualität', indicators: [indicator] }));

  return {
    'GET /api/monitoring-plans': async () => ({ method: 'GET', path: '/api/monitoring-plans' }),
    'POST /api/monitoring-plans': async () => ({ method: 'POST', path: '/api/monitoring-plans', body: { systemId: await highRiskSystem(), indicators: [indicator] } }),
    'GET /api/monitoring-plans/:id': async () => ({ method: 'GET', path: `/api/monitoring-plans/${(await plan('draft')).id}` }),
    'PATCH /api/monitoring-plans/:id': async () => ({ method: 'PATCH', path: `/api/monitoring-plans/${(await plan('draft')).id}`, body: { version: 1, observed: 'Geändert' } }),
    'GET /api/monitoring-plans/:id/measurements': async () => ({ method: 'GET', path: `/api/monitoring-plans/${(await plan('draft')).id}/measurements` }),
    'POST /api/monitoring-plans/:id/measurements': async () => {
      const active = await plan('active');
      return { method: 'POST', path: `/api/monitoring-plans/${active.id}/measurements`, body: { indicatorId: active.indicators[0]!.id, value: 95, measuredAt: '2026-11-20T08:00:00Z' } };
    },
  };
}
