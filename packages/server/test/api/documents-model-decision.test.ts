import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_PAPER_SECTION_KEYS, MODEL_CARD_SECTION_KEYS } from '@konform/core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { insertGate, insertPlan, insertRun, labBasics, type LabBasics } from '../support/lab-seed.js';
import { pdfText } from '../support/pdf-text.js';

type User = { id: string; email: string; client: TestClient };
type Section = { key: string; recordLines: string[]; completeness: { status: string; lacking: { code: string; subject?: string }[] } };
let t: TestApp;
let unit: string;
let author: User;
let reviewer: User;
let approver: User;
let viewer: User;
let basics: LabBasics;
let modelName: string;
let systemId: string;

const MARKING = 'VS – NUR FÜR DEN DIENSTGEBRAUCH';

/** The visible text of a DOCX body (runs joined per paragraph). */
async function docxText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('\n')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

const section = (doc: { sections: Section[] }, key: string) => doc.sections.find((s) => s.key === key)!;
const lines = (doc: { sections: Section[] }, key: string) => section(doc, key).recordLines.join('\n');

async function exportDraft(docId: string, number: number, format: 'docx' | 'pdf'): Promise<string> {
  const res = await viewer.client.fetch(`/api/documents/${docId}/versions/${number}/export?format=${format}`);
  expect(res.status).toBe(200);
  const body = Buffer.from(await res.arrayBuffer());
  return format === 'docx' ? docxText(body) : pdfText(body);
}

