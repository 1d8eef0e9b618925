import { describe, expect, it } from 'vitest';
import { buildModelCard, readModelCard, splitFrontMatter } from './hf-model-card.js';

describe('Hugging Face model cards', () => {
  it('splits front matter from the text (CRLF and BOM accepted); no fence, no front matter', () => {
    expect(splitFrontMatter('\uFEFF---\r\nlicense: mit\r\n---\r\n# Card\r\n')).toEqual({ yaml: 'license: mit\n', body: '# Card\n' });
    expect(splitFrontMatter('# Card\n---\n')).toEqual({ yaml: null, body: '# Card\n---\n' });
    expect(splitFrontMatter('---\nlicense: mit\n')).toEqual({ yaml: null, body: '---\nlicense: mit\n' });
  });

  it('takes over licence, datasets, base model, metrics and results, and lists the rest as ignored', () => {
    const out = readModelCard({
      license: 'other', license_name: 'Llama 3 Community License', datasets: 'squad', base_model: ['meta-llama/Meta-Llama-3-8B'], metrics: ['f1'], tags: ['qa'],
      'model-index': [{ name: 'x', results: [{ task: { type: 'question-answering' }, dataset: { name: 'SQuAD', type: 'squad', split: 'validation' }, metrics: [{ type: 'f1', value: 88.1 }] }] }],
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.licence).toBe('Llama 3 Community License');
    expect(out.value.results).toEqual([{ task: 'question-answering', dataset: 'SQuAD', split: 'validation', metric: 'f1', value: 88.1 }]);
    expect(out.value.taken.map((t) => t.field)).toEqual(['license', 'license_name', 'datasets', 'base_model', 'metrics', 'model-index']);
    expect(out.value.ignored).toEqual([{ field: 'tags', reason: 'Konform has no field for it' }]);
  });

  it('names the path of malformed fields', () => {
    expect(readModelCard('just text')).toEqual({ ok: false, problems: [{ path: 'front-matter', message: expect.any(String) }] });
    expect(readModelCard({ datasets: [3], 'model-index': [{ results: [{ metrics: [{ type: 'f1', value: [1] }] }] }] })).toEqual({ ok: false, problems: [
      { path: 'datasets.0', message: 'Expected a string' },
      { path: 'model-index.0.results.0.metrics.0.value', message: 'Expected a number or a string' },
    ] });
  });

  it('writes a card whose front matter reads back and whose text is escaped', () => {
    const { frontMatter, body } = buildModelCard({
      name: 'whisper', provider: 'OpenAI', description: '<script>x</script>', kind: 'speech-recognition', licence: 'Apache-2.0', label: 'large-v3',
      manifestDigest: 'a'.repeat(64), source: '', notes: '', datasets: ['Anhörungen 2025'], results: [{ task: 'Abnahme', dataset: 'Anhörungen 2025', metric: 'wer', value: 6.8 }], usedBy: [],
    }, (s) => s.replace(/</g, '&lt;'));
    expect(frontMatter).toEqual({ license: 'apache-2.0', datasets: ['Anhörungen 2025'], metrics: ['wer'], 'model-index': [{ name: 'whisper', results: [{ task: { type: 'evaluation', name: 'Abnahme' }, dataset: { type: 'Anhörungen 2025', name: 'Anhörungen 2025' }, metrics: [{ type: 'wer', value: 6.8 }] }] }] });
    expect(body).toContain('&lt;script>');
    const back = readModelCard(frontMatter);
    expect(back.ok && back.value.results).toEqual([{ task: 'Abnahme', dataset: 'Anhörungen 2025', split: '', metric: 'wer', value: 6.8 }]);
  });
});
