import { randomUUID } from 'node:crypto';
import { newSystem, newTestItem, testItemVersionPath, testManifest } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Models and datasets registry (#8 point 1): each write brings its own model, dataset, version or system. */
export function modelSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  return {
    'GET /api/models': async () => ({ method: 'GET', path: `/api/models?orgUnitId=${ctx.unit}&q=matrix` }),
    'POST /api/models': async () => ({ method: 'POST', path: '/api/models', body: { name: `Modell ${randomUUID().slice(0, 6)}`, kind: 'llm', orgUnitId: ctx.unit, gpai: true } }),
    'GET /api/models/:id': async () => ({ method: 'GET', path: `/api/models/${(await newTestItem(ctx, 'model')).id}` }),
    'PATCH /api/models/:id': async () => {
      const model = await newTestItem(ctx, 'model');
      return { method: 'PATCH', path: `/api/models/${model.id}`, body: { version: model.version, licence: 'Apache-2.0' } };
    },
    'GET /api/models/:id/versions': async () => ({ method: 'GET', path: `/api/models/${(await newTestItem(ctx, 'model')).id}/versions` }),
    'POST /api/models/:id/versions': async () => ({ method: 'POST', path: `/api/models/${(await newTestItem(ctx, 'model')).id}/versions`, body: { label: '1.0', receivedOn: '2026-11-01', manifest: testManifest() } }),
    'GET /api/models/:id/versions/:versionId': async () => ({ method: 'GET', path: await testItemVersionPath(ctx, 'model') }),
    'PATCH /api/models/:id/versions/:versionId': async () => ({ method: 'PATCH', path: await testItemVersionPath(ctx, 'model'), body: { version: 1, notes: 'Ergänzt' } }),
    'POST /api/models/:id/versions/:versionId/compare': async () => ({ method: 'POST', path: `${await testItemVersionPath(ctx, 'model')}/compare`, body: { manifestDigest: 'a'.repeat(64) } }),
    'GET /api/models/:id/versions/:versionId/custody': async () => ({ method: 'GET', path: `${await testItemVersionPath(ctx, 'model')}/custody` }),
    'POST /api/models/:id/versions/:versionId/custody': async () => ({ method: 'POST', path: `${await testItemVersionPath(ctx, 'model')}/custody`, body: { event: 'received' } }),
    'GET /api/datasets': async () => ({ method: 'GET', path: `/api/datasets?orgUnitId=${ctx.unit}&q=matrix` }),
    'POST /api/datasets': async () => ({ method: 'POST', path: '/api/datasets', body: { name: `Datensatz ${randomUUID().slice(0, 6)}`, kind: 'text', orgUnitId: ctx.unit } }),
    'GET /api/datasets/:id': async () => ({ method: 'GET', path: `/api/datasets/${(await newTestItem(ctx, 'dataset')).id}` }),
    'PATCH /api/datasets/:id': async () => {
      const dataset = await newTestItem(ctx, 'dataset');
      return { method: 'PATCH', path: `/api/datasets/${dataset.id}`, body: { version: dataset.version, provider: 'Referat Z 4' } };
    },
    'GET /api/datasets/:id/versions': async () => ({ method: 'GET', path: `/api/datasets/${(await newTestItem(ctx, 'dataset')).id}/versions` }),
    'POST /api/datasets/:id/versions': async () => ({
      method: 'POST', path: `/api/datasets/${(await newTestItem(ctx, 'dataset')).id}/versions`,
      body: { label: '1.0', receivedOn: '2026-11-01', manifest: testManifest(), personalData: true, legalBasis: 'Art. 6 Abs. 1 lit. e DSGVO' },
    }),
    'GET /api/datasets/:id/versions/:versionId': async () => ({ method: 'GET', path: await testItemVersionPath(ctx, 'dataset') }),
    'PATCH /api/datasets/:id/versions/:versionId': async () => ({ method: 'PATCH', path: await testItemVersionPath(ctx, 'dataset'), body: { version: 1, notes: 'Ergänzt' } }),
    'POST /api/datasets/:id/versions/:versionId/compare': async () => ({ method: 'POST', path: `${await testItemVersionPath(ctx, 'dataset')}/compare`, body: { manifest: testManifest() } }),
    'GET /api/datasets/:id/versions/:versionId/custody': async () => ({ method: 'GET', path: `${await testItemVersionPath(ctx, 'dataset')}/custody` }),
    'POST /api/datasets/:id/versions/:versionId/custody': async () => ({ method: 'POST', path: `${await testItemVersionPath(ctx, 'dataset')}/custody`, body: { event: 'received' } }),
    'GET /api/systems/:id/models': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/models` }),
    'PUT /api/systems/:id/models': async () => {
      const fresh = await newSystem(ctx, 'Mit Modell');
      const versionId = (await testItemVersionPath(ctx, 'model')).split('/').pop()!;
      return { method: 'PUT', path: `/api/systems/${fresh.id}/models`, body: { version: 0, items: [{ type: 'model', versionId, role: 'in-operation' }] } };
    },
  };
}
