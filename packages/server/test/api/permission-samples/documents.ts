import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD } from '../../support/test-app.js';
import type { MatrixContext, SampleFactory } from './context.js';

/**
 * Generated documents (#9). Every sample brings its own high-risk system and Annex IV document (one per system and
 * language); versions are frozen, submitted and reviewed through the services or the lab user, so that the step under
 * test can succeed for each role allowed to take it.
 */
export function documentSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const services = () => ctx.t.services;

  async function highRiskSystem() {
    const system = await services().systems.create(ctx.actor, {
      name: `Dokumentation ${randomUUID().slice(0, 6)}`, shortName: '', purpose: 'Test', description: 'Beschreibung', orgUnitId: ctx.unit, responsible: '', lifecycleStage: 'planned',
      roles: ['provider'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
    });
    await ctx.t.db.database.db.updateTable('ai_system').set({ risk_class: 'high' }).where('id', '=', system.id).execute();
    return system.id;
  }

  async function newDocument() {
    return services().documents.create(ctx.actor, { type: 'annex-iv', systemId: await highRiskSystem(), locale: 'de' });
  }

  /** A document with a draft version whose sections all hold something (text where the records hold nothing). */
  async function draft() {
    const doc = await newDocument();
    for (const key of ['development', 'monitoring', 'metrics', 'risk-management', 'changes', 'standards', 'declaration', 'post-market']) {
      await services().documents.saveSection(ctx.actor, doc.id, key, { markdown: `Text ${key}`, version: 0 });
    }
    const version = await services().documents.freeze(ctx.actor, doc.id);
    return { doc, version };
  }

  async function inReview() {
    const { doc, version } = await draft();
    return { doc, version: await services().documents.submit(ctx.actor, doc.id, 1, { version: version.version }) };
  }

  /** Reviewed by the lab user, so that administrators and governance can release it. */
  async function reviewed() {
    const { doc, version } = await inReview();
    const reply = await ctx.users.get('lab')!.client.post(`/api/documents/${doc.id}/versions/1/review`, { version: version.version, password: TEST_PASSWORD });
    if (reply.status !== 200) throw new Error(`review failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return { doc, version: reply.body as { version: number } };
  }

  async function released() {
    const { doc, version } = await reviewed();
    const reply = await ctx.users.get('governance')!.client.post(`/api/documents/${doc.id}/versions/1/release`, { version: version.version, password: TEST_PASSWORD });
    if (reply.status !== 200) throw new Error(`release failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return doc;
  }

  const base = (id: string) => `/api/documents/${id}`;
  return {
    'GET /api/documents': async () => ({ method: 'GET', path: `/api/documents?systemId=${ctx.systemId}&type=annex-iv` }),
    'POST /api/documents': async () => ({ method: 'POST', path: '/api/documents', body: { type: 'annex-iv', systemId: await highRiskSystem() } }),
    'GET /api/documents/:id': async () => ({ method: 'GET', path: base((await newDocument()).id) }),
    'PUT /api/documents/:id/sections/:key': async () => ({ method: 'PUT', path: `${base((await newDocument()).id)}/sections/post-market`, body: { markdown: 'Plan', version: 0 } }),
    'GET /api/documents/:id/versions': async () => ({ method: 'GET', path: `${base((await newDocument()).id)}/versions` }),
    'POST /api/documents/:id/versions': async () => ({ method: 'POST', path: `${base((await newDocument()).id)}/versions`, body: {} }),
    'GET /api/documents/:id/versions/:number': async () => ({ method: 'GET', path: `${base((await draft()).doc.id)}/versions/1` }),
    'POST /api/documents/:id/versions/:number/submit': async () => {
      const { doc, version } = await draft();
      return { method: 'POST', path: `${base(doc.id)}/versions/1/submit`, body: { version: version.version } };
    },
    'POST /api/documents/:id/versions/:number/return': async () => {
      const { doc, version } = await inReview();
      return { method: 'POST', path: `${base(doc.id)}/versions/1/return`, body: { version: version.version } };
    },
    'POST /api/documents/:id/versions/:number/review': async () => {
      const { doc, version } = await inReview();
      return { method: 'POST', path: `${base(doc.id)}/versions/1/review`, body: { version: version.version, password: TEST_PASSWORD } };
    },
    'POST /api/documents/:id/versions/:number/release': async (role) => {
      // The lab user reviews; when the lab role itself is asked, another reviewer is not needed (it is refused first).
      const { doc, version } = role === 'lab' ? await inReview() : await reviewed();
      return { method: 'POST', path: `${base(doc.id)}/versions/1/release`, body: { version: version.version, password: TEST_PASSWORD } };
    },
    'GET /api/documents/:id/versions/:number/export': async () => ({ method: 'GET', path: `${base((await draft()).doc.id)}/versions/1/export?format=md` }),
    'GET /api/documents/:id/versions/:number/manifest': async () => ({ method: 'GET', path: `${base((await released()).id)}/versions/1/manifest` }),
    // Raw bytes (any content type is read as the file); an unknown file is a 200 answer `not-found`.
    'POST /api/documents/verify': async () => ({ method: 'POST', path: '/api/documents/verify', body: 'Kein freigegebenes Dokument' }),
    'GET /api/documents/:id/versions/:number/bundle': async () => ({ method: 'GET', path: `${base((await released()).id)}/versions/1/bundle` }),
  };
}
