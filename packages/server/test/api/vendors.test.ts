import { addCalendarDays, officeToday } from '@konform/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminderSweep } from '../../src/jobs/reminders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let otherUnit: string;
let owner: User;
let viewer: User;
let lab: User;
let stranger: User;
let governance: User;

/** A calendar day relative to today in the office's time zone, as the server counts days. */
const day = (offset: number) => addCalendarDays(officeToday(), offset);
const unique = (name: string) => `${name} ${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  stranger = await t.newUser([{ orgUnitId: otherUnit, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'governance' }]);
});
afterAll(async () => t.close());

async function newVendor(body: Record<string, unknown> = {}) {
  const reply = await owner.client.post('/api/vendors', { name: unique('Muster Software GmbH'), ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function procured(vendorId: string, orgUnitId = unit, client = owner.client) {
  return t.newSystem(client, orgUnitId, { sourcing: 'procured', vendorId });
}

/** A high-risk classification (Annex III 5(a), public authority as deployer). */
async function classifyHighRisk(systemId: string) {
  const reply = await owner.client.request('PUT', `/api/systems/${systemId}/classification`, { facts: { roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } }, answers: {}, note: '' });
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
}

describe('vendors', () => {
  it('records a vendor with contracts and products, unique by name regardless of case and spaces, with an audit trail', async () => {
    const name = unique('Nordlicht Analytics GmbH');
    const created = await newVendor({
      name: `  ${name} `,
      email: 'vertrieb@nordlicht.example',
      website: 'https://nordlicht.example',
      contracts: [{ title: 'Rahmenvertrag KI-Transkription', reference: 'RV-2026-17', startDate: '2026-01-01', endDate: '2028-12-31', noticePeriod: '6 Monate zum Jahresende' }],
      products: [{ name: 'Transkript Pro', version: '4.2', gpai: true }],
    });
    expect(created).toMatchObject({ name, version: 1, systemCount: 0, lastAssessment: null, missingDocuments: 0, systems: [] });
    expect(created.contracts[0]).toMatchObject({ id: expect.any(String), title: 'Rahmenvertrag KI-Transkription', notes: '' });
    expect(created.products[0]).toMatchObject({ id: expect.any(String), name: 'Transkript Pro', gpai: true, description: '' });

    const twin = await owner.client.post('/api/vendors', { name: name.toUpperCase().replace(' ', '   ') });
    expect(twin.status).toBe(409);
    expect(twin.body).toMatchObject({ code: 'name-taken', errors: [{ path: 'name' }] });

    const bad = await owner.client.post('/api/vendors', { name: unique('X'), email: 'kein-mail', contracts: [{ title: 'V', startDate: '2027-01-01', endDate: '2026-01-01' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['contracts.0.endDate', 'email']);

    const updated = await owner.client.patch(`/api/vendors/${created.id}`, { version: 1, contactPerson: 'Frau Beispiel', products: [...created.products, { name: 'Übersetzer', gpai: false }] });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.products.map((p: { name: string }) => p.name)).toEqual(['Transkript Pro', 'Übersetzer']);
    expect(updated.body.products[0].id).toBe(created.products[0].id);
    expect((await owner.client.patch(`/api/vendors/${created.id}`, { version: 1, phone: '0228 1' })).status).toBe(409);

    // Organisation-wide: every reader sees it; only vendor.edit changes it.
    expect((await viewer.client.get(`/api/vendors?q=${encodeURIComponent(name.slice(0, 12).toLowerCase())}`)).body.items.map((v: { id: string }) => v.id)).toContain(created.id);
    expect((await viewer.client.get('/api/vendors?q=transkript')).body.items.map((v: { id: string }) => v.id)).toContain(created.id);
    expect((await viewer.client.patch(`/api/vendors/${created.id}`, { version: 2, phone: '1' })).status).toBe(403);
    expect((await lab.client.post('/api/vendors', { name: unique('Lab') })).status).toBe(403);
    expect((await t.client().get('/api/vendors')).status).toBe(401);
    expect((await viewer.client.get(`/api/vendors/${randomUUID()}`)).status).toBe(404);

    const history = (await governance.client.get(`/api/audit-events?entityType=vendor&entityId=${created.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['vendor.update', 'vendor.create']);
  });

  it('links systems by id or by name (found or created), keeps the name in step and refuses what does not fit', async () => {
    const vendor = await newVendor();
    const byId = await procured(vendor.id);
    expect(byId).toMatchObject({ vendorId: vendor.id, vendor: vendor.name, sourcing: 'procured' });

    // An older client sends the name only, in other case and spacing: the same vendor.
    const byName = await t.newSystem(owner.client, unit, { sourcing: 'procured', vendor: ` ${vendor.name.toLowerCase()}  ` });
    expect(byName).toMatchObject({ vendorId: vendor.id, vendor: vendor.name });
    // A new name creates the vendor record.
    const newName = unique('Rheintal Datentechnik AG');
    const fresh = await t.newSystem(owner.client, unit, { sourcing: 'procured', vendor: newName });
    expect(fresh.vendorId).not.toBeNull();
    expect((await viewer.client.get(`/api/vendors/${fresh.vendorId}`)).body).toMatchObject({ name: newName, systemCount: 1 });

    const unknown = await owner.client.post('/api/systems', { name: 'X', purpose: 'Y', orgUnitId: unit, roles: ['deployer'], sourcing: 'procured', vendorId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'vendorId', message: expect.any(String) }]);
    const mismatch = await owner.client.patch(`/api/systems/${byId.id}`, { version: 1, vendorId: vendor.id, vendor: 'Ganz Andere GmbH' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].path).toBe('vendor');
    const unlinked = await owner.client.patch(`/api/systems/${byId.id}`, { version: 1, vendorId: null, vendor: '' });
    expect(unlinked.status).toBe(400);
    expect(unlinked.body.errors[0].path).toBe('vendor');

    // Renaming the vendor renames it on its systems (and in the inventory search), without a new system version.
    const renamed = unique('Spreebogen Software KG');
    expect((await owner.client.patch(`/api/vendors/${vendor.id}`, { version: 1, name: renamed })).status).toBe(200);
    const after = (await viewer.client.get(`/api/systems/${byId.id}`)).body;
    expect(after).toMatchObject({ vendor: renamed, vendorId: vendor.id, version: 1 });
    const found = (await viewer.client.get(`/api/systems?q=${encodeURIComponent(renamed.toLowerCase())}`)).body.items.map((s: { id: string }) => s.id);
    expect(found.sort()).toEqual([byId.id, byName.id].sort());

    // Moving the system to another vendor; the detail lists the linked systems.
    const moved = await owner.client.patch(`/api/systems/${byName.id}`, { version: 1, vendorId: fresh.vendorId });
    expect(moved.body).toMatchObject({ vendorId: fresh.vendorId, vendor: newName });
    const detail = (await viewer.client.get(`/api/vendors/${vendor.id}`)).body;
    expect(detail.systems.map((s: { id: string }) => s.id)).toEqual([byId.id]);
    // A system of another unit is not listed for a reader who may not see it.
    await procured(vendor.id, otherUnit, stranger.client);
    expect((await viewer.client.get(`/api/vendors/${vendor.id}`)).body.systemCount).toBe(1);
    expect((await governance.client.get(`/api/vendors/${vendor.id}`)).body.systemCount).toBe(2);
  });

  it('links the vendor of an accepted intake', async () => {
    const name = unique('Auenwald Systems GmbH');
    const intake = await owner.client.post('/api/intakes', {
      title: 'Chatbot Bürgeranfragen', purpose: 'Beantwortet Standardfragen.', targetGroup: 'Bürgerinnen und Bürger', dataUsed: 'Anfragen', sourcing: 'procured', vendor: name, plannedDate: null, orgUnitId: unit,
    });
    expect(intake.status, JSON.stringify(intake.body)).toBe(201);
    const accepted = await governance.client.post(`/api/intakes/${intake.body.id}/accept`, { version: intake.body.version });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.system).toMatchObject({ vendor: name, vendorId: expect.any(String) });
  });
});

