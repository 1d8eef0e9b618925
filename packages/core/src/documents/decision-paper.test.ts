import { describe, expect, it } from 'vitest';
import { DOCUMENT_BUILDERS } from './builders.js';
import { DECISION_PAPER_SECTION_KEYS, decisionPaperBuilder, decisionPaperSections, type DecisionPaperInputs } from './decision-paper.js';
import { composeDocument, missingSections } from './engine.js';

const quiet: DecisionPaperInputs = {
  builtAt: '2026-11-27T10:00:00.000Z',
  asOf: '2026-11-27',
  system: { id: 's1', name: 'Gesichtsbildabgleich', shortName: 'GBA', unitName: 'Referat E 2', responsible: 'Frau S', lifecycleStage: 'operation', riskClass: null, classificationStatus: 'none' },
  classification: null,
  requirements: { open: 0, inProgress: 0, implemented: 0, verified: 0, notApplicable: 0 },
  risks: [], nonconformities: [], gate: null, runs: [], overdueTasks: [], nextLegalDate: null, texts: {},
};

const busy: DecisionPaperInputs = {
  ...quiet,
  system: { ...quiet.system, riskClass: 'high', classificationStatus: 'approved' },
  classification: { number: 2, decidedAt: '2026-10-01T10:00:00.000Z', decidedByLabel: 'Frau S' },
  requirements: { open: 3, inProgress: 2, implemented: 4, verified: 1, notApplicable: 2 },
  risks: Array.from({ length: 10 }, (_, i) => ({ number: i + 1, title: `Risiko ${i + 1}`, level: i === 0 ? 'hoch' : 'mittel', status: 'assessed' })),
  nonconformities: [{ title: 'Protokoll fehlt', severity: 'major', status: 'open' }],
  gate: { number: 4, title: 'Freigabe 2.0', status: 'released', at: '2026-11-20T10:00:00.000Z' },
  runs: [{ planName: 'Abnahme', number: 7, verdict: 'fail', endedAt: '2026-11-19T10:00:00.000Z' }],
  overdueTasks: [{ title: 'Aufsichtskonzept abstimmen', dueDate: '2026-11-01' }],
  nextLegalDate: { date: '2027-12-02', ref: 'Art. 26', title: 'Pflichten der Betreiber' },
  texts: Object.fromEntries(['situation', 'options', 'assessment', 'recommendation'].map((k) => [k, { markdown: `Text ${k}`, updatedById: 'u1', updatedByLabel: 'A' }])),
};

const byKey = (inputs: DecisionPaperInputs, lang: 'de' | 'en' = 'de') => new Map(decisionPaperSections(inputs, lang).map((s) => [s.key, s]));
const lines = (inputs: DecisionPaperInputs, lang: 'de' | 'en' = 'de') => JSON.stringify(byKey(inputs, lang).get('figures')!.blocks);

describe('decision paper builder', () => {
  it('is about a system, several per system, with the four authored sections around the figures', () => {
    expect(DOCUMENT_BUILDERS['decision-paper']).toBe(decisionPaperBuilder);
    expect(decisionPaperBuilder.onePerSubject).toBe(false);
    expect(decisionPaperBuilder.subject).toBe('system');
    expect(decisionPaperSections(quiet, 'de').map((s) => s.heading)).toEqual(['Sachverhalt', 'Zahlen aus den Unterlagen', 'Optionen', 'Bewertung', 'Empfehlung']);
    expect(decisionPaperSections(quiet, 'en').map((s) => s.key)).toEqual([...DECISION_PAPER_SECTION_KEYS]);
    expect(missingSections(decisionPaperSections(quiet, 'de').map((s) => s.completeness))).toEqual(['situation', 'options', 'assessment', 'recommendation']);
  });

  it('states the quiet case plainly and lacks the approved classification', () => {
    const figures = byKey(quiet).get('figures')!;
    expect(figures.completeness).toMatchObject({ status: 'partial', lacking: [{ code: 'classification-not-approved' }] });
    const text = lines(quiet);
    expect(text).toContain('nicht eingestuft');
    expect(text).toContain('keine Anforderung bearbeitet');
    expect(text).toContain('keine bevorstehende Frist aus der Einstufung');
  });

  it('prints the figures from the records, high risks first and long lists cut short', () => {
    const s = byKey(busy);
    for (const x of s.values()) expect(x.completeness.lacking, x.key).toEqual([]);
    const text = lines(busy);
    expect(text).toContain('5 von 10 umgesetzt oder nachgewiesen (50 %); offen 3 · in Arbeit 2 · umgesetzt 4 · nachgewiesen 1 · nicht anwendbar 2');
    expect(text).toContain('hohes Risiko');
    expect(text).toContain('genehmigt, Fassung 2, entschieden von Frau S am 2026-10-01');
    expect(text).toContain('Nr. 4 Freigabe 2.0: erteilt (2026-11-20)');
    expect(text).toContain('ab 2027-12-02: Pflichten der Betreiber (Art. 26)');
    expect(text).toContain('nicht bestanden');
    expect(text).toContain('erheblich');
    const risks = s.get('figures')!.blocks.find((b) => b.type === 'table') as { rows: string[][] };
    expect(risks.rows).toHaveLength(8);
    expect(risks.rows[0]).toEqual(['1', 'Risiko 1', 'hoch', 'bewertet']);
    expect(text).toContain('… und 2 weitere');
    expect(lines(busy, 'en')).toContain('5 of 10 implemented or verified (50 %)');
  });

  it('composes a short document whose id carries the date of the figures', () => {
    const model = composeDocument(decisionPaperBuilder, busy, 'de', { documentId: 'd', title: 'Entscheidungsvorlage – GBA', number: 1, draft: true, date: '2026-11-27', marking: null, signoffs: [] }, (md) => [{ type: 'paragraph', text: md }]);
    expect(model.id).toBe('EV-GBA-2026-11-27');
    expect(model.subtitle).toBe('Gesichtsbildabgleich – Stand 2026-11-27');
    expect(model.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text)).toEqual(['1. Sachverhalt', '2. Zahlen aus den Unterlagen', '3. Optionen', '4. Bewertung', '5. Empfehlung']);
  });
});
