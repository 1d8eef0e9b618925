import { randomUUID } from 'node:crypto';
import { labManager } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Test lab, methods and environments (#8 points 2 and 3): each write brings its own method or environment. */
export function labMethodSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor, users } = ctx;

  /** A lab method of its own in the matrix unit (created as the administrator: validations and authorisations name a person). */
  async function newLabMethod() {
    return ctx.t.services.labMethods.create(await labManager(ctx), { orgUnitId: ctx.unit, name: `Methode ${randomUUID().slice(0, 6)}`, harness: 'lm-evaluation-harness', harnessVersion: '0.4.5', configuration: { task: 'arc_easy', prompts: [], decoding: {}, metrics: [{ name: 'acc', unit: '', higherIsBetter: true, description: '' }] }, description: '' });
  }

  /** A lab environment of its own in the matrix unit. */
  async function newLabEnvironment() {
    return ctx.t.services.labEnvironments.create(actor, {
      orgUnitId: ctx.unit, name: `Umgebung ${randomUUID().slice(0, 6)}`, hardware: { cpu: '', gpuModel: 'H100', gpuCount: 1, memoryGb: 80 }, driverVersion: '550.54', runtime: { python: '3.11', cuda: '12.4', other: '' },
      containerDigest: null, location: '', notes: '', verificationValidityMonths: 6,
    });
  }

  return {
    'GET /api/lab/methods': async () => ({ method: 'GET', path: `/api/lab/methods?orgUnitId=${ctx.unit}&status=validated&q=matrix` }),
    'POST /api/lab/methods': async () => ({
      method: 'POST', path: '/api/lab/methods',
      body: { orgUnitId: ctx.unit, name: `Methode ${randomUUID().slice(0, 6)}`, harness: 'inspect', harnessVersion: '0.3.1', configuration: { task: 'mmlu', metrics: [{ name: 'accuracy', higherIsBetter: true }] } },
    }),
    'GET /api/lab/methods/:id': async () => ({ method: 'GET', path: `/api/lab/methods/${(await newLabMethod()).id}` }),
    'PATCH /api/lab/methods/:id': async () => {
      const method = await newLabMethod();
      return { method: 'PATCH', path: `/api/lab/methods/${method.id}`, body: { version: method.version, harnessVersion: '0.3.2' } };
    },
    'POST /api/lab/methods/:id/validations': async () => ({ method: 'POST', path: `/api/lab/methods/${(await newLabMethod()).id}/validations`, body: { result: 'passed', report: 'Referenzvergleich' } }),
    'GET /api/lab/methods/:id/authorisation-candidates': async () => ({ method: 'GET', path: `/api/lab/methods/${(await newLabMethod()).id}/authorisation-candidates` }),
    'POST /api/lab/methods/:id/authorisations': async () => ({ method: 'POST', path: `/api/lab/methods/${(await newLabMethod()).id}/authorisations`, body: { userId: users.get('lab')!.id } }),
    'DELETE /api/lab/methods/:id/authorisations/:authorisationId': async () => {
      const method = await newLabMethod();
      const authorisation = await ctx.t.services.labMethods.authorise(await labManager(ctx), method.id, { userId: users.get('lab')!.id, note: '' });
      return { method: 'DELETE', path: `/api/lab/methods/${method.id}/authorisations/${authorisation.id}` };
    },
    'GET /api/lab/environments': async () => ({ method: 'GET', path: `/api/lab/environments?orgUnitId=${ctx.unit}&status=verified&q=matrix` }),
    'POST /api/lab/environments': async () => ({ method: 'POST', path: '/api/lab/environments', body: { orgUnitId: ctx.unit, name: `Umgebung ${randomUUID().slice(0, 6)}`, containerDigest: `sha256:${'c'.repeat(64)}` } }),
    'GET /api/lab/environments/:id': async () => ({ method: 'GET', path: `/api/lab/environments/${(await newLabEnvironment()).id}` }),
    'PATCH /api/lab/environments/:id': async () => {
      const env = await newLabEnvironment();
      return { method: 'PATCH', path: `/api/lab/environments/${env.id}`, body: { version: env.version, driverVersion: '560.1' } };
    },
    'POST /api/lab/environments/:id/verifications': async () => ({
      method: 'POST', path: `/api/lab/environments/${(await newLabEnvironment()).id}/verifications`,
      body: { referenceRun: 'golden-run', expectedValue: 0.7, measuredValue: 0.7, tolerance: 0.005 },
    }),
  };
}
