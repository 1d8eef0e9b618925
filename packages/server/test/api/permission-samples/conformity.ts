import { TEST_PASSWORD } from '../../support/test-app.js';
import type { MatrixContext, SampleFactory } from './context.js';
import { newSystem } from './helpers.js';

/** Conformity assessment and change control: every sample that writes brings its own high-risk system. */
export function conformitySamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;
  const services = () => ctx.t.services;

  async function highRiskSystem() {
    const system = await newSystem(ctx, 'Hochrisiko-System');
    await ctx.t.db.database.db.updateTable('ai_system').set({ risk_class: 'high' }).where('id', '=', system.id).execute();
    return system.id;
  }
  async function annexVi() {
    return services().conformity.create(actor, { systemId: await highRiskSystem(), procedure: 'annex-vi' });
  }
  /** An Annex VI assessment whose first step the platform prepared (so any person may sign it). */
  async function preparedAnnexVi() {
    const a = await annexVi();
    return services().conformity.prepareStep(actor, a.id, 'qms', { version: a.version, evidenceIds: [], notes: 'QM-System' });
  }
  async function annexVii() {
    return services().conformity.create(actor, { systemId: await highRiskSystem(), procedure: 'annex-vii' });
  }
  async function completed() {
    const a = await annexVii();
    return services().conformity.updateAnnexVii(actor, a.id, { version: a.version, certificateNumber: 'C-1', validFrom: '2026-01-01', validUntil: '2029-12-31' });
  }
  async function change() {
    const systemId = await highRiskSystem();
    return services().systemChanges.create(actor, systemId, { kind: 'data', description: 'Neue Trainingsdaten', date: '2026-11-01' });
  }

  return {
    'GET /api/conformity-assessments': async () => ({ method: 'GET', path: '/api/conformity-assessments?status=in-progress' }),
    'POST /api/conformity-assessments': async () => ({ method: 'POST', path: '/api/conformity-assessments', body: { systemId: await highRiskSystem(), procedure: 'annex-vi' } }),
    'GET /api/conformity-assessments/:id': async () => ({ method: 'GET', path: `/api/conformity-assessments/${(await annexVi()).id}` }),
    'PUT /api/conformity-assessments/:id/steps/:step': async () => {
      const a = await annexVi();
      return { method: 'PUT', path: `/api/conformity-assessments/${a.id}/steps/qms`, body: { version: a.version, evidenceIds: [], notes: 'QM-System' } };
    },
    'POST /api/conformity-assessments/:id/steps/:step/sign': async () => {
      const a = await preparedAnnexVi();
      return { method: 'POST', path: `/api/conformity-assessments/${a.id}/steps/qms/sign`, body: { version: a.version, password: TEST_PASSWORD } };
    },
    'PATCH /api/conformity-assessments/:id/annex-vii': async () => {
      const a = await annexVii();
      return { method: 'PATCH', path: `/api/conformity-assessments/${a.id}/annex-vii`, body: { version: a.version, bodyName: 'Benannte Stelle' } };
    },
    'POST /api/conformity-assessments/:id/entries': async () => ({ method: 'POST', path: `/api/conformity-assessments/${(await annexVii()).id}/entries`, body: { kind: 'question', date: '2026-11-01', text: 'Frage' } }),
    'POST /api/conformity-assessments/:id/declaration': async () => ({ method: 'POST', path: `/api/conformity-assessments/${(await completed()).id}/declaration`, body: { locale: 'de' } }),
    'PUT /api/conformity-assessments/:id/marking': async () => {
      const a = await completed();
      return { method: 'PUT', path: `/api/conformity-assessments/${a.id}/marking`, body: { version: a.version, ceMarkingDate: '2026-11-20', ceMarkingPlace: 'Startseite' } };
    },
    'GET /api/systems/:id/changes': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/changes` }),
    'POST /api/systems/:id/changes': async () => ({ method: 'POST', path: `/api/systems/${await highRiskSystem()}/changes`, body: { kind: 'other', description: 'Anpassung', date: '2026-11-01' } }),
    'POST /api/systems/:id/changes/:changeId/assess': async () => {
      const c = await change();
      return { method: 'POST', path: `/api/systems/${c.systemId}/changes/${c.id}/assess`, body: { version: c.version, substantial: false, rationale: 'Vorab festgelegt', password: TEST_PASSWORD } };
    },
  };
}
