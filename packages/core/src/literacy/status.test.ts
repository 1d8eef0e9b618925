import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './dates.js';
import { completionValidUntil, requiredTrainings, summariseTrainingStates, trainingState, withinUnitTree, type LiteracyRequirementRule } from './status.js';

const units = [
  { id: 'root', parentId: null },
  { id: 'dept', parentId: 'root' },
  { id: 'team', parentId: 'dept' },
  { id: 'other', parentId: 'root' },
];
const within = withinUnitTree(units);

const rule = (over: Partial<LiteracyRequirementRule> = {}): LiteracyRequirementRule => ({
  courseId: 'c1', role: 'owner', orgUnitId: null, intervalMonths: null, graceDays: 30, since: '2026-01-01', ...over,
});

describe('calendar arithmetic', () => {
  it('adds months and keeps the last day of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-15', 24)).toBe('2028-03-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
  it('adds days across months and years and counts days between', () => {
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(daysBetween('2026-12-20', '2027-01-19')).toBe(30);
    expect(daysBetween('2027-01-19', '2026-12-20')).toBe(-30);
  });
  it('computes a completion’s validity from the course', () => {
    expect(completionValidUntil('2026-05-10', 12)).toBe('2027-05-10');
    expect(completionValidUntil('2026-05-10', null)).toBeNull();
  });
});

describe('unit tree', () => {
  it('places a unit within itself and its ancestors only', () => {
    expect(within('team', 'team')).toBe(true);
    expect(within('team', 'dept')).toBe(true);
    expect(within('team', 'root')).toBe(true);
    expect(within('dept', 'team')).toBe(false);
    expect(within('other', 'dept')).toBe(false);
    expect(within('unknown', 'root')).toBe(false);
  });
});

describe('required courses', () => {
  it('applies a requirement to holders of its role, anywhere or within its unit’s subtree', () => {
    const reqs = [rule({ courseId: 'all-owners' }), rule({ courseId: 'dept-owners', orgUnitId: 'dept' }), rule({ courseId: 'labs', role: 'lab' })];
    expect(requiredTrainings([{ role: 'owner', orgUnitId: 'team' }], reqs, within, '2026-01-01').map((c) => c.courseId)).toEqual(['all-owners', 'dept-owners']);
    expect(requiredTrainings([{ role: 'owner', orgUnitId: 'other' }], reqs, within, '2026-01-01').map((c) => c.courseId)).toEqual(['all-owners']);
    expect(requiredTrainings([{ role: 'viewer', orgUnitId: 'team' }], reqs, within, '2026-01-01')).toEqual([]);
  });

  it('merges requirements of one course: every role, the shortest interval and grace, the earliest start', () => {
    const reqs = [
      rule({ role: 'owner', intervalMonths: 24, graceDays: 60, since: '2026-03-01' }),
      rule({ role: 'lab', intervalMonths: 12, graceDays: 14, since: '2026-02-01' }),
      rule({ role: 'viewer', intervalMonths: null, since: '2025-01-01' }),
    ];
    const [course] = requiredTrainings([{ role: 'owner', orgUnitId: 'team' }, { role: 'lab', orgUnitId: 'dept' }], reqs, within, '2026-01-15');
    expect(course).toEqual({ courseId: 'c1', roles: ['owner', 'lab'], intervalMonths: 12, graceDays: 14, requiredSince: '2026-02-01' });
  });

  it('starts the grace period no earlier than the person’s role assignment', () => {
    const [course] = requiredTrainings([{ role: 'owner', orgUnitId: 'team' }], [rule({ since: '2026-01-01' })], within, '2026-06-30');
    expect(course?.requiredSince).toBe('2026-06-30');
  });
});

describe('training state', () => {
  const required = { intervalMonths: null, graceDays: 30, requiredSince: '2026-06-01' };

  it('is due within the grace period and overdue after it when never completed', () => {
    expect(trainingState(required, null, '2026-06-01')).toEqual({ state: 'due', dueDate: '2026-07-01' });
    expect(trainingState(required, null, '2026-07-01')).toEqual({ state: 'due', dueDate: '2026-07-01' });
    expect(trainingState(required, null, '2026-07-02')).toEqual({ state: 'overdue', dueDate: '2026-07-01' });
    expect(trainingState({ ...required, graceDays: 0 }, null, '2026-06-02').state).toBe('overdue');
  });

  it('is current without expiry when neither course nor requirement sets one', () => {
    expect(trainingState(required, { completedOn: '2020-01-01', validUntil: null }, '2030-01-01')).toEqual({ state: 'current', dueDate: null });
  });

  it('is current until 30 days before expiry, due in those 30 days (the last day included), overdue the day after', () => {
    const done = { completedOn: '2026-01-10', validUntil: '2027-01-10' };
    expect(trainingState(required, done, '2026-12-10')).toEqual({ state: 'current', dueDate: '2027-01-10' });
    expect(trainingState(required, done, '2026-12-11')).toEqual({ state: 'due', dueDate: '2027-01-10' });
    expect(trainingState(required, done, '2027-01-10')).toEqual({ state: 'due', dueDate: '2027-01-10' });
    expect(trainingState(required, done, '2027-01-11')).toEqual({ state: 'overdue', dueDate: '2027-01-10' });
  });

  it('expires at the earlier of the record’s validity and the requirement’s renewal interval', () => {
    const done = { completedOn: '2026-01-10', validUntil: '2028-01-10' };
    expect(trainingState({ ...required, intervalMonths: 12 }, done, '2026-06-01').dueDate).toBe('2027-01-10');
    expect(trainingState({ ...required, intervalMonths: 36 }, done, '2026-06-01').dueDate).toBe('2028-01-10');
    expect(trainingState({ ...required, intervalMonths: 6 }, { completedOn: '2026-01-10', validUntil: null }, '2026-08-01')).toEqual({ state: 'overdue', dueDate: '2026-07-10' });
  });
});

describe('summaries', () => {
  it('counts the states and rounds the share of current ones', () => {
    expect(summariseTrainingStates(['current', 'current', 'due'])).toEqual({ required: 3, current: 2, due: 1, overdue: 0, percentCurrent: 67 });
    expect(summariseTrainingStates(['overdue'])).toEqual({ required: 1, current: 0, due: 0, overdue: 1, percentCurrent: 0 });
    expect(summariseTrainingStates([])).toEqual({ required: 0, current: 0, due: 0, overdue: 0, percentCurrent: null });
  });
});
