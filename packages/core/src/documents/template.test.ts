import { describe, expect, it } from 'vitest';
import { ANNEX_IV_SECTION_KEYS } from '../schemas/documents.js';
import { DocumentModel } from './model.js';
import { composeDocument, section, type DocumentBuilder, type GeneratedSection } from './engine.js';
import { applyTemplate, blankInputs, sectionDefaults, templateProblem, templateSections, withTitlePage } from './template.js';
import type { DocumentTemplateBody } from '../schemas/document-templates.js';
import { AnnexIvInputs, annexIvHead, annexIvSections, annexIvTitle } from './annex-iv.js';

// The Annex IV builder built here from its parts, so this test does not load every type's builder.
const annexIvBuilder: DocumentBuilder<AnnexIvInputs> = {
  subject: 'system', onePerSubject: true, sectionKeys: ANNEX_IV_SECTION_KEYS, parseInputs: (v) => AnnexIvInputs.parse(v), sections: annexIvSections, head: annexIvHead, title: annexIvTitle,
};

const sections: GeneratedSection[] = ['a', 'b', 'c'].map((key, i) =>
  section(key, i, { heading: `Heading ${key}`, guidance: `Guidance ${key}` }, { blocks: [{ type: 'paragraph', text: `record ${key}` }], lacking: [], hasRecords: true, textExpected: false }, {}),
);
const plain = (key: string) => ({ key, heading: null, guidance: null, intro: '' });
const body = (s: DocumentTemplateBody['sections'], lines: string[] = []): DocumentTemplateBody => ({ sections: s, titlePage: { lines } });
const intro = (md: string) => [{ type: 'paragraph' as const, text: `INTRO ${md}` }];

describe('templateProblem', () => {
  it('accepts a permutation of the keys', () => {
    expect(templateProblem(body([plain('c'), plain('a'), plain('b')]), ['a', 'b', 'c'])).toBeNull();
  });
  it('names the field of an unknown, a repeated or a missing key', () => {
    expect(templateProblem(body([plain('a'), plain('x'), plain('c')]), ['a', 'b', 'c'])).toMatchObject({ field: 'sections.1.key' });
    expect(templateProblem(body([plain('a'), plain('b'), plain('b'), plain('c')]), ['a', 'b', 'c'])).toMatchObject({ field: 'sections.2.key' });
    const missing = templateProblem(body([plain('a'), plain('c')]), ['a', 'b', 'c']);
    expect(missing?.field).toBe('sections');
    expect(missing?.message).toContain('b');
  });
});

describe('templateSections', () => {
  it('keeps the saved order, appends keys the type gained later and drops keys it lost', () => {
    expect(templateSections(body([plain('c'), plain('gone'), plain('a')]), ['a', 'b', 'c']).map((s) => s.key)).toEqual(['c', 'a', 'b']);
    expect(templateSections(null, ['a', 'b']).map((s) => s.key)).toEqual(['a', 'b']);
  });
});

describe('applyTemplate', () => {
  it('reorders, renumbers and rewords the sections, and puts the introduction first', () => {
    const out = applyTemplate(sections, body([{ key: 'c', heading: 'Eigene Überschrift', guidance: null, intro: 'Vorwort' }, plain('a'), { key: 'b', heading: null, guidance: 'Eigene Hinweise', intro: '' }]), intro);
    expect(out.map((s) => [s.key, s.number, s.heading])).toEqual([['c', 1, 'Eigene Überschrift'], ['a', 2, 'Heading a'], ['b', 3, 'Heading b']]);
    expect(out[2]!.guidance).toBe('Eigene Hinweise');
    expect(out[0]!.blocks).toEqual([{ type: 'paragraph', text: 'INTRO Vorwort' }, { type: 'paragraph', text: 'record c' }]);
    // Completeness travels unchanged with its section.
    expect(out[0]!.completeness).toBe(sections[2]!.completeness);
  });
  it('leaves introductions out without a block maker, and the sections as they are without a template', () => {
    const out = applyTemplate(sections, body([{ key: 'a', heading: null, guidance: null, intro: 'Vorwort' }, plain('b'), plain('c')]));
    expect(out[0]!.blocks).toEqual(sections[0]!.blocks);
    expect(applyTemplate(sections, null)).toEqual(sections);
  });
});

describe('withTitlePage', () => {
  const inputs = AnnexIvInputs.parse({
    builtAt: '2026-11-27T10:00:00.000Z',
    system: {
      id: 's1', name: 'Spracherkennung', shortName: 'ASR', purpose: 'Transkription', description: '', unitName: 'Referat KI', responsible: 'Frau A', lifecycleStage: 'operation',
      roles: ['provider'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: '', riskClass: 'high',
    },
    classification: null, models: [], datasets: [], gates: [], runs: [], risks: [], measures: [], catalogues: [], earlierReleases: [], texts: {},
  });
  it('a composed Annex IV in the template order with title-page lines and logo that the model schema accepts', () => {
    const order = [...ANNEX_IV_SECTION_KEYS].reverse().map(plain);
    const template = body(order, ['Bundesamt für Beispiele', 'Musterstraße 1, 12345 Berlin']);
    const generated = applyTemplate(annexIvBuilder.sections(inputs, 'de'), template, intro);
    const meta = { documentId: 'd', title: 'T', number: 1, draft: true, date: '2026-11-27', marking: null, signoffs: [] };
    const model = withTitlePage(composeDocument(annexIvBuilder, inputs, 'de', meta, intro, generated), template, { mediaType: 'image/png', data: 'iVBORw0KGgo=' });
    const headings = model.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text);
    expect(generated[0]!.key).toBe('post-market');
    expect(headings).toEqual(generated.map((s, i) => `${i + 1}. ${s.heading}`));
    expect(model.titlePage).toEqual({ lines: ['Bundesamt für Beispiele', 'Musterstraße 1, 12345 Berlin'] });
    expect(model.logo?.mediaType).toBe('image/png');
    expect(() => DocumentModel.parse(model)).not.toThrow();
    expect(withTitlePage(model, null, null)).toEqual(model);
    const bare = withTitlePage(composeDocument(annexIvBuilder, inputs, 'de', meta, intro), body([], []), null);
    expect(bare.titlePage).toBeUndefined();
    expect(bare.logo).toBeUndefined();
  });
});

describe('sectionDefaults', () => {
  it('reads the headings and guidance of a builder from blank inputs', () => {
    const defaults = sectionDefaults(annexIvBuilder, 'de');
    expect([...defaults.keys()]).toEqual([...ANNEX_IV_SECTION_KEYS]);
    expect(defaults.get('general')?.heading).toBe('Allgemeine Beschreibung des KI-Systems');
    expect(sectionDefaults(annexIvBuilder, 'en').get('risk-management')?.heading).toBe('Risk management system');
  });
  it('gives up on parsers that want more than blanks', () => {
    expect(blankInputs(() => { throw new Error('no'); })).toBeNull();
  });
});
