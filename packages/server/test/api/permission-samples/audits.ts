import { randomUUID } from 'node:crypto';
import type { Role } from '@konform/core';
import type { MatrixContext, SampleFactory } from './context.js';

/** Audit programme, checklists and findings (#10). */
export function auditSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;
  const svc = () => ctx.t.services;

  /** A planned audit of the matrix system; the auditor role's user is named auditor (the others would not be independent). */
  function newAudit(role: Role) {
    return svc().auditProgramme.create(actor, {
      title: `Audit ${randomUUID().slice(0, 6)}`, kind: 'internal-aims', orgUnitId: ctx.unit,
      scope: { systemIds: [ctx.systemId], orgUnitIds: [], catalogIds: [], requirementPrefixes: [] },
      auditorIds: role === 'auditor' ? [ctx.users.get('auditor')!.id] : [], plannedStart: '2026-12-01', plannedEnd: '2026-12-02',
    });
  }
  async function runningAudit(role: Role) {
    const audit = await newAudit(role);
    return svc().auditProgramme.transition(actor, audit.id, { version: audit.version, to: 'in-progress' });
  }
  async function auditWithFinding(role: Role) {
    const audit = await runningAudit(role);
    const finding = await svc().auditFindings.create(actor, audit.id, { title: 'Befund', description: '', severity: 'minor' });
    return { audit, finding };
  }

  return {
    'GET /api/audits': async () => ({ method: 'GET', path: '/api/audits?year=2026&status=planned&kind=internal-aims' }),
    'POST /api/audits': async () => ({
      method: 'POST', path: '/api/audits',
      body: { title: 'Geplantes Audit', kind: 'certification', orgUnitId: ctx.unit, scope: { systemIds: [ctx.systemId] }, plannedStart: '2026-12-01', plannedEnd: '2026-12-02' },
    }),
    'GET /api/audits/:id': async (role) => ({ method: 'GET', path: `/api/audits/${(await newAudit(role)).id}` }),
    'PATCH /api/audits/:id': async (role) => {
      const audit = await newAudit(role);
      return { method: 'PATCH', path: `/api/audits/${audit.id}`, body: { version: audit.version, objective: 'Neu' } };
    },
    'POST /api/audits/:id/transition': async (role) => {
      const audit = await newAudit(role);
      return { method: 'POST', path: `/api/audits/${audit.id}/transition`, body: { version: audit.version, to: 'in-progress' } };
    },
    'POST /api/audits/:id/follow-up': async (role) => {
      const { audit } = await auditWithFinding(role);
      return { method: 'POST', path: `/api/audits/${audit.id}/follow-up`, body: { plannedStart: '2027-01-10', plannedEnd: '2027-01-11' } };
    },
    'GET /api/audits/:id/checklist': async (role) => ({ method: 'GET', path: `/api/audits/${(await runningAudit(role)).id}/checklist` }),
    'POST /api/audits/:id/checklist': async (role) => ({ method: 'POST', path: `/api/audits/${(await runningAudit(role)).id}/checklist` }),
    'PATCH /api/audits/:id/checklist/:itemId': async (role) => {
      const audit = await runningAudit(role);
      const [item] = (await svc().auditChecklist.list(actor, audit.id)).items;
      return { method: 'PATCH', path: `/api/audits/${audit.id}/checklist/${item!.id}`, body: { version: item!.version, result: 'conform' } };
    },
    'GET /api/audits/:id/findings': async (role) => ({ method: 'GET', path: `/api/audits/${(await auditWithFinding(role)).audit.id}/findings` }),
    'POST /api/audits/:id/findings': async (role) => ({
      method: 'POST', path: `/api/audits/${(await runningAudit(role)).id}/findings`, body: { title: 'Beobachtung', severity: 'observation' },
    }),
    'POST /api/audits/:id/findings/:findingId/accept': async (role) => {
      const { audit, finding } = await auditWithFinding(role);
      return { method: 'POST', path: `/api/audits/${audit.id}/findings/${finding.id}/accept`, body: { version: finding.version, reason: 'Getragen' } };
    },
  };
}
