/**
 * Calendar days. Due dates, review dates and validity dates are days in the office's time zone (Europe/Berlin), so
 * "today" is the day there, not in UTC: between midnight in Berlin and midnight UTC they differ.
 */
export const OFFICE_TIME_ZONE = 'Europe/Berlin';

/** `YYYY-MM-DD` of the calendar day `now` falls on in the given time zone. */
export function calendarDate(now: Date, timeZone: string = OFFICE_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Adds days to a calendar date (`YYYY-MM-DD`), independent of any time zone. */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in the office's time zone. */
export function officeToday(now: Date = new Date()): string {
  return calendarDate(now);
}
