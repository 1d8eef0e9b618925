import { describe, expect, it } from 'vitest';
import { AnnexIvInputs, annexIvSections } from '../documents/annex-iv.js';

const base = AnnexIvInputs.parse({
  builtAt: '2026-11-27T10:00:00.000Z',
  system: {
    id: 's1', name: 'Bescheidassistent', shortName: 'BA', purpose: 'Entwürfe', description: 'x', unitName: 'Referat', responsible: 'A', lifecycleStage: 'operation',
    roles: ['provider'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: '', riskClass: 'high',
  },
  classification: null, models: [], datasets: [], gates: [], runs: [], risks: [], measures: [], catalogues: [], earlierReleases: [], texts: {},
});

const plan: NonNullable<AnnexIvInputs['monitoring']> = {
  observed: 'Qualität der Entwürfe im Betrieb',
  activatedAt: '2026-11-01T08:00:00.000Z',
  indicators: [
    { name: 'Trefferquote', unit: '%', comparator: '>=', threshold: 90, frequency: 'weekly', dataSource: 'Stichprobe', responsible: 'Z 4', latest: { value: 84.5, measuredAt: '2026-11-26T08:00:00.000Z', breached: true } },
    { name: 'Beschwerden', unit: '', comparator: '<', threshold: 5, frequency: 'monthly', dataSource: '', responsible: '', latest: null },
  ],
};

const postMarket = (inputs: AnnexIvInputs, lang: 'de' | 'en' = 'de') => annexIvSections(inputs, lang).find((s) => s.key === 'post-market')!;

describe('Annex IV section 9 from the monitoring plan', () => {
  it('reads a version frozen before monitoring existed as having no plan', () => {
    expect(base.monitoring).toBeNull();
    expect(postMarket(base).completeness).toMatchObject({ status: 'missing', lacking: [{ code: 'text-missing' }] });
  });

  it('shows indicators with thresholds and frequency and the latest value with its breach state, and counts as filled', () => {
    const section = postMarket({ ...base, monitoring: plan });
    expect(section.completeness).toEqual({ key: 'post-market', status: 'complete', lacking: [] });
    const tables = section.blocks.filter((b) => b.type === 'table');
    expect(tables).toHaveLength(2);
    expect(tables[0]).toMatchObject({ rows: [['Trefferquote', '≥ 90 %', 'wöchentlich', 'Stichprobe', 'Z 4'], ['Beschwerden', '< 5', 'monatlich', '–', '–']] });
    expect(tables[1]).toMatchObject({ rows: [['Trefferquote', '84.5 %', '2026-11-26', 'Schwellenwert verletzt'], ['Beschwerden', '–', '–', 'noch keine Messung']] });
    expect(JSON.stringify(postMarket({ ...base, monitoring: plan }, 'en').blocks)).toContain('threshold breached');
  });

  it('keeps authored text beside the records', () => {
    const section = postMarket({ ...base, monitoring: plan, texts: { 'post-market': { markdown: 'Quartalsbericht an die Leitung', updatedById: 'u1', updatedByLabel: 'A' } } });
    expect(section.text).toBe('Quartalsbericht an die Leitung');
    expect(section.completeness.status).toBe('complete');
  });
});
