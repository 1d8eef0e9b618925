import { describe, expect, it } from 'vitest';
import { matchRun, runVerdict, type CaseCriterion, type MetricReport } from './runs.js';

const METHOD = 'm-1';
const OTHER = 'm-2';

function testCase(key: string, metric: string, extra: Partial<CaseCriterion> = {}): CaseCriterion {
  return { id: `id-${key}`, key, metric, comparator: '>=', threshold: 0.5, unit: '', decisionRule: 'point-estimate', mandatory: true, methodId: METHOD, ...extra };
}

describe('matchRun', () => {
  it("matches by the report's own name, then by an alias; lists reports no case asked for, but not derived ones", () => {
    const cases = [testCase('TC-01', 'arc_easy/acc'), testCase('TC-02', 'acc_norm')];
    const reports: MetricReport[] = [
      { name: 'arc_easy/acc', aliases: ['acc'], value: 0.6 },
      { name: 'arc_easy/acc_norm', aliases: ['acc_norm'], value: 0.4 },
      { name: 'arc_easy/brier', value: 0.2 },
      { name: 'pass_rate', value: 1, derived: true },
    ];
    const m = matchRun(cases, METHOD, reports);
    expect(m.results.map((r) => [r.testCase.key, r.report.name, r.verdict])).toEqual([['TC-01', 'arc_easy/acc', 'pass'], ['TC-02', 'arc_easy/acc_norm', 'fail']]);
    expect(m.unmatched).toEqual(['arc_easy/brier']);
    expect(m.missing).toEqual([]);
    expect(m.problems).toEqual([]);
  });

  it('leaves cases of other methods out, and lists cases of the method without a result as missing', () => {
    const cases = [testCase('TC-01', 'acc'), testCase('TC-02', 'f1'), testCase('TC-03', 'wer', { methodId: OTHER })];
    const m = matchRun(cases, METHOD, [{ name: 'acc', value: 0.7 }, { name: 'wer', value: 0.1 }]);
    expect(m.results.map((r) => r.testCase.key)).toEqual(['TC-01']);
    expect(m.missing.map((c) => c.key)).toEqual(['TC-02']);
    expect(m.unmatched).toEqual(['wer']);
  });

  it('lets two cases ask for the same metric with different thresholds', () => {
    const cases = [testCase('MUST', 'acc', { threshold: 0.6 }), testCase('SHOULD', 'acc', { threshold: 0.8, mandatory: false })];
    const m = matchRun(cases, METHOD, [{ name: 'acc', value: 0.7 }]);
    expect(m.results.map((r) => [r.testCase.key, r.verdict])).toEqual([['MUST', 'pass'], ['SHOULD', 'fail']]);
    expect(m.unmatched).toEqual([]);
  });

  it('refuses an alias shared by several reports, and a unit that contradicts the case', () => {
    const ambiguous = matchRun([testCase('TC-01', 'acc')], METHOD, [{ name: 'a/acc', aliases: ['acc'], value: 1 }, { name: 'b/acc', aliases: ['acc'], value: 0 }]);
    expect(ambiguous.problems).toEqual([{ reportIndex: 0, field: 'metric', message: expect.stringContaining('a/acc, b/acc') }]);
    expect(ambiguous.results).toEqual([]);
    const unit = matchRun([testCase('TC-01', 'wer', { unit: '%', comparator: '<=', threshold: 12 })], METHOD, [{ name: 'wer', value: 0.1, unit: 'ratio' }]);
    expect(unit.problems).toEqual([{ reportIndex: 0, field: 'unit', message: 'Reported in "ratio", but test case TC-01 expects "%"' }]);
  });

  it("takes the case's unit when the report names none, and decides by the case's rule", () => {
    const cases = [testCase('TC-01', 'acc', { unit: '%', threshold: 90, decisionRule: 'conservative-bound' })];
    const m = matchRun(cases, METHOD, [{ name: 'acc', value: 92, stdError: 1.5 }]);
    expect(m.results[0]).toMatchObject({ unit: '%', verdict: 'fail' });
    expect(m.results[0]!.decidedBy).toBeCloseTo(92 - 1.959964 * 1.5, 6);
  });
});

describe('runVerdict', () => {
  it('fails on any failing case, passes only with results and no mandatory case missing, else is incomplete', () => {
    expect(runVerdict([{ verdict: 'pass' }, { verdict: 'fail' }], [])).toBe('fail');
    expect(runVerdict([{ verdict: 'pass' }], [{ mandatory: false }])).toBe('pass');
    expect(runVerdict([{ verdict: 'pass' }], [{ mandatory: true }])).toBe('incomplete');
    expect(runVerdict([], [])).toBe('incomplete');
    expect(runVerdict([{ verdict: 'fail' }], [{ mandatory: true }])).toBe('fail');
  });
});
