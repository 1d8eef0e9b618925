import { describe, expect, it } from 'vitest';
import { annexIvSections, type AnnexIvInputs } from './annex-iv.js';
import { annexIvBuilder } from './builders.js';
import { composeDocument, missingSections, type DocumentMeta } from './engine.js';
import { describeLacking } from './lacking.js';
import type { DocBlock } from './model.js';

const annexIvDocument = (inputs: AnnexIvInputs, lang: 'de' | 'en', meta: DocumentMeta, textBlocks: (md: string) => DocBlock[]) => composeDocument(annexIvBuilder, inputs, lang, meta, textBlocks);

const empty: AnnexIvInputs = {
  builtAt: '2026-11-27T10:00:00.000Z',
  system: {
    id: 's1', name: 'Spracherkennung', shortName: 'ASR', purpose: 'Transkription', description: '', unitName: 'Referat KI', responsible: 'Frau A', lifecycleStage: 'operation',
    roles: ['provider'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: '', riskClass: 'high',
  },
  classification: null, models: [], datasets: [], gates: [], runs: [], risks: [], measures: [], catalogues: [], earlierReleases: [], oversight: [], modelCards: [], monitoring: null, texts: {},
};

const full: AnnexIvInputs = {
  ...empty,
  system: { ...empty.system, description: 'Wandelt Sprache in Text', autonomy: 'Vorschläge, Mensch entscheidet' },
  models: [{ name: 'Whisper', provider: 'OpenAI', version: 'large-v3', digest: 'a'.repeat(64), role: 'core', licence: 'MIT' }],
  datasets: [
    { name: 'Prüfkorpus', provider: 'BfP', version: '1.0', digest: 'b'.repeat(64), role: 'test', datasheet: { origin: 'eigene Aufnahmen', personalData: true, legalBasis: 'Art. 6', gapsAndBiases: 'wenig Dialekt', intendedUse: 'Prüfung' } },
    { name: 'Trainingsdaten', provider: 'X', version: '2', digest: 'c'.repeat(64), role: 'training', datasheet: null },
  ],
  gates: [{ number: 3, title: 'Abnahme', status: 'released', releasedAt: '2026-11-20T10:00:00.000Z' }],
  runs: [{ planName: 'Abnahmeplan', number: 12, verdict: 'pass', endedAt: '2026-11-20T11:00:00.000Z', metrics: ['wer'] }],
  risks: [{ number: 1, title: 'Fehltranskription', status: 'treated', inherentLevel: 'high', residualLevel: 'low' }, { number: 2, title: 'Neu', status: 'identified', inherentLevel: null, residualLevel: null }],
  measures: [{ id: 'M-1', title: 'Protokollierung', status: 'implemented' }],
  catalogues: [{ id: 'eu-ai-act', title: 'KI-Verordnung' }],
  texts: { 'post-market': { markdown: '# Plan\n\nMonatliche Auswertung <script>x</script>', updatedById: 'u1', updatedByLabel: 'Autor' } },
};

const byKey = (inputs: AnnexIvInputs) => new Map(annexIvSections(inputs, 'de').map((s) => [s.key, s]));

describe('Annex IV builder', () => {
  it('has the nine sections in order', () => {
    const sections = annexIvSections(empty, 'en');
    expect(sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sections[4]!.heading).toBe('Risk management system');
  });

  it('names what is lacking when the records hold nothing', () => {
    const s = byKey(empty);
    expect(s.get('general')!.completeness).toEqual({
      key: 'general', status: 'partial',
      lacking: [{ code: 'description-missing' }, { code: 'field-missing', subject: 'Zielhardware, Formen des Inverkehrbringens, Benutzeroberfläche (Text)' }],
    });
    expect(s.get('monitoring')!.completeness.lacking.map((l) => l.code)).toEqual(['oversight-missing', 'text-missing']);
    expect(s.get('development')!.completeness.status).toBe('missing');
    expect(s.get('development')!.completeness.lacking.map((l) => l.code)).toEqual(['no-model', 'no-released-gate', 'text-missing']);
    expect(s.get('risk-management')!.completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'no-risks' }] });
    expect(s.get('post-market')!.completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'text-missing' }] });
    expect(missingSections(annexIvSections(empty, 'de').map((x) => x.completeness))).toContain('declaration');
  });

  it('fills sections from the records and names the dataset without a datasheet', () => {
    const s = byKey(full);
    const dev = s.get('development')!;
    expect(dev.completeness.lacking).toContainEqual({ code: 'no-datasheet', subject: 'Trainingsdaten 2' });
    expect(describeLacking({ code: 'no-datasheet', subject: 'Trainingsdaten 2' }, 'en')).toBe('no dataset datasheet for Trainingsdaten 2');
    expect(dev.completeness.status).toBe('partial');
    const tables = dev.blocks.filter((b) => b.type === 'table');
    expect(tables).toHaveLength(3);
    expect(JSON.stringify(tables[0])).toContain('a'.repeat(64));
    expect(s.get('risk-management')!.completeness.lacking).toEqual([{ code: 'unrated-risks', subject: '#2' }]);
    // Catalogues are never counted as harmonised standards: without authored text the section says so.
    expect(s.get('standards')!.completeness).toMatchObject({ status: 'partial', lacking: [{ code: 'no-standards' }] });
    expect(s.get('metrics')!.completeness.lacking.map((l) => l.code)).toEqual(['text-missing']);
    expect(s.get('post-market')!.completeness.status).toBe('complete');
    expect(s.get('monitoring')!.completeness.lacking.map((l) => l.code)).toEqual(['text-missing']);
  });

  it('shows the Art. 14 rows with their applied measures, released model cards and the split of standards', () => {
    const inputs: AnnexIvInputs = {
      ...full,
      system: { ...full.system, autonomy: '' },
      oversight: [
        { key: 'eu-ai-act:art-14-1', ref: 'Art. 14(1)', title: 'Aufsicht gestalten', status: 'implemented', measures: [{ id: 'm-oversight', title: 'Aufsichtskonzept', status: 'implemented' }] },
        { key: 'eu-ai-act:art-14-4-a', ref: 'Art. 14(4)(a)', title: 'Grenzen verstehen', status: 'open', measures: [] },
      ],
      modelCards: [{ model: 'Whisper', version: 'large-v3', number: 2, releasedAt: '2026-11-21T09:00:00.000Z' }],
      texts: { ...full.texts, standards: { markdown: 'Keine harmonisierte Norm angewandt; eigene Lösung nach BSI AIC4.', updatedById: 'u1', updatedByLabel: 'A' }, general: { markdown: 'Server im eigenen RZ', updatedById: 'u1', updatedByLabel: 'A' } },
    };
    const s = byKey(inputs);
    const monitoring = s.get('monitoring')!;
    expect(monitoring.completeness.lacking.map((l) => l.code)).toEqual(['text-missing']);
    const table = monitoring.blocks.find((b) => b.type === 'table') as { rows: string[][] };
    expect(table.rows).toEqual([['Art. 14(1) Aufsicht gestalten', 'umgesetzt', 'Aufsichtskonzept (umgesetzt)'], ['Art. 14(4)(a) Grenzen verstehen', 'offen', '–']]);
    expect(JSON.stringify(s.get('development')!.blocks)).toContain('Whisper large-v3: Modellkarte Fassung 2, freigegeben am 2026-11-21');
    const standards = s.get('standards')!;
    expect(standards.completeness.status).toBe('complete');
    const headings = standards.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['Harmonisierte Normen und gemeinsame Spezifikationen', 'Weitere Normen, Kataloge und Spezifikationen', 'Angewandte Maßnahmen']);
    expect(s.get('general')!.completeness.lacking).toEqual([]);
    const en = new Map(annexIvSections(inputs, 'en').map((x) => [x.key, x]));
    expect(JSON.stringify(en.get('standards')!.blocks)).toContain('Other standards, catalogues and specifications');
  });

  it('reads versions frozen before the oversight rows and model cards were gathered', () => {
    const { oversight: _o, modelCards: _m, ...old } = full;
    const parsed = annexIvBuilder.parseInputs(JSON.parse(JSON.stringify(old)));
    expect(parsed.oversight).toEqual([]);
    expect(parsed.modelCards).toEqual([]);
  });

  it('builds a document model marked as draft, with authored text as given blocks', () => {
    const model = annexIvDocument(full, 'de', { documentId: 'd', title: 'Technische Dokumentation – ASR', number: 2, draft: true, date: '2026-11-27', marking: 'VS – NUR FÜR DEN DIENSTGEBRAUCH', signoffs: [] },
      (md) => [{ type: 'paragraph', text: `MD:${md.length}` }]);
    expect(model.marking).toBe('ENTWURF · VS – NUR FÜR DEN DIENSTGEBRAUCH');
    expect(model.version).toBe('Entwurf 2');
    const headings = model.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text);
    expect(headings).toHaveLength(9);
    expect(headings[8]).toBe('9. Beobachtung nach dem Inverkehrbringen');
    expect(model.blocks).toContainEqual({ type: 'paragraph', text: `MD:${full.texts['post-market']!.markdown.length}` });
    const released = annexIvDocument(full, 'en', { documentId: 'd', title: 'TD', number: 2, draft: false, date: '2026-11-27', marking: null, signoffs: [{ role: 'Released', label: 'B', at: '2026-11-27' }] }, () => []);
    expect(released.marking).toBeNull();
    expect(released.version).toBe('2');
  });
});
