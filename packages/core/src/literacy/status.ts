import type { Role } from '../permissions.js';
import type { LiteracySummary, TrainingState } from '../schemas/literacy.js';
import { addDays, addMonths, daysBetween } from './dates.js';

/**
 * AI literacy status: which courses a person must have, and whether each is current, due or overdue.
 *
 * The rule, for one person and one required course:
 * - The completion that counts is the person's latest (by completion date) that has not been withdrawn.
 * - It expires at the earlier of its own "valid until" (the course's validity when it was recorded) and
 *   completion date + the requirement's renewal interval; with neither, it never expires.
 * - Expired (the day after expiry or later): **overdue**. Expiring within 30 days (`LITERACY_DUE_SOON_DAYS`): **due**.
 *   Otherwise **current**.
 * - Never completed: **due** until the grace period has passed, **overdue** after. The grace period (30 days by
 *   default, per requirement) runs from the later of the day the requirement was set up and the day the person's
 *   roles last changed (their role assignment; role assignments carry no date of their own, so the server reads it
 *   from the audit trail, falling back to the account's creation).
 */

/** A completion expiring this many days ahead or fewer is due for renewal. */
export const LITERACY_DUE_SOON_DAYS = 30;

/** A requirement as the rule reads it. `since`: the ISO date it was set up. */
export interface LiteracyRequirementRule {
  courseId: string;
  role: Role;
  /** null: everywhere; otherwise role assignments in this unit or its sub-units. */
  orgUnitId: string | null;
  intervalMonths: number | null;
  graceDays: number;
  since: string;
}

/** A role a person holds in a unit. */
export interface TrainingRoleHolding {
  role: Role;
  orgUnitId: string;
}

/** A course a person must have, merged over every requirement that asks for it. */
export interface RequiredTraining {
  courseId: string;
  roles: Role[];
  /** The shortest renewal interval of those requirements; null when none sets one (the course's validity rules). */
  intervalMonths: number | null;
  graceDays: number;
  /** From when the person is bound (start of the grace period). */
  requiredSince: string;
}

export interface TrainingCompletion {
  completedOn: string;
  validUntil: string | null;
}

export interface TrainingCourseState {
  state: TrainingState;
  /** When the counting completion expires, or the deadline for a first completion; null: current without expiry. */
  dueDate: string | null;
}

/** Whether a unit lies in the subtree of another (the unit itself included), given the tree as parent links. */
export function withinUnitTree(units: readonly { id: string; parentId: string | null }[]): (unitId: string, rootId: string) => boolean {
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  return (unitId, rootId) => {
    const seen = new Set<string>();
    let current: string | null | undefined = unitId;
    while (current !== null && current !== undefined && !seen.has(current)) {
      if (current === rootId) return true;
      seen.add(current);
      current = parent.get(current);
    }
    return false;
  };
}

/** The courses a person must have, given their role holdings and the day their roles last changed. */
export function requiredTrainings(
  holdings: readonly TrainingRoleHolding[],
  requirements: readonly LiteracyRequirementRule[],
  within: (unitId: string, rootId: string) => boolean,
  rolesSince: string,
): RequiredTraining[] {
  const byCourse = new Map<string, RequiredTraining>();
  for (const req of requirements) {
    const applies = holdings.some((h) => h.role === req.role && (req.orgUnitId === null || within(h.orgUnitId, req.orgUnitId)));
    if (!applies) continue;
    const since = req.since > rolesSince ? req.since : rolesSince;
    const found = byCourse.get(req.courseId);
    if (found === undefined) {
      byCourse.set(req.courseId, { courseId: req.courseId, roles: [req.role], intervalMonths: req.intervalMonths, graceDays: req.graceDays, requiredSince: since });
      continue;
    }
    if (!found.roles.includes(req.role)) found.roles.push(req.role);
    if (req.intervalMonths !== null && (found.intervalMonths === null || req.intervalMonths < found.intervalMonths)) found.intervalMonths = req.intervalMonths;
    found.graceDays = Math.min(found.graceDays, req.graceDays);
    if (since < found.requiredSince) found.requiredSince = since;
  }
  return [...byCourse.values()];
}

/** The state of one required course on `today` (see the rule above). */
export function trainingState(required: Pick<RequiredTraining, 'intervalMonths' | 'graceDays' | 'requiredSince'>, completion: TrainingCompletion | null, today: string, dueSoonDays = LITERACY_DUE_SOON_DAYS): TrainingCourseState {
  if (completion === null) {
    const dueDate = addDays(required.requiredSince, required.graceDays);
    return { state: today > dueDate ? 'overdue' : 'due', dueDate };
  }
  const expiries = [completion.validUntil, required.intervalMonths === null ? null : addMonths(completion.completedOn, required.intervalMonths)].filter((d): d is string => d !== null);
  if (expiries.length === 0) return { state: 'current', dueDate: null };
  const dueDate = expiries.sort()[0]!;
  if (today > dueDate) return { state: 'overdue', dueDate };
  return { state: daysBetween(today, dueDate) <= dueSoonDays ? 'due' : 'current', dueDate };
}

/** The sums over (person, required course) pairs. */
export function summariseTrainingStates(states: readonly TrainingState[]): LiteracySummary {
  const count = (s: TrainingState) => states.filter((x) => x === s).length;
  const current = count('current');
  return {
    required: states.length,
    current,
    due: count('due'),
    overdue: count('overdue'),
    percentCurrent: states.length === 0 ? null : Math.round((current / states.length) * 100),
  };
}

/** A completion's "valid until" from the course's validity; null when the course does not expire. */
export function completionValidUntil(completedOn: string, validityMonths: number | null): string | null {
  return validityMonths === null ? null : addMonths(completedOn, validityMonths);
}
