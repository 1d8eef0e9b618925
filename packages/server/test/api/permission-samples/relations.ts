import { newTestItem, testManifest } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Relations at a glance (#9 point 7): the system graph and the impact of a dataset version, both read-only. */
export function relationSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  return {
    'GET /api/systems/:id/graph': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/graph` }),
    'GET /api/impact': async () => {
      const item = await newTestItem(ctx, 'dataset');
      const version = await ctx.t.services.datasets.createVersion(ctx.actor, item.id, { label: '1.0', receivedOn: '2026-11-01', manifest: testManifest(), personalData: false });
      return { method: 'GET', path: `/api/impact?datasetVersionId=${version.id}` };
    },
  };
}
