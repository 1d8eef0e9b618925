import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { LabPlanCreate, LabVerificationCreate } from '@konform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { insertLabRun } from '../support/lab-run-rows.js';
import { systemActor } from '../../src/access/actor.js';
import { assertExportValid } from '../../src/modules/oscal/validate.js';
import { HttpProblem } from '../../src/http/errors.js';

type User = { id: string; email: string; client: TestClient };

/** NIST's schemas as shipped with the server, compiled here on their own: the test does not trust the server's check. */
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;
function schema(model: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(new URL(`../../assets/oscal/oscal_${model}_schema.json`, import.meta.url), 'utf8')) as object);
}
const validators = { component: schema('component'), 'assessment-results': schema('assessment-results'), poam: schema('poam') };
function expectValid(model: keyof typeof validators, document: unknown) {
  const validate = validators[model];
  expect(validate(document), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
}
const V4_OR_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Every `uuid` in a document, to check they are v4/v5 and unique. */
function uuidsOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => uuidsOf(v, into));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { if (k === 'uuid') into.push(v as string); else uuidsOf(v, into); }
  return into;
}
const EXAMPLE = JSON.parse(readFileSync(new URL('../fixtures/oscal/content/ifa_assessment-results-example.json', import.meta.url), 'utf8'));

let t: TestApp;
let unit: string;
let owner: User;
let auditor: User;
let governance: User;
let outsider: User;
let systemId: string;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  const otherUnit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  auditor = await t.newUser([{ orgUnitId: unit, role: 'auditor' }]);
  governance = await t.newUser([{ orgUnitId: otherUnit, role: 'governance' }]);
  outsider = await t.newUser([{ orgUnitId: otherUnit, role: 'owner' }]);
  systemId = (await t.newSystem(owner.client, unit, { name: 'Bescheid-Assistent' })).id;
});
afterAll(async () => t.close());

