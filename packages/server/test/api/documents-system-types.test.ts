import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION_SECTION_KEYS, INSTRUCTIONS_SECTION_KEYS } from '@konform/core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { insertPlan, labBasics } from '../support/lab-seed.js';
import { insertLabRun } from '../support/lab-run-rows.js';
import { pdfText } from '../support/pdf-text.js';

/**
 * The record-backed system documents beside the technical documentation: instructions for use (Art. 13), the EU
 * declaration of conformity (Art. 47, Annex V) and the registration data (Art. 49, Annex VIII), from records through
 * completeness and authored text to frozen drafts exported in every format.
 */

type User = { id: string; email: string; client: TestClient };
type Section = { key: string; recordLines: string[]; completeness: { status: string; lacking: { code: string; subject?: string }[] }; text: { version: number } };
let t: TestApp;
let unit: string;
let author: User;
let reviewer: User;
let approver: User;
let systemId: string;

/** The paragraphs of a DOCX body as plain text (runs joined), as the documents and render tests read them. */
async function docxParagraphs(body: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).filter((x) => x !== '');
}

const createDoc = (body: Record<string, unknown>, client = author.client) => client.post('/api/documents', body);
const sectionOf = (doc: { sections: Section[] }, key: string) => doc.sections.find((s) => s.key === key)!;
const put = (docId: string, key: string, markdown: string, version = 0) => author.client.request('PUT', `/api/documents/${docId}/sections/${key}`, { markdown, version });
const exportDraft = async (docId: string, format: 'docx' | 'pdf' | 'md' | 'json') => Buffer.from(await (await author.client.fetch(`/api/documents/${docId}/versions/1/export?format=${format}`)).arrayBuffer());

async function classify(id: string, facts: Record<string, unknown>, approve = true) {
  const decided = await author.client.request('PUT', `/api/systems/${id}/classification`, { facts, answers: { 'q-ai': true }, note: 'Bewertung im Workshop' });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  if (approve) {
    const approved = await approver.client.post(`/api/systems/${id}/classification/approve`, { revision: decided.body.revision.number, password: TEST_PASSWORD });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  }
}

