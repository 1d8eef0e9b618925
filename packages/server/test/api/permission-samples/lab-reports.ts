import type { MatrixContext, SampleFactory } from './context.js';
import { insertGate, insertPlan, insertRun, labBasics } from '../../support/lab-seed.js';
import { newSystem } from './helpers.js';

/** Lab reports and the lab dashboard (#8 points 7 and 8): one run and one gate of the matrix unit, read by every role with lab.read. */
export function labReportSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  let seeded: Promise<{ runId: string; gateId: string }> | null = null;

  function seed() {
    seeded ??= (async () => {
      const basics = await labBasics(ctx.users.get('lab')!.client, ctx.unit);
      const system = await newSystem(ctx, 'Prüfbericht Matrix');
      const plan = await insertPlan(ctx.t, { unit: ctx.unit, systemId: system.id, methodId: basics.methodId, cases: [{ key: 'TC-01', name: 'WER', metric: 'wer', comparator: '<=', threshold: 12, unit: '%' }] });
      const run = await insertRun(ctx.t, {
        unit: ctx.unit, systemId: system.id, planId: plan.planId, basics, startedAt: new Date().toISOString(), verdict: 'pass',
        results: [{ caseId: plan.cases.get('TC-01')!, metric: 'wer', value: 9.5, unit: '%', verdict: 'pass' }],
      });
      const gate = await insertGate(ctx.t, { unit: ctx.unit, systemId: system.id, planId: plan.planId });
      return { runId: run.id, gateId: gate.id };
    })();
    return seeded;
  }

  return {
    'GET /api/lab/runs/:id/report': async () => ({ method: 'GET', path: `/api/lab/runs/${(await seed()).runId}/report?format=md&locale=en` }),
    'GET /api/lab/gates/:id/report': async () => ({ method: 'GET', path: `/api/lab/gates/${(await seed()).gateId}/report?format=md&locale=de` }),
    'GET /api/lab/dashboard': async () => ({ method: 'GET', path: `/api/lab/dashboard?orgUnitId=${ctx.unit}` }),
  };
}
