import { randomUUID } from 'node:crypto';
import { VendorAssessmentCreate, VendorCreate } from '@konform/core';
import type { MatrixContext, SampleFactory } from './context.js';

/** Suppliers of procured AI: vendors, their assessments, the documents a procured system is owed. Writes bring their own records. */
export function vendorSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;

  /** A vendor of its own. */
  function newVendor() {
    return ctx.t.services.vendors.create(actor, VendorCreate.parse({ name: `Lieferant ${randomUUID().slice(0, 8)}` }));
  }

  /** A procured system of the matrix unit with a vendor of its own. */
  async function procuredSystem() {
    const vendor = await newVendor();
    return ctx.t.services.systems.create(actor, {
      name: 'Beschafft', shortName: '', purpose: 'Test', description: '', orgUnitId: ctx.unit, responsible: '', lifecycleStage: 'planned',
      roles: ['deployer'], sourcing: 'procured', vendor: '', vendorId: vendor.id, deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
    });
  }

  /** An assessment of a vendor with one finding about a procured system of the matrix unit. */
  async function newAssessment() {
    const system = await procuredSystem();
    return ctx.t.services.vendorAssessments.create(actor, system.vendorId!, VendorAssessmentCreate.parse({
      assessedOn: '2026-11-01', assessor: 'Referat Z 3', result: 'approved', findings: [{ title: 'Meldeweg fehlt', systemId: system.id }],
    }));
  }

  return {
    'GET /api/vendors': async () => ({ method: 'GET', path: '/api/vendors?q=matrix' }),
    'POST /api/vendors': async () => ({ method: 'POST', path: '/api/vendors', body: { name: `Lieferant ${randomUUID().slice(0, 8)}` } }),
    'GET /api/vendors/questionnaire': async () => ({ method: 'GET', path: '/api/vendors/questionnaire' }),
    'GET /api/vendors/:id': async () => ({ method: 'GET', path: `/api/vendors/${(await newVendor()).id}` }),
    'PATCH /api/vendors/:id': async () => {
      const vendor = await newVendor();
      return { method: 'PATCH', path: `/api/vendors/${vendor.id}`, body: { version: vendor.version, phone: '0228 99 123' } };
    },
    'GET /api/vendors/:id/assessments': async () => ({ method: 'GET', path: `/api/vendors/${(await newAssessment()).vendorId}/assessments` }),
    'POST /api/vendors/:id/assessments': async () => ({ method: 'POST', path: `/api/vendors/${(await newVendor()).id}/assessments`, body: { assessedOn: '2026-11-01', assessor: 'Referat Z 3', result: 'approved' } }),
    'GET /api/vendors/:id/assessments/:assessmentId': async () => {
      const assessment = await newAssessment();
      return { method: 'GET', path: `/api/vendors/${assessment.vendorId}/assessments/${assessment.id}` };
    },
    'PATCH /api/vendors/:id/assessments/:assessmentId': async () => {
      const assessment = await newAssessment();
      return { method: 'PATCH', path: `/api/vendors/${assessment.vendorId}/assessments/${assessment.id}`, body: { version: assessment.version, notes: 'Ergänzt' } };
    },
    'POST /api/vendors/:id/assessments/:assessmentId/findings/:findingId/risk': async () => {
      const assessment = await newAssessment();
      return {
        method: 'POST',
        path: `/api/vendors/${assessment.vendorId}/assessments/${assessment.id}/findings/${assessment.findings[0]!.id}/risk`,
        body: { version: assessment.version, systemId: assessment.findings[0]!.systemId },
      };
    },
    'GET /api/systems/:id/supplier-documents': async () => ({ method: 'GET', path: `/api/systems/${(await procuredSystem()).id}/supplier-documents` }),
    'PUT /api/systems/:id/supplier-documents': async () => ({
      method: 'PUT',
      path: `/api/systems/${(await procuredSystem()).id}/supplier-documents`,
      body: { version: 0, items: [{ kind: 'instructions-for-use', status: 'missing', dueDate: '2027-01-31' }] },
    }),
  };
}
