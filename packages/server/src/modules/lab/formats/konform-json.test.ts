import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importKonformRun } from './konform-json.js';

const run = () => ({
  planId: randomUUID(), methodId: randomUUID(), environmentId: randomUUID(),
  items: [{ type: 'model', versionId: randomUUID(), manifestDigest: 'AB'.repeat(32) }],
  seed: 1234, startedAt: '2026-11-20T09:00:00+01:00', endedAt: '2026-11-20T09:45:00+01:00',
  results: [{ metric: 'accuracy', value: 0.93, ciLower: 0.91, ciUpper: 0.95, sampleSize: 2000 }, { metric: 'wer', value: 9.8, unit: '%', note: 'Testset B' }],
});

describe("Konform's run format", () => {
  it('reads a run: frame as given (digest lower-cased, seed as text), times in UTC, metrics normalised', () => {
    const body = run();
    const out = importKonformRun(JSON.stringify(body));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.frame).toMatchObject({ planId: body.planId, items: [{ type: 'model', manifestDigest: 'ab'.repeat(32) }], seed: '1234' });
    expect(out.value.run).toEqual({
      metrics: [
        { name: 'accuracy', value: 0.93, ciLower: 0.91, ciUpper: 0.95, stdError: undefined, sampleSize: 2000, unit: undefined, note: undefined },
        { name: 'wer', value: 9.8, ciLower: undefined, ciUpper: undefined, stdError: undefined, sampleSize: undefined, unit: '%', note: 'Testset B' },
      ],
      startedAt: '2026-11-20T08:00:00.000Z', endedAt: '2026-11-20T08:45:00.000Z', seed: '1234', tool: null,
    });
  });

  it('names every wrong field, unknown fields included', () => {
    const body = { ...run(), endedAt: '2026-11-20T07:00:00Z', extra: true, results: [{ metric: 'a', value: 'hoch' }, { metric: 'b', value: 1, ciLower: 2 }, { metric: 'b', value: 1 }] };
    const out = importKonformRun(body);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => p.path).sort()).toEqual(['extra', 'results.0.value', 'results.1.ciUpper']);
    const valid = { ...run(), endedAt: '2026-11-20T07:00:00Z', results: [{ metric: 'b', value: 1 }, { metric: 'b', value: 2 }] };
    const refined = importKonformRun(valid);
    expect(!refined.ok && refined.problems.map((p) => p.path).sort()).toEqual(['endedAt', 'results.1.metric']);
  });

  it('points an lm-evaluation-harness file sent without ?format=lm-eval at the right door, and reports the line of a JSON error', () => {
    expect(importKonformRun({ results: { beep: { 'acc,none': 0.5 } }, configs: {} })).toEqual({ ok: false, problems: [{ path: 'results', message: expect.stringContaining('?format=lm-eval') }] });
    expect(importKonformRun('{\n  "planId": "x",\n  "seed": 1\n  "items": []\n}')).toEqual({ ok: false, problems: [{ path: 'body', message: "Not valid JSON: line 4, column 3: Expected ',' or '}' after property value" }] });
  });
});
