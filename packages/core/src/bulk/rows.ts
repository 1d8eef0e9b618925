import type { BulkColumn } from './columns.js';
import { restoreCell } from './neutralise.js';

export type BulkValue = string | number | string[] | null;

/** A problem of one cell (or of the row, column `row`), named by the column's key. */
export interface BulkCellError {
  column: string;
  /** English text (API clients, logs). */
  message: string;
  /** The kind of problem for the UI's own wording (`bulk.errors.<code>`), with its one variable part in `detail`. */
  code?: string;
  detail?: string;
}

/** A cell problem with its code (the UI words it) and the English message. */
export const cellError = (column: string, code: string, message: string, detail?: string): BulkCellError => ({ column, code, message, ...(detail === undefined ? {} : { detail }) });

export interface ParsedBulkRow {
  /** The row's number in the file (the header is row 1). */
  row: number;
  id: string | null;
  version: number | null;
  /** The writable columns the file has, read into API values; a column left empty that has no empty value is absent. */
  values: Record<string, BulkValue>;
  errors: BulkCellError[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const splitList = (text: string) => text.split(/[;,\n]/).map((s) => s.trim()).filter((s) => s !== '');

type Read = { value: BulkValue } | { absent: true } | { error: string; code: string; detail?: string };

function readCell(column: BulkColumn, raw: string): Read {
  const text = restoreCell(raw).trim();
  switch (column.type) {
    case 'id':
      if (text === '') return { value: null };
      return UUID.test(text) ? { value: text.toLowerCase() } : { error: 'Not a valid id', code: 'invalid-id' };
    case 'version':
      if (text === '') return { value: null };
      return /^\d{1,9}$/.test(text) && Number(text) >= 1 ? { value: Number(text) } : { error: 'Expected a whole number from 1', code: 'invalid-version' };
    case 'text':
      return { value: text === '' && column.nullable ? null : text };
    case 'list':
      return { value: splitList(text) };
    case 'int':
      if (text === '') return column.nullable ? { value: null } : { absent: true };
      return /^-?\d{1,9}$/.test(text) ? { value: Number(text) } : { error: 'Expected a whole number', code: 'not-integer' };
    case 'date':
      if (text === '') return column.nullable ? { value: null } : { absent: true };
      return ISO_DATE.test(text) ? { value: text } : { error: 'Expected a date as YYYY-MM-DD', code: 'not-date' };
    case 'enum': {
      if (text === '') return column.nullable ? { value: null } : { absent: true };
      const match = column.values?.find((v) => v.toLowerCase() === text.toLowerCase());
      return match ? { value: match } : { error: `Expected one of ${column.values?.join(', ')}`, code: 'not-in-list', detail: column.values?.join(', ') ?? '' };
    }
    case 'enums': {
      const items = splitList(text);
      const out: string[] = [];
      for (const item of items) {
        const match = column.values?.find((v) => v.toLowerCase() === item.toLowerCase());
        if (!match) return { error: `Unknown value "${item}"; expected ${column.values?.join(', ')}`, code: 'not-in-list', detail: column.values?.join(', ') ?? '' };
        out.push(match);
      }
      return { value: out };
    }
  }
}

/** Reads one data row by the mapped header; read-only and unknown columns are skipped. */
export function readBulkRow(columns: readonly (BulkColumn | null)[], cells: readonly string[], row: number): ParsedBulkRow {
  const parsed: ParsedBulkRow = { row, id: null, version: null, values: {}, errors: [] };
  columns.forEach((column, i) => {
    if (!column || column.readOnly) return;
    const read = readCell(column, cells[i] ?? '');
    if ('error' in read) parsed.errors.push(cellError(column.key, read.code, read.error, read.detail));
    else if ('absent' in read) return;
    else if (column.key === 'id') parsed.id = read.value as string | null;
    else if (column.key === 'version') parsed.version = read.value as number | null;
    else parsed.values[column.key] = read.value;
  });
  if (parsed.id !== null && parsed.version === null && !parsed.errors.some((e) => e.column === 'version')) {
    parsed.errors.push(cellError('version', 'version-needed', 'A row with an id needs the version it was exported at'));
  }
  if (parsed.id === null && parsed.version !== null) parsed.errors.push(cellError('id', 'id-needed', 'A row with a version needs the id'));
  return parsed;
}

/** Whether a data row has no content at all (blank lines are skipped, not errors). */
export const isBlankRow = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** The same record twice in one file is an error on every occurrence after the first. */
export function markDuplicateIds(rows: readonly ParsedBulkRow[]): void {
  const first = new Map<string, number>();
  for (const r of rows) {
    if (r.id === null) continue;
    const seen = first.get(r.id);
    if (seen === undefined) first.set(r.id, r.row);
    else r.errors.push(cellError('id', 'duplicate-row', `The same record is in row ${seen} already`, String(seen)));
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose file value differs from the record's current value, in column order. */
export function changedFields(values: Record<string, BulkValue>, current: Record<string, unknown>): string[] {
  return Object.keys(values).filter((key) => !same(values[key], current[key]));
}
