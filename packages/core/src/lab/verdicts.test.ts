import { describe, expect, it } from 'vitest';
import { LAB_COMPARATORS, Z_95, compare, decideVerdict, higherIsBetter, intervalOf, regressed, type LabComparator, type LabDecisionRule } from './verdicts.js';

const point: LabDecisionRule = 'point-estimate';
const bound: LabDecisionRule = 'conservative-bound';

describe('compare', () => {
  // value, then the expected answer for >=, >, <=, < against a threshold of 0.9
  const table: [number, Record<LabComparator, boolean>][] = [
    [0.95, { '>=': true, '>': true, '<=': false, '<': false }],
    [0.9, { '>=': true, '>': false, '<=': true, '<': false }],
    [0.85, { '>=': false, '>': false, '<=': true, '<': true }],
  ];
  it.each(table)('compares %s with 0.9 under every comparator', (value, expected) => {
    for (const c of LAB_COMPARATORS) expect(compare(value, c, 0.9), `${value} ${c} 0.9`).toBe(expected[c]);
  });

  it('knows which direction each comparator aims at', () => {
    expect(LAB_COMPARATORS.map(higherIsBetter)).toEqual([true, true, false, false]);
  });
});

describe('intervalOf', () => {
  it('takes a reported interval as given, in either order', () => {
    expect(intervalOf({ value: 0.9, ciLower: 0.88, ciUpper: 0.93 })).toEqual({ lower: 0.88, upper: 0.93 });
    expect(intervalOf({ value: 0.9, ciLower: 0.93, ciUpper: 0.88 })).toEqual({ lower: 0.88, upper: 0.93 });
  });

  it('prefers the interval over a standard error, derives ±1.96·SE otherwise, and reports none without either', () => {
    expect(intervalOf({ value: 0.9, ciLower: 0.88, ciUpper: 0.93, stdError: 0.5 })).toEqual({ lower: 0.88, upper: 0.93 });
    const derived = intervalOf({ value: 0.9, stdError: 0.01 })!;
    expect(derived.lower).toBeCloseTo(0.9 - Z_95 * 0.01, 12);
    expect(derived.upper).toBeCloseTo(0.9 + Z_95 * 0.01, 12);
    expect(intervalOf({ value: 0.9 })).toBeNull();
    expect(intervalOf({ value: 0.9, ciLower: 0.88, ciUpper: null })).toBeNull();
    expect(intervalOf({ value: 0.9, stdError: -0.1 })).toBeNull();
    expect(intervalOf({ value: 0.9, stdError: 0 })).toEqual({ lower: 0.9, upper: 0.9 });
  });
});

