import { describe, expect, it } from 'vitest';
import { buildCycloneDxBom, checkCycloneDxBom, readCycloneDxBom, type BomInput } from './cyclonedx.js';

const input: BomInput = {
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  timestamp: '2026-11-27T08:00:00.000Z',
  system: { id: 'sys-1', name: 'Transkription', purpose: 'Anhörungen verschriften', description: '', version: '3' },
  models: [{
    versionId: 'mv-1', name: 'whisper', provider: 'OpenAI', kind: 'speech-recognition', label: 'large-v3', licence: 'Apache-2.0', description: '',
    source: 'https://huggingface.co/openai/whisper-large-v3', manifestDigest: 'a'.repeat(64), gpai: false, role: 'in-operation',
    metrics: [{ name: 'wer', value: 6.8, unit: '%', ciLower: 6.1, ciUpper: 7.5, slice: 'Prüflauf 3, TC-01' }],
  }],
  datasets: [{ versionId: 'dv-1', name: 'Anhörungen 2025', provider: '', label: '1', licence: 'Behördenintern', description: '', source: '', manifestDigest: 'b'.repeat(64), personalData: true, role: 'test' }],
  risks: [{ title: 'Fehltranskription bei Dialekt', description: '', measures: ['Vier-Augen-Prüfung'], affectedGroups: 'Sprecherinnen mit Dialekt' }],
};

describe('CycloneDX ML-BOM', () => {
  it('writes a 1.6 BOM that passes the strict check, with model card, datasets by reference and considerations', () => {
    const bom = buildCycloneDxBom(input);
    expect(checkCycloneDxBom(bom, { accept: ['1.6'], strict: true })).toEqual([]);
    const [model, data] = bom.components as Record<string, any>[];
    expect(model).toMatchObject({ type: 'machine-learning-model', name: 'whisper', version: 'large-v3', licenses: [{ license: { id: 'Apache-2.0' } }] });
    expect(model!.modelCard.modelParameters).toEqual({ task: 'speech-recognition', datasets: [{ ref: 'konform:dataset-version:dv-1' }] });
    expect(model!.modelCard.quantitativeAnalysis.performanceMetrics).toEqual([{ type: 'wer', value: '6.8 %', slice: 'Prüflauf 3, TC-01', confidenceInterval: { lowerBound: '6.1', upperBound: '7.5' } }]);
    expect(model!.modelCard.considerations.ethicalConsiderations).toEqual([{ name: 'Fehltranskription bei Dialekt', mitigationStrategy: 'Vier-Augen-Prüfung' }]);
    expect(data).toMatchObject({ type: 'data', licenses: [{ license: { name: 'Behördenintern' } }], data: [{ type: 'dataset', sensitiveData: ['personal data'] }] });
  });

  it('leaves out empty parts instead of writing empty lists', () => {
    const bom = buildCycloneDxBom({ ...input, models: [], datasets: [], risks: [] });
    expect(bom.components).toBeUndefined();
    expect(checkCycloneDxBom(bom, { accept: ['1.6'], strict: true })).toEqual([]);
  });

  it('names the JSON path of each problem', () => {
    const bom = buildCycloneDxBom(input) as Record<string, any>;
    bom.specVersion = '1.4';
    bom.components[0].modelCard.modelParameters.approach = { type: 'guessing' };
    bom.components[1].name = '';
    bom.components[0].modelCard.quantitativeAnalysis.performanceMetrics[0].value = 6.8;
    bom.components[0].extra = true;
    expect(checkCycloneDxBom(bom, { strict: true })).toEqual([
      { path: 'specVersion', message: 'Expected one of the spec versions 1.5, 1.6, 1.7' },
      { path: 'components.0.extra', message: 'Unknown property' },
      { path: 'components.0.modelCard.modelParameters.approach.type', message: expect.stringContaining('supervised') },
      { path: 'components.0.modelCard.quantitativeAnalysis.performanceMetrics.0.value', message: 'Expected a string' },
      { path: 'components.1.name', message: 'Must not be empty' },
    ]);
    expect(checkCycloneDxBom([])).toEqual([{ path: '', message: 'Expected an object' }]);
    expect(checkCycloneDxBom({ bomFormat: 'CycloneDX', specVersion: '1.6', dependencies: [{ ref: 'nope' }] })).toEqual([{ path: 'dependencies.0.ref', message: 'No component has the bom-ref "nope"' }]);
  });

  it('reads models, data components and inline datasets; other components are ignored', () => {
    const reading = readCycloneDxBom({
      bomFormat: 'CycloneDX', specVersion: '1.5',
      components: [
        { type: 'library', name: 'torch', version: '2.4' },
        { type: 'machine-learning-model', group: 'CompVis', name: 'stable-diffusion', version: '1.4', hashes: [{ alg: 'SHA-256', content: 'C'.repeat(64) }], licenses: [{ expression: 'CreativeML-OpenRAIL-M' }],
          modelCard: { modelParameters: { approach: { type: 'supervised' }, datasets: [{ type: 'dataset', name: 'LAION-5B', contents: { url: 'https://laion.ai' } }, { ref: 'd1' }] } } },
        { 'bom-ref': 'd1', type: 'data', name: 'Eval set', publisher: 'Acme' },
      ],
    });
    expect(reading.ignored).toEqual([{ path: 'components.0', reason: 'type "library" is neither a model nor a dataset' }]);
    expect(reading.items.map((i) => [i.type, i.path, i.name, i.provider, i.label, i.licence, i.source, i.sha256])).toEqual([
      ['model', 'components.1', 'CompVis/stable-diffusion', 'CompVis', '1.4', 'CreativeML-OpenRAIL-M', '', ['c'.repeat(64)]],
      ['dataset', 'components.1.modelCard.modelParameters.datasets.0', 'LAION-5B', '', null, '', 'https://laion.ai', []],
      ['dataset', 'components.2', 'Eval set', 'Acme', null, '', '', []],
    ]);
    expect(reading.items[0]!.notes).toBe('Approach: supervised');
  });
});
