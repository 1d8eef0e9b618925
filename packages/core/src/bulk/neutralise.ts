/**
 * Formula injection (OWASP "CSV injection"): a spreadsheet program treats a cell text that starts with `=`, `+`, `-`
 * or `@` (or a tab / carriage return that hides one) as a formula. Every CSV and XLSX export of Konform passes its
 * texts through `neutraliseCell`, which puts an apostrophe in front; imports undo it with `restoreCell`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a text that a spreadsheet would read as a formula with an apostrophe; other texts stay as they are. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse for files Konform wrote: drops the apostrophe `neutraliseCell` added (and only that one). */
export function restoreCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
