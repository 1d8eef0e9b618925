import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importInspect } from './inspect.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/lab/${name}`, import.meta.url), 'utf8');

describe('Inspect evaluation logs', () => {
  it('reads the real log of the popularity task: accuracy with its standard error, sample size, dates, tool', () => {
    const out = importInspect(fixture('inspect-ai-log.json'));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.metrics).toEqual([{ name: 'match/accuracy', aliases: ['accuracy'], value: 1, stdError: 0, sampleSize: 1 }]);
    expect(out.value.startedAt).toBe('2025-07-05T13:59:40.000Z');
    expect(out.value.endedAt).toBe('2025-07-05T13:59:43.000Z');
    expect(out.value.seed).toBeNull();
    expect(out.value.tool).toEqual({ name: 'inspect', version: '0.3.95.dev16+g6527d0861', details: 'model ollama/gemma3; task popularity; revision 2c576e260; eval hj8C8q8gxzHhwyCT67xh4L' });
  });

  it('offers the bare name only when one scorer reports it', () => {
    const metric = (name: string, value: number) => ({ name, value, params: {} });
    const out = importInspect(JSON.stringify({
      status: 'success', eval: { config: { seed: 7 } },
      results: { completed_samples: 50, scores: [
        { name: 'match', metrics: { accuracy: metric('accuracy', 0.8), stderr: metric('stderr', 0.05) } },
        { name: 'model_graded_qa', metrics: { accuracy: metric('accuracy', 0.7), mean: metric('mean', 3.5) } },
      ] },
    }));
    expect(out.ok && out.value.metrics).toEqual([
      { name: 'match/accuracy', aliases: [], value: 0.8, stdError: 0.05, sampleSize: 50 },
      { name: 'model_graded_qa/accuracy', aliases: [], value: 0.7, stdError: undefined, sampleSize: 50 },
      { name: 'model_graded_qa/mean', aliases: ['mean'], value: 3.5, stdError: undefined, sampleSize: 50 },
    ]);
    expect(out.ok && out.value.seed).toBe('seed=7');
  });

  it('names the path of what is wrong', () => {
    expect(importInspect('{"eval": {},}')).toEqual({ ok: false, problems: [{ path: 'body', message: expect.stringMatching(/^Not valid JSON: line 1/) }] });
    expect(importInspect('{"results": {}}')).toEqual({ ok: false, problems: [{ path: 'eval', message: expect.stringContaining('no "eval" object') }] });
    expect(importInspect('{"status": "error", "eval": {}}')).toEqual({ ok: false, problems: [{ path: 'status', message: expect.stringContaining('"error"') }] });
    expect(importInspect('{"status": "success", "eval": {}, "results": {"scores": [{"name": "match", "metrics": {"accuracy": {"value": "high"}}}]}}'))
      .toEqual({ ok: false, problems: [{ path: 'results.scores.0.metrics.accuracy.value', message: 'Not a finite number' }] });
    expect(importInspect('{"status": "success", "eval": {}, "results": {"scores": []}}')).toEqual({ ok: false, problems: [{ path: 'results.scores', message: 'The log reports no metric' }] });
  });
});
