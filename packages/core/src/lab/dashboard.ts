import { addCalendarDays, calendarDate } from '../dates.js';

/**
 * The lab dashboard's figures, computed from plain facts so they can be tested without a database. Weeks are ISO 8601
 * weeks (Monday to Sunday) of calendar days in Europe/Berlin: a run started at 23:30 UTC on a Sunday in winter belongs
 * to the next week there.
 */

/** Weeks shown in "runs per week", the current one included. */
export const LAB_DASHBOARD_WEEKS = 12;
/** Days counted for the pass rate per subject, today included. */
export const LAB_PASS_RATE_DAYS = 90;

/** 1 (Monday) … 7 (Sunday) of a calendar date. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the ISO week that contains `date` (`YYYY-MM-DD`). */
export function isoWeekStart(date: string): string {
  return addCalendarDays(date, 1 - isoWeekday(date));
}

/** The ISO 8601 week of a calendar date as `2026-W48` (the year is the one its Thursday falls in). */
export function isoWeekLabel(date: string): string {
  const thursday = addCalendarDays(isoWeekStart(date), 3);
  const year = thursday.slice(0, 4);
  const firstThursday = addCalendarDays(isoWeekStart(`${year}-01-04`), 3);
  const week = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${firstThursday}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** What the figures need of a run. */
export interface DashboardRunFacts {
  /** When testing began (ISO timestamp); it decides the week and the window. */
  startedAt: string;
  verdict: 'pass' | 'fail' | 'incomplete';
}

export interface RunTally {
  runs: number;
  passed: number;
  failed: number;
  incomplete: number;
}

export interface WeekTally extends RunTally {
  week: string;
  /** Monday and Sunday of the week. */
  start: string;
  end: string;
}

export function tallyRuns(runs: readonly DashboardRunFacts[]): RunTally {
  const tally: RunTally = { runs: 0, passed: 0, failed: 0, incomplete: 0 };
  for (const r of runs) {
    tally.runs += 1;
    if (r.verdict === 'pass') tally.passed += 1;
    else if (r.verdict === 'fail') tally.failed += 1;
    else tally.incomplete += 1;
  }
  return tally;
}

/** The calendar day in Europe/Berlin a run started on. */
export function runDay(run: Pick<DashboardRunFacts, 'startedAt'>): string {
  return calendarDate(new Date(run.startedAt));
}

/** Runs per ISO week for the `count` weeks that end with the week of `today`, oldest first; empty weeks count 0. */
export function runsPerWeek(runs: readonly DashboardRunFacts[], today: string, count: number = LAB_DASHBOARD_WEEKS): WeekTally[] {
  const current = isoWeekStart(today);
  const starts = Array.from({ length: count }, (_, i) => addCalendarDays(current, -7 * (count - 1 - i)));
  const byWeek = new Map<string, DashboardRunFacts[]>(starts.map((s) => [s, []]));
  for (const run of runs) byWeek.get(isoWeekStart(runDay(run)))?.push(run);
  return starts.map((start) => ({ week: isoWeekLabel(start), start, end: addCalendarDays(start, 6), ...tallyRuns(byWeek.get(start) ?? []) }));
}

/** The first day of the pass-rate window that ends today. */
export function passRateSince(today: string, days: number = LAB_PASS_RATE_DAYS): string {
  return addCalendarDays(today, 1 - days);
}

/** Passed runs over all runs (incomplete ones count as not passed); null without runs. */
export function passRate(tally: RunTally): number | null {
  return tally.runs === 0 ? null : tally.passed / tally.runs;
}