async function writeTexts(docId: string, keys: readonly string[], client = author.client) {
  for (const key of keys) {
    const put = await client.request('PUT', `/api/documents/${docId}/sections/${key}`, { markdown: `Text zu **${key}**.`, version: 0 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }
}

beforeAll(async () => {
  t = await startTestApp({ defaultMarking: 'VS-NfD' });
  unit = await t.newUnit(null, 'Referat Bildauswertung');
  author = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  reviewer = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  approver = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  const db = t.db.database.db;
  basics = await labBasics(reviewer.client, unit, 'FaceMatch');
  modelName = (await db.selectFrom('model').select('name').where('id', '=', basics.modelId).executeTakeFirstOrThrow()).name;

  const system = await t.newSystem(author.client, unit, { name: 'Gesichtsbildabgleich', shortName: 'GBA', description: 'Gleicht Lichtbilder ab' });
  systemId = system.id;
  await db.updateTable('ai_system').set({ risk_class: 'high', classification_status: 'approved' }).where('id', '=', systemId).execute();
  await db.insertInto('system_item_link').values([
    { system_id: systemId, item_type: 'model', version_id: basics.modelVersionId, role: 'in-operation', note: 'seit November', position: 0 },
    { system_id: systemId, item_type: 'dataset', version_id: basics.datasetVersionId, role: 'test', note: '', position: 1 },
  ]).execute();

  // The lab: one plan with two cases, a run naming the model version (one case failed), an open gate of the system.
  const plan = await insertPlan(t, { unit, systemId, methodId: basics.methodId, name: 'Abnahme Gesichtsbildabgleich', cases: [
    { key: 'FNMR-01', name: 'Falschrückweisungen', metric: 'fnmr', comparator: '<=', threshold: 5, unit: '%' },
    { key: 'ACC-01', name: 'Treffergenauigkeit', metric: 'acc', comparator: '>=', threshold: 0.9 },
  ] });
  const run = await insertRun(t, { unit, systemId, planId: plan.planId, basics, startedAt: '2026-11-20T08:00:00.000Z', endedAt: '2026-11-20T10:00:00.000Z', verdict: 'fail', results: [
    { caseId: plan.cases.get('FNMR-01')!, metric: 'fnmr', value: 3.25, unit: '%', verdict: 'pass' },
    { caseId: plan.cases.get('ACC-01')!, metric: 'acc', value: 0.8125, verdict: 'fail' },
  ] });
  expect(run.number).toBeGreaterThan(0);
  await insertGate(t, { unit, systemId, planId: plan.planId, title: 'Freigabe FaceMatch 1.0' });

  // Risks (one high, one medium), Art. 14 rows with an applied measure, an open non-conformity, an overdue task.
  for (const [title, level] of [['Verwechslung ähnlicher Gesichter', 'mittel'], ['Diskriminierende Fehlerraten', 'hoch']] as const) {
    const risk = await author.client.post(`/api/systems/${systemId}/risks`, { title });
    expect(risk.status).toBe(201);
    await db.updateTable('risk').set({ inherent_level: level }).where('id', '=', risk.body.id).execute();
  }
  const now = new Date().toISOString();
  const row = (key: string, status: string) => ({ system_id: systemId, requirement_key: key, status, owner: null, due_date: null, justification: null, implemented_by: null, verified_by: null, version: 1, updated_at: now });
  await db.insertInto('requirement_row').values([row('eu-ai-act:art-14-1', 'implemented'), row('eu-ai-act:art-14-4-a', 'open'), row('eu-ai-act:art-9-1', 'verified')]).execute();
  await db.insertInto('system_measure').values({ system_id: systemId, measure_id: 'm-human-oversight-concept', status: 'implemented', note: '', applied_by_id: null, applied_by_label: 'test', created_at: now, updated_at: now }).execute();
  await db.insertInto('nonconformity').values({
    id: randomUUID(), system_id: systemId, org_unit_id: unit, title: 'Protokollierung unvollständig', description: '', source: 'audit', severity: 'major', requirement_keys: '[]', root_cause: '',
    actions: '[]', implemented_by: null, verification: null, status: 'open', version: 1, created_at: now, updated_at: now, created_by_label: 'test',
  }).execute();
  await db.insertInto('task').values({
    id: randomUUID(), record_type: 'system', record_id: systemId, system_id: systemId, org_unit_id: unit, title: 'Aufsichtskonzept abstimmen', description: '', owner_id: null,
    due_date: '2026-01-15', priority: 'high', status: 'open', completed_at: null, completed_by: null, version: 1, created_at: now, updated_at: now, created_by: null, created_by_label: 'test',
  }).execute();
  // The latest classification with its dated obligations: the first date still ahead is the next legal date.
  await db.insertInto('classification_revision').values({
    id: randomUUID(), system_id: systemId, number: 1, status: 'approved', facts: '{}', answers: '{}', note: '', risk_class: 'high', decided_by_id: null, decided_by_label: 'Frau Entscheider',
    decided_at: '2026-10-01T10:00:00.000Z', state_hash: 'x', approval_signature_id: null,
    result: JSON.stringify({ obligations: [
      { ref: 'Art. 4', appliesFrom: '2025-02-02', group: 'general', title: { de: 'KI-Kompetenz', en: 'AI literacy' } },
      { ref: 'Art. 26', appliesFrom: '2099-12-02', group: 'annex-iii-high-risk', title: { de: 'Pflichten der Betreiber', en: 'Obligations of deployers' } },
      { ref: 'Art. 27', appliesFrom: '2099-12-02', group: 'annex-iii-high-risk', title: { de: 'Grundrechte-Folgenabschätzung', en: 'Fundamental rights impact assessment' } },
    ] }),
  }).execute();
});
afterAll(async () => {
  await t.close();
});

describe('model card', () => {
  it('names modelVersionId when it is missing or unknown', async () => {
    const missing = await author.client.post('/api/documents', { type: 'model-card' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('modelVersionId');
    const unknown = await author.client.post('/api/documents', { type: 'model-card', modelVersionId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('modelVersionId');
    expect((await viewer.client.post('/api/documents', { type: 'model-card', modelVersionId: basics.modelVersionId })).status).toBe(403);
  });

  it('is built from the lab records, frozen, exported as a draft and released; the Annex IV then names it', async () => {
    const created = await author.client.post('/api/documents', { type: 'model-card', modelVersionId: basics.modelVersionId, locale: 'de' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const doc = created.body;
    expect(doc.title).toBe(`Modellkarte – ${modelName} 1.0`);
    expect(doc.modelVersionId).toBe(basics.modelVersionId);
    expect(doc.systemId).toBeNull();
    expect(doc.sections.map((s: Section) => s.key)).toEqual([...MODEL_CARD_SECTION_KEYS]);
    expect((await author.client.post('/api/documents', { type: 'model-card', modelVersionId: basics.modelVersionId, locale: 'de' })).body.code).toBe('document-exists');

    // Live from the records: digest and licence, the system using it, the run's results, the dataset, risks, custody.
    expect(lines(doc, 'details')).toContain(basics.modelDigest);
    expect(lines(doc, 'details')).toContain('Lizenz: MIT');
    expect(section(doc, 'details').completeness).toMatchObject({ status: 'complete', lacking: [] });
    expect(lines(doc, 'systems')).toContain('Gesichtsbildabgleich · hohes Risiko · Im Betrieb · seit November');
    const evaluation = lines(doc, 'evaluation');
    expect(evaluation).toContain('Abnahme Gesichtsbildabgleich');
    expect(evaluation).toContain('fnmr · 3,25 % · <= 5 % · bestanden · 2026-11-20');
    expect(evaluation).toContain('acc · 0,8125 · >= 0,9 · nicht bestanden');
    expect(section(doc, 'data').completeness.lacking.map((l) => l.code)).toEqual(['text-missing']);
    expect(lines(doc, 'limitations')).toContain('Diskriminierende Fehlerraten');
    expect(lines(doc, 'custody')).toContain('Eingelagert');
    expect(lines(doc, 'custody')).toContain('Tresor Bonn');

    // Without the authored sections the version cannot be submitted; with them it can.
    const v1 = await author.client.post(`/api/documents/${doc.id}/versions`, {});
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect((await author.client.post(`/api/documents/${doc.id}/versions/1/submit`, { version: v1.body.version })).body.code).toBe('incomplete');
    await writeTexts(doc.id, ['intended-use', 'out-of-scope', 'data', 'limitations', 'ethics']);
    const rebuilt = await author.client.post(`/api/documents/${doc.id}/versions`, {});
    expect(rebuilt.body.completeness.every((c: { status: string }) => c.status === 'complete'), JSON.stringify(rebuilt.body.completeness)).toBe(true);

    const docx = await exportDraft(doc.id, 1, 'docx');
    for (const heading of ['1. Angaben zum Modell', '2. Vorgesehene Verwendung', '4. KI-Systeme, die diese Fassung nutzen', '6. Evaluierungsergebnisse', '8. Verwahrkette', '9. Ethische Erwägungen']) expect(docx).toContain(heading);
    expect(docx).toContain('3,25 %');
    expect(docx).toContain(basics.modelDigest);
    const pdf = await exportDraft(doc.id, 1, 'pdf');
    expect(pdf).toContain(`Modellkarte – ${modelName} 1.0`);
    expect(pdf).toContain('ENTWURF');
    expect(pdf).toContain(MARKING);
    expect(pdf).toContain('Evaluierungsergebnisse');
    expect(pdf).toContain('0,8125');

    const submitted = await author.client.post(`/api/documents/${doc.id}/versions/1/submit`, { version: rebuilt.body.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const reviewed = await reviewer.client.post(`/api/documents/${doc.id}/versions/1/review`, { version: submitted.body.version, password: TEST_PASSWORD });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    const released = await approver.client.post(`/api/documents/${doc.id}/versions/1/release`, { version: reviewed.body.version, password: TEST_PASSWORD });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    const json = (await (await viewer.client.fetch(`/api/documents/${doc.id}/versions/1/export?format=json`)).json()) as { version: { digest: string } };
    expect(json.version.digest).toBe(basics.modelDigest);

    // The technical documentation of the system using this version shows the released card.
    const annex = await author.client.post('/api/documents', { type: 'annex-iv', systemId, locale: 'de' });
    expect(annex.status, JSON.stringify(annex.body)).toBe(201);
    expect(lines(annex.body, 'development')).toContain(`${modelName} 1.0: Modellkarte Fassung 1, freigegeben am ${released.body.releasedAt.slice(0, 10)}`);
  });
});

describe('technical documentation (Annex IV): oversight, standards, general', () => {
  it('shows the Art. 14 rows with their measures, separates harmonised standards and names what the general text lacks', async () => {
    const list = await viewer.client.get(`/api/documents?systemId=${systemId}&type=annex-iv`);
    const doc = (await author.client.get(`/api/documents/${list.body[0].id}`)).body;
    const monitoring = lines(doc, 'monitoring');
    expect(monitoring).toContain('Art. 14(1)');
    expect(monitoring).toContain('umgesetzt · Konzept der menschlichen Aufsicht (umgesetzt)');
    expect(monitoring).toContain('Art. 14(4)(a)');
    expect(section(doc, 'monitoring').completeness.lacking.map((l) => l.code)).toEqual(['text-missing']);
    expect(section(doc, 'standards').completeness.lacking.map((l) => l.code)).toEqual(['no-standards']);
    expect(lines(doc, 'standards')).toContain('Harmonisierte Normen und gemeinsame Spezifikationen');
    expect(lines(doc, 'standards')).toContain('Weitere Normen, Kataloge und Spezifikationen');
    expect(section(doc, 'general').completeness.lacking).toContainEqual({ code: 'field-missing', subject: 'Zielhardware, Formen des Inverkehrbringens, Benutzeroberfläche (Text)' });

    await writeTexts(doc.id, ['standards', 'general']);
    const live = (await author.client.get(`/api/documents/${doc.id}`)).body;
    expect(section(live, 'standards').completeness.lacking).toEqual([]);
    expect(section(live, 'general').completeness.lacking).toEqual([]);
    const v1 = await author.client.post(`/api/documents/${doc.id}/versions`, {});
    expect(v1.status).toBe(201);
    const docx = await exportDraft(doc.id, 1, 'docx');
    expect(docx).toContain('Anforderungen an die menschliche Aufsicht (Art. 14)');
    expect(docx).toContain('Harmonisierte Normen und gemeinsame Spezifikationen');
    expect(docx).toContain('Freigegebene Modellkarten');
  });
});

describe('decision paper', () => {
  it('prints the figures of the records, may be written more than once and exports as a draft', async () => {
    const first = await author.client.post('/api/documents', { type: 'decision-paper', systemId, locale: 'de' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await author.client.post('/api/documents', { type: 'decision-paper', systemId, locale: 'de', title: 'Entscheidungsvorlage – Ausweitung auf Video' });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const missing = await author.client.post('/api/documents', { type: 'decision-paper' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('systemId');

    const doc = first.body;
    expect(doc.title).toBe('Entscheidungsvorlage – Gesichtsbildabgleich');
    expect(doc.sections.map((s: Section) => s.key)).toEqual([...DECISION_PAPER_SECTION_KEYS]);
    const figures = lines(doc, 'figures');
    expect(figures).toContain('Risikoklasse: hohes Risiko');
    expect(figures).toContain('Einstufung: genehmigt, Fassung 1, entschieden von Frau Entscheider am 2026-10-01');
    expect(figures).toContain('Anforderungen: 2 von 3 umgesetzt oder nachgewiesen (66 %); offen 1 · in Arbeit 0 · umgesetzt 1 · nachgewiesen 1 · nicht anwendbar 0');
    expect(figures).toMatch(/Letzte Freigabe im Prüflabor: Nr\. \d+ Freigabe FaceMatch 1\.0: offen/);
    expect(figures).toContain('Nächste gesetzliche Frist: ab 2099-12-02: Pflichten der Betreiber (Art. 26)');
    expect(figures).toContain('Protokollierung unvollständig · erheblich · offen');
    expect(figures).toContain('Aufsichtskonzept abstimmen · 2026-01-15');
    expect(figures).toContain('Abnahme Gesichtsbildabgleich');
    // High risks first.
    expect(figures.indexOf('Diskriminierende Fehlerraten')).toBeLessThan(figures.indexOf('Verwechslung ähnlicher Gesichter'));
    expect(section(doc, 'figures').completeness).toMatchObject({ status: 'complete', lacking: [] });
    expect(section(doc, 'recommendation').completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'text-missing' }] });

    await writeTexts(doc.id, ['situation', 'options', 'assessment', 'recommendation']);
    const v1 = await author.client.post(`/api/documents/${doc.id}/versions`, {});
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body.completeness.every((c: { status: string }) => c.status === 'complete')).toBe(true);
    const submitted = await author.client.post(`/api/documents/${doc.id}/versions/1/submit`, { version: v1.body.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);

    const docx = await exportDraft(doc.id, 1, 'docx');
    for (const heading of ['1. Sachverhalt', '2. Zahlen aus den Unterlagen', '3. Optionen', '4. Bewertung', '5. Empfehlung']) expect(docx).toContain(heading);
    expect(docx).toContain('Diskriminierende Fehlerraten');
    expect(docx).toContain('ab 2099-12-02');
    const pdf = await exportDraft(doc.id, 1, 'pdf');
    expect(pdf).toContain('Entscheidungsvorlage – Gesichtsbildabgleich');
    expect(pdf).toContain('ENTWURF');
    expect(pdf).toContain('Empfehlung');
    expect(pdf).toContain('Protokollierung unvollständig');
  });

  it('is written in English with the same figures', async () => {
    const created = await author.client.post('/api/documents', { type: 'decision-paper', systemId, locale: 'en' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.title).toBe('Decision paper – Gesichtsbildabgleich');
    const figures = lines(created.body, 'figures');
    expect(figures).toContain('Risk class: high risk');
    expect(figures).toContain('Next legal date: from 2099-12-02: Obligations of deployers (Art. 26)');
    expect(figures).toContain('Protokollierung unvollständig · major · open');
  });
});
