import { describe, expect, it } from 'vitest';
import { addCalendarDays, calendarDate, completionAfter, isTaskOpen, taskDueState } from './due.js';

describe('task due rules', () => {
  it('counts open, in-progress and blocked as open', () => {
    expect(['open', 'in-progress', 'blocked', 'done', 'cancelled'].filter(isTaskOpen)).toEqual(['open', 'in-progress', 'blocked']);
  });

  it('tells overdue, due soon (today up to three days ahead) and later apart', () => {
    const today = '2027-03-10';
    const state = (dueDate: string | null, status = 'open') => taskDueState({ status, dueDate }, today);
    expect(state('2027-03-09')).toBe('overdue');
    expect(state('2027-03-10')).toBe('due-soon');
    expect(state('2027-03-13')).toBe('due-soon');
    expect(state('2027-03-14')).toBe('later');
    expect(state(null)).toBe('none');
    expect(state('2027-03-01', 'done')).toBe('none');
    expect(state('2027-03-01', 'cancelled')).toBe('none');
    expect(state('2027-03-01', 'blocked')).toBe('overdue');
  });

  it('adds calendar days across month and year ends', () => {
    expect(addCalendarDays('2027-02-27', 3)).toBe('2027-03-02');
    expect(addCalendarDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addCalendarDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('takes the calendar day in Berlin, not in UTC', () => {
    expect(calendarDate(new Date('2027-03-09T23:30:00Z'))).toBe('2027-03-10');
    expect(calendarDate(new Date('2027-07-09T21:59:00Z'))).toBe('2027-07-09');
    expect(calendarDate(new Date('2027-07-09T22:00:00Z'))).toBe('2027-07-10');
  });

  it('records completion when a task becomes done, keeps it while done and clears it when reopened', () => {
    const none = { completedAt: null, completedBy: null };
    const done = completionAfter('in-progress', 'done', none, 'u1', '2027-03-10T10:00:00.000Z');
    expect(done).toEqual({ completedAt: '2027-03-10T10:00:00.000Z', completedBy: 'u1' });
    expect(completionAfter('done', 'done', done, 'u2', '2027-03-11T10:00:00.000Z')).toEqual(done);
    expect(completionAfter('done', 'open', done, 'u2', '2027-03-11T10:00:00.000Z')).toEqual(none);
    expect(completionAfter('open', 'cancelled', none, 'u2', '2027-03-11T10:00:00.000Z')).toEqual(none);
  });
});