async function runningAudit() {
  const plan = await governance.client.post('/api/audits', {
    title: `OSCAL-Audit ${randomUUID().slice(0, 6)}`, kind: 'internal-aims', orgUnitId: unit, objective: 'Wirksamkeit prüfen',
    scope: { systemIds: [systemId], orgUnitIds: [], catalogIds: ['iso-42001'], requirementPrefixes: [] },
    auditorIds: [auditor.id], plannedStart: '2026-12-01', plannedEnd: '2026-12-03',
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const started = await governance.client.post(`/api/audits/${plan.body.id}/transition`, { version: plan.body.version, to: 'in-progress' });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return started.body as { id: string };
}

async function findingCount(auditId: string) {
  return Number((await t.db.database.db.selectFrom('audit_finding').select((eb) => eb.fn.countAll().as('n')).where('audit_id', '=', auditId).executeTakeFirstOrThrow()).n);
}

describe('OSCAL component definition', () => {
  it('exports the system with its applicable requirements and measures, valid against the 1.2.2 schema', async () => {
    expect((await owner.client.post(`/api/systems/${systemId}/measures`, { measureId: 'm-logging', status: 'implemented', note: 'Log-Server' })).status).toBeLessThan(300);
    const matrix = (await owner.client.get(`/api/systems/${systemId}/requirements?catalog=iso-42001`)).body.items as { requirementId: string; version: number }[];
    const key = matrix.find((r) => r.requirementId === 'iso-42001:a-6-2-8')?.requirementId ?? matrix.at(-1)!.requirementId;
    const patched = await owner.client.patch(`/api/systems/${systemId}/requirements/${key}`, { version: 0, status: 'in-progress' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    const reply = await owner.client.get(`/api/systems/${systemId}/oscal/component-definition?catalog=iso-42001`);
    expect(reply.status, JSON.stringify(reply.body).slice(0, 500)).toBe(200);
    expect(reply.headers.get('content-disposition')).toContain('component-definition.json');
    const doc = reply.body;
    expectValid('component', doc);
    const component = doc['component-definition'].components[0];
    expect(component.title).toBe('Bescheid-Assistent');
    const [impl] = component['control-implementations'];
    expect(impl.source).toContain('/api/catalogs/iso-42001/export?format=oscal');
    const requirement = impl['implemented-requirements'].find((r: any) => r.props.some((p: any) => p.name === 'requirement-key' && p.value === key));
    expect(requirement.props).toEqual(expect.arrayContaining([{ name: 'implementation-status', value: 'partial' }, expect.objectContaining({ name: 'requirement-status', value: 'in-progress' })]));
    const withMeasure = impl['implemented-requirements'].find((r: any) => r.props.some((p: any) => p.name === 'measure' && p.value === 'm-logging (implemented)'));
    expect(withMeasure, 'a requirement advanced by m-logging').toBeDefined();
    const uuids = uuidsOf(doc);
    expect(uuids.every((u) => V4_OR_V5.test(u))).toBe(true);
    expect(new Set(uuids).size).toBe(uuids.length);
    // Records keep their UUIDs from one export to the next; the document gets a new one.
    const again = (await owner.client.get(`/api/systems/${systemId}/oscal/component-definition?catalog=iso-42001`)).body;
    expect(again['component-definition'].components[0].uuid).toBe(component.uuid);
    expect(again['component-definition'].uuid).not.toBe(doc['component-definition'].uuid);
  });

  it('names the field for an unknown or missing catalogue and refuses readers outside the unit', async () => {
    const unknown = await owner.client.get(`/api/systems/${systemId}/oscal/component-definition?catalog=nope`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('catalog');
    expect((await owner.client.get(`/api/systems/${systemId}/oscal/component-definition`)).body.errors[0].path).toBe('catalog');
    expect((await outsider.client.get(`/api/systems/${systemId}/oscal/component-definition?catalog=iso-42001`)).status).toBe(403);
  });
});

describe('OSCAL assessment results of an audit', () => {
  it('exports recorded checklist items as observations and findings with their targets', async () => {
    const audit = await runningAudit();
    const items = (await auditor.client.get(`/api/audits/${audit.id}/checklist`)).body.items as { id: string; version: number; requirementKey: string }[];
    expect(items.length).toBeGreaterThan(1);
    await auditor.client.patch(`/api/audits/${audit.id}/checklist/${items[0]!.id}`, { version: items[0]!.version, result: 'minor-nonconformity', notes: 'Richtlinie fehlt' });
    await auditor.client.patch(`/api/audits/${audit.id}/checklist/${items[1]!.id}`, { version: items[1]!.version, result: 'conform', notes: '' });
    const finding = await auditor.client.post(`/api/audits/${audit.id}/findings`, { checklistItemId: items[0]!.id, title: 'KI-Richtlinie fehlt', description: 'Keine *Richtlinie*.' });
    expect(finding.status, JSON.stringify(finding.body)).toBe(201);
    await auditor.client.post(`/api/audits/${audit.id}/findings`, { title: 'Beobachtung ohne Anforderung', severity: 'observation' });

    const reply = await auditor.client.get(`/api/audits/${audit.id}/oscal/assessment-results`);
    expect(reply.status, JSON.stringify(reply.body).slice(0, 500)).toBe(200);
    expectValid('assessment-results', reply.body);
    const [result] = reply.body['assessment-results'].results;
    expect(result.observations).toHaveLength(2);
    expect(result.findings).toHaveLength(2);
    const minor = result.findings.find((f: any) => f.title === 'KI-Richtlinie fehlt');
    expect(minor.target).toMatchObject({ 'target-id': items[0]!.requirementKey.split(':')[1], status: { state: 'not-satisfied' } });
    expect(minor['related-observations']).toHaveLength(1);
    expect(result.findings.find((f: any) => f.title === 'Beobachtung ohne Anforderung').target.status.state).toBe('satisfied');
    expect(uuidsOf(reply.body).every((u) => V4_OR_V5.test(u))).toBe(true);
  });

  it('exports an audit with nothing recorded yet (no empty arrays)', async () => {
    const audit = await runningAudit();
    const reply = await auditor.client.get(`/api/audits/${audit.id}/oscal/assessment-results`);
    expectValid('assessment-results', reply.body);
    expect(reply.body['assessment-results'].results[0]).not.toHaveProperty('findings');
    expect((await outsider.client.get(`/api/audits/${audit.id}/oscal/assessment-results`)).status).toBe(403);
  });
});

describe('OSCAL assessment results import', () => {
  it("imports NIST's example as findings; a not-satisfied finding opens a non-conformity; a second import skips it", async () => {
    const audit = await runningAudit();
    const reply = await auditor.client.post(`/api/audits/${audit.id}/oscal/assessment-results`, EXAMPLE);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ created: 1, skipped: [] });
    const findings = (await auditor.client.get(`/api/audits/${audit.id}/findings`)).body.items;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ title: "GoodRead AwesomeCloud Account's System Engineer Role Permits High Risk Actions", severity: 'minor', status: 'open' });
    expect(findings[0].nonconformityId).not.toBeNull();
    expect(findings[0].description).toContain('OSCAL finding 45d8a6c2-1368-4bad-9ba0-7141f0a32889');
    expect(findings[0].description).toContain('objective-id ac-6.1_obj: not-satisfied');
    const events = await t.db.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', audit.id).execute();
    expect(events.map((e) => e.action)).toContain('audit.oscal-import');

    const again = await auditor.client.post(`/api/audits/${audit.id}/oscal/assessment-results`, EXAMPLE);
    expect(again.body).toMatchObject({ created: 0, skipped: ['45d8a6c2-1368-4bad-9ba0-7141f0a32889'] });
    expect(await findingCount(audit.id)).toBe(1);
  });

  it("round-trips Konform's own export: severity and requirement keys carry over", async () => {
    const source = await runningAudit();
    await auditor.client.post(`/api/audits/${source.id}/findings`, { title: 'Schwerer Befund', severity: 'major', requirementKeys: ['iso-42001:a-5-2'] });
    const exported = (await auditor.client.get(`/api/audits/${source.id}/oscal/assessment-results`)).body;
    const target = await runningAudit();
    const reply = await auditor.client.post(`/api/audits/${target.id}/oscal/assessment-results`, exported);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const [finding] = (await auditor.client.get(`/api/audits/${target.id}/findings`)).body.items;
    expect(finding).toMatchObject({ title: 'Schwerer Befund', severity: 'major', requirementKeys: ['iso-42001:a-5-2'] });
  });

  it('refuses a malformed document naming the JSON path and stores nothing', async () => {
    const audit = await runningAudit();
    const broken = structuredClone(EXAMPLE);
    // A valid first finding followed by a broken second one: the first must not be stored either.
    const first = broken['assessment-results'].results[0].findings[0];
    broken['assessment-results'].results[0].findings.push({ ...first, uuid: randomUUID(), target: { ...first.target, status: {} } });
    const reply = await auditor.client.post(`/api/audits/${audit.id}/oscal/assessment-results`, broken);
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: any) => e.path)).toContain('$.assessment-results.results[0].findings[1].target.status');
    expect(await findingCount(audit.id)).toBe(0);

    const noUuid = structuredClone(EXAMPLE);
    delete noUuid['assessment-results'].uuid;
    expect((await auditor.client.post(`/api/audits/${audit.id}/oscal/assessment-results`, noUuid)).body.errors[0].path).toBe('$.assessment-results');
    const syntax = await auditor.client.request('POST', `/api/audits/${audit.id}/oscal/assessment-results`, '{"assessment-results": ', { 'content-type': 'application/json' });
    expect(syntax.status).toBe(400);
    const other = await auditor.client.post(`/api/audits/${audit.id}/oscal/assessment-results`, { catalog: {} });
    expect(other.body.errors[0].path).toBe('$.assessment-results');
    expect(await findingCount(audit.id)).toBe(0);
  });

  it('rolls everything back when a finding cannot be written, and refuses users who may not record', async () => {
    const audit = await runningAudit();
    // An auditor of the unit who is not named on the audit records nothing there.
    const unnamed = await t.newUser([{ orgUnitId: unit, role: 'auditor' }]);
    expect((await unnamed.client.post(`/api/audits/${audit.id}/oscal/assessment-results`, EXAMPLE)).status).toBe(403);
    expect((await outsider.client.post(`/api/audits/${audit.id}/oscal/assessment-results`, EXAMPLE)).status).toBe(403);
    expect(await findingCount(audit.id)).toBe(0);
    const planned = await governance.client.post('/api/audits', {
      title: 'Noch geplant', kind: 'internal-aims', orgUnitId: unit, objective: '', scope: { systemIds: [systemId], orgUnitIds: [], catalogIds: [], requirementPrefixes: [] },
      auditorIds: [auditor.id], plannedStart: '2026-12-01', plannedEnd: '2026-12-03',
    });
    const refused = await auditor.client.post(`/api/audits/${planned.body.id}/oscal/assessment-results`, EXAMPLE);
    expect(refused.status).toBe(409);
    expect(await findingCount(planned.body.id)).toBe(0);
  });
});

