import { ANNEX_IV_SECTION_KEYS } from '@konform/core';
import { testPng } from '../../support/png.js';
import type { MatrixContext, SampleFactory } from './context.js';

/**
 * Templates of generated documents (#9): organisation-wide, read with `document.read`, changed with
 * `document.configure`. Writes send the version as it is now, and the logo routes find a logo to read or remove.
 */
export function documentTemplateSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const templates = () => ctx.t.services.documentTemplates;
  const logo = { mediaType: 'image/png' as const, data: testPng().toString('base64') };
  const withLogo = () => templates().setLogo(ctx.actor, logo);
  const path = '/api/document-templates/annex-iv/de';
  return {
    'GET /api/document-templates/logo': async () => {
      await withLogo();
      return { method: 'GET', path: '/api/document-templates/logo' };
    },
    'PUT /api/document-templates/logo': async () => ({ method: 'PUT', path: '/api/document-templates/logo', body: logo }),
    'DELETE /api/document-templates/logo': async () => {
      await withLogo();
      return { method: 'DELETE', path: '/api/document-templates/logo' };
    },
    'GET /api/document-templates/:type/:locale': async () => ({ method: 'GET', path }),
    'PUT /api/document-templates/:type/:locale': async () => {
      const { version } = await templates().get(ctx.actor, 'annex-iv', 'de');
      const sections = [...ANNEX_IV_SECTION_KEYS].reverse().map((key) => ({ key, heading: null, guidance: null, intro: '' }));
      return { method: 'PUT', path, body: { sections, titlePage: { lines: ['Bundesamt für Beispiele'] }, version } };
    },
    'DELETE /api/document-templates/:type/:locale': async () => ({ method: 'DELETE', path }),
  };
}
