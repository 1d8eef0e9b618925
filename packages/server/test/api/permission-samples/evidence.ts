import { randomUUID } from 'node:crypto';
import { evidenceForm } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Evidence: files, links, versions and their links to measures. */
export function evidenceSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;
  return {
    'GET /api/evidence': async () => ({ method: 'GET', path: `/api/evidence?systemId=${ctx.systemId}` }),
    'POST /api/evidence': async () => ({ method: 'POST', path: '/api/evidence', body: evidenceForm({ systemId: ctx.systemId, title: 'Matrix-Nachweis' }) }),
    'POST /api/evidence/link': async () => ({ method: 'POST', path: '/api/evidence/link', body: { systemId: ctx.systemId, url: 'https://example.org/nachweis', title: 'Matrix-Link' } }),
    'GET /api/evidence/:id': async () => ({ method: 'GET', path: `/api/evidence/${ctx.evidenceId}` }),
    'PATCH /api/evidence/:id': async () => {
      const current = await ctx.t.services.evidence.get(actor, ctx.evidenceId);
      return { method: 'PATCH', path: `/api/evidence/${ctx.evidenceId}`, body: { version: current.version, owner: randomUUID().slice(0, 6) } };
    },
    'POST /api/evidence/:id/versions': async () => ({ method: 'POST', path: `/api/evidence/${ctx.evidenceId}/versions`, body: evidenceForm({}) }),
    'GET /api/evidence/:id/versions/:v/content': async () => ({ method: 'GET', path: `/api/evidence/${ctx.evidenceId}/versions/1/content` }),
    'POST /api/evidence/:id/links': async () => ({ method: 'POST', path: `/api/evidence/${ctx.evidenceId}/links`, body: { systemId: ctx.systemId, measureId: `m-${randomUUID().slice(0, 8)}` } }),
    'DELETE /api/evidence/:id/links/:linkId': async () => {
      const link = await ctx.t.services.evidence.link(actor, ctx.evidenceId, { systemId: ctx.systemId, measureId: `m-${randomUUID().slice(0, 8)}` });
      return { method: 'DELETE', path: `/api/evidence/${ctx.evidenceId}/links/${link.id}` };
    },
  };
}
