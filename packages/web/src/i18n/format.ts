const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formats an ISO timestamp for display in Europe/Berlin, in the UI language. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (iso === null || iso === undefined || iso === '') return '–';
  let formatter = formatters.get(language);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(language, { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });
    formatters.set(language, formatter);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats a calendar date (`YYYY-MM-DD`, e.g. from when an obligation applies) in the UI language.
 * The date is a day in Europe/Berlin; it is read and written as that same day, never shifted.
 */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (iso === null || iso === undefined || iso === '') return '–';
  let formatter = dateFormatters.get(language);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(language, { timeZone: 'UTC', dateStyle: 'medium' });
    dateFormatters.set(language, formatter);
  }
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}