/** Freezes a draft, submits it and has it reviewed and released by two other people. */
async function release(docId: string) {
  const frozen = await author.client.post(`/api/documents/${docId}/versions`, {});
  const submitted = await author.client.post(`/api/documents/${docId}/versions/${frozen.body.number}/submit`, { version: frozen.body.version });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const reviewed = await reviewer.client.post(`/api/documents/${docId}/versions/${frozen.body.number}/review`, { version: submitted.body.version, password: TEST_PASSWORD });
  const released = await approver.client.post(`/api/documents/${docId}/versions/${frozen.body.number}/release`, { version: reviewed.body.version, password: TEST_PASSWORD });
  expect(released.status, JSON.stringify(released.body)).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit(null, 'Referat Leistungen');
  author = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  reviewer = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  approver = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  const system = await t.newSystem(author.client, unit, {
    name: 'Leistungsprüfung LP', shortName: 'LP', purpose: 'Vorprüfung von Anträgen auf Sozialleistungen', description: 'Ordnet eingehende Anträge nach Vollständigkeit',
    roles: ['provider', 'deployer'], affectedPersons: 'Antragstellende', autonomy: 'human-in-the-loop',
  });
  systemId = system.id;
  await classify(systemId, { roles: ['provider', 'deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } });
  const db = t.db.database.db;
  const basics = await labBasics(reviewer.client, unit);
  await db.insertInto('system_item_link').values([
    { system_id: systemId, item_type: 'model', version_id: basics.modelVersionId, role: 'core', note: '', position: 0 },
    { system_id: systemId, item_type: 'dataset', version_id: basics.datasetVersionId, role: 'test', note: '', position: 1 },
  ]).execute();
  // The dataset's datasheet states personal data (the declaration then carries the data-protection statement).
  const sheet = JSON.parse((await db.selectFrom('dataset_version').select('datasheet').where('id', '=', basics.datasetVersionId).executeTakeFirstOrThrow()).datasheet) as Record<string, unknown>;
  await db.updateTable('dataset_version').set({ datasheet: JSON.stringify({ ...sheet, personalData: true, legalBasis: 'Art. 6 Abs. 1 lit. e DSGVO' }) }).where('id', '=', basics.datasetVersionId).execute();
  const { planId, cases } = await insertPlan(t, { unit, systemId, methodId: basics.methodId, name: 'Abnahmeprüfung LP', cases: [{ key: 'wer', name: 'Fehlerquote', metric: 'wer', comparator: '<=', threshold: 10 }] });
  await insertLabRun(db, {
    planId, orgUnitId: unit, systemId, methodId: basics.methodId, environmentId: basics.environmentId, operatorId: reviewer.id,
    items: [{ type: 'model', versionId: basics.modelVersionId }], results: [{ caseId: cases.get('wer')!, metric: 'wer', value: 7.25, verdict: 'pass' }],
  });
  expect((await author.client.post(`/api/systems/${systemId}/risks`, { title: 'Benachteiligung fremdsprachiger Antragstellender', affectedGroups: 'Menschen ohne Deutschkenntnisse' })).status).toBe(201);
});
afterAll(async () => t.close());

describe('refusals', () => {
  it('refuses every type for a system that is not high-risk (registration: unless a provider concluded Art. 6(3))', async () => {
    const minimal = await t.newSystem(author.client, unit, { name: 'Terminplaner', roles: ['deployer'] });
    await classify(minimal.id, { roles: ['deployer'] }, false);
    for (const type of ['instructions-for-use', 'declaration-of-conformity', 'registration']) {
      const refused = await createDoc({ type, systemId: minimal.id });
      expect(refused.status, type).toBe(409);
      expect(refused.body.code, type).toBe('not-high-risk');
    }
  });
});

describe('instructions for use', () => {
  it('fills the Art. 13(3) sections from the records, with measured values, and exports a draft', async () => {
    const created = await createDoc({ type: 'instructions-for-use', systemId, locale: 'de' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const doc = created.body;
    expect(doc.title).toBe('Betriebsanleitung – Leistungsprüfung LP');
    expect(doc.sections.map((s: Section) => s.key)).toEqual([...INSTRUCTIONS_SECTION_KEYS]);
    expect(sectionOf(doc, 'accuracy').recordLines.join('\n')).toContain('7.25');
    expect(sectionOf(doc, 'accuracy').completeness.lacking).toEqual([{ code: 'text-missing' }]);
    expect(sectionOf(doc, 'foreseeable-risks').completeness.status).toBe('complete');
    expect(sectionOf(doc, 'groups').recordLines.join('\n')).toContain('Menschen ohne Deutschkenntnisse');
    expect(sectionOf(doc, 'input-data').recordLines.join('\n')).toContain('Whisper large-v3');
    // The own organisation is the provider; its address is not in the records.
    expect(sectionOf(doc, 'provider').completeness.lacking).toContainEqual({ code: 'field-missing', subject: 'Anschrift' });
    expect(sectionOf(doc, 'logging').completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'text-missing' }] });

    expect((await put(doc.id, 'provider', 'Anschrift: Beispielweg 1, 53113 Bonn; Telefon 0228 0000')).status).toBe(200);
    expect((await put(doc.id, 'logging', 'Protokolle je Vorgang, 6 Monate aufbewahrt')).status).toBe(200);
    const live = (await author.client.get(`/api/documents/${doc.id}`)).body;
    expect(sectionOf(live, 'provider').completeness.status).toBe('complete');
    expect(sectionOf(live, 'logging').completeness.status).toBe('complete');

    const frozen = await author.client.post(`/api/documents/${doc.id}/versions`, {});
    expect(frozen.status, JSON.stringify(frozen.body)).toBe(201);
    expect(frozen.body.completeness.find((c: { key: string }) => c.key === 'accuracy').lacking).toEqual([{ code: 'text-missing' }]);
    const paragraphs = await docxParagraphs(await exportDraft(doc.id, 'docx'));
    for (const heading of ['1. Anbieter und Kontakt', '3. Genauigkeit, Robustheit und Cybersicherheit', '9. Maßnahmen der menschlichen Aufsicht', '11. Protokollierung']) expect(paragraphs).toContain(heading);
    expect(paragraphs).toContain('7.25');
    expect(paragraphs).toContain('Protokolle je Vorgang, 6 Monate aufbewahrt');
    const pdf = await pdfText(await exportDraft(doc.id, 'pdf'));
    expect(pdf).toContain('Betriebsanleitung – Leistungsprüfung LP');
    expect(pdf).toContain('ENTWURF');
    expect((await exportDraft(doc.id, 'md')).toString('utf8')).toContain('## 6. Eingabedaten und verwendete Datensätze');
    const inputs = JSON.parse((await exportDraft(doc.id, 'json')).toString('utf8')) as { runs: { results: { metric: string; value: number }[] }[] };
    expect(inputs.runs[0]!.results).toEqual([{ metric: 'wer', value: 7.25, unit: '', verdict: 'pass' }]);
  });
});

describe('EU declaration of conformity', () => {
  it('needs released technical documentation, carries the fixed statements and the data-protection statement', async () => {
    const created = await createDoc({ type: 'declaration-of-conformity', systemId, locale: 'en' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const doc = created.body;
    expect(doc.sections.map((s: Section) => s.key)).toEqual([...DECLARATION_SECTION_KEYS]);
    // The classification is approved; the technical documentation is not released yet.
    expect(sectionOf(doc, 'conformity').completeness.lacking).toEqual([{ code: 'no-technical-documentation' }]);
    expect(sectionOf(doc, 'data-protection').recordLines.join('\n')).toContain('Regulation (EU) 2016/679');
    expect(sectionOf(doc, 'standards').completeness.lacking).toEqual([{ code: 'no-standards' }]);
    expect(sectionOf(doc, 'issue').completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'text-missing' }] });

    // Release the technical documentation through the ordinary flow.
    const td = (await createDoc({ type: 'annex-iv', systemId, locale: 'de' })).body;
    for (const s of td.sections as Section[]) expect((await put(td.id, s.key, `Angaben zu ${s.key}`)).status).toBe(200);
    await release(td.id);

    expect((await put(doc.id, 'issue', 'Bonn, 27 November 2026 – Dr. Erika Beispiel, President, for the Federal Office')).status).toBe(200);
    expect((await put(doc.id, 'standards', 'No harmonised standard published yet; BSI AIC4 applied.')).status).toBe(200);
    const live = (await author.client.get(`/api/documents/${doc.id}`)).body;
    expect(sectionOf(live, 'conformity').completeness.status).toBe('complete');
    expect(sectionOf(live, 'system').recordLines.join('\n')).toContain('version 1 of');
    expect(sectionOf(live, 'issue').completeness.status).toBe('complete');

    expect((await author.client.post(`/api/documents/${doc.id}/versions`, {})).status).toBe(201);
    const paragraphs = await docxParagraphs(await exportDraft(doc.id, 'docx'));
    for (const heading of ['1. AI system', '3. Responsibility', '5. Data protection', '8. Issue and signature']) expect(paragraphs).toContain(heading);
    expect(paragraphs.some((p) => p.includes('issued under the sole responsibility of the provider'))).toBe(true);
    expect(paragraphs.some((p) => p.includes('Regulation (EU) 2024/1689'))).toBe(true);
    const pdf = await pdfText(await exportDraft(doc.id, 'pdf'));
    expect(pdf).toContain('EU declaration of conformity – Leistungsprüfung LP');
    expect((await exportDraft(doc.id, 'md')).toString('utf8')).toContain('Dr. Erika Beispiel');
    const inputs = JSON.parse((await exportDraft(doc.id, 'json')).toString('utf8')) as { personalDataSets: string[]; technicalDocumentation: { number: number } };
    expect(inputs.personalDataSets).toHaveLength(1);
    expect(inputs.technicalDocumentation.number).toBe(1);
  });
});