describe('OSCAL plan of action and milestones', () => {
  it('exports open non-conformities with their actions and open findings; 409 when nothing is open', async () => {
    const quiet = (await t.newSystem(owner.client, unit, { name: 'Ruhiges System' })).id;
    const empty = await owner.client.get(`/api/systems/${quiet}/oscal/poam`);
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('nothing-open');

    const audit = await runningAudit();
    await auditor.client.post(`/api/audits/${audit.id}/findings`, { title: 'Protokolle unvollständig', severity: 'minor', systemId, requirementKeys: ['iso-42001:a-6-2-8'] });
    await auditor.client.post(`/api/audits/${audit.id}/findings`, { title: 'Nur eine Beobachtung', severity: 'observation', systemId });
    const reply = await owner.client.get(`/api/systems/${systemId}/oscal/poam`);
    expect(reply.status, JSON.stringify(reply.body).slice(0, 500)).toBe(200);
    expectValid('poam', reply.body);
    const poam = reply.body['plan-of-action-and-milestones'];
    const risk = poam.risks.find((r: any) => r.title === 'Protokolle unvollständig');
    expect(risk).toMatchObject({ status: 'open' });
    expect(risk.remediations[0]).toMatchObject({ lifecycle: 'planned' });
    const item = poam['poam-items'].find((i: any) => i.title === 'Protokolle unvollständig');
    expect(item['related-risks']).toEqual([{ 'risk-uuid': risk.uuid }]);
    expect(item['related-findings']).toHaveLength(1);
    expect(poam['poam-items'].some((i: any) => i.title === 'Nur eine Beobachtung')).toBe(true);
    expect((await outsider.client.get(`/api/systems/${systemId}/oscal/poam`)).status).toBe(403);
  });
});

