import { decideVerdict, type LabComparator, type LabDecisionRule, type LabVerdict } from './verdicts.js';
import type { LabRunVerdict } from '../schemas/lab-runs.js';

/**
 * A metric as an importer reports it. `name` is what the file calls it; `aliases` are further names it may be matched
 * by (e.g. the bare `acc` of lm-evaluation-harness's `arc_easy/acc` when no other task reports `acc`). Derived metrics
 * (counts a JUnit report implies) match like any other but are not listed as unmatched when no case asks for them.
 */
export interface MetricReport {
  name: string;
  aliases?: readonly string[];
  value: number;
  ciLower?: number | undefined;
  ciUpper?: number | undefined;
  stdError?: number | undefined;
  sampleSize?: number | undefined;
  unit?: string | undefined;
  note?: string | undefined;
  derived?: boolean;
}

/** What matching needs of a test case. */
export interface CaseCriterion {
  id: string;
  key: string;
  metric: string;
  comparator: LabComparator;
  threshold: number;
  unit: string;
  decisionRule: LabDecisionRule;
  mandatory: boolean;
  methodId: string;
}

export interface MatchedResult<C extends CaseCriterion> {
  testCase: C;
  /** Index of the report in the list given. */
  reportIndex: number;
  report: MetricReport;
  /** The reported unit, or the case's when the report names none. */
  unit: string;
  verdict: LabVerdict;
  decidedBy: number;
}

export interface RunMatch<C extends CaseCriterion> {
  results: MatchedResult<C>[];
  /** Cases of the run's method without a result. */
  missing: C[];
  /** Names of reported metrics no case of the run's method asked for (derived ones left out). */
  unmatched: string[];
  /** Reports that cannot be used as they are: index of the report and why. */
  problems: { reportIndex: number; field: 'metric' | 'unit'; message: string }[];
}

/**
 * Matches reported metrics to the cases of a plan that use the run's method, by metric name: a report's own name
 * first, then its aliases (an alias shared by several reports matches none and is reported as ambiguous). Several
 * cases may ask for the same metric (e.g. a must and a should threshold). A unit given on both sides must agree.
 */
export function matchRun<C extends CaseCriterion>(cases: readonly C[], methodId: string, reports: readonly MetricReport[]): RunMatch<C> {
  const byName = new Map<string, number>();
  const byAlias = new Map<string, number[]>();
  reports.forEach((r, i) => {
    byName.set(r.name, i);
    for (const a of r.aliases ?? []) byAlias.set(a, [...(byAlias.get(a) ?? []), i]);
  });
  const used = new Set<number>();
  const out: RunMatch<C> = { results: [], missing: [], unmatched: [], problems: [] };
  for (const testCase of cases) {
    if (testCase.methodId !== methodId) continue;
    let index = byName.get(testCase.metric);
    if (index === undefined) {
      const candidates = byAlias.get(testCase.metric) ?? [];
      if (candidates.length > 1) {
        out.problems.push({ reportIndex: candidates[0]!, field: 'metric', message: `"${testCase.metric}" (test case ${testCase.key}) is ambiguous: it could be ${candidates.map((c) => reports[c]!.name).join(', ')}` });
        continue;
      }
      index = candidates[0];
    }
    if (index === undefined) {
      out.missing.push(testCase);
      continue;
    }
    const report = reports[index]!;
    used.add(index);
    const reported = (report.unit ?? '').trim();
    if (reported !== '' && testCase.unit !== '' && reported !== testCase.unit) {
      out.problems.push({ reportIndex: index, field: 'unit', message: `Reported in "${reported}", but test case ${testCase.key} expects "${testCase.unit}"` });
      continue;
    }
    const { verdict, decidedBy } = decideVerdict(report, testCase);
    out.results.push({ testCase, reportIndex: index, report, unit: reported || testCase.unit, verdict, decidedBy });
  }
  reports.forEach((r, i) => {
    if (!used.has(i) && !r.derived) out.unmatched.push(r.name);
  });
  return out;
}

/**
 * The verdict of a run: fail when any case failed; pass when there are results, all passed, and every mandatory case
 * of the run's method has one; otherwise incomplete.
 */
export function runVerdict(results: readonly { verdict: LabVerdict }[], missing: readonly { mandatory: boolean }[]): LabRunVerdict {
  if (results.some((r) => r.verdict === 'fail')) return 'fail';
  if (results.length > 0 && !missing.some((m) => m.mandatory)) return 'pass';
  return 'incomplete';
}