describe('documents the supplier owes', () => {
  it('derives what is owed from the classification, records received and missing documents, flags the overdue ones', async () => {
    const vendor = await newVendor({ products: [{ name: 'Bescheidassistent', gpai: true }] });
    const system = await procured(vendor.id);
    const url = `/api/systems/${system.id}/supplier-documents`;

    let docs = (await viewer.client.get(url)).body;
    expect(docs).toMatchObject({ procured: true, vendorId: vendor.id, classificationBasis: 'none', version: 0, gpaiBased: false });
    expect(docs.items.map((i: { owed: string }) => i.owed)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'not-owed']);

    await classifyHighRisk(system.id);
    docs = (await viewer.client.get(url)).body;
    expect(docs).toMatchObject({ classificationBasis: 'draft', riskClass: 'high', missing: 4, flagged: 0 });
    const owed = Object.fromEntries(docs.items.map((i: { kind: string; owed: string }) => [i.kind, i.owed]));
    expect(owed).toEqual({ 'instructions-for-use': 'required', 'art-13-information': 'required', 'declaration-of-conformity': 'required', 'eu-registration': 'required', 'gpai-information': 'not-owed' });
    expect(docs.items.find((i: { kind: string }) => i.kind === 'eu-registration').reason.de).toContain('Art. 26 Abs. 8');

    // The product is marked GPAI: the Art. 53(1)(b) information becomes relevant.
    const product = vendor.products[0].id;
    const saved = await owner.client.request('PUT', url, {
      version: 0,
      productId: product,
      items: [
        { kind: 'declaration-of-conformity', status: 'received', receivedOn: day(-3), reference: 'EU-KE 2026/11' },
        { kind: 'instructions-for-use', status: 'missing', dueDate: day(-1) },
        { kind: 'eu-registration', status: 'missing', dueDate: day(10) },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, productId: product, gpaiBased: true, flagged: 1 });
    const item = (kind: string) => saved.body.items.find((i: { kind: string }) => i.kind === kind);
    expect(item('declaration-of-conformity')).toMatchObject({ status: 'received', receivedOn: day(-3), reference: 'EU-KE 2026/11', flagged: false, recorded: true });
    expect(item('instructions-for-use')).toMatchObject({ status: 'missing', dueDate: day(-1), flagged: true });
    expect(item('gpai-information')).toMatchObject({ owed: 'recommended', status: 'missing', recorded: false });

    // The vendor list and detail count what is missing and flagged.
    const listed = (await viewer.client.get(`/api/vendors?q=${encodeURIComponent(vendor.name)}`)).body.items[0];
    expect(listed).toMatchObject({ id: vendor.id, systemCount: 1, missingDocuments: 4, flaggedDocuments: 1 });
    expect((await viewer.client.get(`/api/vendors/${vendor.id}`)).body.systems[0]).toMatchObject({ id: system.id, riskClass: 'high', missingDocuments: 4, flaggedDocuments: 1 });

    // Rules beside the field
    const wrong = await owner.client.request('PUT', url, {
      version: 1,
      items: [
        { kind: 'eu-registration', status: 'received' },
        { kind: 'art-13-information', status: 'not-applicable' },
        { kind: 'instructions-for-use', status: 'received', receivedOn: day(3) },
      ],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['items.0.reference', 'items.1.note', 'items.2.receivedOn']);
    const twice = await owner.client.request('PUT', url, { version: 1, items: [{ kind: 'eu-registration', status: 'missing' }, { kind: 'eu-registration', status: 'missing' }] });
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].path).toBe('items.1.kind');
    const otherSystem = await procured(vendor.id);
    const evidence = await owner.client.post('/api/evidence/link', { systemId: otherSystem.id, url: 'https://example.org/ke.pdf', title: 'Konformitätserklärung' });
    expect(evidence.status).toBe(201);
    const foreign = await owner.client.request('PUT', url, { version: 1, items: [{ kind: 'declaration-of-conformity', status: 'received', evidenceId: evidence.body.id }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].path).toBe('items.0.evidenceId');
    const own = await owner.client.post('/api/evidence/link', { systemId: system.id, url: 'https://example.org/ke.pdf', title: 'Konformitätserklärung' });
    const registered = await owner.client.request('PUT', url, {
      version: 1,
      items: [
        { kind: 'eu-registration', status: 'received', reference: 'EU-DB-HR-000123' },
        { kind: 'declaration-of-conformity', status: 'received', receivedOn: day(-3), reference: 'EU-KE 2026/11', evidenceId: own.body.id },
      ],
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    expect(registered.body.items.find((i: { kind: string }) => i.kind === 'eu-registration')).toMatchObject({ status: 'received', receivedOn: day(0), reference: 'EU-DB-HR-000123' });
    expect((await owner.client.request('PUT', url, { version: 1, items: [] })).status).toBe(409);

    // Scope: the system's unit decides; in-house systems owe nothing.
    expect((await stranger.client.get(url)).status).toBe(403);
    expect((await stranger.client.request('PUT', url, { version: 2, items: [] })).status).toBe(403);
    expect((await viewer.client.request('PUT', url, { version: 2, items: [] })).status).toBe(403);
    const inHouse = await t.newSystem(owner.client, unit);
    const refused = await owner.client.request('PUT', `/api/systems/${inHouse.id}/supplier-documents`, { version: 0, items: [] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('not-procured');

    const history = (await governance.client.get(`/api/audit-events?entityType=supplier-documents&entityId=${system.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['supplier-documents.update', 'supplier-documents.update']);
    expect(history[1].changes.map((c: { field: string }) => c.field).sort()).toEqual(['declaration-of-conformity', 'eu-registration', 'instructions-for-use', 'productId']);
  });
});

describe('supplier assessments', () => {
  it('records the questionnaire and result, and turns a finding into a risk of an affected system in one step', async () => {
    const vendor = await newVendor();
    const system = await procured(vendor.id);
    const foreignSystem = await procured((await newVendor()).id);
    const base = `/api/vendors/${vendor.id}/assessments`;

    const questions = (await viewer.client.get('/api/vendors/questionnaire')).body;
    expect(questions.questions.length).toBeGreaterThanOrEqual(12);
    expect(questions.topics.map((q: { id: string }) => q.id)).toContain('incidents');

    const invalid = await owner.client.post(base, {
      assessedOn: day(0), assessor: 'Referat Z 3', result: 'approved-with-conditions', nextReview: day(-5),
      answers: [{ questionId: 'role-confirmed', answer: 'yes' }, { questionId: 'lieblingsfarbe', answer: 'no' }],
      findings: [{ title: 'Kein Meldeweg', systemId: foreignSystem.id }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['conditions', 'nextReview']);
    const invalid2 = await owner.client.post(base, {
      assessedOn: day(0), assessor: 'Referat Z 3', result: 'approved',
      answers: [{ questionId: 'lieblingsfarbe', answer: 'no' }], findings: [{ title: 'Kein Meldeweg', systemId: foreignSystem.id }],
    });
    expect(invalid2.body.errors.map((e: { path: string }) => e.path)).toEqual(['answers.0.questionId', 'findings.0.systemId']);

    const created = await owner.client.post(base, {
      assessedOn: day(0), assessor: 'Referat Z 3 – Beschaffung', result: 'approved-with-conditions', conditions: 'Meldeweg für Vorfälle bis Quartalsende benennen.', nextReview: day(365),
      answers: [{ questionId: 'role-confirmed', answer: 'yes' }, { questionId: 'incident-contact', answer: 'no', comment: 'Keine Stelle benannt' }],
      findings: [{ title: 'Kein Meldeweg für schwerwiegende Vorfälle', description: 'Der Lieferant nennt keine Stelle für Meldungen nach Art. 73.', systemId: system.id }, { title: 'Exit-Regelung fehlt' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const assessment = created.body;
    expect(assessment).toMatchObject({ version: 1, result: 'approved-with-conditions', answers: [{ questionId: 'role-confirmed', answer: 'yes', comment: '' }, { questionId: 'incident-contact', answer: 'no' }] });
    const [finding, other] = assessment.findings;
    expect(finding).toMatchObject({ id: expect.any(String), systemId: system.id, riskId: null });

    // The vendor shows its last assessment and next review.
    expect((await viewer.client.get(`/api/vendors/${vendor.id}`)).body).toMatchObject({ lastAssessment: { id: assessment.id, result: 'approved-with-conditions' }, nextReview: day(365), reviewState: null });

    // Only systems of this vendor; another unit's system needs risk.edit there.
    const wrongSystem = await owner.client.post(`${base}/${assessment.id}/findings/${finding.id}/risk`, { version: 1, systemId: foreignSystem.id });
    expect(wrongSystem.status).toBe(400);
    expect(wrongSystem.body.errors[0].path).toBe('systemId');
    const elsewhere = await procured(vendor.id, otherUnit, stranger.client);
    expect((await owner.client.post(`${base}/${assessment.id}/findings/${finding.id}/risk`, { version: 1, systemId: elsewhere.id })).status).toBe(403);
    expect((await viewer.client.post(`${base}/${assessment.id}/findings/${finding.id}/risk`, { version: 1, systemId: system.id })).status).toBe(403);

    const risk = await owner.client.post(`${base}/${assessment.id}/findings/${finding.id}/risk`, { version: 1, systemId: system.id, likelihood: 3, impact: 4, owner: 'Referat Z 3' });
    expect(risk.status, JSON.stringify(risk.body)).toBe(201);
    expect(risk.body.assessment.version).toBe(2);
    expect(risk.body.assessment.findings[0]).toMatchObject({ id: finding.id, riskId: risk.body.riskId, systemId: system.id });
    const register = (await viewer.client.get(`/api/systems/${system.id}/risks`)).body.items;
    expect(register).toHaveLength(1);
    expect(register[0]).toMatchObject({ id: risk.body.riskId, title: 'Kein Meldeweg für schwerwiegende Vorfälle', sourceId: 'harm-model-supply-chain', likelihood: 3, impact: 4, owner: 'Referat Z 3', status: 'assessed' });
    expect(register[0].description).toContain(`Lieferantenbewertung von „${vendor.name}“`);
    expect(register[0].description).toContain(assessment.id);

    const again = await owner.client.post(`${base}/${assessment.id}/findings/${finding.id}/risk`, { version: 2, systemId: system.id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('finding-has-risk');
    // The finding that became a risk stays; other findings may change.
    const dropped = await owner.client.patch(`${base}/${assessment.id}`, { version: 2, findings: [other] });
    expect(dropped.status).toBe(409);
    const edited = await owner.client.patch(`${base}/${assessment.id}`, { version: 2, findings: [risk.body.assessment.findings[0], { ...other, title: 'Exit-Regelung unvollständig' }], nextReview: day(20) });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.findings.map((f: { riskId: string | null }) => f.riskId)).toEqual([risk.body.riskId, null]);
    expect(edited.body.findings[1]).toMatchObject({ id: other.id, title: 'Exit-Regelung unvollständig' });
    expect((await viewer.client.get(`/api/vendors/${vendor.id}`)).body).toMatchObject({ nextReview: day(20), reviewState: 'due' });
    expect((await owner.client.patch(`${base}/${assessment.id}`, { version: 3, result: 'approved-with-conditions', conditions: '' })).status).toBe(400);

    expect((await viewer.client.get(base)).body.items.map((a: { id: string }) => a.id)).toEqual([assessment.id]);
    const history = (await governance.client.get(`/api/audit-events?entityType=vendor-assessment&entityId=${assessment.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['vendor-assessment.update', 'vendor-assessment.finding-risk', 'vendor-assessment.create']);
    const riskHistory = (await governance.client.get(`/api/audit-events?entityType=risk&entityId=${risk.body.riskId}`)).body.items;
    expect(riskHistory.map((e: { action: string }) => e.action)).toEqual(['risk.create']);
  });
});

describe('supplier reminders', () => {
  it('announces missing documents and due reviews exactly once, to vendor.edit holders only', async () => {
    const root = await t.newUnit();
    const child = await t.newUnit(root);
    const rootOwner = await t.newUser([{ orgUnitId: root, role: 'owner' }]);
    const childOwner = await t.newUser([{ orgUnitId: child, role: 'owner' }]);
    const childViewer = await t.newUser([{ orgUnitId: child, role: 'viewer' }]);
    const vendor = await newVendor();
    const system = await procured(vendor.id, child, childOwner.client);
    const saved = await childOwner.client.request('PUT', `/api/systems/${system.id}/supplier-documents`, {
      version: 0,
      items: [
        { kind: 'instructions-for-use', status: 'missing', dueDate: day(-2) },
        { kind: 'declaration-of-conformity', status: 'missing', dueDate: day(7) },
        { kind: 'eu-registration', status: 'missing', dueDate: day(40) },
        { kind: 'art-13-information', status: 'received', dueDate: day(-9) },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const assessment = await childOwner.client.post(`/api/vendors/${vendor.id}/assessments`, { assessedOn: day(-300), assessor: 'Z 3', result: 'approved', nextReview: day(12) });
    expect(assessment.status).toBe(201);

    const mine = async (userId: string) =>
      (await t.db.database.db.selectFrom('notification').selectAll().where('user_id', '=', userId).execute())
        .filter((n) => n.dedupe_key.includes(system.id) || n.dedupe_key.includes(assessment.body.id));
    await runReminderSweep(t.db.database, new Date(), false);
    await runReminderSweep(t.db.database, new Date(), false);

    const childNotes = await mine(childOwner.id);
    expect(childNotes.map((n) => n.kind).sort()).toEqual(['supplier-document-due', 'supplier-document-overdue']);
    expect(childNotes.find((n) => n.kind === 'supplier-document-overdue')!).toMatchObject({ link: `/systems/${system.id}?tab=supplier` });
    expect(childNotes.find((n) => n.kind === 'supplier-document-overdue')!.title_de).toContain('Betriebsanleitung');
    // The root's owner holds vendor.edit in the child too: documents and the organisation-wide review.
    expect((await mine(rootOwner.id)).map((n) => n.kind).sort()).toEqual(['supplier-document-due', 'supplier-document-overdue', 'vendor-assessment-due']);
    expect((await mine(childViewer.id))).toEqual([]);
    expect((await mine(stranger.id)).map((n) => n.kind)).toEqual(['vendor-assessment-due']);
    const review = (await mine(rootOwner.id)).find((n) => n.kind === 'vendor-assessment-due')!;
    expect(review).toMatchObject({ link: `/vendors/${vendor.id}` });
    expect(review.body_de).toContain(day(12));
  });
});
