import { calendarDate } from '@konform/core';
import type { Kysely } from 'kysely';
import {
  requiredTrainings,
  summariseTrainingStates,
  trainingState,
  withinUnitTree,
  type LiteracyRequirementRule,
  type RequiredCourseStatus,
  type Role,
  type TrainingRoleHolding,
  type UserTrainingStatus,
} from '@konform/core';
import type { DB } from '../../db/schema.js';
import * as repo from './repository.js';

/** A person as the literacy rule sees them: their role holdings and when their roles last changed. */
export interface LiteracyPerson {
  userId: string;
  displayName: string;
  holdings: TrainingRoleHolding[];
  rolesSince: string;
}

export interface LatestCompletion {
  recordId: string;
  completedOn: string;
  validUntil: string | null;
  recordedAt: string;
}

/** Everything the status of a set of people is computed from, read in a handful of queries. */
export interface LiteracyInputs {
  rules: LiteracyRequirementRule[];
  courseTitles: Map<string, string>;
  units: { id: string; name: string; parentId: string | null }[];
  within: (unitId: string, rootId: string) => boolean;
  people: LiteracyPerson[];
  /** The latest counting completion per user and course. */
  completions: Map<string, Map<string, LatestCompletion>>;
}

/** Loads the inputs for the given users (active ones only), or for every active user when `userIds` is null. */
export async function loadLiteracyInputs(db: Kysely<DB>, userIds: readonly string[] | null): Promise<LiteracyInputs> {
  const [requirements, unitRows, holders, roleChanges, records] = await Promise.all([
    repo.activeRequirements(db),
    repo.allUnits(db),
    repo.activeRoleHolders(db, userIds),
    repo.lastRoleChanges(db, userIds),
    repo.countingRecords(db, userIds),
  ]);
  const units = unitRows.map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id }));
  const courseTitles = new Map(requirements.map((r) => [r.course_id, r.course_title]));
  const rules: LiteracyRequirementRule[] = requirements.map((r) => ({
    courseId: r.course_id,
    role: r.role as Role,
    orgUnitId: r.org_unit_id,
    intervalMonths: r.interval_months === null ? null : Number(r.interval_months),
    graceDays: Number(r.grace_days),
    since: calendarDate(new Date(r.created_at)),
  }));
  const changed = new Map(roleChanges.map((c) => [c.entity_id, String(c.changed_at)]));
  const people = new Map<string, LiteracyPerson>();
  for (const h of holders) {
    let person = people.get(h.user_id);
    if (person === undefined) {
      const since = changed.get(h.user_id) ?? h.created_at;
      person = { userId: h.user_id, displayName: h.display_name, holdings: [], rolesSince: calendarDate(new Date(since)) };
      people.set(h.user_id, person);
    }
    person.holdings.push({ role: h.role as Role, orgUnitId: h.org_unit_id });
  }
  const completions: LiteracyInputs['completions'] = new Map();
  for (const r of records) {
    const byCourse = completions.get(r.user_id) ?? new Map<string, LatestCompletion>();
    completions.set(r.user_id, byCourse);
    const found = byCourse.get(r.course_id);
    // The latest completion counts; of two on the same day, the one recorded last.
    if (found === undefined || r.completed_on > found.completedOn || (r.completed_on === found.completedOn && r.recorded_at > found.recordedAt)) {
      byCourse.set(r.course_id, { recordId: r.id, completedOn: r.completed_on, validUntil: r.valid_until, recordedAt: r.recorded_at });
    }
  }
  return { rules, courseTitles, units, within: withinUnitTree(units), people: [...people.values()], completions };
}

/**
 * One person's required courses with their state on `today`. With `inUnit`, only role holdings in that unit's subtree
 * count (a unit's status speaks of the roles held there).
 */
export function personStatus(inputs: LiteracyInputs, person: LiteracyPerson, today: string, inUnit?: string): UserTrainingStatus {
  const holdings = inUnit === undefined ? person.holdings : person.holdings.filter((h) => inputs.within(h.orgUnitId, inUnit));
  const completions = inputs.completions.get(person.userId);
  const courses: RequiredCourseStatus[] = requiredTrainings(holdings, inputs.rules, inputs.within, person.rolesSince)
    .map((required) => {
      const completion = completions?.get(required.courseId) ?? null;
      const { state, dueDate } = trainingState(required, completion, today);
      return {
        courseId: required.courseId,
        courseTitle: inputs.courseTitles.get(required.courseId) ?? '',
        state,
        dueDate,
        lastCompletedOn: completion?.completedOn ?? null,
        recordId: completion?.recordId ?? null,
        roles: required.roles,
        intervalMonths: required.intervalMonths,
      };
    })
    .sort((a, b) => a.courseTitle.localeCompare(b.courseTitle, 'de'));
  return { userId: person.userId, displayName: person.displayName, courses, summary: summariseTrainingStates(courses.map((c) => c.state)) };
}

/** The people holding a role in the unit or one of its sub-units. */
export function membersOf(inputs: LiteracyInputs, unitId: string): LiteracyPerson[] {
  return inputs.people.filter((p) => p.holdings.some((h) => inputs.within(h.orgUnitId, unitId)));
}

/** The states of every member of a unit, for the unit's sums. */
export function unitStatuses(inputs: LiteracyInputs, unitId: string, today: string): UserTrainingStatus[] {
  return membersOf(inputs, unitId).map((p) => personStatus(inputs, p, today, unitId));
}
