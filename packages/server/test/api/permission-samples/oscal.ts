import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { MatrixContext, SampleFactory } from './context.js';
import { auditSamples } from './audits.js';
import { labGateSamples } from './lab-gates.js';

const EXAMPLE = JSON.parse(readFileSync(new URL('../../fixtures/oscal/content/ifa_assessment-results-example.json', import.meta.url), 'utf8')) as unknown;

/** OSCAL exports and the assessment-results import (#11 point 5); audits and gates come from their areas' samples. */
export function oscalSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const audits = auditSamples(ctx);
  const gates = labGateSamples(ctx);
  let openNonconformity: Promise<unknown> | null = null;
  /** The POA&M needs something open on the matrix system: one non-conformity with an action, made once. */
  const somethingOpen = () => (openNonconformity ??= ctx.t.services.nonconformities.create(ctx.actor, {
    systemId: ctx.systemId, title: `Abweichung ${randomUUID().slice(0, 6)}`, source: 'review', severity: 'minor',
    actions: [{ kind: 'corrective', description: 'Protokollierung ergänzen', owner: 'Referat 1', dueDate: '2027-01-31', done: false }],
  }));
  return {
    'GET /api/systems/:id/oscal/component-definition': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/oscal/component-definition?catalog=iso-42001` }),
    'GET /api/systems/:id/oscal/poam': async () => {
      await somethingOpen();
      return { method: 'GET', path: `/api/systems/${ctx.systemId}/oscal/poam` };
    },
    'GET /api/audits/:id/oscal/assessment-results': async (role) => {
      const sample = await audits['GET /api/audits/:id']!(role);
      return { method: 'GET', path: `${sample.path}/oscal/assessment-results` };
    },
    'POST /api/audits/:id/oscal/assessment-results': async (role) => {
      const sample = await audits['POST /api/audits/:id/findings']!(role);
      return { method: 'POST', path: sample.path.replace(/\/findings$/, '/oscal/assessment-results'), body: EXAMPLE };
    },
    'GET /api/lab/gates/:id/oscal/assessment-results': async (role) => {
      const sample = await gates['GET /api/lab/gates/:id']!(role);
      return { method: 'GET', path: `${sample.path}/oscal/assessment-results` };
    },
  };
}
