import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeToday } from '@konform/core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { insertPlan, insertRun, labBasics, type LabBasics } from '../support/lab-seed.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let root: string;
let unit: string;
let lab: User;
let viewer: User;
let stranger: User;
let governance: User;
let owner: User;
let systemId: string;
let otherSystemId: string;
let basics: LabBasics;
let cases: Map<string, string>;
let planId: string;
let run: { id: string; number: number };
let failed: { id: string; number: number };

const MARKING = 'VS – NUR FÜR DEN DIENSTGEBRAUCH';
/** Markdown with the engine's backslash escapes removed, for plain text comparisons. */
const plain = (md: string) => md.replace(/\\([\\`*_[\]|~#!.\-+=)])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

beforeAll(async () => {
  t = await startTestApp({ defaultMarking: 'VS-NfD' });
  root = await t.newUnit(null, 'Bundesamt für Prüfzwecke');
  unit = await t.newUnit(root, 'Referat KI-Prüflabor');
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'lab' }]);
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  systemId = (await t.newSystem(owner.client, unit, { name: 'Spracherkennung HWS-ASR' })).id;
  otherSystemId = (await t.newSystem(owner.client, unit, { name: 'Anderes System' })).id;
  basics = await labBasics(lab.client, unit);
  ({ planId, cases } = await insertPlan(t, {
    unit, systemId, methodId: basics.methodId,
    cases: [
      { key: 'TC-01', name: 'Wortfehlerrate deutsch', metric: 'wer', comparator: '<=', threshold: 12, unit: '%', decisionRule: 'conservative-bound' },
      { key: 'TC-02', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.92 },
      { key: 'TC-03', name: 'Robustheit gegen Rauschen', metric: 'wer_noise', comparator: '<=', threshold: 20, unit: '%', mandatory: false },
    ],
  }));
  run = await insertRun(t, {
    unit, systemId, planId, basics, startedAt: '2026-11-20T09:30:00.000Z', endedAt: '2026-11-20T11:45:00.000Z', verdict: 'pass',
    deviations: 'Aufnahmen 17 und 18 wegen Übersteuerung ausgeschlossen.', unmatched: ['cer'],
    results: [
      { caseId: cases.get('TC-01')!, metric: 'wer', value: 9.8, ciLower: 9.1, ciUpper: 10.5, sampleSize: 1200, unit: '%', verdict: 'pass', decidedBy: 10.5 },
      { caseId: cases.get('TC-02')!, metric: 'acc', value: 0.94, stdError: 0.005, verdict: 'pass' },
    ],
  });
  failed = await insertRun(t, {
    unit, systemId, planId, basics, startedAt: '2026-11-21T09:30:00.000Z', verdict: 'fail',
    results: [{ caseId: cases.get('TC-01')!, metric: 'wer', value: 13.2, unit: '%', verdict: 'fail' }],
  });
});
afterAll(async () => t.close());

const report = (client: TestClient, id: string, query: string, kind: 'runs' | 'gates' = 'runs') => client.fetch(`/api/lab/${kind}/${id}/report?${query}`);

async function markdown(id: string, locale: 'de' | 'en', client = viewer.client, kind: 'runs' | 'gates' = 'runs') {
  const res = await report(client, id, `format=md&locale=${locale}`, kind);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/markdown');
  return plain(await res.text());
}

describe('run report', () => {
  it('carries the contents of ISO/IEC 17025 7.8.2.1 in German', async () => {
    const md = await markdown(run.id, 'de');
    expect(md.split('\n')[0]).toContain(MARKING);
    for (const text of [
      'Prüfbericht', `LAB-RUN-${run.number}`, `Prüflauf ${run.number} – Spracherkennung HWS-ASR`,
      'Prüflaboratorium', 'Referat KI-Prüflabor', 'Bundesamt für Prüfzwecke', 'Auftraggeber (Organisationseinheit)',
      'Abnahmeprüfung ASR – Schwellenwerte festgelegt am 01.11.2026, 10:00 Uhr',
      // items: name, version, registered digest, match, receipt date, custody state
      'Whisper large-v3', basics.modelDigest, basics.datasetDigest, '02.11.2026 – 03.11.2026', 'Modell: Whisper large-v3', ', Version 1.0', 'Datensatz: Prüfkorpus', 'eingelagert', 'noch nicht eingegangen',
      // dates of testing (Europe/Berlin) and of issue
      'Beginn: 20.11.2026, 10:30 Uhr; Ende: 20.11.2026, 12:45 Uhr', `Datum der Ausstellung | ${officeToday().split('-').reverse().join('.')}`,
      // method and environment
      'own-script 2.1.0', 'asr_de', 'beam_size = 5', 'wer (%)', 'validiert', 'NVIDIA H100 80GB', '550.54.15', 'Python 3.11.9, CUDA 12.4', `sha256:${'d4'.repeat(32)}`, 'verifiziert',
      // results with units, uncertainty, criterion, rule and verdict
      'TC-01 Wortfehlerrate deutsch (verpflichtend)', '9,8 %', 'KI [9,1; 10,5] %', 'n = 1200', '≤ 12 %', 'konservative Grenze', '10,5 %',
      '0,94', '± 0,0098 (1,96 · SE, SE = 0,005)', '≥ 0,92', 'Punktschätzung', 'bestanden',
      'Konservative Grenze: Verglichen wird die für das Bestehen ungünstigere Grenze',
      'Prüffälle des Plans ohne Ergebnis in diesem Prüflauf', 'TC-03 Robustheit gegen Rauschen (optional)',
      // deviations, authorisation, statements
      'Aufnahmen 17 und 18 wegen Übersteuerung ausgeschlossen.', 'Gemeldete Metriken ohne Prüffall (nicht bewertet) | cer',
      'Otto Operator <otto@test.example> – für das Prüfverfahren autorisiert', 'Rita Recorder <rita@test.example>',
      'Die Ergebnisse beziehen sich ausschließlich auf die oben genannten Prüfgegenstände',
      'Dieser Bericht ist keine Berichtigung',
    ]) expect(md, text).toContain(text);
    expect(md).toContain('Gesamturteil | bestanden');
    expect(md.trimEnd().split('\n').at(-1)).toContain(MARKING);
  });

  it('is complete in English', async () => {
    const md = await markdown(failed.id, 'en');
    for (const text of [
      'Test report', `LAB-RUN-${failed.number}`, `Test run ${failed.number}`, 'Testing laboratory', 'Client (organisational unit)', 'Date of receipt of the test items',
      '2 November 2026 – 3 November 2026', 'Start: 21 November 2026, 10:30', 'Overall verdict | fail', '13.2 %', 'uncertainty not reported', '≤ 12 %', 'Test cases of the plan without a result in this run',
      'TC-02 Genauigkeit (mandatory)', 'Operator', 'Recorded by', 'The results relate only to the test items named above', 'Decision rule applied', 'guarded acceptance',
    ]) expect(md, text).toContain(text);
    expect(md).not.toMatch(/Prüfbericht|bestanden|Prüflauf/);
  });

  it('renders PDF and DOCX with the run number, the metric, the verdict in the chosen language and the marking', async () => {
    const pdf = await report(viewer.client, run.id, 'format=pdf&locale=de');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`pruefbericht-lauf-${run.number}.pdf`);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    // PDF is the default format, German the default language.
    const byDefault = await report(viewer.client, run.id, '');
    expect(byDefault.headers.get('content-type')).toBe('application/pdf');

    for (const [locale, verdict, other] of [['de', 'nicht bestanden', 'Test report'], ['en', 'fail', 'Prüfbericht']] as const) {
      const docx = await report(viewer.client, failed.id, `format=docx&locale=${locale}`);
      expect(docx.status).toBe(200);
      expect(docx.headers.get('content-type')).toContain('wordprocessingml');
      const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
      const document = await zip.file('word/document.xml')!.async('string');
      const header = await zip.file(Object.keys(zip.files).find((n) => /^word\/header\d*\.xml$/.test(n))!)!.async('string');
      expect(document).toContain(`LAB-RUN-${failed.number}`);
      expect(document).toContain('wer');
      expect(document).toContain(`>${verdict}<`);
      expect(document).toContain(MARKING);
      expect(header).toContain(MARKING);
      expect(document).not.toContain(other);
    }
  });

  it('names the run an amendment replaces, and the replaced run names its amendment', async () => {
    const amendment = await insertRun(t, {
      unit, systemId, planId, basics, startedAt: '2026-11-21T09:30:00.000Z', verdict: 'pass', amends: { runId: failed.id, reason: 'Falsche Referenztranskripte verwendet' },
      results: [{ caseId: cases.get('TC-01')!, metric: 'wer', value: 11.0, unit: '%', verdict: 'pass' }],
    });
    const md = await markdown(amendment.id, 'de');
    expect(md).toContain(`Dieser Prüflauf berichtigt Prüflauf ${failed.number}; dieser Bericht ersetzt den Bericht zu Prüflauf ${failed.number}`);
    expect(md).toContain('Grund: Falsche Referenztranskripte verwendet');
    const original = await markdown(failed.id, 'en');
    expect(original).toContain(`This run was amended by test run ${amendment.number}. The report on test run ${amendment.number} applies.`);
  });

  it('flags items whose digest did not match', async () => {
    const mismatch = await insertRun(t, { unit, systemId, planId, basics, startedAt: '2026-11-22T09:30:00.000Z', verdict: 'incomplete', itemsMatch: false });
    const md = await markdown(mismatch.id, 'de');
    expect(md).toContain(`NEIN – abweichender Digest (gemeldet: ${'f'.repeat(64)})`);
    expect(md).toContain('Gesamturteil | unvollständig');
    expect(md).toContain('Es liegen keine Ergebnisse vor.');
  });

  it('is read with lab.read in the run’s unit only, and by a token only for the run’s system', async () => {
    expect((await report(lab.client, run.id, 'format=md')).status).toBe(200);
    expect((await report(stranger.client, run.id, 'format=md')).status).toBe(403);
    expect((await report(t.client(), run.id, 'format=md')).status).toBe(401);
    expect((await report(viewer.client, '00000000-0000-4000-8000-000000000000', 'format=md')).status).toBe(404);
    expect((await report(viewer.client, run.id, 'format=xlsx')).status).toBe(400);
    expect((await report(viewer.client, run.id, 'locale=fr')).status).toBe(400);

    const tokenFor = async (systemIds: string[]) => {
      const reply = await lab.client.post('/api/tokens', { name: `Bericht ${systemIds.length}`, permissions: ['lab.read'], systemIds });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      const client = t.client();
      client.bearer = reply.body.token;
      return client;
    };
    expect((await report(await tokenFor([systemId]), run.id, 'format=md')).status).toBe(200);
    expect((await report(await tokenFor([otherSystemId]), run.id, 'format=md')).status).toBe(403);
  });
});

describe('gate report', () => {
  let gate: { id: string; number: number; version: number };
  let gateRun: { id: string; number: number };
  let gateSystem: string;

  beforeAll(async () => {
    // A system of its own whose model and dataset versions the run covers, so every check of the gate passes.
    gateSystem = (await t.newSystem(owner.client, unit, { name: 'Transkription Außenstelle' })).id;
    const linked = await lab.client.request('PUT', `/api/systems/${gateSystem}/models`, {
      version: 0, items: [{ type: 'model', versionId: basics.modelVersionId, role: 'in-operation' }, { type: 'dataset', versionId: basics.datasetVersionId, role: 'test' }],
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    const plan = await insertPlan(t, {
      unit, systemId: gateSystem, methodId: basics.methodId, name: 'Freigabeplan',
      cases: [
        { key: 'TC-01', name: 'Wortfehlerrate', metric: 'wer', comparator: '<=', threshold: 12, unit: '%', decisionRule: 'conservative-bound' },
        { key: 'TC-02', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.92 },
      ],
    });
    gateRun = await insertRun(t, {
      unit, systemId: gateSystem, planId: plan.planId, basics, startedAt: '2026-11-24T08:00:00.000Z', endedAt: '2026-11-24T09:00:00.000Z', verdict: 'pass',
      results: [
        { caseId: plan.cases.get('TC-01')!, metric: 'wer', value: 8.5, ciLower: 7.9, ciUpper: 9.2, unit: '%', verdict: 'pass', decidedBy: 9.2 },
        { caseId: plan.cases.get('TC-02')!, metric: 'acc', value: 0.95, verdict: 'pass' },
      ],
    });
    const opened = await lab.client.post('/api/lab/gates', { systemId: gateSystem, planId: plan.planId, title: 'Freigabe zum Betrieb' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.passed).toBe(true);
    gate = opened.body;
  });

  it('shows an open gate with its live checks, the results of the runs used and the signatures still missing', async () => {
    const md = await markdown(gate.id, 'de', viewer.client, 'gates');
    for (const text of [
      'Prüfbericht', `LAB-GATE-${gate.number}`, `Freigabeprüfung ${gate.number} – Freigabe zum Betrieb`, 'Prüflaboratorium | Referat KI-Prüflabor',
      'KI-System: Transkription Außenstelle', 'Freigabeplan', 'Status der Freigabeprüfung | offen', 'keine frühere Freigabe',
      'Die Prüfungen wurden am Tag der Ausstellung berechnet', 'Digests der Prüfgegenstände | erfüllt', 'Verpflichtende Prüffälle | erfüllt',
      `TC-01: bestanden in Prüflauf ${gateRun.number}`, basics.modelDigest, 'eingelagert',
      `| TC-01 Wortfehlerrate (verpflichtend) | ${gateRun.number} | wer | 8,5 %`, 'KI [7,9; 9,2] %', '9,2 %',
      'Beginn: 24.11.2026, 09:00 Uhr; Ende: 24.11.2026, 10:00 Uhr', 'Verwendete Prüfläufe', 'Otto Operator <otto@test.example>',
      'Es liegen noch keine Zeichnungen vor.', 'Es fehlt die Zeichnung für: Prüflabor, KI-Koordinierung.', 'Die Ergebnisse beziehen sich ausschließlich',
    ]) expect(md, text).toContain(text);
    expect(md).toContain(MARKING);
  });

  it('names the signers with role, meaning and time once released, in English too', async () => {
    for (const signer of [lab, governance]) {
      const signed = await signer.client.post(`/api/lab/gates/${gate.id}/sign`, { password: TEST_PASSWORD, comment: 'Geprüft' });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      gate = signed.body;
    }
    expect(gate).toMatchObject({ status: 'released' });
    const en = await markdown(gate.id, 'en', viewer.client, 'gates');
    for (const text of [
      'Test report', `Release gate ${gate.number}`, `LAB-GATE-${gate.number} (Release gate ${gate.number}), version ${gate.version}`, 'Status of the release gate | released',
      'The checks are frozen as they were at release.', 'Mandatory test cases | met', `TC-02: passed in run ${gateRun.number}`,
      'Test lab | released', 'AI coordination | released', '| Geprüft | yes |', 'State signed (SHA-256)', 'Test runs used',
    ]) expect(en, text).toContain(text);
    expect(en).not.toContain('Still to sign');
    const de = await markdown(gate.id, 'de', viewer.client, 'gates');
    expect(de).toContain('Prüflabor | freigegeben');
    expect(de).toContain('KI-Koordinierung | freigegeben');

    const pdf = await report(viewer.client, gate.id, 'format=pdf&locale=en', 'gates');
    expect(pdf.headers.get('content-disposition')).toContain(`test-report-gate-${gate.number}.pdf`);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await report(viewer.client, gate.id, 'format=docx&locale=de', 'gates');
    const document = await (await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()))).file('word/document.xml')!.async('string');
    expect(document).toContain(`LAB-GATE-${gate.number}`);
    expect(document).toContain(MARKING);
    expect(document).toContain('>freigegeben<');
  });

  it('is read with lab.read in the gate’s unit only', async () => {
    expect((await report(stranger.client, gate.id, 'format=md', 'gates')).status).toBe(403);
    expect((await report(viewer.client, run.id, 'format=md', 'gates')).status).toBe(404);
    const created = await lab.client.post('/api/tokens', { name: 'Bericht fremd', permissions: ['lab.read'], systemIds: [otherSystemId] });
    const token = t.client();
    token.bearer = created.body.token;
    expect((await report(token, gate.id, 'format=md', 'gates')).status).toBe(403);
  });
});
