import { randomUUID } from 'node:crypto';
import type { MatrixContext, SampleFactory } from './context.js';
import { TEST_PASSWORD } from '../../support/test-app.js';

/** Retention periods and erasure of personal data (organisation-wide; privacy.manage). Each erasure gets a fresh user. */
export function privacySamples(ctx: MatrixContext): Record<string, SampleFactory> {
  async function newPerson(): Promise<string> {
    return (await ctx.t.services.users.create(ctx.actor, { email: `erase-${randomUUID().slice(0, 8)}@test.example`, displayName: 'Zu Löschen', password: TEST_PASSWORD, locale: 'de', roles: [] })).id;
  }
  return {
    'GET /api/privacy/retention': async () => ({ method: 'GET', path: '/api/privacy/retention' }),
    'PUT /api/privacy/retention/:recordType': async () => {
      const current = (await ctx.t.services.privacy.policies(ctx.actor)).find((p) => p.recordType === 'complaint')!;
      return { method: 'PUT', path: '/api/privacy/retention/complaint', body: { months: current.months, version: current.version } };
    },
    'POST /api/privacy/retention/run': async () => ({ method: 'POST', path: '/api/privacy/retention/run' }),
    'GET /api/privacy/erasure/:id': async () => ({ method: 'GET', path: `/api/privacy/erasure/${await newPerson()}` }),
    'POST /api/privacy/erasure/:id': async () => ({ method: 'POST', path: `/api/privacy/erasure/${await newPerson()}`, body: { reason: 'Antrag nach Art. 17 DSGVO', confirm: true } }),
  };
}
