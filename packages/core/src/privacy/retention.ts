import { addCalendarDays, calendarDate } from '../dates.js';
import { startOfDay } from '../incidents/deadlines.js';
import { addMonths } from '../literacy/dates.js';

/**
 * The one rule of a retention period, used both for the date a record shows and by the retention sweep: a period of
 * `months` that started at an instant keeps the record through the calendar day (Europe/Berlin) `months` months after
 * the day it started; a day the target month lacks becomes its last day (29 February + 12 months = 28 February,
 * § 188 Abs. 3 BGB). The sweep erases from the day after.
 */
export function retentionLastDay(start: Date | string, months: number): string {
  return addMonths(calendarDate(typeof start === 'string' ? new Date(start) : start), months);
}

/**
 * The instant before which a period of `months` that started then has ended at `now` (the sweep selects records whose
 * start lies before it). It is the start of the day after the last start day whose `retentionLastDay` lies before
 * today, found from the rule itself so that sweep and shown date cannot disagree (month ends make the rule not
 * invertible by plain subtraction).
 */
export function retentionCutoff(now: Date, months: number): string {
  const today = calendarDate(now);
  const ended = (day: string) => addMonths(day, months) < today;
  let day = addMonths(today, -months);
  while (!ended(day)) day = addCalendarDays(day, -1);
  while (ended(addCalendarDays(day, 1))) day = addCalendarDays(day, 1);
  return new Date(startOfDay(addCalendarDays(day, 1))).toISOString();
}
