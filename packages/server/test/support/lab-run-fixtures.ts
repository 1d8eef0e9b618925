import { createHash, randomUUID } from 'node:crypto';
import { addCalendarDays, LabPlanCreate, officeToday, type LabTestCaseInput, type Role } from '@konform/core';
import type { Actor } from '../../src/access/actor.js';
import type { TestApp } from './test-app.js';

/**
 * Builders for what a test run needs, through the services: a validated method, a verified (or expired) environment,
 * a model version with a manifest, a fixed plan. The actor is a person (validations and authorisations name one).
 */
export function personActor(user: { id: string; email: string }, roles: { orgUnitId: string; role: Role }[]): Actor {
  return { userId: user.id, label: `Test User <${user.email}>`, assignments: roles, clientAddress: null, via: 'session', clearance: 'offen' };
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export async function validatedMethod(t: TestApp, actor: Actor, orgUnitId: string, name = `Methode ${randomUUID().slice(0, 6)}`, metrics: string[] = ['acc']) {
  const method = await t.services.labMethods.create(actor, {
    orgUnitId, name, harness: 'lm-evaluation-harness', harnessVersion: '0.4.5', description: '',
    configuration: { task: 'beep', prompts: [], decoding: {}, metrics: metrics.map((m) => ({ name: m, unit: '', higherIsBetter: true, description: '' })) },
  });
  await t.services.labMethods.validate(actor, method.id, { result: 'passed', report: 'Referenzvergleich' });
  return method;
}

export function authorise(t: TestApp, actor: Actor, methodId: string, userId: string) {
  return t.services.labMethods.authorise(actor, methodId, { userId, note: '' });
}

/** A verified environment, or one whose only verification ran out last year. */
export async function environment(t: TestApp, actor: Actor, orgUnitId: string, state: 'verified' | 'expired' = 'verified') {
  const env = await t.services.labEnvironments.create(actor, {
    orgUnitId, name: `GPU-Knoten ${randomUUID().slice(0, 6)}`, hardware: { cpu: '', gpuModel: 'H100', gpuCount: 1, memoryGb: 80 }, driverVersion: '550.54',
    runtime: { python: '3.11', cuda: '12.4', other: '' }, containerDigest: null, location: 'Bonn', notes: '', verificationValidityMonths: 6,
  });
  const verifiedOn = state === 'verified' ? officeToday() : addCalendarDays(officeToday(), -400);
  await t.services.labEnvironments.verify(actor, env.id, {
    referenceRun: 'Referenzlauf', metric: 'acc', expectedValue: 0.7, measuredValue: 0.7, tolerance: 0.01, verifiedOn, validUntil: addCalendarDays(verifiedOn, state === 'verified' ? 180 : 30), notes: '',
  });
  return env;
}

/** A model with one version; the manifest digest is what a pipeline would send. */
export async function modelVersion(t: TestApp, actor: Actor, orgUnitId: string) {
  const model = await t.services.models.create(actor, { name: `Modell ${randomUUID().slice(0, 6)}`, kind: 'llm', orgUnitId });
  const version = await t.services.models.createVersion(actor, model.id, { label: '1.0', receivedOn: officeToday(), manifest: [{ path: 'model.safetensors', sha256: sha(randomUUID()) }] });
  return { modelId: model.id, versionId: version.id, digest: version.manifestDigest };
}

export type CaseSpec = Pick<LabTestCaseInput, 'key' | 'metric' | 'comparator' | 'threshold' | 'methodId'> & Partial<LabTestCaseInput>;

/** A plan of a system or a model, fixed unless `draft`. */
export async function fixedPlan(t: TestApp, actor: Actor, of: { systemId: string } | { modelId: string; orgUnitId?: string }, cases: CaseSpec[], draft = false) {
  const plan = await t.services.labPlans.create(actor, LabPlanCreate.parse({ ...of, name: `Prüfplan ${randomUUID().slice(0, 6)}`, cases: cases.map((c) => ({ name: `Testfall ${c.key}`, ...c })) }));
  return draft ? plan : t.services.labPlans.fix(actor, plan.id, { version: plan.version });
}

/** `item=model:<versionId>:<digest>` for the query string. */
export const itemParam = (v: { versionId: string; digest: string }, type = 'model') => `item=${type}:${v.versionId}:${v.digest}`;