interface RegistrationJson {
  format: string;
  secureSection: boolean;
  sections: { section: string; legalBasis: string; items: Record<string, { item: number; value: string | null; complete: boolean }> }[];
}

describe('registration data', () => {
  it('gives Sections A and C for a public-authority provider and deployer, with missing items named', async () => {
    const created = await createDoc({ type: 'registration', systemId, locale: 'de' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const doc = created.body;
    expect(doc.sections.map((s: Section) => s.key)).toEqual(['basis', 'section-a', 'section-c']);
    const missing = (d: { sections: Section[] }, key: string) => sectionOf(d, key).completeness.lacking.map((l) => l.subject?.split(' ')[0]);
    expect(missing(doc, 'section-a')).toEqual(['A.1', 'A.2', 'A.3', 'A.10', 'A.11', 'A.12']);
    expect(sectionOf(doc, 'section-a').completeness.lacking[0]!.code).toBe('field-missing');
    expect(missing(doc, 'section-c')).toEqual(['C.1', 'C.2', 'C.3', 'C.4', 'C.5']);

    expect((await put(doc.id, 'section-a', '1: Beispielweg 1, 53113 Bonn\n2: Max Beispiel, KI-Koordinierung\n3: entfällt\n10: Deutschland')).status).toBe(200);
    const live = (await author.client.get(`/api/documents/${doc.id}`)).body;
    expect(missing(live, 'section-a')).toEqual(['A.11', 'A.12']);

    expect((await author.client.post(`/api/documents/${doc.id}/versions`, {})).status).toBe(201);
    const record = JSON.parse((await exportDraft(doc.id, 'json')).toString('utf8')) as RegistrationJson;
    expect(record).toMatchObject({ format: 'konform.registration', secureSection: false });
    expect(record.sections.map((s) => [s.section, s.legalBasis])).toEqual([['A', 'Art. 49(1)'], ['C', 'Art. 49(3)']]);
    expect(record.sections[0]!.items.memberStates).toEqual({ item: 10, value: 'Deutschland', complete: true });
    expect(record.sections[0]!.items.declarationCopy).toEqual({ item: 11, value: null, complete: false });
    expect(record.sections[0]!.items.tradeName!.value).toContain('Leistungsprüfung LP (LP)');
    expect(Object.values(record.sections[0]!.items).map((i) => i.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const paragraphs = await docxParagraphs(await exportDraft(doc.id, 'docx'));
    expect(paragraphs).toContain('1. Registrierungspflicht');
    expect(paragraphs.some((p) => p.startsWith('2. Abschnitt A'))).toBe(true);
    expect(paragraphs.some((p) => p.startsWith('3. Abschnitt C'))).toBe(true);
    expect(paragraphs).toContain('Deutschland');
    expect(await pdfText(await exportDraft(doc.id, 'pdf'))).toContain('Registrierungsdaten – Leistungsprüfung LP');
    expect((await exportDraft(doc.id, 'md')).toString('utf8')).toContain('A.10');
  });

  it('keeps only the reduced set of Art. 49(4) for law enforcement (Annex III point 6)', async () => {
    const police = await t.newSystem(author.client, unit, { name: 'Rückfallprognose', roles: ['provider'], description: 'Schätzt das Rückfallrisiko' });
    await classify(police.id, { roles: ['provider'], annexIII: ['6.d'], lawEnforcementOrMigrationContext: true });
    const created = await createDoc({ type: 'registration', systemId: police.id, locale: 'en' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.sections.map((s: Section) => s.key)).toEqual(['basis', 'section-a']);
    expect((await author.client.post(`/api/documents/${created.body.id}/versions`, {})).status).toBe(201);
    const record = JSON.parse((await exportDraft(created.body.id, 'json')).toString('utf8')) as RegistrationJson;
    expect(record.secureSection).toBe(true);
    expect(record.sections[0]!.legalBasis).toBe('Art. 49(1), Art. 49(4)');
    expect(Object.keys(record.sections[0]!.items)).toEqual(['providerDetails', 'submitterDetails', 'authorisedRepresentative', 'tradeName', 'intendedPurpose', 'status', 'memberStates']);
    const paragraphs = await docxParagraphs(await exportDraft(created.body.id, 'docx'));
    expect(paragraphs.some((p) => p.includes('only the reduced set of Art. 49(4)'))).toBe(true);
    expect(paragraphs).not.toContain('A.12');
  });

  it('gives Section B to a provider whose Annex III system is not high-risk under Art. 6(3)', async () => {
    const helper = await t.newSystem(author.client, unit, { name: 'Aktenvorsortierung', roles: ['provider'] });
    await classify(helper.id, { roles: ['provider'], annexIII: ['4.a'], derogation: ['6.3.d'] });
    const system = (await author.client.get(`/api/systems/${helper.id}`)).body;
    expect(system.riskClass).not.toBe('high');
    const created = await createDoc({ type: 'registration', systemId: helper.id, locale: 'en' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.sections.map((s: Section) => s.key)).toEqual(['basis', 'section-b']);
    expect(sectionOf(created.body, 'section-b').recordLines.join('\n')).toContain('Art. 6(3)(d)');
    // The other types stay refused for it.
    expect((await createDoc({ type: 'declaration-of-conformity', systemId: helper.id })).body.code).toBe('not-high-risk');
  });
});
