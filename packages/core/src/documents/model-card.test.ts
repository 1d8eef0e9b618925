import { describe, expect, it } from 'vitest';
import { DOCUMENT_BUILDERS } from './builders.js';
import { composeDocument, missingSections } from './engine.js';
import { MODEL_CARD_SECTION_KEYS, modelCardBuilder, modelCardSections, type ModelCardInputs } from './model-card.js';

const bare: ModelCardInputs = {
  builtAt: '2026-11-27T10:00:00.000Z',
  model: { id: 'm1', name: 'HWS-ASR', provider: 'Hallweg', kind: 'speech-recognition', description: '', licence: '', gpai: false, unitName: 'Prüflabor' },
  version: { id: 'v1', label: '4.3.1', source: '', licence: '', receivedOn: '2026-10-01', digest: 'a'.repeat(64), files: 3, notes: '', custodyState: 'none' },
  systems: [], classifiedSystems: 0, datasets: [], results: [], gates: [], risks: [], custody: [], texts: {},
};

const rich: ModelCardInputs = {
  ...bare,
  model: { ...bare.model, licence: 'proprietär', gpai: true },
  systems: [{ name: 'Transkription', riskClass: 'high', role: 'in-operation', note: '' }],
  datasets: [{ name: 'Prüfkorpus', version: '1.1', digest: 'b'.repeat(64), use: 'test', origin: 'eigene Aufnahmen', personalData: true, gapsAndBiases: 'wenig Dialekt' }],
  results: [
    { planName: 'Abnahme', runNumber: 2, endedAt: '2026-11-20T11:00:00.000Z', metric: 'wer', value: 9.85, unit: '%', comparator: '<=', threshold: 12, verdict: 'pass' },
    { planName: 'Abnahme', runNumber: 2, endedAt: '2026-11-20T11:00:00.000Z', metric: 'acc', value: 0.8125, unit: '', comparator: '>=', threshold: 0.9, verdict: 'fail' },
  ],
  gates: [{ number: 1, title: 'Freigabe 4.3.1', status: 'released', releasedAt: '2026-11-21T08:00:00.000Z' }],
  risks: [{ systemName: 'Transkription', number: 3, title: 'Fehltranskription', level: 'hoch', status: 'assessed' }],
  custody: [{ seq: 1, event: 'received', occurredAt: '2026-10-01T09:00:00.000Z', actor: 'Poststelle', location: 'Bonn', note: '' }],
  texts: Object.fromEntries(['intended-use', 'out-of-scope', 'data', 'limitations', 'ethics'].map((k) => [k, { markdown: `Text ${k}`, updatedById: 'u1', updatedByLabel: 'A' }])),
};

const byKey = (inputs: ModelCardInputs, lang: 'de' | 'en' = 'de') => new Map(modelCardSections(inputs, lang).map((s) => [s.key, s]));

describe('model card builder', () => {
  it('is registered for model versions, one per version and language', () => {
    expect(DOCUMENT_BUILDERS['model-card']).toBe(modelCardBuilder);
    expect(modelCardBuilder.subject).toBe('model-version');
    expect(modelCardBuilder.onePerSubject).toBe(true);
    expect(modelCardSections(bare, 'en').map((s) => s.key)).toEqual([...MODEL_CARD_SECTION_KEYS]);
    expect(modelCardBuilder.title('HWS-ASR 4.3.1', 'de')).toBe('Modellkarte – HWS-ASR 4.3.1');
  });

  it('names what is lacking: licence, evaluation data and metrics, custody, authored text', () => {
    const s = byKey(bare);
    expect(s.get('details')!.completeness).toEqual({ key: 'details', status: 'partial', lacking: [{ code: 'no-licence' }] });
    expect(s.get('data')!.completeness.lacking.map((l) => l.code)).toEqual(['no-dataset', 'text-missing']);
    expect(s.get('evaluation')!.completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'no-metrics' }] });
    expect(s.get('custody')!.completeness.lacking).toEqual([{ code: 'no-custody' }]);
    expect(s.get('systems')!.completeness.status).toBe('complete');
    expect(JSON.stringify(s.get('systems')!.blocks)).toContain('Kein KI-System nutzt diese Fassung.');
    expect(missingSections(modelCardSections(bare, 'de').map((x) => x.completeness))).toEqual(['intended-use', 'out-of-scope', 'data', 'evaluation', 'limitations', 'custody', 'ethics']);
  });

  it('fills the sections from the records, with values and thresholds in the language of the document', () => {
    const de = byKey(rich);
    for (const s of de.values()) expect(s.completeness.lacking, s.key).toEqual([]);
    const details = JSON.stringify(de.get('details')!.blocks);
    expect(details).toContain('a'.repeat(64));
    expect(details).toContain('"KI-Modell mit allgemeinem Verwendungszweck","value":"ja"');
    const results = de.get('evaluation')!.blocks.find((b) => b.type === 'table') as { rows: string[][] };
    expect(results.rows).toEqual([
      ['Abnahme', '2', 'wer', '9,85 %', '<= 12 %', 'bestanden', '2026-11-20'],
      ['Abnahme', '2', 'acc', '0,8125', '>= 0,9', 'nicht bestanden', '2026-11-20'],
    ]);
    expect(JSON.stringify(de.get('limitations')!.blocks)).toContain('1 offenes Risiko');
    expect(JSON.stringify(de.get('custody')!.blocks)).toContain('Eingegangen');
    const en = byKey(rich, 'en');
    expect((en.get('evaluation')!.blocks.find((b) => b.type === 'table') as { rows: string[][] }).rows[1]).toEqual(['Abnahme', '2', 'acc', '0.8125', '>= 0.9', 'fail', '2026-11-20']);
    expect(JSON.stringify(en.get('systems')!.blocks)).toContain('high risk');
    expect(en.get('ethics')!.heading).toBe('Ethical considerations');
  });

  it('composes a document with the nine numbered headings', () => {
    const model = composeDocument(modelCardBuilder, rich, 'en', { documentId: 'd', title: 'Model card – HWS-ASR 4.3.1', number: 1, draft: true, date: '2026-11-27', marking: null, signoffs: [] }, (md) => [{ type: 'paragraph', text: md }]);
    const headings = model.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['1. Model details', '2. Intended use', '3. Out-of-scope use', '4. AI systems using this version', '5. Training and evaluation data', '6. Evaluation results', '7. Risks and limitations', '8. Chain of custody', '9. Ethical considerations']);
    expect(model.id).toBe('MC-HWS-ASR-4.3.1');
    expect(model.marking).toBe('DRAFT');
  });
});

describe('classified AI systems on a model card', () => {
  it('are counted, never named', () => {
    const sections = modelCardSections({ ...bare, classifiedSystems: 2 }, 'de');
    const systems = sections.find((s) => s.key === 'systems')!;
    expect(systems.blocks).toEqual([{ type: 'paragraph', text: 'Außerdem nutzen 2 eingestufte KI-Systeme (VS-NfD) diese Fassung; sie werden hier nicht genannt.' }]);
  });
});
