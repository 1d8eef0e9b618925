import { randomUUID } from 'node:crypto';
import { newSystem } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Requirements, measures and the statement of applicability. */
export function requirementSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;
  return {
    'GET /api/systems/:id/requirements/export': async () => ({ method: 'GET', path: `/api/systems/${ctx.classifiedSystemId}/requirements/export?format=csv` }),
    'GET /api/requirements/export': async () => ({ method: 'GET', path: '/api/requirements/export?format=xlsx' }),
    'GET /api/catalogs/:id/requirements': async () => ({ method: 'GET', path: '/api/catalogs/eu-ai-act/requirements?role=deployer' }),
    'GET /api/measures': async () => ({ method: 'GET', path: '/api/measures' }),
    'GET /api/systems/:id/requirements': async () => ({ method: 'GET', path: `/api/systems/${ctx.classifiedSystemId}/requirements?applies=all` }),
    'PATCH /api/systems/:id/requirements/:requirementId': async () => ({
      method: 'PATCH',
      path: `/api/systems/${ctx.systemId}/requirements/eu-ai-act:art-4`,
      body: { owner: `Referat ${randomUUID().slice(0, 6)}` },
    }),
    'GET /api/systems/:id/measures': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/measures` }),
    'POST /api/systems/:id/measures': async () => ({ method: 'POST', path: `/api/systems/${ctx.systemId}/measures`, body: { measureId: 'm-literacy', note: randomUUID() } }),
    'DELETE /api/systems/:id/measures/:measureId': async () => {
      const fresh = await newSystem(ctx, 'Mit Maßnahme');
      await ctx.t.services.systemMeasures.apply(actor, fresh.id, { measureId: 'm-logging', status: 'planned', note: '' });
      return { method: 'DELETE', path: `/api/systems/${fresh.id}/measures/m-logging` };
    },
    'GET /api/systems/:id/statement-of-applicability': async () => ({ method: 'GET', path: `/api/systems/${ctx.classifiedSystemId}/statement-of-applicability?catalog=iso-42001` }),
    'GET /api/statement-of-applicability': async () => ({ method: 'GET', path: '/api/statement-of-applicability?catalog=iso-42001' }),
  };
}
