import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationFacts, EMPTY_FRIA_CONTENT, IntakeCreate, ROLES, roleGrants, TaskCreate, VendorAssessmentCreate, VendorCreate, type Role, type RouteAccess } from '@konform/core';
import { buildApp } from '../../src/app.js';
import { systemActor } from '../../src/access/actor.js';
import { FIXTURE_CATALOGS, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';

/**
 * Walks every API route with every role and compares each answer with the permission table:
 * allowed → 2xx, denied → 403. A route without a sample request here fails the test.
 */
let t: TestApp;
let unit: string;
let systemId: string;
let targetUserId: string;
let classifiedSystemId: string;
let revisionId: string;
let signatureId: string;
let intakeId: string;
let evidenceId: string;
const users = new Map<Role, { id: string; email: string; client: TestClient }>();
const actor = systemActor('matrix setup');

interface Sample {
  method: string;
  path: string;
  body?: unknown;
}
type SampleFactory = (role: Role) => Promise<Sample>;

const samples: Record<string, SampleFactory> = {
  'GET /api/notifications': async () => ({ method: 'GET', path: '/api/notifications?unread=true' }),
  'POST /api/notifications/read-all': async () => ({ method: 'POST', path: '/api/notifications/read-all' }),
  'POST /api/notifications/:id/read': async (role) => ({ method: 'POST', path: `/api/notifications/${await notificationFor(users.get(role)!.id)}/read` }),
  'GET /api/openapi.json': async () => ({ method: 'GET', path: '/api/openapi.json' }),
  'GET /api/health': async () => ({ method: 'GET', path: '/api/health' }),
  'POST /api/auth/login': async (role) => ({ method: 'POST', path: '/api/auth/login', body: { email: users.get(role)!.email, password: TEST_PASSWORD } }),
  'POST /api/auth/logout': async () => ({ method: 'POST', path: '/api/auth/logout' }),
  'GET /api/auth/me': async () => ({ method: 'GET', path: '/api/auth/me' }),
  'PATCH /api/auth/preferences': async () => ({ method: 'PATCH', path: '/api/auth/preferences', body: { emailReminders: true } }),
  'POST /api/auth/password': async () => ({ method: 'POST', path: '/api/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } }),
  'GET /api/org-units': async () => ({ method: 'GET', path: '/api/org-units' }),
  'POST /api/org-units': async () => ({ method: 'POST', path: '/api/org-units', body: { name: `Referat ${randomUUID().slice(0, 6)}`, parentId: unit } }),
  'GET /api/org-units/:id': async () => ({ method: 'GET', path: `/api/org-units/${unit}` }),
  'PATCH /api/org-units/:id': async () => {
    const current = await t.services.orgUnits.get(actor, unit);
    return { method: 'PATCH', path: `/api/org-units/${unit}`, body: { version: current.version, shortName: randomUUID().slice(0, 4) } };
  },
  'GET /api/users': async () => ({ method: 'GET', path: '/api/users' }),
  'POST /api/users': async () => ({
    method: 'POST',
    path: '/api/users',
    body: { email: `new-${randomUUID().slice(0, 8)}@test.example`, displayName: 'Neu', password: TEST_PASSWORD, roles: [] },
  }),
  'GET /api/users/:id': async () => ({ method: 'GET', path: `/api/users/${targetUserId}` }),
  'PATCH /api/users/:id': async () => {
    const current = await t.services.users.get(actor, targetUserId);
    return { method: 'PATCH', path: `/api/users/${targetUserId}`, body: { version: current.version, displayName: `Name ${randomUUID().slice(0, 4)}` } };
  },
  'GET /api/systems': async () => ({ method: 'GET', path: '/api/systems' }),
  'POST /api/systems': async () => ({ method: 'POST', path: '/api/systems', body: { name: 'Matrix', purpose: 'Test', orgUnitId: unit, roles: ['deployer'] } }),
  'GET /api/systems/:id': async () => ({ method: 'GET', path: `/api/systems/${systemId}` }),
  'PATCH /api/systems/:id': async () => {
    const current = await t.services.systems.get(actor, systemId);
    return { method: 'PATCH', path: `/api/systems/${systemId}`, body: { version: current.version, description: randomUUID() } };
  },
  'POST /api/systems/:id/archive': async () => {
    const fresh = await t.services.systems.create(actor, {
      name: 'Zum Archivieren', shortName: '', purpose: 'Test', description: '', orgUnitId: unit, responsible: '', lifecycleStage: 'planned',
      roles: ['deployer'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
    });
    return { method: 'POST', path: `/api/systems/${fresh.id}/archive`, body: { version: fresh.version } };
  },
  'GET /api/audit-events': async () => ({ method: 'GET', path: `/api/audit-events?entityType=system&entityId=${systemId}` }),
  'GET /api/audit-events/verify': async () => ({ method: 'GET', path: '/api/audit-events/verify' }),
  'GET /api/tokens': async () => ({ method: 'GET', path: '/api/tokens' }),
  'POST /api/tokens': async () => ({ method: 'POST', path: '/api/tokens', body: { name: 'CI' } }),
  'POST /api/tokens/:id/revoke': async (role) => {
    const owner = await t.services.users.get(actor, users.get(role)!.id);
    const created = await t.services.tokens.create(actor, { name: 'Zum Widerrufen', expiresInDays: 1 }, owner.id);
    return { method: 'POST', path: `/api/tokens/${created.id}/revoke` };
  },
  'POST /api/classification/evaluate': async () => ({ method: 'POST', path: '/api/classification/evaluate', body: { roles: ['deployer'] } }),
  'GET /api/classification/timeline': async () => ({ method: 'GET', path: '/api/classification/timeline' }),
  'GET /api/classification/questionnaire': async () => ({ method: 'GET', path: '/api/classification/questionnaire' }),
  'GET /api/systems/:id/classification': async () => ({ method: 'GET', path: `/api/systems/${classifiedSystemId}/classification` }),
  'PUT /api/systems/:id/classification': async () => ({ method: 'PUT', path: `/api/systems/${systemId}/classification`, body: { facts: {}, answers: {}, note: 'Matrix' } }),
  'GET /api/systems/:id/classification/revisions': async () => ({ method: 'GET', path: `/api/systems/${classifiedSystemId}/classification/revisions` }),
  'POST /api/systems/:id/classification/approve': async () => {
    // A fresh revision decided by someone else each time, so every approver may sign it.
    const fresh = await newSystem('Zur Freigabe');
    await t.services.classification.decide(actor, fresh.id, { facts: ClassificationFacts.parse({}), answers: {}, note: '' });
    return { method: 'POST', path: `/api/systems/${fresh.id}/classification/approve`, body: { revision: 1, password: TEST_PASSWORD } };
  },
  'GET /api/signatures': async () => ({ method: 'GET', path: `/api/signatures?entityType=classification_revision&entityId=${revisionId}` }),
  'GET /api/signatures/:id/verify': async () => ({ method: 'GET', path: `/api/signatures/${signatureId}/verify` }),
  'GET /api/intakes': async () => ({ method: 'GET', path: '/api/intakes' }),
  'POST /api/intakes': async () => ({ method: 'POST', path: '/api/intakes', body: intakeForm() }),
  'GET /api/intakes/:id': async () => ({ method: 'GET', path: `/api/intakes/${intakeId}` }),
  'POST /api/intakes/:id/advice': async () => ({ method: 'POST', path: `/api/intakes/${intakeId}/advice`, body: { text: 'Hinweis' } }),
  'POST /api/intakes/:id/accept': async () => {
    const fresh = await t.services.intakes.submit(actor, IntakeCreate.parse(intakeForm()));
    return { method: 'POST', path: `/api/intakes/${fresh.id}/accept`, body: { version: fresh.version, system: { roles: ['deployer'] } } };
  },
  'POST /api/intakes/:id/decline': async () => {
    const fresh = await t.services.intakes.submit(actor, IntakeCreate.parse(intakeForm()));
    return { method: 'POST', path: `/api/intakes/${fresh.id}/decline`, body: { version: fresh.version, reason: 'Nicht erforderlich' } };
  },
  'GET /api/systems/:id/advice': async () => ({ method: 'GET', path: `/api/systems/${systemId}/advice` }),
  'POST /api/systems/:id/advice': async () => ({ method: 'POST', path: `/api/systems/${systemId}/advice`, body: { text: 'Hinweis' } }),
  'GET /api/evidence': async () => ({ method: 'GET', path: `/api/evidence?systemId=${systemId}` }),
  'POST /api/evidence': async () => ({ method: 'POST', path: '/api/evidence', body: evidenceForm({ systemId, title: 'Matrix-Nachweis' }) }),
  'POST /api/evidence/link': async () => ({ method: 'POST', path: '/api/evidence/link', body: { systemId, url: 'https://example.org/nachweis', title: 'Matrix-Link' } }),
  'GET /api/evidence/:id': async () => ({ method: 'GET', path: `/api/evidence/${evidenceId}` }),
  'PATCH /api/evidence/:id': async () => {
    const current = await t.services.evidence.get(actor, evidenceId);
    return { method: 'PATCH', path: `/api/evidence/${evidenceId}`, body: { version: current.version, owner: randomUUID().slice(0, 6) } };
  },
  'POST /api/evidence/:id/versions': async () => ({ method: 'POST', path: `/api/evidence/${evidenceId}/versions`, body: evidenceForm({}) }),
  'GET /api/evidence/:id/versions/:v/content': async () => ({ method: 'GET', path: `/api/evidence/${evidenceId}/versions/1/content` }),
  'POST /api/evidence/:id/links': async () => ({ method: 'POST', path: `/api/evidence/${evidenceId}/links`, body: { systemId, measureId: `m-${randomUUID().slice(0, 8)}` } }),
  'DELETE /api/evidence/:id/links/:linkId': async () => {
    const link = await t.services.evidence.link(actor, evidenceId, { systemId, measureId: `m-${randomUUID().slice(0, 8)}` });
    return { method: 'DELETE', path: `/api/evidence/${evidenceId}/links/${link.id}` };
  },
  'GET /api/catalogs': async () => ({ method: 'GET', path: '/api/catalogs' }),
  'POST /api/catalogs/import': async () => ({ method: 'POST', path: '/api/catalogs/import', body: { yaml: internalCatalogYaml() } }),
  'GET /api/catalogs/updates': async () => ({ method: 'GET', path: '/api/catalogs/updates' }),
  'GET /api/catalogs/act-in-force': async () => ({ method: 'GET', path: '/api/catalogs/act-in-force' }),
  'GET /api/catalogs/act-in-force/:act/preview': async () => ({ method: 'GET', path: '/api/catalogs/act-in-force/published-2024/preview' }),
  'POST /api/catalogs/act-in-force/:act/accept': async () => {
    // Each allowed call switches to the act not in force, so every call is a real change.
    const state = await t.services.catalogUpdates.actInForce(actor);
    const other = state.acts.find((a) => a.id !== state.actInForce)!.id;
    return { method: 'POST', path: `/api/catalogs/act-in-force/${other}/accept`, body: {} };
  },
  'GET /api/catalogs/:id': async () => ({ method: 'GET', path: '/api/catalogs/eu-ai-act' }),
  'GET /api/catalogs/:id/diff': async () => ({ method: 'GET', path: '/api/catalogs/eu-ai-act/diff' }),
  'GET /api/catalogs/:id/export': async () => ({ method: 'GET', path: '/api/catalogs/eu-ai-act/export?format=oscal' }),
  'GET /api/catalogs/:id/versions/:version/preview': async () => {
    const id = await proposedCatalog();
    return { method: 'GET', path: `/api/catalogs/${id}/versions/1/preview` };
  },
  'POST /api/catalogs/:id/versions/:version/accept': async () => ({ method: 'POST', path: `/api/catalogs/${await proposedCatalog()}/versions/1/accept`, body: {} }),
  'POST /api/catalogs/:id/versions/:version/discard': async () => ({ method: 'POST', path: `/api/catalogs/${await proposedCatalog()}/versions/1/discard`, body: {} }),
  'GET /api/systems/:id/risks': async () => ({ method: 'GET', path: `/api/systems/${systemId}/risks` }),
  'POST /api/systems/:id/risks': async () => ({ method: 'POST', path: `/api/systems/${systemId}/risks`, body: { title: `Risiko ${randomUUID().slice(0, 6)}` } }),
  'GET /api/systems/:id/risks/heatmap': async () => ({ method: 'GET', path: `/api/systems/${systemId}/risks/heatmap` }),
  'GET /api/risks': async () => ({ method: 'GET', path: '/api/risks?overdue=true' }),
  'GET /api/risks/heatmap': async () => ({ method: 'GET', path: '/api/risks/heatmap' }),
  'GET /api/risks/:id': async () => ({ method: 'GET', path: `/api/risks/${(await newRisk(1, 1)).id}` }),
  'PATCH /api/risks/:id': async () => {
    const risk = await newRisk(2, 2);
    return { method: 'PATCH', path: `/api/risks/${risk.id}`, body: { version: risk.version, owner: 'Referat 1' } };
  },
  'POST /api/risks/:id/accept': async (role) => {
    // A level the role may accept under the default matrix: owner low, governance medium, admin very high.
    const risk = role === 'owner' ? await newRisk(1, 1) : role === 'admin' ? await newRisk(5, 5) : await newRisk(3, 3);
    return { method: 'POST', path: `/api/risks/${risk.id}/accept`, body: { version: risk.version, justification: 'Restrisiko ist vertretbar', password: TEST_PASSWORD } };
  },
  'GET /api/systems/:id/fria': async () => ({ method: 'GET', path: `/api/systems/${systemId}/fria` }),
  'PUT /api/systems/:id/fria': async () => ({ method: 'PUT', path: `/api/systems/${(await friaSystem()).id}/fria`, body: { version: 0, content: EMPTY_FRIA_CONTENT } }),
  'POST /api/systems/:id/fria/approve': async () => {
    const system = await friaSystem();
    await t.services.fria.save(actor, system.id, { version: 0, content: EMPTY_FRIA_CONTENT });
    return { method: 'POST', path: `/api/systems/${system.id}/fria/approve`, body: { version: 1, password: TEST_PASSWORD } };
  },
  'GET /api/systems/:id/fria/export': async () => {
    const system = await friaSystem();
    await t.services.fria.save(actor, system.id, { version: 0, content: EMPTY_FRIA_CONTENT });
    return { method: 'GET', path: `/api/systems/${system.id}/fria/export?format=md` };
  },
  'GET /api/systems/:id/risks/export': async () => ({ method: 'GET', path: `/api/systems/${systemId}/risks/export?format=md` }),
  'GET /api/risk-matrix': async () => ({ method: 'GET', path: '/api/risk-matrix' }),
  'PUT /api/risk-matrix': async () => {
    const current = await t.services.risks.matrix();
    return { method: 'PUT', path: '/api/risk-matrix', body: { version: current.version, config: current.config } };
  },
  'GET /api/risk-sources': async () => ({ method: 'GET', path: '/api/risk-sources' }),
  'GET /api/systems/:id/requirements/export': async () => ({ method: 'GET', path: `/api/systems/${classifiedSystemId}/requirements/export?format=csv` }),
  'GET /api/requirements/export': async () => ({ method: 'GET', path: '/api/requirements/export?format=xlsx' }),
  'GET /api/catalogs/:id/requirements': async () => ({ method: 'GET', path: '/api/catalogs/eu-ai-act/requirements?role=deployer' }),
  'GET /api/measures': async () => ({ method: 'GET', path: '/api/measures' }),
  'GET /api/systems/:id/requirements': async () => ({ method: 'GET', path: `/api/systems/${classifiedSystemId}/requirements?applies=all` }),
  'PATCH /api/systems/:id/requirements/:requirementId': async () => ({
    method: 'PATCH',
    path: `/api/systems/${systemId}/requirements/eu-ai-act:art-4`,
    body: { owner: `Referat ${randomUUID().slice(0, 6)}` },
  }),
  'GET /api/systems/:id/measures': async () => ({ method: 'GET', path: `/api/systems/${systemId}/measures` }),
  'POST /api/systems/:id/measures': async () => ({ method: 'POST', path: `/api/systems/${systemId}/measures`, body: { measureId: 'm-literacy', note: randomUUID() } }),
  'DELETE /api/systems/:id/measures/:measureId': async () => {
    const fresh = await newSystem('Mit Maßnahme');
    await t.services.systemMeasures.apply(actor, fresh.id, { measureId: 'm-logging', status: 'planned', note: '' });
    return { method: 'DELETE', path: `/api/systems/${fresh.id}/measures/m-logging` };
  },
  'GET /api/systems/:id/statement-of-applicability': async () => ({ method: 'GET', path: `/api/systems/${classifiedSystemId}/statement-of-applicability?catalog=iso-42001` }),
  'GET /api/statement-of-applicability': async () => ({ method: 'GET', path: '/api/statement-of-applicability?catalog=iso-42001' }),
  // Non-conformities (CAPA)
  'GET /api/nonconformities': async () => ({ method: 'GET', path: `/api/nonconformities?systemId=${systemId}&status=open&severity=minor&source=review&q=abweichung` }),
  'GET /api/nonconformities/action-owners': async () => ({ method: 'GET', path: `/api/nonconformities/action-owners?orgUnitId=${unit}` }),
  'POST /api/nonconformities': async () => ({ method: 'POST', path: '/api/nonconformities', body: { systemId, title: `Abweichung ${randomUUID().slice(0, 6)}`, source: 'review', severity: 'minor' } }),
  'GET /api/nonconformities/:id': async () => ({ method: 'GET', path: `/api/nonconformities/${(await newNonconformity()).id}` }),
  'PATCH /api/nonconformities/:id': async () => {
    const nc = await newNonconformity();
    return { method: 'PATCH', path: `/api/nonconformities/${nc.id}`, body: { version: nc.version, rootCause: 'Schulung fehlte' } };
  },
  'POST /api/nonconformities/:id/transition': async () => {
    const nc = await newNonconformity();
    return { method: 'POST', path: `/api/nonconformities/${nc.id}/transition`, body: { version: nc.version, to: 'analysed' } };
  },
  'POST /api/nonconformities/:id/verify': async () => {
    let nc = await newNonconformity();
    nc = await t.services.nonconformities.transition(actor, nc.id, { version: nc.version, to: 'analysed' });
    nc = await t.services.nonconformities.transition(actor, nc.id, { version: nc.version, to: 'actions-planned' });
    nc = await t.services.nonconformities.update(actor, nc.id, { version: nc.version, actions: nc.actions.map((a) => ({ ...a, done: true })) });
    nc = await t.services.nonconformities.transition(actor, nc.id, { version: nc.version, to: 'implemented' });
    return { method: 'POST', path: `/api/nonconformities/${nc.id}/verify`, body: { version: nc.version, effective: true, note: 'Stichprobe ohne Befund' } };
  },
  // AI literacy (Art. 4): courses, requirements, records with certificates, status. Each sample brings its own course.
  'GET /api/trainings': async () => ({ method: 'GET', path: '/api/trainings?status=active' }),
  'POST /api/trainings': async () => ({ method: 'POST', path: '/api/trainings', body: { title: `Kurs ${randomUUID().slice(0, 6)}`, providerKind: 'internal', delivery: 'e-learning', topics: ['ai-basics'] } }),
  'GET /api/trainings/:id': async () => ({ method: 'GET', path: `/api/trainings/${(await t.services.trainingCourses.create(actor, { title: 'Lesen', providerKind: 'internal', delivery: 'in-person' })).id}` }),
  'PATCH /api/trainings/:id': async () => {
    const course = await t.services.trainingCourses.create(actor, { title: 'Ändern', providerKind: 'internal', delivery: 'in-person' });
    return { method: 'PATCH', path: `/api/trainings/${course.id}`, body: { version: course.version, validityMonths: 12 } };
  },
  'GET /api/trainings/requirements': async () => ({ method: 'GET', path: '/api/trainings/requirements' }),
  'POST /api/trainings/requirements': async () => {
    const course = await t.services.trainingCourses.create(actor, { title: 'Pflicht', providerKind: 'internal', delivery: 'in-person' });
    return { method: 'POST', path: '/api/trainings/requirements', body: { courseId: course.id, role: 'owner', orgUnitId: unit } };
  },
  'PATCH /api/trainings/requirements/:id': async () => {
    const course = await t.services.trainingCourses.create(actor, { title: 'Pflicht', providerKind: 'internal', delivery: 'in-person' });
    const req = await t.services.trainingCourses.createRequirement(actor, { courseId: course.id, role: 'lab', orgUnitId: unit, intervalMonths: null, graceDays: 30 });
    return { method: 'PATCH', path: `/api/trainings/requirements/${req.id}`, body: { version: req.version, intervalMonths: 12 } };
  },
  'DELETE /api/trainings/requirements/:id': async () => {
    const course = await t.services.trainingCourses.create(actor, { title: 'Pflicht', providerKind: 'internal', delivery: 'in-person' });
    const req = await t.services.trainingCourses.createRequirement(actor, { courseId: course.id, role: 'lab', orgUnitId: unit, intervalMonths: null, graceDays: 30 });
    return { method: 'DELETE', path: `/api/trainings/requirements/${req.id}` };
  },
  'GET /api/trainings/status': async () => ({ method: 'GET', path: `/api/trainings/status?orgUnitId=${unit}` }),
  'GET /api/trainings/status/me': async () => ({ method: 'GET', path: '/api/trainings/status/me' }),
  'GET /api/trainings/status/export': async () => ({ method: 'GET', path: `/api/trainings/status/export?orgUnitId=${unit}&format=md` }),
  'GET /api/trainings/status/systems/:id': async () => ({ method: 'GET', path: `/api/trainings/status/systems/${systemId}` }),
  'GET /api/training-records': async () => ({ method: 'GET', path: '/api/training-records' }),
  'POST /api/training-records': async () => {
    const course = await t.services.trainingCourses.create(actor, { title: 'Erfassen', providerKind: 'internal', delivery: 'in-person' });
    const form = new FormData();
    for (const [k, v] of Object.entries({ userId: users.get('viewer')!.id, courseId: course.id, completedOn: '2026-01-15', result: 'attended' })) form.append(k, v);
    form.append('file', new Blob([`%PDF-1.4\n% ${randomUUID()}\n%%EOF\n`]), 'bescheinigung.pdf');
    return { method: 'POST', path: '/api/training-records', body: form };
  },
  'GET /api/training-records/:id': async () => {
    const course = await t.services.trainingCourses.create(actor, { title: 'Lesen', providerKind: 'internal', delivery: 'in-person' });
    const rec = await t.services.trainingRecords.create(actor, { userId: users.get('viewer')!.id, courseId: course.id, completedOn: '2026-01-15', result: 'passed' }, null);
    return { method: 'GET', path: `/api/training-records/${rec.id}` };
  },
  'POST /api/training-records/:id/withdraw': async () => {
    const course = await t.services.trainingCourses.create(actor, { title: 'Zurückziehen', providerKind: 'internal', delivery: 'in-person' });
    const rec = await t.services.trainingRecords.create(actor, { userId: users.get('viewer')!.id, courseId: course.id, completedOn: '2026-01-15', result: 'passed' }, null);
    return { method: 'POST', path: `/api/training-records/${rec.id}/withdraw`, body: { version: rec.version, reason: 'Irrtümlich erfasst' } };
  },
  'GET /api/training-records/:id/certificate': async () => {
    const course = await t.services.trainingCourses.create(actor, { title: 'Bescheinigung', providerKind: 'internal', delivery: 'in-person' });
    const form = new FormData();
    for (const [k, v] of Object.entries({ userId: users.get('viewer')!.id, courseId: course.id, completedOn: '2026-01-15', result: 'passed' })) form.append(k, v);
    form.append('file', new Blob([`%PDF-1.4\n% ${randomUUID()}\n%%EOF\n`]), 'bescheinigung.pdf');
    const rec = await users.get('admin')!.client.post('/api/training-records', form);
    return { method: 'GET', path: `/api/training-records/${rec.body.id}/certificate` };
  },
  // Tasks and milestones: each sample that changes a task brings its own task on the matrix system.
  'GET /api/tasks': async () => ({ method: 'GET', path: `/api/tasks?systemId=${systemId}&status=open,in-progress` }),
  'POST /api/tasks': async () => ({ method: 'POST', path: '/api/tasks', body: { recordType: 'system', recordId: systemId, title: `Aufgabe ${randomUUID().slice(0, 6)}` } }),
  'GET /api/tasks/assignees': async () => ({ method: 'GET', path: `/api/tasks/assignees?orgUnitId=${unit}` }),
  'GET /api/tasks/:id': async () => ({ method: 'GET', path: `/api/tasks/${(await newTask()).id}` }),
  'PATCH /api/tasks/:id': async () => {
    const task = await newTask();
    return { method: 'PATCH', path: `/api/tasks/${task.id}`, body: { version: task.version, status: 'done' } };
  },
  'GET /api/systems/:id/milestones': async () => ({ method: 'GET', path: `/api/systems/${classifiedSystemId}/milestones` }),
  // AI management system documents (QMS): each sample that changes a document or version brings its own document.
  'GET /api/qms/documents': async () => ({ method: 'GET', path: `/api/qms/documents?orgUnitId=${unit}&kind=policy&status=draft&review=none` }),
  'POST /api/qms/documents': async () => ({ method: 'POST', path: '/api/qms/documents', body: { kind: 'procedure', title: `Verfahren ${randomUUID().slice(0, 6)}`, ownerId: users.get('viewer')!.id, orgUnitId: unit } }),
  'GET /api/qms/documents/:id': async () => ({ method: 'GET', path: `/api/qms/documents/${(await newQmsDocument()).id}` }),
  'PATCH /api/qms/documents/:id': async () => {
    const doc = await newQmsDocument();
    return { method: 'PATCH', path: `/api/qms/documents/${doc.id}`, body: { version: doc.version, reviewMonths: 6 } };
  },
  'POST /api/qms/documents/:id/versions': async () => ({ method: 'POST', path: `/api/qms/documents/${(await releasedQmsDocument()).id}/versions`, body: { changeNote: 'Überprüfung' } }),
  'GET /api/qms/documents/:id/versions/:number': async () => ({ method: 'GET', path: `/api/qms/documents/${(await newQmsDocument()).id}/versions/1` }),
  'PUT /api/qms/documents/:id/versions/:number': async () => ({ method: 'PUT', path: `/api/qms/documents/${(await newQmsDocument()).id}/versions/1`, body: { version: 1, content: '# Neu', changeNote: 'Überarbeitet' } }),
  'POST /api/qms/documents/:id/versions/:number/submit': async () => ({ method: 'POST', path: `/api/qms/documents/${(await newQmsDocument()).id}/versions/1/submit`, body: { version: 1 } }),
  'POST /api/qms/documents/:id/versions/:number/return': async () => ({ method: 'POST', path: `/api/qms/documents/${(await submittedQmsDocument()).id}/versions/1/return`, body: { version: 2, note: 'Bitte ergänzen' } }),
  'POST /api/qms/documents/:id/versions/:number/approve': async () => ({ method: 'POST', path: `/api/qms/documents/${(await submittedQmsDocument()).id}/versions/1/approve`, body: { version: 2, password: TEST_PASSWORD } }),
  'GET /api/qms/documents/:id/versions/:number/export': async () => ({ method: 'GET', path: `/api/qms/documents/${(await releasedQmsDocument()).id}/versions/1/export?format=md` }),
  'GET /api/qms/coverage': async () => ({ method: 'GET', path: `/api/qms/coverage?orgUnitId=${unit}` }),
  // Suppliers of procured AI: vendors, their assessments, the documents a procured system is owed. Writes bring their own records.
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
  // Models and datasets registry (#8 point 1): each write brings its own model, dataset, version or system.
  'GET /api/models': async () => ({ method: 'GET', path: `/api/models?orgUnitId=${unit}&q=matrix` }),
  'POST /api/models': async () => ({ method: 'POST', path: '/api/models', body: { name: `Modell ${randomUUID().slice(0, 6)}`, kind: 'llm', orgUnitId: unit, gpai: true } }),
  'GET /api/models/:id': async () => ({ method: 'GET', path: `/api/models/${(await newTestItem('model')).id}` }),
  'PATCH /api/models/:id': async () => {
    const model = await newTestItem('model');
    return { method: 'PATCH', path: `/api/models/${model.id}`, body: { version: model.version, licence: 'Apache-2.0' } };
  },
  'GET /api/models/:id/versions': async () => ({ method: 'GET', path: `/api/models/${(await newTestItem('model')).id}/versions` }),
  'POST /api/models/:id/versions': async () => ({ method: 'POST', path: `/api/models/${(await newTestItem('model')).id}/versions`, body: { label: '1.0', receivedOn: '2026-11-01', manifest: testManifest() } }),
  'GET /api/models/:id/versions/:versionId': async () => ({ method: 'GET', path: await testItemVersionPath('model') }),
  'PATCH /api/models/:id/versions/:versionId': async () => ({ method: 'PATCH', path: await testItemVersionPath('model'), body: { version: 1, notes: 'Ergänzt' } }),
  'POST /api/models/:id/versions/:versionId/compare': async () => ({ method: 'POST', path: `${await testItemVersionPath('model')}/compare`, body: { manifestDigest: 'a'.repeat(64) } }),
  'GET /api/models/:id/versions/:versionId/custody': async () => ({ method: 'GET', path: `${await testItemVersionPath('model')}/custody` }),
  'POST /api/models/:id/versions/:versionId/custody': async () => ({ method: 'POST', path: `${await testItemVersionPath('model')}/custody`, body: { event: 'received' } }),
  'GET /api/datasets': async () => ({ method: 'GET', path: `/api/datasets?orgUnitId=${unit}&q=matrix` }),
  'POST /api/datasets': async () => ({ method: 'POST', path: '/api/datasets', body: { name: `Datensatz ${randomUUID().slice(0, 6)}`, kind: 'text', orgUnitId: unit } }),
  'GET /api/datasets/:id': async () => ({ method: 'GET', path: `/api/datasets/${(await newTestItem('dataset')).id}` }),
  'PATCH /api/datasets/:id': async () => {
    const dataset = await newTestItem('dataset');
    return { method: 'PATCH', path: `/api/datasets/${dataset.id}`, body: { version: dataset.version, provider: 'Referat Z 4' } };
  },
  'GET /api/datasets/:id/versions': async () => ({ method: 'GET', path: `/api/datasets/${(await newTestItem('dataset')).id}/versions` }),
  'POST /api/datasets/:id/versions': async () => ({
    method: 'POST', path: `/api/datasets/${(await newTestItem('dataset')).id}/versions`,
    body: { label: '1.0', receivedOn: '2026-11-01', manifest: testManifest(), personalData: true, legalBasis: 'Art. 6 Abs. 1 lit. e DSGVO' },
  }),
  'GET /api/datasets/:id/versions/:versionId': async () => ({ method: 'GET', path: await testItemVersionPath('dataset') }),
  'PATCH /api/datasets/:id/versions/:versionId': async () => ({ method: 'PATCH', path: await testItemVersionPath('dataset'), body: { version: 1, notes: 'Ergänzt' } }),
  'POST /api/datasets/:id/versions/:versionId/compare': async () => ({ method: 'POST', path: `${await testItemVersionPath('dataset')}/compare`, body: { manifest: testManifest() } }),
  'GET /api/datasets/:id/versions/:versionId/custody': async () => ({ method: 'GET', path: `${await testItemVersionPath('dataset')}/custody` }),
  'POST /api/datasets/:id/versions/:versionId/custody': async () => ({ method: 'POST', path: `${await testItemVersionPath('dataset')}/custody`, body: { event: 'received' } }),
  'GET /api/systems/:id/models': async () => ({ method: 'GET', path: `/api/systems/${systemId}/models` }),
  'PUT /api/systems/:id/models': async () => {
    const fresh = await newSystem('Mit Modell');
    const versionId = (await testItemVersionPath('model')).split('/').pop()!;
    return { method: 'PUT', path: `/api/systems/${fresh.id}/models`, body: { version: 0, items: [{ type: 'model', versionId, role: 'in-operation' }] } };
  },
  // Test lab, methods and environments (#8 points 2 and 3): each write brings its own method or environment.
  'GET /api/lab/methods': async () => ({ method: 'GET', path: `/api/lab/methods?orgUnitId=${unit}&status=validated&q=matrix` }),
  'POST /api/lab/methods': async () => ({
    method: 'POST', path: '/api/lab/methods',
    body: { orgUnitId: unit, name: `Methode ${randomUUID().slice(0, 6)}`, harness: 'inspect', harnessVersion: '0.3.1', configuration: { task: 'mmlu', metrics: [{ name: 'accuracy', higherIsBetter: true }] } },
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
    const authorisation = await t.services.labMethods.authorise(await labManager(), method.id, { userId: users.get('lab')!.id, note: '' });
    return { method: 'DELETE', path: `/api/lab/methods/${method.id}/authorisations/${authorisation.id}` };
  },
  'GET /api/lab/environments': async () => ({ method: 'GET', path: `/api/lab/environments?orgUnitId=${unit}&status=verified&q=matrix` }),
  'POST /api/lab/environments': async () => ({ method: 'POST', path: '/api/lab/environments', body: { orgUnitId: unit, name: `Umgebung ${randomUUID().slice(0, 6)}`, containerDigest: `sha256:${'c'.repeat(64)}` } }),
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

/** A lab method of its own in the matrix unit (created as the administrator: validations and authorisations name a person). */
async function newLabMethod() {
  return t.services.labMethods.create(await labManager(), { orgUnitId: unit, name: `Methode ${randomUUID().slice(0, 6)}`, harness: 'lm-evaluation-harness', harnessVersion: '0.4.5', configuration: { task: 'arc_easy', prompts: [], decoding: {}, metrics: [{ name: 'acc', unit: '', higherIsBetter: true, description: '' }] }, description: '' });
}

/** A lab environment of its own in the matrix unit. */
async function newLabEnvironment() {
  return t.services.labEnvironments.create(actor, {
    orgUnitId: unit, name: `Umgebung ${randomUUID().slice(0, 6)}`, hardware: { cpu: '', gpuModel: 'H100', gpuCount: 1, memoryGb: 80 }, driverVersion: '550.54', runtime: { python: '3.11', cuda: '12.4', other: '' },
    containerDigest: null, location: '', notes: '', verificationValidityMonths: 6,
  });
}

/** The matrix's administrator as an actor (a person, so authorisations can name who granted them). */
async function labManager() {
  const admin = users.get('admin')!;
  return { ...actor, userId: admin.id, label: `Admin <${admin.email}>` };
}

/** Models and datasets registry: an item of its own in the matrix unit, a manifest, a version path. */
function newTestItem(type: 'model' | 'dataset') {
  const name = `${type} ${randomUUID().slice(0, 6)}`;
  return type === 'model'
    ? t.services.models.create(actor, { name, kind: 'classifier', orgUnitId: unit })
    : t.services.datasets.create(actor, { name, kind: 'tabular', orgUnitId: unit });
}

function testManifest() {
  return [{ path: 'weights.bin', sha256: randomUUID().replaceAll('-', '').repeat(2) }];
}

/** `/api/<type>s/{id}/versions/{versionId}` of a fresh version. */
async function testItemVersionPath(type: 'model' | 'dataset') {
  const item = await newTestItem(type);
  const base = { label: '1.0', receivedOn: '2026-11-01', manifest: testManifest() };
  const version = type === 'model' ? await t.services.models.createVersion(actor, item.id, base) : await t.services.datasets.createVersion(actor, item.id, { ...base, personalData: false });
  return `/api/${type}s/${item.id}/versions/${version.id}`;
}

/** A vendor of its own. */
function newVendor() {
  return t.services.vendors.create(actor, VendorCreate.parse({ name: `Lieferant ${randomUUID().slice(0, 8)}` }));
}

/** A procured system of the matrix unit with a vendor of its own. */
async function procuredSystem() {
  const vendor = await newVendor();
  return t.services.systems.create(actor, {
    name: 'Beschafft', shortName: '', purpose: 'Test', description: '', orgUnitId: unit, responsible: '', lifecycleStage: 'planned',
    roles: ['deployer'], sourcing: 'procured', vendor: '', vendorId: vendor.id, deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
  });
}

/** An assessment of a vendor with one finding about a procured system of the matrix unit. */
async function newAssessment() {
  const system = await procuredSystem();
  return t.services.vendorAssessments.create(actor, system.vendorId!, VendorAssessmentCreate.parse({
    assessedOn: '2026-11-01', assessor: 'Referat Z 3', result: 'approved', findings: [{ title: 'Meldeweg fehlt', systemId: system.id }],
  }));
}

/** A QMS document of the matrix unit with a draft ready to submit (written by the platform, so any person may release it). */
function newQmsDocument() {
  return t.services.qmsDocuments.create(actor, { kind: 'policy', title: `KI-Politik ${randomUUID().slice(0, 6)}`, ownerId: users.get('viewer')!.id, orgUnitId: unit, content: '# KI-Politik', changeNote: 'Erstausgabe' });
}

async function submittedQmsDocument() {
  const doc = await newQmsDocument();
  await t.services.qmsVersions.submit(actor, doc.id, 1, { version: 1 });
  return doc;
}

/** Released by the administrator's signature (the platform cannot sign). */
async function releasedQmsDocument() {
  const doc = await submittedQmsDocument();
  const reply = await users.get('admin')!.client.post(`/api/qms/documents/${doc.id}/versions/1/approve`, { version: 2, password: TEST_PASSWORD });
  if (reply.status !== 200) throw new Error(`release failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return doc;
}

/** A task on the matrix system. */
function newTask() {
  return t.services.tasks.create(actor, TaskCreate.parse({ recordType: 'system', recordId: systemId, title: `Aufgabe ${randomUUID().slice(0, 6)}` }));
}

/** A system whose classification requires a FRIA (a public body deploying an Annex III system). */
/** A notification of the given user, inserted as the reminder engine would. */
async function notificationFor(userId: string): Promise<string> {
  const id = randomUUID();
  await t.db.database.db.insertInto('notification').values({
    id, user_id: userId, kind: 'risk-review-due', title_de: 'Titel', title_en: 'Title', body_de: 'Text', body_en: 'Text', link: null,
    dedupe_key: `matrix:${id}`, created_at: new Date().toISOString(), read_at: null, email_claimed_at: null, emailed_at: null, email_error: null,
  }).execute();
  return id;
}

async function friaSystem() {
  const system = await newSystem('Grundrechte');
  await t.services.classification.decide(actor, system.id, { facts: ClassificationFacts.parse({ roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } }), answers: {}, note: '' });
  return system;
}

/** A non-conformity of the matrix system with a root cause and one planned action. */
function newNonconformity() {
  return t.services.nonconformities.create(actor, {
    systemId, title: `Abweichung ${randomUUID().slice(0, 6)}`, source: 'audit-finding', severity: 'major', rootCause: 'Prüfschritt fehlte',
    actions: [{ kind: 'corrective', description: 'Prüfschritt ergänzen', owner: 'Referat 1', dueDate: '2027-01-31', done: false }],
  });
}

/** A risk of the matrix system with the given rating. */
function newRisk(likelihood: number, impact: number) {
  return t.services.risks.create(actor, systemId, { title: `Risiko ${randomUUID().slice(0, 6)}`, likelihood, impact });
}

/** A new internal catalogue stored as proposed version 1; returns its id. */
async function proposedCatalog(): Promise<string> {
  const { version } = await t.services.catalogUpdates.importUpload(actor, { data: Buffer.from(internalCatalogYaml()), fileName: 'hausregel.yaml' });
  return version.catalogId;
}

function internalCatalogYaml() {
  return [
    `id: internal-${randomUUID().slice(0, 8)}`,
    'version: "1"',
    'kind: internal',
    'title: { de: Hausregel, en: House rule }',
    'publisher: Test',
    'source: Test',
    'licence: intern',
    'requirements:',
    '  - { id: r-1, ref: R 1, title: { de: Eins, en: One } }',
  ].join('\n');
}

/** A multipart upload (the test client sends FormData with its own content type) with a small text file. */
function evidenceForm(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([`Nachweis ${randomUUID()}\n`]), 'nachweis.txt');
  return form;
}

function intakeForm() {
  return { title: 'Matrix-Vorhaben', purpose: 'Test', orgUnitId: unit, sourcing: 'in-house' };
}

function newSystem(name: string) {
  return t.services.systems.create(actor, {
    name, shortName: '', purpose: 'Test', description: '', orgUnitId: unit, responsible: '', lifecycleStage: 'planned',
    roles: ['deployer'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
  });
}

function allowed(access: RouteAccess, role: Role): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return roleGrants(role, access);
}

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  for (const role of ROLES) users.set(role, await t.newUser([{ orgUnitId: unit, role }]));
  const system = await t.services.systems.create(actor, {
    name: 'Matrix-System', shortName: '', purpose: 'Test', description: '', orgUnitId: unit, responsible: '', lifecycleStage: 'planned',
    roles: ['deployer'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
  });
  systemId = system.id;
  // A classified system whose revision carries a signature (decided by the platform, approved by the administrator).
  classifiedSystemId = (await newSystem('Klassifiziert')).id;
  revisionId = (await t.services.classification.decide(actor, classifiedSystemId, { facts: ClassificationFacts.parse({}), answers: {}, note: '' })).revision.id;
  const approval = await users.get('admin')!.client.post(`/api/systems/${classifiedSystemId}/classification/approve`, { revision: 1, password: TEST_PASSWORD });
  signatureId = approval.body.approval.id;
  intakeId = (await t.services.intakes.submit(actor, IntakeCreate.parse(intakeForm()))).id;
  const evidence = await users.get('admin')!.client.post('/api/evidence', evidenceForm({ systemId, title: 'Matrix-Datei' }));
  evidenceId = evidence.body.id;
  targetUserId = (await t.services.users.create(actor, { email: `target-${randomUUID().slice(0, 6)}@test.example`, displayName: 'Ziel', password: TEST_PASSWORD, locale: 'de', roles: [] })).id;
});
afterAll(async () => t.close());

describe('permission matrix', () => {
  it('has a sample request for every declared route, and every sample names a real route', () => {
    const declared = t.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(declared.length).toBeGreaterThan(15);
    expect(Object.keys(samples).sort()).toEqual(declared);
  });

  it('answers every route for every role as the permission table says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of t.routes) {
      for (const role of ROLES) {
        const sample = await samples[`${route.method} ${route.url}`]!(role);
        let client = users.get(role)!.client;
        if (route.url === '/api/auth/logout') {
          client = new TestClient(t.baseUrl);
          await client.login(users.get(role)!.email, TEST_PASSWORD);
        }
        const reply = await client.request(sample.method, sample.path, sample.body);
        const expectAllowed = allowed(route.access, role);
        const ok = expectAllowed ? reply.status >= 200 && reply.status < 300 : reply.status === 403;
        if (!ok) mismatches.push(`${role} ${route.method} ${route.url} (${route.access}): expected ${expectAllowed ? '2xx' : '403'}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(t.routes.length * ROLES.length);
  });

  it('answers 401 on every non-public route without a session', async () => {
    const anonymous = t.client();
    for (const route of t.routes.filter((r) => r.access !== 'public')) {
      const sample = await samples[`${route.method} ${route.url}`]!('viewer');
      const reply = await anonymous.request(sample.method, sample.path, sample.body);
      expect(reply.status, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('refuses to start when an API route declares no permission', async () => {
    const app = await buildApp({ database: t.db.database, logLevel: 'silent', webDir: '/nonexistent' });
    expect(() => app.get('/api/undeclared', async () => ({ leaked: true }))).toThrow(/declares no permission/);
    await app.close().catch(() => undefined);
  });
});
