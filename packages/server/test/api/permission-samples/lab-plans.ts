import { randomUUID } from 'node:crypto';
import { LabPlanCreate, type LabPlanDetail } from '@konform/core';
import { labManager } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** A lab method of its own in the matrix unit, for the cases of a plan. */
async function planMethod(ctx: MatrixContext) {
  return ctx.t.services.labMethods.create(ctx.actor, {
    orgUnitId: ctx.unit, name: `Methode ${randomUUID().slice(0, 6)}`, harness: 'lm-evaluation-harness', harnessVersion: '0.4.5',
    configuration: { task: 'arc_easy', prompts: [], decoding: {}, metrics: [{ name: 'acc', unit: '', higherIsBetter: true, description: '' }] }, description: '',
  });
}

/**
 * A test plan of its own for the matrix system with one mandatory case (`acc ≥ 0.9`), fixed when asked. Runs and gates
 * samples may use it for the plan they need.
 */
export async function newLabPlan(ctx: MatrixContext, options: { fixed?: boolean } = {}): Promise<LabPlanDetail> {
  const method = await planMethod(ctx);
  const manager = await labManager(ctx);
  const plan = await ctx.t.services.labPlans.create(manager, LabPlanCreate.parse({
    systemId: ctx.systemId, name: `Prüfplan ${randomUUID().slice(0, 6)}`, cases: [{ key: 'TC-01', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.9, methodId: method.id }],
  }));
  return options.fixed ? ctx.t.services.labPlans.fix(manager, plan.id, { version: plan.version }) : plan;
}

/** Test plans (#8 point 4): each write brings its own plan. */
export function labPlanSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  return {
    'GET /api/lab/plans': async () => ({ method: 'GET', path: `/api/lab/plans?orgUnitId=${ctx.unit}&systemId=${ctx.systemId}&status=draft&q=matrix` }),
    'POST /api/lab/plans': async () => ({
      method: 'POST', path: '/api/lab/plans',
      body: { systemId: ctx.systemId, name: `Prüfplan ${randomUUID().slice(0, 6)}`, cases: [{ key: 'TC-01', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.9, methodId: (await planMethod(ctx)).id }] },
    }),
    'GET /api/lab/plans/:id': async () => ({ method: 'GET', path: `/api/lab/plans/${(await newLabPlan(ctx)).id}` }),
    'PATCH /api/lab/plans/:id': async () => {
      const plan = await newLabPlan(ctx);
      return { method: 'PATCH', path: `/api/lab/plans/${plan.id}`, body: { version: plan.version, description: 'Geändert' } };
    },
    'POST /api/lab/plans/:id/fix': async () => {
      const plan = await newLabPlan(ctx);
      return { method: 'POST', path: `/api/lab/plans/${plan.id}/fix`, body: { version: plan.version } };
    },
    'POST /api/lab/plans/:id/revise': async () => {
      const plan = await newLabPlan(ctx, { fixed: true });
      return { method: 'POST', path: `/api/lab/plans/${plan.id}/revise`, body: { version: plan.version } };
    },
    'POST /api/lab/plans/:id/retire': async () => {
      const plan = await newLabPlan(ctx);
      return { method: 'POST', path: `/api/lab/plans/${plan.id}/retire`, body: { version: plan.version, reason: 'Nicht mehr benötigt' } };
    },
  };
}
