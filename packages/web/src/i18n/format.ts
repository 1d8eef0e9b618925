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
