/**
 * Calendar days. Due dates, review dates and validity dates are days in the office's time zone (Europe/Berlin), so
 * "today" is the day there, not in UTC: between midnight in Berlin and midnight UTC they differ.
 */
export const OFFICE_TIME_ZONE = 'Europe/Berlin';

// Building an Intl.DateTimeFormat costs far more than formatting with it (lists and matrices ask for many days per
// request), so there is one per time zone. An unknown zone throws on construction, as before, and is not kept.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** `YYYY-MM-DD` of the calendar day `now` falls on in the given time zone. */
export function calendarDate(now: Date, timeZone: string = OFFICE_TIME_ZONE): string {
  const parts = dayFormat(timeZone).formatToParts(now);
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
