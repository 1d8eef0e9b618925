import { ROLES, roleGrants } from '@konform/core';
import { authorise, environment, fixedPlan, modelVersion, validatedMethod } from '../../support/lab-run-fixtures.js';
import { labManager } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Test runs (#8 point 5): each write brings its own fixed plan and method, authorised for the role's user where it may record. */
export function labRunSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  let shared: ReturnType<typeof setUp> | null = null;

  /**
   * One fixed plan of the matrix system with one case on its own method, for which every role holding lab.run is
   * authorised (runs never conflict with each other, so the samples can share it); made on first use.
   */
  async function setUp() {
    const manager = await labManager(ctx);
    const method = await validatedMethod(ctx.t, manager, ctx.unit);
    for (const role of ROLES) if (roleGrants(role, 'lab.run')) await authorise(ctx.t, manager, method.id, ctx.users.get(role)!.id);
    const [env, model, plan] = await Promise.all([
      environment(ctx.t, manager, ctx.unit),
      modelVersion(ctx.t, manager, ctx.unit),
      fixedPlan(ctx.t, manager, { systemId: ctx.systemId }, [{ key: 'TC-01', metric: 'acc', comparator: '>=', threshold: 0.5, methodId: method.id }]),
    ]);
    const body = {
      planId: plan.id, methodId: method.id, environmentId: env.id, items: [{ type: 'model', versionId: model.versionId, manifestDigest: model.digest }],
      startedAt: '2026-11-20T09:00:00Z', endedAt: '2026-11-20T09:10:00Z', results: [{ metric: 'acc', value: 0.7 }],
    };
    return { manager, body };
  }

  /** A run recorded by the administrator (amendments need one of their own: a run is corrected once). */
  async function recordedRun() {
    const { manager, body } = await (shared ??= setUp());
    return { run: await ctx.t.services.labRuns.record(manager, { text: JSON.stringify(body), xml: false }, {}), body };
  }

  return {
    'GET /api/lab/runs': async () => ({ method: 'GET', path: `/api/lab/runs?orgUnitId=${ctx.unit}&verdict=pass&from=2026-01-01&current=true` }),
    'POST /api/lab/runs': async () => ({ method: 'POST', path: '/api/lab/runs', body: (await (shared ??= setUp())).body }),
    'GET /api/lab/runs/:id': async () => ({ method: 'GET', path: `/api/lab/runs/${(await recordedRun()).run.id}` }),
    'POST /api/lab/runs/:id/amendments': async () => {
      const { run, body } = await recordedRun();
      return { method: 'POST', path: `/api/lab/runs/${run.id}/amendments`, body: { ...body, results: [{ metric: 'acc', value: 0.65 }], reason: 'Nachkommastelle korrigiert' } };
    },
    'GET /api/lab/runs/:id/attachments/:sha256': async () => {
      const { run } = await recordedRun();
      return { method: 'GET', path: `/api/lab/runs/${run.id}/attachments/${run.attachments[0]!.sha256}` };
    },
  };
}