describe('OSCAL assessment results of a release gate', () => {
  it('exports the checks as findings and the case results as observations', async () => {
    const actor = systemActor('oscal test');
    const lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
    const admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
    const manager = { ...actor, userId: admin.id, label: `Admin <${admin.email}>` };
    const s = t.services;
    const method = await s.labMethods.create(manager, {
      orgUnitId: unit, name: `Methode ${randomUUID().slice(0, 6)}`, harness: 'own-script', harnessVersion: '1.0',
      configuration: { task: 'asr', prompts: [], decoding: {}, metrics: [{ name: 'acc', unit: '', higherIsBetter: true, description: '' }] }, description: '',
    });
    await s.labMethods.validate(manager, method.id, { result: 'passed', report: 'Referenzvergleich' });
    const environment = await s.labEnvironments.create(actor, {
      orgUnitId: unit, name: `Umgebung ${randomUUID().slice(0, 6)}`, hardware: { cpu: '', gpuModel: 'H100', gpuCount: 1, memoryGb: 80 }, driverVersion: '550.54',
      runtime: { python: '3.11', cuda: '12.4', other: '' }, containerDigest: null, location: '', notes: '', verificationValidityMonths: 6,
    });
    await s.labEnvironments.verify(manager, environment.id, LabVerificationCreate.parse({ referenceRun: 'golden', expectedValue: 0.7, measuredValue: 0.7, tolerance: 0.01 }));
    const model = await s.models.create(actor, { name: `Modell ${randomUUID().slice(0, 6)}`, kind: 'classifier', orgUnitId: unit });
    const version = await s.models.createVersion(actor, model.id, { label: '1.0', receivedOn: '2026-11-01', manifest: [{ path: 'weights.bin', sha256: randomUUID().replaceAll('-', '').repeat(2) }] });
    const gateSystem = (await t.newSystem(owner.client, unit, { name: 'Gate-System' })).id;
    await s.systemItems.update(actor, gateSystem, { version: 0, items: [{ type: 'model', versionId: version.id, role: 'in-operation' }] });
    const plan = await s.labPlans.create(manager, LabPlanCreate.parse({
      systemId: gateSystem, name: 'Prüfplan', cases: [{ key: 'TC-01', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.9, methodId: method.id }],
    }));
    const fixed = await s.labPlans.fix(manager, plan.id, { version: plan.version });
    await insertLabRun(t.db.database.db, {
      planId: plan.id, orgUnitId: unit, systemId: gateSystem, methodId: method.id, environmentId: environment.id, operatorId: lab.id,
      items: [{ type: 'model', versionId: version.id }], results: [{ caseId: fixed.cases[0]!.id, metric: 'acc', value: 0.95, verdict: 'pass' }],
    });
    const gate = await s.labGates.create(manager, { systemId: gateSystem, planId: plan.id, title: 'Freigabe zum Betrieb' });

    const reply = await lab.client.get(`/api/lab/gates/${gate.id}/oscal/assessment-results`);
    expect(reply.status, JSON.stringify(reply.body).slice(0, 500)).toBe(200);
    expectValid('assessment-results', reply.body);
    const [result] = reply.body['assessment-results'].results;
    expect(result.findings.map((f: any) => f.target['target-id'])).toContain('konform-gate-mandatory-cases');
    expect(result.observations[0]).toMatchObject({ title: 'TC-01 Genauigkeit', methods: ['TEST'] });
    expect((await outsider.client.get(`/api/lab/gates/${gate.id}/oscal/assessment-results`)).status).toBe(403);
  });
});

describe('the check before serving', () => {
  it('refuses an invalid document with a problem naming the JSON path (an empty array is invalid in OSCAL)', () => {
    const broken = { 'component-definition': { uuid: randomUUID(), metadata: { title: 'x', 'last-modified': new Date().toISOString(), version: '1', 'oscal-version': '1.2.2' }, components: [] } };
    let problem: unknown;
    try { assertExportValid('component', broken); } catch (error) { problem = error; }
    expect(problem).toBeInstanceOf(HttpProblem);
    expect((problem as HttpProblem).errors?.[0]?.path).toBe('$.component-definition.components');
    expect(validators.component(broken)).toBe(false);
  });
});
