import { describe, expect, it } from 'vitest';
import { DECLARATION_SECTION_KEYS, declarationBuilder, declarationSections, type DeclarationInputs } from './declaration-of-conformity.js';

const text = (markdown: string) => ({ markdown, updatedById: 'u1', updatedByLabel: 'Autorin' });

const base: DeclarationInputs = {
  builtAt: '2026-11-27T10:00:00.000Z',
  system: { id: 'sys-1', name: 'Spracherkennung', shortName: 'ASR', purpose: 'Transkription', unitName: 'Referat KI' },
  provider: { source: 'organisation', name: 'Bundesamt für Beispiele', address: '', contact: 'Frau A' },
  classification: { number: 2, status: 'draft', riskClass: 'high', decidedAt: '2026-11-10T09:00:00.000Z', conformityProcedure: 'annex-vi' },
  technicalDocumentation: null, catalogues: [], personalDataSets: [], texts: {},
};

const approved: DeclarationInputs = {
  ...base,
  provider: { ...base.provider, address: 'Beispielweg 1, 53113 Bonn' },
  classification: { ...base.classification!, status: 'approved' },
  technicalDocumentation: { documentId: 'doc-td', title: 'Technische Dokumentation – Spracherkennung', number: 3, releasedAt: '2026-11-20T12:00:00.000Z' },
  catalogues: [{ id: 'bsi-aic4', title: 'BSI AIC4' }],
  personalDataSets: ['Prüfkorpus 2026-10'],
};

const byKey = (inputs: DeclarationInputs, lang: 'de' | 'en' = 'de') => new Map(declarationSections(inputs, lang).map((s) => [s.key, s]));
const words = (blocks: unknown) => JSON.stringify(blocks);

describe('EU declaration of conformity (Art. 47, Annex V)', () => {
  it('has the eight items of Annex V in order, in both languages', () => {
    for (const lang of ['de', 'en'] as const) expect(declarationSections(base, lang).map((s) => s.key)).toEqual([...DECLARATION_SECTION_KEYS]);
    expect(declarationSections(base, 'en').map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(byKey(base, 'en').get('issue')!.heading).toBe('Issue and signature');
  });

  it('requires an approved classification and released technical documentation', () => {
    const s = byKey(base);
    expect(s.get('conformity')!.completeness.lacking).toEqual([{ code: 'classification-not-approved' }, { code: 'no-technical-documentation' }]);
    expect(byKey({ ...base, classification: null }).get('conformity')!.completeness.lacking[0]).toEqual({ code: 'classification-not-approved' });
    expect(s.get('provider')!.completeness.lacking).toEqual([{ code: 'field-missing', subject: 'Anschrift' }]);
    expect(s.get('standards')!.completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'no-standards' }] });
    expect(s.get('issue')!.completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'text-missing' }] });
    // Without an approved classification the procedure is not taken from it.
    expect(s.get('notified-body')!.completeness.lacking).toEqual([{ code: 'text-missing' }]);
  });

  it('keeps the fixed statements and fills the rest from the records', () => {
    const s = byKey(approved);
    expect(words(s.get('responsibility')!.blocks)).toContain('in alleiniger Verantwortung des Anbieters ausgestellt: Bundesamt für Beispiele');
    expect(words(s.get('conformity')!.blocks)).toContain('Verordnung (EU) 2024/1689');
    expect(s.get('conformity')!.completeness.status).toBe('complete');
    expect(words(s.get('system')!.blocks)).toContain('Technische Dokumentation – Spracherkennung, Fassung 3 vom 2026-11-20');
    expect(words(s.get('data-protection')!.blocks)).toContain('Verordnung (EU) 2016/679');
    expect(words(s.get('data-protection')!.blocks)).toContain('Prüfkorpus 2026-10');
    expect(words(s.get('notified-body')!.blocks)).toContain('Anhang VI');
    expect(s.get('notified-body')!.completeness.status).toBe('complete');
    expect(words(s.get('standards')!.blocks)).toContain('BSI AIC4 (bsi-aic4)');
    const en = byKey(approved, 'en');
    expect(words(en.get('responsibility')!.blocks)).toContain('sole responsibility of the provider');
  });

  it('says so when the datasheets name no personal data, and asks for the notified body under Annex VII', () => {
    const s = byKey({ ...approved, personalDataSets: [], classification: { ...approved.classification!, conformityProcedure: 'annex-vii' } }, 'en');
    expect(words(s.get('data-protection')!.blocks)).toContain('processes no personal data');
    expect(words(s.get('data-protection')!.blocks)).not.toContain('2016/679');
    expect(s.get('notified-body')!.completeness.lacking).toEqual([{ code: 'text-missing' }]);
    expect(words(s.get('notified-body')!.blocks)).toContain('Annex VII');
  });

  it('is complete once place, date, signatory and standards are authored', () => {
    const texts = { standards: text('Keine harmonisierte Norm veröffentlicht; angewandt: BSI AIC4'), issue: text('Bonn, 27.11.2026 – Dr. B, Präsidentin') };
    expect(declarationSections({ ...approved, texts }, 'de').every((x) => x.completeness.status === 'complete')).toBe(true);
    expect(declarationBuilder.title('ASR', 'en')).toBe('EU declaration of conformity – ASR');
    expect(declarationBuilder.head(approved, 'de')).toMatchObject({ id: 'DoC-ASR', organisation: 'Bundesamt für Beispiele' });
  });
});
