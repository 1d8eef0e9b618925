import ExcelJS from 'exceljs';
import { neutraliseCell, restoreCell } from '@konform/core';

/**
 * Shared spreadsheet output (CSV and XLSX) for catalogue and matrix exports.
 *
 * Every string cell goes through `neutraliseCell` (core): a spreadsheet program treats a cell text that starts with
 * `=`, `+`, `-` or `@` (or a tab / carriage return that hides one) as a formula, so a requirement title or a
 * user-entered note could otherwise run as one when an export is opened (CSV/formula injection, OWASP).
 */

/** Kept under their old names for the catalogue code; the rule itself lives in core (`neutraliseCell`). */
export const neutraliseFormula = neutraliseCell;
export const restoreFormula = restoreCell;

export interface SheetSpec {
  /** Worksheet name (XLSX): at most 31 characters, none of `[]:*?/\`. */
  name: string;
  columns: { header: string; key: string; width?: number }[];
  rows: Record<string, string | number | null>[];
  /**
   * The classification marking (e.g. `VS – NUR FÜR DEN DIENSTGEBRAUCH`), or null/absent for none: XLSX prints it in
   * the header and footer of every page; CSV, which has no pages, carries it as the first and the last line.
   */
  marking?: string | null;
}

type Cell = string | number | null | undefined;

const cellText = (value: Cell): string => (typeof value === 'number' ? String(value) : neutraliseFormula(value ?? ''));

function csvField(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One sheet as CSV (RFC 4180): CRLF line ends, fields quoted where needed, and a UTF-8 byte-order mark first so that
 * Excel reads umlauts correctly. Use `;` for German Excel, which expects it as the list separator.
 */
export function toCsv(sheet: SheetSpec, separator: ',' | ';' = ','): string {
  const line = (cells: Cell[]) => cells.map((c) => csvField(cellText(c), separator)).join(separator);
  const lines = [line(sheet.columns.map((c) => c.header)), ...sheet.rows.map((row) => line(sheet.columns.map((c) => row[c.key])))];
  if (sheet.marking) {
    lines.unshift(line([sheet.marking]));
    lines.push(line([sheet.marking]));
  }
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;
}

const DEFAULT_WIDTH = 18;

function addSheet(workbook: ExcelJS.Workbook, sheet: SheetSpec): void {
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((c) => ({ header: neutraliseFormula(c.header), key: c.key, width: c.width ?? DEFAULT_WIDTH }));
  worksheet.getRow(1).font = { bold: true };
  if (sheet.marking) {
    // &C: centred; Excel's header/footer codes start with &, so a literal & in the text is doubled.
    const text = `&C${sheet.marking.replaceAll('&', '&&')}`;
    worksheet.headerFooter = { oddHeader: text, oddFooter: text };
  }
  if (sheet.columns.length) worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  for (const row of sheet.rows) {
    // Plain values only: exceljs writes a formula solely for { formula } objects, never for a string.
    const values = sheet.columns.map((c) => {
      const value = row[c.key];
      return typeof value === 'number' ? value : value === null || value === undefined ? null : neutraliseFormula(value);
    });
    worksheet.addRow(values);
  }
}

/** Sheets as an XLSX workbook: bold, frozen header row with an autofilter, column widths, texts as plain strings. */
export async function toXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Konform';
  for (const sheet of sheets) addSheet(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
