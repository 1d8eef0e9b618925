import { BULK_COLUMNS, MARKING_TEXT, type BulkFormat, type BulkKind } from '@konform/core';
import { toCsv, toXlsx, type SheetSpec } from '../../catalogs/formats/spreadsheet.js';
import type { ExportFile } from '../../http/send-file.js';

type Lang = 'de' | 'en';

/** CSV exports use `;` (what German Excel expects); imports accept `;` and `,`. */
export const CSV_SEPARATOR = ';';

const SHEET_NAMES: Record<BulkKind, Record<Lang, string>> = {
  systems: { de: 'KI-Systeme', en: 'AI systems' },
  risks: { de: 'Risiken', en: 'Risks' },
};

function cell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Records as an XLSX or CSV file with one header row of labels in `lang` (every text neutralised). */
export async function bulkFile(kind: BulkKind, records: readonly Record<string, unknown>[], format: BulkFormat, lang: Lang, marking: string | null, baseName: string): Promise<ExportFile> {
  const columns = BULK_COLUMNS[kind];
  const sheet: SheetSpec = {
    name: SHEET_NAMES[kind][lang],
    columns: columns.map((c) => ({ key: c.key, header: c.label[lang], width: c.width ?? 18 })),
    rows: records.map((r) => Object.fromEntries(columns.map((c) => [c.key, cell(r[c.key])]))),
    marking,
  };
  if (format === 'csv') return { body: Buffer.from(toCsv(sheet, CSV_SEPARATOR), 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: `${baseName}.csv` };
  return { body: await toXlsx([sheet]), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${baseName}.xlsx` };
}

const MARKINGS = new Set(Object.values(MARKING_TEXT).filter((m): m is string => m !== null));

/** Drops the marking lines a CSV export carries first and last (a single cell holding a marking text). */
export function withoutMarkingLines(rows: string[][]): string[][] {
  const isMarking = (row: string[] | undefined) => row !== undefined && row.filter((c) => c.trim() !== '').length === 1 && MARKINGS.has(row[0]!.trim());
  let out = rows;
  while (out.length > 0 && (isMarking(out[0]) || out[0]!.every((c) => c.trim() === ''))) out = out.slice(1);
  while (out.length > 0 && (isMarking(out[out.length - 1]) || out[out.length - 1]!.every((c) => c.trim() === ''))) out = out.slice(0, -1);
  return out;
}
