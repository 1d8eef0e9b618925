import { randomUUID } from 'node:crypto';
import type { MatrixContext, SampleFactory } from './context.js';

/** Non-conformities (CAPA). */
export function capaSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;

  /** A non-conformity of the matrix system with a root cause and one planned action. */
  function newNonconformity() {
    return ctx.t.services.nonconformities.create(actor, {
      systemId: ctx.systemId, title: `Abweichung ${randomUUID().slice(0, 6)}`, source: 'audit-finding', severity: 'major', rootCause: 'Prüfschritt fehlte',
      actions: [{ kind: 'corrective', description: 'Prüfschritt ergänzen', owner: 'Referat 1', dueDate: '2027-01-31', done: false }],
    });
  }

  return {
    'GET /api/nonconformities': async () => ({ method: 'GET', path: `/api/nonconformities?systemId=${ctx.systemId}&status=open&severity=minor&source=review&q=abweichung` }),
    'GET /api/nonconformities/action-owners': async () => ({ method: 'GET', path: `/api/nonconformities/action-owners?orgUnitId=${ctx.unit}` }),
    'POST /api/nonconformities': async () => ({ method: 'POST', path: '/api/nonconformities', body: { systemId: ctx.systemId, title: `Abweichung ${randomUUID().slice(0, 6)}`, source: 'review', severity: 'minor' } }),
    'GET /api/nonconformities/:id': async () => ({ method: 'GET', path: `/api/nonconformities/${(await newNonconformity()).id}` }),
    'PATCH /api/nonconformities/:id': async () => {
      const nc = await newNonconformity();
      return { method: 'PATCH', path: `/api/nonconformities/${nc.id}`, body: { version: nc.version, rootCause: 'Schulung fehlte' } };
    },
    'POST /api/nonconformities/:id/transition': async () => {
      const nc = await newNonconformity();
      return { method: 'POST', path: `/api/nonconformities/${nc.id}/transition`, body: { version: nc.version, to: 'analysed' } };
    },
    'POST /api/nonconformities/:id/verify': async () => {
      let nc = await newNonconformity();
      nc = await ctx.t.services.nonconformities.transition(actor, nc.id, { version: nc.version, to: 'analysed' });
      nc = await ctx.t.services.nonconformities.transition(actor, nc.id, { version: nc.version, to: 'actions-planned' });
      nc = await ctx.t.services.nonconformities.update(actor, nc.id, { version: nc.version, actions: nc.actions.map((a) => ({ ...a, done: true })) });
      nc = await ctx.t.services.nonconformities.transition(actor, nc.id, { version: nc.version, to: 'implemented' });
      return { method: 'POST', path: `/api/nonconformities/${nc.id}/verify`, body: { version: nc.version, effective: true, note: 'Stichprobe ohne Befund' } };
    },
  };
}
