import { TEST_PASSWORD } from '../../support/test-app.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Incidents (Art. 73) and complaints / explanation requests (Art. 85, 86). */
export function incidentSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;

  /** A serious incident of the matrix system, assessed. */
  async function newIncident() {
    const inc = await ctx.t.services.incidents.create(actor, {
      systemId: ctx.systemId, title: 'Fehlentscheidung', awareAt: '2026-11-20T09:00:00Z',
      assessment: { death: false, seriousHealthHarm: true, criticalInfrastructure: false, fundamentalRights: false, propertyOrEnvironment: false, widespread: false },
    });
    return ctx.t.services.incidents.transition(actor, inc.id, { version: inc.version, to: 'assessed' });
  }
  const newComplaint = () => ctx.t.services.complaints.create(actor, { systemId: ctx.systemId, kind: 'complaint', receivedOn: '2026-11-20', subject: 'Beschwerde' });

  return {
    'GET /api/incidents': async () => ({ method: 'GET', path: `/api/incidents?systemId=${ctx.systemId}&open=true` }),
    'POST /api/incidents': async () => ({ method: 'POST', path: '/api/incidents', body: { systemId: ctx.systemId, title: 'Ausfall', awareAt: '2026-11-20T09:00:00Z' } }),
    'GET /api/incidents/settings': async () => ({ method: 'GET', path: '/api/incidents/settings' }),
    'PUT /api/incidents/settings': async () => ({ method: 'PUT', path: '/api/incidents/settings', body: { countingRule: 'calendar-days' } }),
    'GET /api/incidents/:id': async () => ({ method: 'GET', path: `/api/incidents/${(await newIncident()).id}` }),
    'PATCH /api/incidents/:id': async () => {
      const inc = await newIncident();
      return { method: 'PATCH', path: `/api/incidents/${inc.id}`, body: { version: inc.version, harm: 'Verzögerung' } };
    },
    'POST /api/incidents/:id/transition': async () => {
      const inc = await ctx.t.services.incidents.create(actor, { systemId: ctx.systemId, title: 'Kein schwerer Vorfall', awareAt: '2026-11-20T09:00:00Z', assessment: { death: false, seriousHealthHarm: false, criticalInfrastructure: false, fundamentalRights: false, propertyOrEnvironment: false, widespread: false } });
      return { method: 'POST', path: `/api/incidents/${inc.id}/transition`, body: { version: inc.version, to: 'assessed' } };
    },
    'POST /api/incidents/:id/reports': async () => {
      const inc = await newIncident();
      return { method: 'POST', path: `/api/incidents/${inc.id}/reports`, body: { version: inc.version, kind: 'initial', submittedAt: '2026-11-21T09:00:00Z', channel: 'Portal', password: TEST_PASSWORD } };
    },
    'GET /api/incidents/:id/report': async () => ({ method: 'GET', path: `/api/incidents/${(await newIncident()).id}/report?format=md` }),
    'GET /api/complaints': async () => ({ method: 'GET', path: `/api/complaints?systemId=${ctx.systemId}&overdue=false` }),
    'POST /api/complaints': async () => ({ method: 'POST', path: '/api/complaints', body: { systemId: ctx.systemId, kind: 'explanation-request', receivedOn: '2026-11-20', subject: 'Erläuterung' } }),
    'GET /api/complaints/:id': async () => ({ method: 'GET', path: `/api/complaints/${(await newComplaint()).id}` }),
    'PATCH /api/complaints/:id': async () => {
      const c = await newComplaint();
      return { method: 'PATCH', path: `/api/complaints/${c.id}`, body: { version: c.version, answer: 'Antwort', answeredOn: '2026-11-25' } };
    },
  };
}
