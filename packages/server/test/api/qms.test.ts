import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { qmsNextReviewDate } from '@konform/core';
import { runReminderSweep } from '../../src/jobs/reminders.js';
import { qmsReviewOccasions } from '../../src/jobs/reminder-sources/qms.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let root: string;
let unit: string;
let otherUnit: string;
let author: User;
let approver: User;
let owner: User;
let outsider: User;
let viewer: User;

const POLICY_TEXT = [
  '# KI-Politik des Bundesamts',
  '',
  'Die **Leitung** verpflichtet sich zu *verantwortungsvoller* KI.',
  '',
  '## Grundsätze',
  '',
  '- Menschliche Aufsicht bei jeder Entscheidung',
  '- Transparenz gegenüber Betroffenen',
  '',
  '| Ziel | Kennzahl |',
  '|---|---|',
  '| Schulung | 95 % |',
  '',
  '<script>alert(1)</script>',
].join('\n');

beforeAll(async () => {
  // The shipped catalogues: ISO/IEC 42001 clauses 4–10 and the Art. 17 requirements of the EU AI Act.
  t = await startTestApp({ defaultMarking: 'VS-NfD' });
  root = await t.newUnit(null, 'Bundesamt');
  unit = await t.newUnit(root, 'Referat KI-Koordinierung');
  otherUnit = await t.newUnit(null, 'Andere Behörde');
  author = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  approver = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  owner = await t.newUser([{ orgUnitId: root, role: 'owner' }]);
  outsider = await t.newUser([{ orgUnitId: otherUnit, role: 'owner' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
});
afterAll(async () => t.close());

async function createDocument(client: TestClient, body: Record<string, unknown>) {
  const reply = await client.post('/api/qms/documents', { kind: 'policy', title: 'KI-Politik', ownerId: owner.id, orgUnitId: unit, ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** A document taken through draft → in-review → released (written by the author, released by the approver). */
async function released(body: Record<string, unknown>, content = '# Inhalt\n\nText.') {
  const doc = await createDocument(author.client, { content, changeNote: 'Erstausgabe', ...body });
  const submitted = await author.client.post(`/api/qms/documents/${doc.id}/versions/1/submit`, { version: 1 });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const approved = await approver.client.post(`/api/qms/documents/${doc.id}/versions/1/approve`, { version: submitted.body.version, password: TEST_PASSWORD });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return (await author.client.get(`/api/qms/documents/${doc.id}`)).body;
}

async function pdfText(body: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(body), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const texts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    texts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await pdf.destroy();
  return texts.join('\n');
}

describe('AI management system documents', () => {
  it('needs a session, refuses bad input naming the field, and keeps other units out', async () => {
    expect((await t.client().get('/api/qms/documents')).status).toBe(401);
    expect((await t.client().get('/api/qms/coverage')).status).toBe(401);
    const noTitle = await author.client.post('/api/qms/documents', { kind: 'policy', ownerId: owner.id });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.errors[0].path).toBe('title');
    const badKind = await author.client.post('/api/qms/documents', { kind: 'handbook', title: 'x', ownerId: owner.id });
    expect(badKind.body.errors[0].path).toBe('kind');
    const badClause = await author.client.post('/api/qms/documents', { kind: 'policy', title: 'x', ownerId: owner.id, isoClauses: ['iso-42001:clause-5-2', 'iso-42001:a-2-2'] });
    expect(badClause.status).toBe(400);
    expect(badClause.body.errors).toEqual([{ path: 'isoClauses.1', message: 'Not a clause 4–10 of the ISO/IEC 42001 catalogue' }]);
    const badElement = await author.client.post('/api/qms/documents', { kind: 'policy', title: 'x', ownerId: owner.id, art17Elements: ['n'] });
    expect(badElement.body.errors[0].path).toBe('art17Elements.0');
    const unknownOwner = await author.client.post('/api/qms/documents', { kind: 'policy', title: 'x', ownerId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownOwner.body.errors).toEqual([{ path: 'ownerId', message: 'Unknown user' }]);
    const blindOwner = await author.client.post('/api/qms/documents', { kind: 'policy', title: 'x', ownerId: outsider.id, orgUnitId: unit });
    expect(blindOwner.body.errors[0].path).toBe('ownerId');
    const unknownField = await author.client.post('/api/qms/documents', { kind: 'policy', title: 'x', ownerId: owner.id, status: 'released' });
    expect(unknownField.status).toBe(400);
    expect((await author.client.get('/api/qms/documents/00000000-0000-4000-8000-000000000000/versions/abc')).status).toBe(400);
    const badCycle = await author.client.post('/api/qms/documents', { kind: 'policy', title: 'x', ownerId: owner.id, reviewMonths: 0 });
    expect(badCycle.body.errors[0].path).toBe('reviewMonths');
    expect((await owner.client.post('/api/qms/documents', { kind: 'policy', title: 'x', ownerId: owner.id })).status).toBe(403);

    const doc = await createDocument(author.client, { title: 'Verfahren Datenmanagement', kind: 'procedure' });
    expect((await outsider.client.get(`/api/qms/documents/${doc.id}`)).status).toBe(403);
    expect((await outsider.client.get(`/api/qms/documents/${doc.id}/versions/1`)).status).toBe(403);
    expect((await outsider.client.get('/api/qms/documents')).body.items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    expect((await viewer.client.get(`/api/qms/documents/${doc.id}`)).status).toBe(200);
    expect((await author.client.get('/api/qms/documents/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await author.client.get(`/api/qms/documents/${doc.id}/versions/7`)).status).toBe(404);
  });

  it('puts a document into the root unit unless told otherwise', async () => {
    const doc = await createDocument(author.client, { orgUnitId: undefined, title: 'Dokumentenverzeichnis', kind: 'record' });
    expect(doc.orgUnitId).toBe(root);
    expect(doc).toMatchObject({ reviewMonths: 12, art17Elements: [], isoClauses: [], released: null, working: { number: 1, state: 'draft' }, reviewState: 'none' });
  });

  it('writes, submits and releases the AI policy with four eyes; released versions never change', async () => {
    const doc = await createDocument(author.client, { art17Elements: ['m', 'a', 'a'], isoClauses: ['iso-42001:clause-5-2', 'iso-42001:clause-5-2'], reviewMonths: 24 });
    expect(doc).toMatchObject({ kind: 'policy', ownerId: owner.id, ownerLabel: 'Test User', ownerActive: true, art17Elements: ['a', 'm'], isoClauses: ['iso-42001:clause-5-2'] });
    expect(doc.versions).toEqual([expect.objectContaining({ number: 1, state: 'draft', version: 1, authorIds: [author.id], changeNote: '' })]);
    const base = `/api/qms/documents/${doc.id}/versions/1`;

    // Nothing to submit yet: the content and the change note are missing.
    expect((await author.client.post(`${base}/submit`, { version: 1 })).body.errors[0].path).toBe('content');
    const saved = await author.client.request('PUT', base, { version: 1, content: POLICY_TEXT, changeNote: '' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ number: 1, state: 'draft', version: 2, content: POLICY_TEXT });
    expect((await author.client.post(`${base}/submit`, { version: 2 })).body.errors[0].path).toBe('changeNote');
    expect((await author.client.request('PUT', base, { version: 1, content: 'alt', changeNote: 'x' })).status).toBe(409);
    await author.client.request('PUT', base, { version: 2, content: POLICY_TEXT, changeNote: 'Erstausgabe' });
    const submitted = await author.client.post(`${base}/submit`, { version: 3 });
    expect(submitted.body).toMatchObject({ state: 'in-review', submittedBy: expect.stringContaining(author.email) });
    expect(submitted.body.snapshot).toMatchObject({ title: 'KI-Politik', kind: 'policy', ownerId: owner.id, reviewMonths: 24, art17Elements: ['a', 'm'], isoClauses: ['iso-42001:clause-5-2'] });
    const frozen = await author.client.request('PUT', base, { version: 4, content: 'geändert', changeNote: 'x' });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('not-draft');
    expect((await author.client.get(`/api/qms/documents/${doc.id}`)).body.working).toMatchObject({ number: 1, state: 'in-review' });

    // The author may not release it, an owner holds no qms.approve, a wrong password is refused; a second person releases.
    const self = await author.client.post(`${base}/approve`, { version: 4, password: TEST_PASSWORD });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('four-eyes');
    expect((await owner.client.post(`${base}/approve`, { version: 4, password: TEST_PASSWORD })).status).toBe(403);
    const wrong = await approver.client.post(`${base}/approve`, { version: 4, password: 'falsch-falsch-falsch' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('password');
    expect((await approver.client.post(`${base}/approve`, { version: 3, password: TEST_PASSWORD })).status).toBe(409);
    const approved = await approver.client.post(`${base}/approve`, { version: 4, password: TEST_PASSWORD, comment: 'Geprüft.' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ state: 'released', releasedBy: expect.stringContaining(approver.email), signatureId: expect.any(String) });
    expect(approved.body.nextReview).toBe(qmsNextReviewDate(approved.body.releasedAt, 24));
    const detail = (await viewer.client.get(`/api/qms/documents/${doc.id}`)).body;
    expect(detail).toMatchObject({ released: { number: 1, releasedBy: expect.stringContaining(approver.email), nextReview: approved.body.nextReview }, working: null, reviewState: 'ok' });
    const verified = await approver.client.get(`/api/signatures/${approved.body.signatureId}/verify`);
    expect(verified.body.ok).toBe(true);

    for (const [path, body] of [
      [base, { version: 5, content: 'x', changeNote: 'y' }],
      [`${base}/submit`, { version: 5 }],
      [`${base}/return`, { version: 5, note: 'zurück' }],
      [`${base}/approve`, { version: 5, password: TEST_PASSWORD }],
    ] as const) {
      const reply = path === base ? await author.client.request('PUT', path, body) : await approver.client.post(path, body);
      expect(reply.status, path).toBe(409);
    }
    expect((await approver.client.get(`/api/signatures/${approved.body.signatureId}/verify`)).body.ok).toBe(true);

    // A new version starts from the released text; it is returned once, then released, and supersedes version 1.
    const v2 = await author.client.post(`/api/qms/documents/${doc.id}/versions`, { changeNote: 'Jährliche Überprüfung' });
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body).toMatchObject({ number: 2, state: 'draft', content: POLICY_TEXT, changeNote: 'Jährliche Überprüfung' });
    const twice = await author.client.post(`/api/qms/documents/${doc.id}/versions`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('working-version-exists');
    const v2submitted = await author.client.post(`/api/qms/documents/${doc.id}/versions/2/submit`, { version: 1 });
    expect((await approver.client.post(`/api/qms/documents/${doc.id}/versions/2/return`, { version: 2 })).body.errors[0].path).toBe('note');
    const returned = await approver.client.post(`/api/qms/documents/${doc.id}/versions/2/return`, { version: v2submitted.body.version, note: 'Bitte Ziele ergänzen.' });
    expect(returned.body).toMatchObject({ state: 'draft', snapshot: null, submittedAt: null });
    await author.client.request('PUT', `/api/qms/documents/${doc.id}/versions/2`, { version: returned.body.version, content: `${POLICY_TEXT}\n\n## Ziele\n\nSiehe KI-Ziele.`, changeNote: 'Ziele ergänzt' });
    const again = await author.client.post(`/api/qms/documents/${doc.id}/versions/2/submit`, { version: returned.body.version + 1 });
    const v2released = await approver.client.post(`/api/qms/documents/${doc.id}/versions/2/approve`, { version: again.body.version, password: TEST_PASSWORD });
    expect(v2released.status, JSON.stringify(v2released.body)).toBe(200);
    const after = (await author.client.get(`/api/qms/documents/${doc.id}`)).body;
    expect(after.versions.map((v: { number: number; state: string }) => [v.number, v.state])).toEqual([[2, 'released'], [1, 'superseded']]);
    expect(after.released.number).toBe(2);
    expect(after.versions[1].supersededAt).toBe(v2released.body.releasedAt);

    // A new review cycle moves the next review of the version in force.
    const patched = await author.client.patch(`/api/qms/documents/${doc.id}`, { version: after.version, reviewMonths: 6, reason: 'Halbjährliche Überprüfung beschlossen' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.released.nextReview).toBe(qmsNextReviewDate(v2released.body.releasedAt, 6));
    expect((await author.client.patch(`/api/qms/documents/${doc.id}`, { version: after.version, title: 'x' })).status).toBe(409);

    // Every write is in the audit trail.
    const events = (await approver.client.get(`/api/audit-events?entityType=qms_document&entityId=${doc.id}`)).body.items;
    expect(events.map((e: { action: string }) => e.action).sort()).toEqual(['qms.document.create', 'qms.document.update']);
    const update = events.find((e: { action: string }) => e.action === 'qms.document.update');
    expect(update.reason).toBe('Halbjährliche Überprüfung beschlossen');
    const versionIds = (await t.db.database.db.selectFrom('qms_document_version').select('id').where('document_id', '=', doc.id).execute()).map((r) => r.id);
    const versionEvents = await t.db.database.db.selectFrom('audit_event').select('action').where('entity_type', '=', 'qms_document_version').where('entity_id', 'in', versionIds).execute();
    expect(versionEvents.map((e) => e.action).sort()).toEqual([
      'qms.version.create', 'qms.version.create', 'qms.version.release', 'qms.version.release', 'qms.version.return',
      'qms.version.submit', 'qms.version.submit', 'qms.version.submit', 'qms.version.update', 'qms.version.update', 'qms.version.update',
    ]);
    expect((await approver.client.get('/api/audit-events/verify')).body.ok).toBe(true);
  });

  it('exports a released version as DOCX, PDF and Markdown with title page, content, marking and what it covers', async () => {
    const doc = await released({ title: 'KI-Politik (Export)', art17Elements: ['a'], isoClauses: ['iso-42001:clause-5-2'] }, POLICY_TEXT);
    const base = `/api/qms/documents/${doc.id}/versions/1/export`;
    const docx = await viewer.client.fetch(`${base}?format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(docx.headers.get('content-disposition')).toContain('konform-KI-Politik-Export-v1.docx');
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const body = await zip.file('word/document.xml')!.async('string');
    for (const text of ['KI-Politik (Export)', 'KI-Politik – KI-Managementsystem', 'Grundsätze', 'Menschliche Aufsicht bei jeder Entscheidung', 'Leitung', 'Schulung', 'Dokumentenlenkung', 'Art. 17 Abs. 1 Buchst. a KI-VO', '5.2 KI-Politik', 'Nächste Überprüfung']) {
      expect(body, text).toContain(text);
    }
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('**Leitung**');
    const headers = await Promise.all(Object.keys(zip.files).filter((f) => /word\/header\d*\.xml/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(headers.join('')).toContain('VS – NUR FÜR DEN DIENSTGEBRAUCH');

    const pdf = await viewer.client.fetch(`${base}?format=pdf&lang=en`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    for (const part of ['KI-Politik (Export)', 'AI policy – AI management system', 'Document control', 'Transparenz gegenüber Betroffenen', 'Art. 17(1)(a) AI Act', '5.2 AI policy', 'VS – NUR FÜR DEN DIENSTGEBRAUCH', 'Released by']) {
      expect(text, part).toContain(part);
    }
    const md = await (await viewer.client.fetch(`${base}?format=md`)).text();
    expect(md).toContain('Menschliche Aufsicht bei jeder Entscheidung');
    expect(md).toContain('&lt;script&gt;');

    const draft = await createDocument(author.client, { title: 'Nur Entwurf', content: 'Text' });
    const refused = await viewer.client.get(`/api/qms/documents/${draft.id}/versions/1/export?format=pdf`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('not-released');
    expect((await viewer.client.get(`${base}?format=odt`)).status).toBe(400);
    expect((await outsider.client.get(`${base}?format=pdf`)).status).toBe(403);
  });

  it('shows which document covers which Art. 17 element and 42001 clause, and what is missing', async () => {
    const scoped = await t.newUnit(root, 'Referat Abdeckung');
    const policy = await released({ orgUnitId: scoped, title: 'KI-Politik (Abdeckung)', art17Elements: ['a'], isoClauses: ['iso-42001:clause-5-2'] });
    await createDocument(author.client, { orgUnitId: scoped, kind: 'management-review', title: 'Managementbewertung 2026', isoClauses: ['iso-42001:clause-9-3'], art17Elements: ['m'] });
    const reply = await approver.client.get(`/api/qms/coverage?orgUnitId=${scoped}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const coverage = reply.body;
    const iso = (ref: string) => coverage.iso42001.find((r: { ref: string }) => r.ref === ref);
    const art = (key: string) => coverage.art17.find((r: { key: string }) => r.key === key);
    expect(art('a')).toMatchObject({ state: 'covered', ref: 'Art. 17(1)(a)', requirementKey: 'eu-ai-act:art-17-1-1', documents: [{ id: policy.id, state: 'released', releasedNumber: 1 }] });
    expect(art('m')).toMatchObject({ state: 'draft-only', requirementKey: 'eu-ai-act:art-17-1-3' });
    expect(art('g').state).toBe('missing');
    expect(iso('5.2')).toMatchObject({ key: 'iso-42001:clause-5-2', state: 'covered', level: 2, title: { de: 'KI-Politik', en: 'AI policy' } });
    expect(iso('5').state).toBe('partial');
    expect(iso('9.3')).toMatchObject({ state: 'draft-only', level: 2 });
    expect(iso('9.3.2')).toMatchObject({ state: 'draft-only', level: 3 });
    expect(iso('10.2').state).toBe('missing');
    expect(coverage.iso42001.map((r: { ref: string }) => r.ref).slice(0, 5)).toEqual(['4', '4.1', '4.2', '4.3', '4.4']);
    expect(coverage.iso42001.some((r: { ref: string }) => r.ref.startsWith('A'))).toBe(false);
    expect(coverage.missing).toEqual(expect.arrayContaining([{ key: 'iso-42001:clause-4', ref: '4', framework: 'iso42001' }, { key: 'g', ref: 'Art. 17(1)(g)', framework: 'art17' }]));
    expect(coverage.counts.art17).toEqual({ covered: 1, total: 13 });
    expect((await viewer.client.get('/api/qms/coverage?orgUnitId=00000000-0000-4000-8000-000000000000')).body.errors[0].path).toBe('orgUnitId');
    // A reader sees only the documents of their units.
    expect((await viewer.client.get(`/api/qms/coverage?orgUnitId=${scoped}`)).body.art17.every((r: { documents: unknown[] }) => r.documents.length === 0)).toBe(true);
    const theirs = (await outsider.client.get('/api/qms/coverage')).body;
    expect(theirs.art17.every((r: { documents: unknown[] }) => r.documents.length === 0)).toBe(true);
  });

  it('lists documents with kind, owner, status, review and title filters', async () => {
    const filterUnit = await t.newUnit(root, 'Referat Filter');
    const objectives = await released({ orgUnitId: filterUnit, kind: 'objectives', title: 'KI-Ziele 2027' });
    const procedure = await createDocument(author.client, { orgUnitId: filterUnit, kind: 'procedure', title: 'Verfahren Änderungsmanagement', ownerId: approver.id });
    const list = (query: string) => author.client.get(`/api/qms/documents?orgUnitId=${filterUnit}&${query}`).then((r) => r.body.items.map((d: { id: string }) => d.id));
    expect(await list('')).toEqual([objectives.id, procedure.id]);
    expect(await list('kind=procedure')).toEqual([procedure.id]);
    expect(await list(`ownerId=${approver.id}`)).toEqual([procedure.id]);
    expect(await list(`ownerId=${owner.id}`)).toEqual([objectives.id]);
    expect(await list('status=released')).toEqual([objectives.id]);
    expect(await list('status=draft')).toEqual([procedure.id]);
    expect(await list('status=in-review')).toEqual([]);
    expect(await list('review=ok')).toEqual([objectives.id]);
    expect(await list('review=none')).toEqual([procedure.id]);
    expect(await list('review=overdue')).toEqual([]);
    expect(await list('q=änderungs')).toEqual([procedure.id]);
    const page = (await author.client.get(`/api/qms/documents?orgUnitId=${filterUnit}&limit=1`)).body;
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect((await author.client.get('/api/qms/documents?status=superseded')).status).toBe(400);
  });

  it("reminds the owner once when a review is due within 30 days and once when it is overdue", async () => {
    const reminderOwner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    const doc = await released({ title: 'Verfahren Vorfallmeldung', kind: 'procedure', ownerId: reminderOwner.id, reviewMonths: 1 });
    const nextReview: string = doc.released.nextReview;
    const at = (date: string, days: number) => new Date(Date.parse(`${date}T08:00:00Z`) + days * 86_400_000);
    const notes = () => t.db.database.db.selectFrom('notification').select(['kind', 'dedupe_key', 'link', 'title_de', 'body_en']).where('user_id', '=', reminderOwner.id).orderBy('created_at').execute();

    // Not yet: 31 days before the review date.
    expect((await qmsReviewOccasions(t.db.database, at(nextReview, -31))).map((o) => o.key)).not.toContain(`qms-review:${doc.id}:${nextReview}:due`);
    await runReminderSweep(t.db.database, at(nextReview, -10), false);
    await runReminderSweep(t.db.database, at(nextReview, -9), false);
    expect(await notes()).toEqual([
      expect.objectContaining({ kind: 'qms-review-due', dedupe_key: `qms-review:${doc.id}:${nextReview}:due:${reminderOwner.id}`, link: `/qms/documents/${doc.id}`, title_de: 'Dokumentüberprüfung steht an: Verfahren Vorfallmeldung' }),
    ]);
    await runReminderSweep(t.db.database, at(nextReview, 1), false);
    await runReminderSweep(t.db.database, at(nextReview, 5), false);
    const all = await notes();
    expect(all.map((n) => n.kind)).toEqual(['qms-review-due', 'qms-review-overdue']);
    expect(all[1]!.body_en).toContain(`was due for review on ${nextReview}`);

    // Only the owner is told, and a deactivated owner not at all.
    const occasions = (await qmsReviewOccasions(t.db.database, at(nextReview, 1))).filter((o) => o.key.includes(doc.id));
    expect(occasions.map((o) => o.recipients)).toEqual([{ userIds: [reminderOwner.id] }]);
    await t.db.database.db.updateTable('app_user').set({ active: 0 }).where('id', '=', reminderOwner.id).execute();
    expect((await qmsReviewOccasions(t.db.database, at(nextReview, 1))).filter((o) => o.key.includes(doc.id))).toEqual([]);
  });
});