describe('decideVerdict', () => {
  // The interval 0.90 … 0.94 around 0.92 sits across each threshold below, so the rules disagree.
  const withCi = { value: 0.92, ciLower: 0.9, ciUpper: 0.94 };
  const cases: { comparator: LabComparator; threshold: number; point: 'pass' | 'fail'; bound: 'pass' | 'fail'; boundValue: number }[] = [
    { comparator: '>=', threshold: 0.91, point: 'pass', bound: 'fail', boundValue: 0.9 },
    { comparator: '>=', threshold: 0.9, point: 'pass', bound: 'pass', boundValue: 0.9 },
    { comparator: '>', threshold: 0.9, point: 'pass', bound: 'fail', boundValue: 0.9 },
    { comparator: '>', threshold: 0.95, point: 'fail', bound: 'fail', boundValue: 0.9 },
    { comparator: '<=', threshold: 0.93, point: 'pass', bound: 'fail', boundValue: 0.94 },
    { comparator: '<=', threshold: 0.94, point: 'pass', bound: 'pass', boundValue: 0.94 },
    { comparator: '<', threshold: 0.94, point: 'pass', bound: 'fail', boundValue: 0.94 },
    { comparator: '<', threshold: 0.91, point: 'fail', bound: 'fail', boundValue: 0.94 },
  ];

  it.each(cases)('$comparator $threshold with a CI: point estimate $point, conservative bound $bound', (c) => {
    expect(decideVerdict(withCi, { comparator: c.comparator, threshold: c.threshold, decisionRule: point })).toEqual({ verdict: c.point, decidedBy: 0.92, uncertaintyReported: true });
    expect(decideVerdict(withCi, { comparator: c.comparator, threshold: c.threshold, decisionRule: bound })).toEqual({ verdict: c.bound, decidedBy: c.boundValue, uncertaintyReported: true });
  });

  it('uses ±1.96·SE as the interval when only a standard error is reported', () => {
    // 0.92 − 1.96·0.01 ≈ 0.9004: passes ≥ 0.90, fails ≥ 0.901 under the conservative rule; the estimate passes both.
    const m = { value: 0.92, stdError: 0.01 };
    const lower = decideVerdict(m, { comparator: '>=', threshold: 0.9, decisionRule: bound });
    expect(lower.verdict).toBe('pass');
    expect(lower.decidedBy).toBeCloseTo(0.92 - Z_95 * 0.01, 12);
    expect(lower.uncertaintyReported).toBe(true);
    expect(decideVerdict(m, { comparator: '>=', threshold: 0.901, decisionRule: bound }).verdict).toBe('fail');
    expect(decideVerdict(m, { comparator: '>=', threshold: 0.901, decisionRule: point })).toEqual({ verdict: 'pass', decidedBy: 0.92, uncertaintyReported: true });
    // An "at most" criterion compares the upper bound: 0.05 + 1.96·0.005 ≈ 0.0598.
    const rate = { value: 0.05, stdError: 0.005 };
    expect(decideVerdict(rate, { comparator: '<=', threshold: 0.06, decisionRule: bound }).verdict).toBe('pass');
    expect(decideVerdict(rate, { comparator: '<=', threshold: 0.059, decisionRule: bound }).verdict).toBe('fail');
  });

  it('compares the point estimate under both rules when no uncertainty is reported, and says so', () => {
    for (const decisionRule of [point, bound]) {
      for (const comparator of LAB_COMPARATORS) {
        const expected = compare(0.92, comparator, 0.92) ? 'pass' : 'fail';
        expect(decideVerdict({ value: 0.92, ciLower: null, ciUpper: null, stdError: null }, { comparator, threshold: 0.92, decisionRule })).toEqual({ verdict: expected, decidedBy: 0.92, uncertaintyReported: false });
      }
    }
  });
});

describe('regressed', () => {
  it('counts a worsening beyond the tolerance in the direction the comparator counts as worse', () => {
    // Higher is better (accuracy): a drop of 0.02 with tolerance 0.01 regresses, 0.01 does not, a rise never does.
    expect(regressed(0.9, 0.92, '>=', 0.01)).toBe(true);
    expect(regressed(0.91, 0.92, '>=', 0.01)).toBe(false);
    expect(regressed(0.99, 0.92, '>', 0)).toBe(false);
    // Lower is better (word error rate): a rise regresses, a fall does not.
    expect(regressed(0.13, 0.1, '<=', 0.02)).toBe(true);
    expect(regressed(0.12, 0.1, '<', 0.02)).toBe(false);
    expect(regressed(0.05, 0.1, '<', 0)).toBe(false);
  });

  it('keeps a worsening equal to the tolerance within it despite binary rounding, and a tolerance of 0 refuses any worsening', () => {
    expect(regressed(0.71, 0.7, '<=', 0.01)).toBe(false); // 0.71 − 0.70 = 0.010000000000000009
    expect(regressed(0.7, 0.71, '>=', 0.01)).toBe(false);
    expect(regressed(0.92, 0.92, '>=', 0)).toBe(false);
    expect(regressed(0.9199, 0.92, '>=', 0)).toBe(true);
  });
});
