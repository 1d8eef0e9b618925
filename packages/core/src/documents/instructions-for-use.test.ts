import { describe, expect, it } from 'vitest';
import { composeDocument, missingSections } from './engine.js';
import { INSTRUCTIONS_SECTION_KEYS, instructionsForUseBuilder, instructionsSections, type InstructionsInputs } from './instructions-for-use.js';

const text = (markdown: string) => ({ markdown, updatedById: 'u1', updatedByLabel: 'Autorin' });

const empty: InstructionsInputs = {
  builtAt: '2026-11-27T10:00:00.000Z',
  system: { id: 's1', name: 'Spracherkennung', shortName: 'ASR', purpose: '', description: '', unitName: 'Referat KI', lifecycleStage: 'operation', roles: ['provider'], sourcing: 'in-house', deploymentContext: '', affectedPersons: '', autonomy: '' },
  provider: { source: 'organisation', name: 'Bundesamt', address: '', contact: '' },
  models: [], datasets: [], runs: [], risks: [], measures: [], texts: {},
};

const full: InstructionsInputs = {
  ...empty,
  system: { ...empty.system, purpose: 'Transkription von Anhörungen', description: 'Wandelt Sprache in Text', affectedPersons: 'Antragstellende', autonomy: 'Vorschlag, Mensch entscheidet' },
  provider: { source: 'vendor', name: 'Sprachwerk GmbH', address: 'Hauptstraße 1, 10115 Berlin', contact: 'info@sprachwerk.example' },
  models: [{ name: 'Whisper', provider: 'OpenAI', version: 'large-v3', digest: 'a'.repeat(64), role: 'core' }],
  datasets: [{ name: 'Prüfkorpus', version: '2026-10', role: 'test', personalData: true, intendedUse: 'Abnahme', gapsAndBiases: 'wenig Dialekt' }],
  runs: [
    { planName: 'Abnahme ASR', number: 12, verdict: 'pass', endedAt: '2026-11-20T11:00:00.000Z', results: [{ metric: 'wer', value: 0.0712345678, unit: '%', verdict: 'pass' }, { metric: 'acc', value: 1, unit: '', verdict: 'fail' }] },
  ],
  risks: [{ number: 3, title: 'Fehltranskription von Eigennamen', status: 'treated', residualLevel: 'low', affectedGroups: 'Menschen mit Dialekt' }],
  measures: [{ id: 'M-1', title: 'Protokollierung', status: 'implemented' }],
};

const byKey = (inputs: InstructionsInputs, lang: 'de' | 'en' = 'de') => new Map(instructionsSections(inputs, lang).map((s) => [s.key, s]));

describe('instructions for use (Art. 13)', () => {
  it('follows the content points of Art. 13(3) in both languages', () => {
    for (const lang of ['de', 'en'] as const) {
      const sections = instructionsSections(empty, lang);
      expect(sections.map((s) => s.key)).toEqual([...INSTRUCTIONS_SECTION_KEYS]);
      for (const s of sections) expect(s.heading.length * s.guidance.length).toBeGreaterThan(0);
    }
    expect(byKey(empty, 'en').get('logging')!.heading).toBe('Logging');
    expect(byKey(empty).get('oversight')!.heading).toBe('Maßnahmen der menschlichen Aufsicht');
  });

  it('names what the records lack', () => {
    const s = byKey(empty);
    expect(s.get('provider')!.completeness).toEqual({ key: 'provider', status: 'partial', lacking: [{ code: 'field-missing', subject: 'Anschrift' }, { code: 'field-missing', subject: 'Kontakt' }] });
    expect(s.get('purpose')!.completeness.lacking).toEqual([{ code: 'purpose-missing' }]);
    expect(s.get('accuracy')!.completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'no-test-run' }, { code: 'text-missing' }] });
    expect(s.get('foreseeable-risks')!.completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'no-risks' }] });
    expect(s.get('input-data')!.completeness.lacking.map((l) => l.code)).toEqual(['no-dataset', 'text-missing']);
    expect(s.get('oversight')!.completeness.lacking.map((l) => l.code)).toEqual(['oversight-missing', 'text-missing']);
    expect(missingSections(instructionsSections(empty, 'de').map((x) => x.completeness))).toEqual(['accuracy', 'foreseeable-risks', 'groups', 'input-data', 'output', 'changes', 'oversight', 'resources', 'logging']);
    // A run without recorded values is no metric.
    const noValues = byKey({ ...empty, runs: [{ planName: 'P', number: 1, verdict: 'pass', endedAt: '2026-11-20T11:00:00.000Z', results: [] }] });
    expect(noValues.get('accuracy')!.completeness.lacking[0]).toEqual({ code: 'no-metrics' });
  });

  it('fills the sections from the records, with the measured values', () => {
    const s = byKey(full);
    expect(s.get('provider')!.completeness.status).toBe('complete');
    const accuracy = s.get('accuracy')!;
    const table = accuracy.blocks.find((b) => b.type === 'table');
    expect(table).toMatchObject({ rows: [['Abnahme ASR', '12', '2026-11-20', 'wer', '0.0712346 %', 'bestanden'], ['Abnahme ASR', '12', '2026-11-20', 'acc', '1', 'nicht bestanden']] });
    expect(accuracy.completeness.lacking).toEqual([{ code: 'text-missing' }]);
    expect(s.get('foreseeable-risks')!.completeness.status).toBe('complete');
    expect(JSON.stringify(s.get('foreseeable-risks')!.blocks)).toContain('Fehltranskription von Eigennamen');
    expect(JSON.stringify(s.get('foreseeable-risks')!.blocks)).toContain('M-1 Protokollierung');
    expect(JSON.stringify(s.get('groups')!.blocks)).toContain('Menschen mit Dialekt');
    expect(JSON.stringify(s.get('input-data')!.blocks)).toContain('wenig Dialekt');
    expect(s.get('oversight')!.completeness.lacking).toEqual([{ code: 'text-missing' }]);
  });

  it('authored text completes a section and stands in for the provider address', () => {
    const texts = Object.fromEntries(INSTRUCTIONS_SECTION_KEYS.map((k) => [k, text(`Text ${k}`)]));
    const done = instructionsSections({ ...empty, system: full.system, runs: full.runs, risks: full.risks, datasets: full.datasets, texts }, 'en');
    expect(done.filter((s) => s.completeness.status !== 'complete').map((s) => s.key)).toEqual([]);
  });

  it('composes a document with head, title and numbered headings', () => {
    expect(instructionsForUseBuilder.title('ASR', 'de')).toBe('Betriebsanleitung – ASR');
    expect(instructionsForUseBuilder.head(full, 'en')).toEqual({ id: 'IFU-ASR', subtitle: 'under Art. 13 AI Act – Spracherkennung', organisation: 'Referat KI' });
    const model = composeDocument(instructionsForUseBuilder, instructionsForUseBuilder.parseInputs(JSON.parse(JSON.stringify(full))), 'en',
      { documentId: 'd', title: 'Instructions for use – ASR', number: 1, draft: true, date: '2026-11-27', marking: null, signoffs: [] }, () => []);
    const headings = model.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text);
    expect(headings[0]).toBe('1. Provider and contact');
    expect(headings[10]).toBe('11. Logging');
  });
});
