import type { MatrixContext, SampleFactory } from './context.js';

/** The audit package of a system and of an audit (issue #10, point 6). */
export function auditPackageSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  let auditId: string | null = null;
  /** One audit of the matrix system, created on first use. */
  async function audit() {
    auditId ??= (await ctx.t.services.auditProgramme.create(ctx.actor, {
      title: 'Paketprüfung', kind: 'internal-aims', orgUnitId: ctx.unit, scope: { systemIds: [ctx.systemId], orgUnitIds: [], catalogIds: [], requirementPrefixes: [] },
      plannedStart: '2026-12-01', plannedEnd: '2026-12-02',
    })).id;
    return auditId;
  }
  return {
    'GET /api/systems/:id/audit-package': async () => ({ method: 'GET', path: `/api/systems/${ctx.systemId}/audit-package` }),
    'GET /api/audits/:id/package': async () => ({ method: 'GET', path: `/api/audits/${await audit()}/package` }),
  };
}
