import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importLmEval } from './lm-eval.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/lab/${name}`, import.meta.url), 'utf8');

describe('lm-evaluation-harness results', () => {
  it('reads the real results file of gpt2 on the beep task', () => {
    const out = importLmEval(fixture('lm-eval-harness-results-gpt2.json'));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.metrics).toEqual([
      { name: 'beep/acc', aliases: ['acc', 'beep/acc,none'], value: 0.5191780821917809, stdError: 0.009247689843527664, sampleSize: 2920 },
    ]);
    // date 1727695748.1696951 (Unix seconds) plus 499.62 s of evaluation
    expect(out.value.startedAt).toBe('2024-09-30T11:29:08.169Z');
    expect(out.value.endedAt).toBe('2024-09-30T11:37:27.793Z');
    expect(out.value.seed).toBe('random_seed=0, numpy_seed=1234, torch_seed=1234, fewshot_seed=1234');
    expect(out.value.tool).toEqual({ name: 'lm-evaluation-harness', version: '9126f613', details: 'model gpt2; revision 607a30d783dfa663caf39e06633721c8d4cfcd7e; transformers 4.45.1' });
  });

  it('keeps filters other than none in the name, offers the bare name only when one task reports it, and ignores N/A', () => {
    const out = importLmEval(JSON.stringify({
      results: {
        gsm8k: { alias: 'gsm8k', 'exact_match,strict-match': 0.31, 'exact_match_stderr,strict-match': 0.012, 'exact_match,flexible-extract': 0.35, 'exact_match_stderr,flexible-extract': 'N/A' },
        arc_easy: { acc: 0.61, acc_stderr: 0.01 },
        arc_challenge: { acc: 0.3 },
      },
    }));
    expect(out.ok && out.value.metrics).toEqual([
      { name: 'gsm8k/exact_match,strict-match', aliases: ['exact_match,strict-match'], value: 0.31, stdError: 0.012, sampleSize: undefined },
      { name: 'gsm8k/exact_match,flexible-extract', aliases: ['exact_match,flexible-extract'], value: 0.35, stdError: undefined, sampleSize: undefined },
      { name: 'arc_easy/acc', aliases: ['arc_easy/acc,none'], value: 0.61, stdError: 0.01, sampleSize: undefined },
      { name: 'arc_challenge/acc', aliases: ['arc_challenge/acc,none'], value: 0.3, stdError: undefined, sampleSize: undefined },
    ]);
    expect(out.ok && out.value.startedAt).toBeNull();
  });

  it('names what is wrong with a file that is not one', () => {
    expect(importLmEval('{"results": {"beep": {"acc,none": 0.5,}}}')).toEqual({ ok: false, problems: [{ path: 'body', message: expect.stringMatching(/^Not valid JSON: line 1, column 39: Expected double-quoted property name$/) }] });
    expect(importLmEval('{\n  "planId": 1\n}')).toEqual({ ok: false, problems: [{ path: 'results', message: expect.stringContaining('no "results" object') }] });
    expect(importLmEval('{"results": {"beep": 3}}')).toEqual({ ok: false, problems: [{ path: 'results.beep', message: 'Expected an object of metrics' }] });
    expect(importLmEval('{"results": {"beep": {"alias": "beep"}}}')).toEqual({ ok: false, problems: [{ path: 'results', message: 'The file reports no numeric metric' }] });
  });
});
