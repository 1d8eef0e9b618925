/**
 * The verdict of one measured value against a test case (ISO/IEC 17025 7.8.6: decision rules). The comparator and
 * threshold are fixed in the plan before testing; the decision rule says what is compared when an uncertainty is
 * reported: the point estimate, or the bound of the confidence interval that is least favourable to passing.
 */
export const LAB_COMPARATORS = ['>=', '>', '<=', '<'] as const;
export type LabComparator = (typeof LAB_COMPARATORS)[number];

export const LAB_DECISION_RULES = ['point-estimate', 'conservative-bound'] as const;
export type LabDecisionRule = (typeof LAB_DECISION_RULES)[number];

export type LabVerdict = 'pass' | 'fail';

/** A measured value with its uncertainty as the harness reported it. */
export interface LabMeasurement {
  value: number;
  /** Confidence interval bounds, when the harness reports them. */
  ciLower?: number | null;
  ciUpper?: number | null;
  /** Standard error, when reported without an interval: the interval is then value ± 1.96 · stdError (95 %). */
  stdError?: number | null;
}

export interface LabCriterion {
  comparator: LabComparator;
  threshold: number;
  decisionRule: LabDecisionRule;
}

/** z for a two-sided 95 % interval from a standard error. */
export const Z_95 = 1.959964;

/** Whether a higher value is better under the comparator (≥, > aim high; ≤, < aim low). */
export function higherIsBetter(comparator: LabComparator): boolean {
  return comparator === '>=' || comparator === '>';
}

/** The interval the measurement reports, or null when it reports none. */
export function intervalOf(m: LabMeasurement): { lower: number; upper: number } | null {
  if (m.ciLower != null && m.ciUpper != null) return { lower: Math.min(m.ciLower, m.ciUpper), upper: Math.max(m.ciLower, m.ciUpper) };
  if (m.stdError != null && m.stdError >= 0) return { lower: m.value - Z_95 * m.stdError, upper: m.value + Z_95 * m.stdError };
  return null;
}

export function compare(value: number, comparator: LabComparator, threshold: number): boolean {
  switch (comparator) {
    case '>=': return value >= threshold;
    case '>': return value > threshold;
    case '<=': return value <= threshold;
    case '<': return value < threshold;
  }
}

/**
 * The verdict and the value it was decided on. Under the conservative rule the lower bound is compared for
 * "at least" criteria and the upper bound for "at most" criteria; without a reported uncertainty both rules compare
 * the point estimate, and `uncertaintyReported` says so.
 */
export function decideVerdict(m: LabMeasurement, c: LabCriterion): { verdict: LabVerdict; decidedBy: number; uncertaintyReported: boolean } {
  const interval = intervalOf(m);
  let decidedBy = m.value;
  if (c.decisionRule === 'conservative-bound' && interval) decidedBy = higherIsBetter(c.comparator) ? interval.lower : interval.upper;
  return { verdict: compare(decidedBy, c.comparator, c.threshold) ? 'pass' : 'fail', decidedBy, uncertaintyReported: interval !== null };
}

/**
 * Regression of a new value against the released baseline: a worsening by more than `tolerance` (absolute, in the
 * metric's unit) in the direction the comparator counts as worse.
 */
export function regressed(current: number, baseline: number, comparator: LabComparator, tolerance: number): boolean {
  const worsening = higherIsBetter(comparator) ? baseline - current : current - baseline;
  return worsening > tolerance + 1e-12;
}
