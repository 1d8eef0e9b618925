import type { LabPlanFixProblem, LabPlanStatus } from '../schemas/lab-plans.js';
import type { LabComparator, LabCriterion, LabDecisionRule } from './verdicts.js';

/** What may happen to a plan: edit its draft, fix it, revise a fixed plan into a new draft, retire it. */
export type LabPlanAction = 'edit' | 'fix' | 'revise' | 'retire';

const ALLOWED: Record<LabPlanAction, readonly LabPlanStatus[]> = {
  // Thresholds are fixed before testing: only a draft changes, and fixing freezes it for good.
  edit: ['draft'],
  fix: ['draft'],
  // A fixed plan changes only through a revision, which replaces it when the revision is fixed.
  revise: ['fixed'],
  // A draft that will not be used, or a fixed plan no longer tested against.
  retire: ['draft', 'fixed'],
};

export function planAllows(status: LabPlanStatus, action: LabPlanAction): boolean {
  return ALLOWED[action].includes(status);
}

/**
 * Why a draft cannot be fixed: it needs cases, and at least one mandatory case (a gate checks the mandatory cases; a
 * plan of optional cases only would pass any gate without a single run).
 */
export function planFixProblems(cases: readonly { mandatory: boolean }[]): LabPlanFixProblem[] {
  if (cases.length === 0) return ['no-cases'];
  return cases.some((c) => c.mandatory) ? [] : ['no-mandatory-case'];
}

/** The criterion a result of the case is decided by (see `decideVerdict`). */
export function caseCriterion(c: { comparator: LabComparator; threshold: number; decisionRule: LabDecisionRule }): LabCriterion {
  return { comparator: c.comparator, threshold: c.threshold, decisionRule: c.decisionRule };
}

/** The key proposed for a new case: `TC-` and the number after the highest `TC-<n>` in use, two digits at least. */
export function nextCaseKey(keys: readonly string[]): string {
  let highest = 0;
  for (const key of keys) {
    const m = /^TC-(\d+)$/i.exec(key.trim());
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  return `TC-${String(highest + 1).padStart(2, '0')}`;
}

/**
 * The revision a plan shows: the latest one that was fixed (it replaced the plan), else the latest draft. Revisions
 * retired as drafts never replaced anything and are not shown.
 */
export function latestRevision<R extends { status: string; fixedAt: string | null; createdAt: string }>(revisions: readonly R[]): R | null {
  const byTime = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  const fixed = revisions.filter((r) => r.fixedAt !== null).sort((a, b) => byTime(a.fixedAt!, b.fixedAt!));
  if (fixed[0]) return fixed[0];
  return revisions.filter((r) => r.status === 'draft').sort((a, b) => byTime(a.createdAt, b.createdAt))[0] ?? null;
}

/**
 * Whether a method's unit may serve a plan's unit: the same unit, one above it (a lab's methods serve the units
 * below) or one below it. `tree` lists every unit with its parent.
 */
export function unitsOnOneLine(tree: readonly { id: string; parentId: string | null }[], a: string, b: string): boolean {
  const parent = new Map(tree.map((u) => [u.id, u.parentId]));
  const above = (from: string, target: string) => {
    const seen = new Set<string>();
    for (let at: string | null | undefined = from; at != null && !seen.has(at); at = parent.get(at)) {
      if (at === target) return true;
      seen.add(at);
    }
    return false;
  };
  return above(a, b) || above(b, a);
}
