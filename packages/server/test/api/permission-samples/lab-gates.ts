import { randomUUID } from 'node:crypto';
import { LabPlanCreate, LabVerificationCreate, type Role } from '@konform/core';
import { TEST_PASSWORD } from '../../support/test-app.js';
import { insertLabRun } from '../../support/lab-run-rows.js';
import { labManager, testManifest } from './helpers.js';
import type { MatrixContext, SampleFactory } from './context.js';

/**
 * Release gates (#8 point 6). Every sample brings its own system (one open gate per subject) with a model version in
 * operation, a fixed plan and a passing run, so that a release signature can succeed for each role allowed to sign.
 */
export function labGateSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  /** A system in `unit` ready for a gate: a linked model version, a fixed plan of one case, a passing run. */
  async function gateSubject(unit = ctx.unit) {
    const manager = await labManager(ctx);
    const { services } = ctx.t;
    const method = await services.labMethods.create(manager, {
      orgUnitId: ctx.unit, name: `Methode ${randomUUID().slice(0, 6)}`, harness: 'own-script', harnessVersion: '1.0',
      configuration: { task: 'asr', prompts: [], decoding: {}, metrics: [{ name: 'acc', unit: '', higherIsBetter: true, description: '' }] }, description: '',
    });
    await services.labMethods.validate(manager, method.id, { result: 'passed', report: 'Referenzvergleich' });
    const environment = await services.labEnvironments.create(ctx.actor, {
      orgUnitId: ctx.unit, name: `Umgebung ${randomUUID().slice(0, 6)}`, hardware: { cpu: '', gpuModel: 'H100', gpuCount: 1, memoryGb: 80 }, driverVersion: '550.54',
      runtime: { python: '3.11', cuda: '12.4', other: '' }, containerDigest: null, location: '', notes: '', verificationValidityMonths: 6,
    });
    await services.labEnvironments.verify(manager, environment.id, LabVerificationCreate.parse({ referenceRun: 'golden', expectedValue: 0.7, measuredValue: 0.7, tolerance: 0.01 }));
    const system = await services.systems.create(ctx.actor, {
      name: `Freigabe ${randomUUID().slice(0, 6)}`, shortName: '', purpose: 'Test', description: '', orgUnitId: unit, responsible: '', lifecycleStage: 'planned',
      roles: ['deployer'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
    });
    const model = await services.models.create(ctx.actor, { name: `Modell ${randomUUID().slice(0, 6)}`, kind: 'classifier', orgUnitId: ctx.unit });
    const version = await services.models.createVersion(ctx.actor, model.id, { label: '1.0', receivedOn: '2026-11-01', manifest: testManifest() });
    await services.systemItems.update(ctx.actor, system.id, { version: 0, items: [{ type: 'model', versionId: version.id, role: 'in-operation' }] });
    const plan = await services.labPlans.create(manager, LabPlanCreate.parse({
      systemId: system.id, name: `Prüfplan ${randomUUID().slice(0, 6)}`, cases: [{ key: 'TC-01', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.9, methodId: method.id }],
    }));
    const fixed = await services.labPlans.fix(manager, plan.id, { version: plan.version });
    await insertLabRun(ctx.t.db.database.db, {
      planId: plan.id, orgUnitId: unit, systemId: system.id, methodId: method.id, environmentId: environment.id, operatorId: ctx.users.get('lab')!.id,
      items: [{ type: 'model', versionId: version.id }], results: [{ caseId: fixed.cases[0]!.id, metric: 'acc', value: 0.95, verdict: 'pass' }],
    });
    return { systemId: system.id, planId: plan.id };
  }

  async function newGate(unit = ctx.unit) {
    const subject = await gateSubject(unit);
    return ctx.t.services.labGates.create(await labManager(ctx), { ...subject, title: 'Freigabe zum Betrieb' });
  }

  /**
   * The administrator role alone does not count for a release signature; the administrator signs here in a unit of
   * its own where the administrator also holds the lab role (their other grants stay as they are).
   */
  async function signingUnit(role: Role): Promise<string> {
    if (role !== 'admin') return ctx.unit;
    const unit = (await ctx.t.services.orgUnits.create(ctx.actor, { name: `Labor ${randomUUID().slice(0, 6)}`, shortName: '', parentId: ctx.unit })).id;
    const admin = await ctx.t.services.users.get(ctx.actor, ctx.users.get('admin')!.id);
    await ctx.t.services.users.update(ctx.actor, admin.id, { version: admin.version, roles: [...admin.roles.map((r) => ({ orgUnitId: r.orgUnitId, role: r.role })), { orgUnitId: unit, role: 'lab' }] });
    return unit;
  }

  return {
    'GET /api/lab/gates': async () => ({ method: 'GET', path: `/api/lab/gates?orgUnitId=${ctx.unit}&status=open&systemId=${ctx.systemId}&q=matrix` }),
    'POST /api/lab/gates': async () => ({ method: 'POST', path: '/api/lab/gates', body: { ...(await gateSubject()), title: 'Freigabe zum Betrieb' } }),
    'GET /api/lab/gates/:id': async () => ({ method: 'GET', path: `/api/lab/gates/${(await newGate()).id}` }),
    'POST /api/lab/gates/:id/sign': async (role) => ({ method: 'POST', path: `/api/lab/gates/${(await newGate(await signingUnit(role))).id}/sign`, body: { password: TEST_PASSWORD } }),
    'POST /api/lab/gates/:id/withdraw': async () => {
      const gate = await newGate();
      return { method: 'POST', path: `/api/lab/gates/${gate.id}/withdraw`, body: { version: gate.version, reason: 'Falscher Prüfplan' } };
    },
  };
}
