import { addCalendarDays, calendarDate } from '../dates.js';

/**
 * Post-market monitoring (Art. 72 AI Act): the pure rules behind a monitoring plan. An indicator states the condition
 * its values must meet (`value comparator threshold`, e.g. accuracy ≥ 0.9); a value that does not meet it is a breach.
 * Frequencies are calendar periods in the office's time zone.
 */
export const MONITORING_COMPARATORS = ['>=', '>', '<=', '<'] as const;
export type MonitoringComparator = (typeof MONITORING_COMPARATORS)[number];

export const MONITORING_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type MonitoringFrequency = (typeof MONITORING_FREQUENCIES)[number];

/** True when the value meets the indicator's condition; equality meets `>=`/`<=` and breaches `>`/`<`. */
export function meetsThreshold(value: number, comparator: MonitoringComparator, threshold: number): boolean {
  switch (comparator) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
  }
}

/** A breach: the measured value does not meet the condition (a value that is not a finite number never counts). */
export function isBreach(value: number, comparator: MonitoringComparator, threshold: number): boolean {
  return Number.isFinite(value) && !meetsThreshold(value, comparator, threshold);
}

/** Adds whole months to a calendar date; a day that the target month lacks falls on its last day (31 Jan + 1 → 28/29 Feb). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The calendar day by which the next measurement is due, counted from the day of the last one. */
export function nextMeasurementDue(lastDay: string, frequency: MonitoringFrequency): string {
  switch (frequency) {
    case 'daily':
      return addCalendarDays(lastDay, 1);
    case 'weekly':
      return addCalendarDays(lastDay, 7);
    case 'monthly':
      return addMonths(lastDay, 1);
    case 'quarterly':
      return addMonths(lastDay, 3);
    case 'yearly':
      return addMonths(lastDay, 12);
  }
}

export interface DueState {
  /** The day the next measurement is due (office time zone). */
  dueOn: string;
  /** The period has elapsed without a measurement: today is after the due day. */
  overdue: boolean;
}

/**
 * When an indicator's next measurement is due: one period after its latest measurement, or after the plan became
 * active when nothing has been measured yet. Both are instants; the period counts from their day in Berlin.
 */
export function measurementDueState(frequency: MonitoringFrequency, latestMeasuredAt: string | null, activatedAt: string, now: Date): DueState {
  const from = latestMeasuredAt ?? activatedAt;
  const dueOn = nextMeasurementDue(calendarDate(new Date(from)), frequency);
  return { dueOn, overdue: calendarDate(now) > dueOn };
}

/** The symbol a comparator prints as (≥ > ≤ <). */
export function comparatorSymbol(comparator: MonitoringComparator): string {
  return { '>=': '≥', '>': '>', '<=': '≤', '<': '<' }[comparator];
}
