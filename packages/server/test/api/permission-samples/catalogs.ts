import { randomUUID } from 'node:crypto';
import type { MatrixContext, SampleFactory } from './context.js';

/** Catalogues: import, updates, the act in force, proposed versions. */
export function catalogSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;

  /** A new internal catalogue stored as proposed version 1; returns its id. */
  async function proposedCatalog(): Promise<string> {
    const { version } = await ctx.t.services.catalogUpdates.importUpload(actor, { data: Buffer.from(internalCatalogYaml()), fileName: 'hausregel.yaml' });
    return version.catalogId;
  }

  return {
    'GET /api/catalogs': async () => ({ method: 'GET', path: '/api/catalogs' }),
    'POST /api/catalogs/import': async () => ({ method: 'POST', path: '/api/catalogs/import', body: { yaml: internalCatalogYaml() } }),
    'GET /api/catalogs/updates': async () => ({ method: 'GET', path: '/api/catalogs/updates' }),
    'GET /api/catalogs/act-in-force': async () => ({ method: 'GET', path: '/api/catalogs/act-in-force' }),
    'GET /api/catalogs/act-in-force/:act/preview': async () => ({ method: 'GET', path: '/api/catalogs/act-in-force/published-2024/preview' }),
    'POST /api/catalogs/act-in-force/:act/accept': async () => {
      // Each allowed call switches to the act not in force, so every call is a real change.
      const state = await ctx.t.services.catalogUpdates.actInForce(actor);
      const other = state.acts.find((a) => a.id !== state.actInForce)!.id;
      return { method: 'POST', path: `/api/catalogs/act-in-force/${other}/accept`, body: {} };
    },
    'GET /api/catalogs/:id': async () => ({ method: 'GET', path: '/api/catalogs/eu-ai-act' }),
    'GET /api/catalogs/:id/diff': async () => ({ method: 'GET', path: '/api/catalogs/eu-ai-act/diff' }),
    'GET /api/catalogs/:id/export': async () => ({ method: 'GET', path: '/api/catalogs/eu-ai-act/export?format=oscal' }),
    'GET /api/catalogs/:id/versions/:version/preview': async () => {
      const id = await proposedCatalog();
      return { method: 'GET', path: `/api/catalogs/${id}/versions/1/preview` };
    },
    'POST /api/catalogs/:id/versions/:version/accept': async () => ({ method: 'POST', path: `/api/catalogs/${await proposedCatalog()}/versions/1/accept`, body: {} }),
    'POST /api/catalogs/:id/versions/:version/discard': async () => ({ method: 'POST', path: `/api/catalogs/${await proposedCatalog()}/versions/1/discard`, body: {} }),
  };
}

function internalCatalogYaml() {
  return [
    `id: internal-${randomUUID().slice(0, 8)}`,
    'version: "1"',
    'kind: internal',
    'title: { de: Hausregel, en: House rule }',
    'publisher: Test',
    'source: Test',
    'licence: intern',
    'requirements:',
    '  - { id: r-1, ref: R 1, title: { de: Eins, en: One } }',
  ].join('\n');
}
