import { describe, expect, it } from 'vitest';
import { isoWeekLabel, isoWeekStart, passRate, passRateSince, runDay, runsPerWeek, tallyRuns, type DashboardRunFacts } from './dashboard.js';

const run = (startedAt: string, verdict: DashboardRunFacts['verdict'] = 'pass'): DashboardRunFacts => ({ startedAt, verdict });

describe('ISO weeks', () => {
  it('start on Monday', () => {
    expect(isoWeekStart('2026-11-26')).toBe('2026-11-23'); // Thursday
    expect(isoWeekStart('2026-11-23')).toBe('2026-11-23'); // Monday
    expect(isoWeekStart('2026-11-29')).toBe('2026-11-23'); // Sunday
  });
  it('are numbered by the year their Thursday falls in', () => {
    expect(isoWeekLabel('2026-11-26')).toBe('2026-W48');
    expect(isoWeekLabel('2026-01-01')).toBe('2026-W01'); // Thursday: week 1 of 2026
    expect(isoWeekLabel('2027-01-01')).toBe('2026-W53'); // Friday: the last week of 2026, which has 53
    expect(isoWeekLabel('2024-12-30')).toBe('2025-W01'); // Monday whose Thursday is in 2025
    expect(isoWeekLabel('2021-01-03')).toBe('2020-W53');
    expect(isoWeekLabel('2025-12-28')).toBe('2025-W52');
  });
});

describe('runs per week', () => {
  it('counts by the Berlin calendar day a run started on, for twelve weeks up to the current one', () => {
    const weeks = runsPerWeek(
      [
        run('2026-11-23T08:00:00Z'),
        run('2026-11-24T08:00:00Z', 'fail'),
        run('2026-11-25T08:00:00Z', 'incomplete'),
        // Sunday 23:30 UTC is Monday 00:30 in Berlin (CET): the current week, not the one before.
        run('2026-11-22T23:30:00Z', 'fail'),
        // Sunday 22:30 UTC is Sunday 23:30 in Berlin: the week before.
        run('2026-11-22T22:30:00Z'),
        // Summer time: Sunday 22:30 UTC is Monday 00:30 (CEST).
        run('2026-09-06T22:30:00Z'),
        // Before the twelfth week and after today: not shown.
        run('2026-08-30T10:00:00Z'),
        run('2026-12-01T10:00:00Z'),
      ],
      '2026-11-26',
    );
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toMatchObject({ week: '2026-W37', start: '2026-09-07', end: '2026-09-13', runs: 1, passed: 1 });
    expect(weeks[10]).toMatchObject({ week: '2026-W47', start: '2026-11-16', runs: 1, passed: 1, failed: 0 });
    expect(weeks[11]).toEqual({ week: '2026-W48', start: '2026-11-23', end: '2026-11-29', runs: 4, passed: 1, failed: 2, incomplete: 1 });
    expect(weeks.reduce((n, w) => n + w.runs, 0)).toBe(6);
  });
  it('shows empty weeks as zero', () => {
    expect(runsPerWeek([], '2026-01-01', 3).map((w) => [w.week, w.runs])).toEqual([['2025-W51', 0], ['2025-W52', 0], ['2026-W01', 0]]);
  });
  it('reads the Berlin day of a timestamp', () => {
    expect(runDay(run('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(runDay(run('2026-03-29T22:30:00Z'))).toBe('2026-03-30');
  });
});

describe('pass rate', () => {
  it('counts incomplete runs as not passed and has no rate without runs', () => {
    const tally = tallyRuns([run('2026-11-01T00:00:00Z'), run('2026-11-01T00:00:00Z', 'fail'), run('2026-11-01T00:00:00Z', 'incomplete'), run('2026-11-01T00:00:00Z')]);
    expect(tally).toEqual({ runs: 4, passed: 2, failed: 1, incomplete: 1 });
    expect(passRate(tally)).toBe(0.5);
    expect(passRate(tallyRuns([]))).toBeNull();
  });
  it('looks back 90 days, today included', () => {
    expect(passRateSince('2026-11-26')).toBe('2026-08-29');
  });
});
