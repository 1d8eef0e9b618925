import { ClassificationFacts, IntakeCreate } from '@konform/core';
import { TEST_PASSWORD } from '../../support/test-app.js';
import { intakeForm, newSystem } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Classification, its signatures, intakes and advice. */
export function classificationSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;
  return {
    'POST /api/classification/evaluate': async () => ({ method: 'POST', path: '/api/classification/evaluate', body: { roles: ['deployer'] } }),
    'GET /api/classification/timeline': async () => ({ method: 'GET', path: '/api/classification/timeline' }),
    'GET /api/classification/questionnaire': async () => ({ method: 'GET', path: '/api/classification/questionnaire' }),
    'GET /api/systems/:id/classification': async () => ({ method: 'GET', path: `/api/systems/${ctx.classifiedSystemId}/classification` }),
    'PUT /api/systems/:id/classification': async () => ({ method: 'PUT', path: `/api/systems/${ctx.systemId}/classification`, body: { facts: {}, answers: {}, note: 'Matrix' } }),
    'GET /api/systems/:id/classification/revisions': async () => ({ method: 'GET', path: `/api/systems/${ctx.classifiedSystemId}/classification/revisions` }),
    'POST /api/systems/:id/classification/approve': async () => {
      // A fresh revision decided by someone else each time, so every approver may sign it.
      const fresh = await newSystem(ctx, 'Zur Freigabe');
      await ctx.t.services.classification.decide(actor, fresh.id, { facts: ClassificationFacts.parse({}), answers: {}, note: '' });
      return { method: 'POST', path: `/api/systems/${fresh.id}/classification/approve`, body: { revision: 1, password: TEST_PASSWORD } };
    },
    'GET /api/signatures': async () => ({ method: 'GET', path: `/api/signatures?entityType=classification_revision&entityId=${ctx.revisionId}` }),
    'GET /api/signatures/:id/verify': async () => ({ method: 'GET', path: `/api/signatures/${ctx.signatureId}/verify` }),
    'GET /api/intakes': async () => ({ method: 'GET', path: '/api/intakes' }),
    'POST /api/intakes': async () => ({ method: 'POST', path: '/api/intakes', body: intakeForm(ctx) }),
    'GET /api/intakes/:id': async () => ({ method: 'GET', path: `/api/intakes/${ctx.intakeId}` }),
    'POST /api/intakes/:id/advice': async () => ({ method: 'POST', path: `/api/intakes/${ctx.intakeId}/advice`, body: { text: 'Hinweis' } }),
    'POST /api/intakes/:id/accept': async () => {
      const fresh = await ctx.t.services.intakes.submit(actor, IntakeCreate.parse(intakeForm(ctx)));
      return { method: 'POST', path: `/api/intakes/${fresh.id}/accept`, body: { version: fresh.version, system: { roles: ['deployer'] } } };
    },
    'POST /api/intakes/:id/decline': async () => {
      const fresh = await ctx.t.services.intakes.submit(actor, IntakeCreate.parse(intakeForm(ctx)));
      return { method: 'POST', path: `/api/intakes/${fresh.id}/decline`, body: { version: fresh.version, reason: 'Nicht erforderlich' } };
    },
    'GET /api/systems/:id/advice': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/advice` }),
    'POST /api/systems/:id/advice': async () => ({ method: 'POST', path: `/api/systems/${ctx.systemId}/advice`, body: { text: 'Hinweis' } }),
  };
}
