import { randomUUID } from 'node:crypto';
import { ClassificationFacts, EMPTY_FRIA_CONTENT } from '@konform/core';
import { TEST_PASSWORD } from '../../support/test-app.js';
import { newSystem } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Risks, the risk matrix and sources, and the fundamental-rights impact assessment (FRIA). */
export function riskSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;

  /** A risk of the matrix system with the given rating. */
  function newRisk(likelihood: number, impact: number) {
    return ctx.t.services.risks.create(actor, ctx.systemId, { title: `Risiko ${randomUUID().slice(0, 6)}`, likelihood, impact });
  }

  /** A system whose classification requires a FRIA (a public body deploying an Annex III system). */
  async function friaSystem() {
    const system = await newSystem(ctx, 'Grundrechte');
    await ctx.t.services.classification.decide(actor, system.id, { facts: ClassificationFacts.parse({ roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } }), answers: {}, note: '' });
    return system;
  }

  return {
    'GET /api/systems/:id/risks': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/risks` }),
    'POST /api/systems/:id/risks': async () => ({ method: 'POST', path: `/api/systems/${ctx.systemId}/risks`, body: { title: `Risiko ${randomUUID().slice(0, 6)}` } }),
    'GET /api/systems/:id/risks/heatmap': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/risks/heatmap` }),
    'GET /api/risks': async () => ({ method: 'GET', path: '/api/risks?overdue=true' }),
    'GET /api/risks/heatmap': async () => ({ method: 'GET', path: '/api/risks/heatmap' }),
    'GET /api/risks/:id': async () => ({ method: 'GET', path: `/api/risks/${(await newRisk(1, 1)).id}` }),
    'PATCH /api/risks/:id': async () => {
      const risk = await newRisk(2, 2);
      return { method: 'PATCH', path: `/api/risks/${risk.id}`, body: { version: risk.version, owner: 'Referat 1' } };
    },
    'POST /api/risks/:id/accept': async (role) => {
      // A level the role may accept under the default matrix: owner low, governance medium, admin very high.
      const risk = role === 'owner' ? await newRisk(1, 1) : role === 'admin' ? await newRisk(5, 5) : await newRisk(3, 3);
      return { method: 'POST', path: `/api/risks/${risk.id}/accept`, body: { version: risk.version, justification: 'Restrisiko ist vertretbar', password: TEST_PASSWORD } };
    },
    'GET /api/systems/:id/fria': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/fria` }),
    'PUT /api/systems/:id/fria': async () => ({ method: 'PUT', path: `/api/systems/${(await friaSystem()).id}/fria`, body: { version: 0, content: EMPTY_FRIA_CONTENT } }),
    'POST /api/systems/:id/fria/approve': async () => {
      const system = await friaSystem();
      await ctx.t.services.fria.save(actor, system.id, { version: 0, content: EMPTY_FRIA_CONTENT });
      return { method: 'POST', path: `/api/systems/${system.id}/fria/approve`, body: { version: 1, password: TEST_PASSWORD } };
    },
    'GET /api/systems/:id/fria/export': async () => {
      const system = await friaSystem();
      await ctx.t.services.fria.save(actor, system.id, { version: 0, content: EMPTY_FRIA_CONTENT });
      return { method: 'GET', path: `/api/systems/${system.id}/fria/export?format=md` };
    },
    'GET /api/systems/:id/risks/export': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/risks/export?format=md` }),
    'GET /api/risk-matrix': async () => ({ method: 'GET', path: '/api/risk-matrix' }),
    'PUT /api/risk-matrix': async () => {
      const current = await ctx.t.services.risks.matrix();
      return { method: 'PUT', path: '/api/risk-matrix', body: { version: current.version, config: current.config } };
    },
    'GET /api/risk-sources': async () => ({ method: 'GET', path: '/api/risk-sources' }),
  };
}
