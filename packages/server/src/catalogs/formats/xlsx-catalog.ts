/**
 * Catalogue workbook (XLSX) — the layout Konform reads and writes.
 *
 * Sheet `catalog`: two columns `field` and `value` (header row optional), one row per field:
 *
 * | field     | value                                                              |
 * |-----------|--------------------------------------------------------------------|
 * | id        | catalogue id: letters, digits, `.`, `_`, `-` (optional when the import names the id) |
 * | version   | version of the catalogue, e.g. `2026.1`                            |
 * | kind      | `regulation`, `standard`, `framework`, `criteria` or `internal`    |
 * | title_de  | German title                                                       |
 * | title_en  | English title                                                      |
 * | publisher | who publishes the catalogue                                        |
 * | source    | where its content comes from                                       |
 * | licence   | terms of use of the content                                        |
 *
 * Sheet `requirements`: a header row with these column names (any order; unknown names are errors), then one row
 * per requirement or group. Required columns: id, ref, title_de, title_en; the others may be left out.
 *
 * | column         | content                                                                          |
 * |----------------|----------------------------------------------------------------------------------|
 * | id             | unique id: letters, digits, `.`, `_`, `-`                                        |
 * | parent         | id of the parent row (a group), empty for a top-level row                        |
 * | kind           | `group` (chapter, heading) or `requirement`; empty = requirement                 |
 * | ref            | the reference as printed, e.g. `Art. 26(6)`                                      |
 * | title_de       | German title                                                                     |
 * | title_en       | English title                                                                    |
 * | description_de | German description (optional; give both languages or neither)                    |
 * | description_en | English description                                                              |
 * | roles          | operator roles, comma-separated: provider, deployer, importer, distributor       |
 * | timeline_group | the AI Act timeline group its date comes from, e.g. `annex-iii-high-risk`        |
 * | applies_from   | a fixed date `YYYY-MM-DD`                                                        |
 * | evidence_de    | what proves it, one item per line (Alt+Enter in Excel)                           |
 * | evidence_en    | the same items in English, the same number of lines                              |
 * | applies_when   | applicability condition as compact JSON, e.g. `{"path":"result.riskClass","equals":"high"}` |
 *
 * Sheet `acts` (optional): header row `id, title_de, title_en, status, certainty`, one row per act or text version;
 * status is `in-force`, `amending`, `proposal`, `standard` or `guidance`, certainty `V`, `S` or `U`.
 *
 * Texts that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) are written with a leading
 * apostrophe and read back without it. Problems are reported all at once, named `requirements[7].title_en` where 7 is
 * the spreadsheet row, `catalog.version` for the catalogue sheet and `file` when the file is no workbook at all.
 */
import ExcelJS from 'exceljs';
import {
  ApplicabilityCondition,
  Catalog,
  CatalogAct,
  CatalogBundle,
  CatalogRequirement,
  OperatorRole,
  TIMELINE_GROUPS,
  type CatalogInput,
  type ImportIssue,
} from '@konform/core';
import { z } from 'zod';
import { formatIssuePath } from '../load-yaml.js';
import { assertSafeZip } from '../../http/zip-check.js';
import { restoreFormula, toXlsx, type SheetSpec } from './spreadsheet.js';
import { ImportFormatError, type ImportOptions, type ParsedImport } from './types.js';

export const CATALOG_FIELDS = ['id', 'version', 'kind', 'title_de', 'title_en', 'publisher', 'source', 'licence'] as const;
export const REQUIREMENT_COLUMNS = [
  'id',
  'parent',
  'kind',
  'ref',
  'title_de',
  'title_en',
  'description_de',
  'description_en',
  'roles',
  'timeline_group',
  'applies_from',
  'evidence_de',
  'evidence_en',
  'applies_when',
] as const;
export const ACT_COLUMNS = ['id', 'title_de', 'title_en', 'status', 'certainty'] as const;

type CatalogField = (typeof CATALOG_FIELDS)[number];
type RequirementColumn = (typeof REQUIREMENT_COLUMNS)[number];
type ActColumn = (typeof ACT_COLUMNS)[number];
type RequirementInput = CatalogInput['requirements'][number];
type ActInput = NonNullable<CatalogInput['acts']>[number];

const REQUIRED_COLUMNS: RequirementColumn[] = ['id', 'ref', 'title_de', 'title_en'];
const SHEETS = { catalog: 'catalog', requirements: 'requirements', acts: 'acts' } as const;

// ---------------------------------------------------------------- writing

/**
 * A text that itself starts with an apostrophe gets a second one, so that reading strips exactly the one added here
 * or by formula neutralisation, and every text comes back unchanged.
 */
const keep = (text: string | undefined) => (text === undefined || text === '' ? null : text.startsWith("'") ? `'${text}` : text);

/** One evidence item per line: a line break inside an item would split it, so it becomes a space. */
const evidenceLines = (items: string[]) => keep(items.map((t) => t.replace(/\s*\r?\n\s*/g, ' ')).join('\n'));

function catalogSheet(catalog: Catalog): SheetSpec {
  const values: Record<CatalogField, string> = {
    id: catalog.id,
    version: catalog.version,
    kind: catalog.kind,
    title_de: catalog.title.de,
    title_en: catalog.title.en,
    publisher: catalog.publisher,
    source: catalog.source,
    licence: catalog.licence,
  };
  return {
    name: SHEETS.catalog,
    columns: [
      { header: 'field', key: 'field', width: 14 },
      { header: 'value', key: 'value', width: 100 },
    ],
    rows: CATALOG_FIELDS.map((field) => ({ field, value: keep(values[field]) })),
  };
}

const WIDTHS: Partial<Record<RequirementColumn, number>> = { title_de: 40, title_en: 40, description_de: 60, description_en: 60, evidence_de: 50, evidence_en: 50, applies_when: 50 };

function requirementRow(r: CatalogRequirement): Record<RequirementColumn, string | null> {
  return {
    id: keep(r.id),
    parent: keep(r.parent),
    kind: r.kind,
    ref: keep(r.ref),
    title_de: keep(r.title.de),
    title_en: keep(r.title.en),
    description_de: keep(r.description?.de),
    description_en: keep(r.description?.en),
    roles: keep(r.roles.join(', ')),
    timeline_group: keep(r.timelineGroup),
    applies_from: keep(r.appliesFrom),
    evidence_de: evidenceLines(r.evidence.map((e) => e.de)),
    evidence_en: evidenceLines(r.evidence.map((e) => e.en)),
    applies_when: r.appliesWhen ? keep(JSON.stringify(r.appliesWhen)) : null,
  };
}

function requirementsSheet(catalog: Catalog): SheetSpec {
  return {
    name: SHEETS.requirements,
    columns: REQUIREMENT_COLUMNS.map((c) => ({ header: c, key: c, width: WIDTHS[c] ?? 16 })),
    rows: catalog.requirements.map(requirementRow),
  };
}

function actsSheet(catalog: Catalog): SheetSpec {
  return {
    name: SHEETS.acts,
    columns: ACT_COLUMNS.map((c) => ({ header: c, key: c, width: c.startsWith('title') ? 50 : 16 })),
    rows: catalog.acts.map((a) => ({ id: keep(a.id), title_de: keep(a.title.de), title_en: keep(a.title.en), status: a.status, certainty: a.certainty })),
  };
}

/** Writes a catalogue in the layout above; `parseCatalogXlsx` reads it back to the same catalogue. */
export async function writeCatalogXlsx(catalog: Catalog): Promise<Buffer> {
  const parsed = Catalog.parse(catalog);
  return toXlsx([catalogSheet(parsed), requirementsSheet(parsed), actsSheet(parsed)]);
}

// ---------------------------------------------------------------- reading cells

type CellResult = { text: string } | { problem: string };

/** Strips the apostrophe the writer added (formula neutralisation or a text that starts with one). */
const unkeep = (text: string) => (text.startsWith("''") ? text.slice(1) : restoreFormula(text));

function readCell(value: ExcelJS.CellValue): CellResult {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: unkeep(value).trim() };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value) };
  // A date typed into Excel arrives as a Date at UTC midnight.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { problem: 'Not a valid date' } : { text: value.toISOString().slice(0, 10) };
  if ('formula' in value || 'sharedFormula' in value) return { problem: 'A formula is not accepted; enter the value itself' };
  if ('error' in value) return { problem: `The cell holds the spreadsheet error ${value.error}` };
  if ('richText' in value) return { text: unkeep(value.richText.map((r) => r.text).join('')).trim() };
  if ('text' in value) return readCell(value.text);
  return { problem: 'Unsupported cell content' };
}

// ---------------------------------------------------------------- reading tables

/** A problem with the spreadsheet row it belongs to, so that all problems of a row are listed together. */
interface RowIssue extends ImportIssue {
  row: number;
}

class Issues {
  readonly list: RowIssue[] = [];
  add(path: string, message: string, row = 0): void {
    this.list.push({ path, message, row });
  }
  has(path: string): boolean {
    return this.list.some((i) => i.path === path);
  }
  /** Catalogue problems first, then each sheet row by row, in the order found within a row. */
  sorted(): ImportIssue[] {
    const sheetOrder = (path: string) => (path.startsWith('file') ? 0 : path.startsWith('catalog') ? 1 : path.startsWith('requirements') ? 2 : 3);
    return this.list
      .map((issue, index) => ({ issue, index }))
      .sort((a, b) => sheetOrder(a.issue.path) - sheetOrder(b.issue.path) || a.issue.row - b.issue.row || a.index - b.index)
      .map(({ issue }) => ({ path: issue.path, message: issue.message }));
  }
}

interface Table<C extends string> {
  /** The known columns the header has; a missing one is reported once, not in every row. */
  present: Set<C>;
  rows: { row: number; cells: Record<C, string> }[];
}
type TableRow<C extends string> = Table<C>['rows'][number];

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((s) => s.name.trim().toLowerCase() === name);
}

/** Column index of every known header; unknown, duplicate and missing required headers are reported. */
function readHeader<C extends string>(sheet: ExcelJS.Worksheet, known: readonly C[], required: readonly C[], issues: Issues): Map<C, number> {
  const columns = new Map<C, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const read = readCell(cell.value);
    const header = 'text' in read ? read.text.toLowerCase() : '';
    if (!header) return;
    if (!known.includes(header as C)) issues.add(`${sheet.name}[1].${header}`, `Unknown column "${header}"; the columns are ${known.join(', ')}`, 1);
    else if (columns.has(header as C)) issues.add(`${sheet.name}[1].${header}`, `Column "${header}" appears twice`, 1);
    else columns.set(header as C, col);
  });
  for (const column of required) if (!columns.has(column)) issues.add(`${sheet.name}[1].${column}`, 'Required column is missing', 1);
  return columns;
}

/** The data rows of a sheet with a header row; blank rows are skipped. */
function readTable<C extends string>(sheet: ExcelJS.Worksheet, known: readonly C[], required: readonly C[], issues: Issues): Table<C> {
  const columns = readHeader(sheet, known, required, issues);
  const rows: Table<C>['rows'] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Object.fromEntries(known.map((c) => [c, ''])) as Record<C, string>;
    for (const [column, col] of columns) {
      const read = readCell(row.getCell(col).value);
      if ('problem' in read) issues.add(`${sheet.name}[${rowNumber}].${column}`, read.problem, rowNumber);
      else cells[column] = read.text;
    }
    if (Object.values<string>(cells).some(Boolean)) rows.push({ row: rowNumber, cells });
  });
  return { present: new Set(columns.keys()), rows };
}

// ---------------------------------------------------------------- catalogue sheet

type CatalogMeta = Omit<CatalogInput, 'acts' | 'requirements'>;

function readCatalogSheet(workbook: ExcelJS.Workbook, options: ImportOptions, issues: Issues, warnings: string[]): CatalogMeta {
  const values = new Map<CatalogField, string>();
  const sheet = findSheet(workbook, SHEETS.catalog);
  if (!sheet) issues.add(SHEETS.catalog, 'The workbook has no sheet "catalog"');
  sheet?.eachRow((row, rowNumber) => {
    const [name, value] = [readCell(row.getCell(1).value), readCell(row.getCell(2).value)];
    const field = 'text' in name ? name.text.toLowerCase() : '';
    if (!field || (rowNumber === 1 && field === 'field')) return;
    if (!CATALOG_FIELDS.includes(field as CatalogField)) issues.add(`catalog.${field}`, `Unknown field "${field}"; the fields are ${CATALOG_FIELDS.join(', ')}`);
    else if (values.has(field as CatalogField)) issues.add(`catalog.${field}`, `Field "${field}" appears twice (row ${rowNumber})`);
    else if ('problem' in value) issues.add(`catalog.${field}`, value.problem);
    else values.set(field as CatalogField, value.text);
  });
  const id = options.catalogId ?? values.get('id') ?? '';
  if (options.catalogId !== undefined && values.get('id') && values.get('id') !== options.catalogId) {
    warnings.push(`The catalogue id ${values.get('id')} of the workbook was replaced by ${options.catalogId}.`);
  }
  for (const field of CATALOG_FIELDS) {
    const missing = field === 'id' ? !id : !values.get(field);
    if (sheet && missing && !issues.has(`catalog.${field}`)) issues.add(`catalog.${field}`, 'Required; the value is empty or the row is missing');
  }
  const meta = {
    id,
    version: values.get('version') ?? '',
    kind: (values.get('kind') ?? '') as CatalogMeta['kind'],
    title: { de: values.get('title_de') ?? '', en: values.get('title_en') ?? '' },
    publisher: values.get('publisher') ?? '',
    source: values.get('source') ?? '',
    licence: values.get('licence') ?? '',
  };
  for (const [key, schema] of Object.entries({ id: Catalog.shape.id, version: Catalog.shape.version, kind: Catalog.shape.kind, title: Catalog.shape.title })) {
    const result = schema.safeParse(meta[key as keyof typeof meta]);
    for (const issue of result.error?.issues ?? []) {
      const path = `catalog.${key === 'title' ? `title_${String(issue.path[0])}` : key}`;
      if (!issues.has(path)) issues.add(path, issue.message);
    }
  }
  return meta;
}

// ---------------------------------------------------------------- requirements sheet

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const splitLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
const IsoDate = z.iso.date();

/** Where a problem of a parsed requirement sits in the row: `title.de` → `title_de`, `appliesWhen…` → `applies_when`. */
function requirementColumn(path: readonly PropertyKey[]): RequirementColumn {
  const [field, a, b] = path;
  if (field === 'title' || field === 'description') return `${field}_${a === 'en' ? 'en' : 'de'}`;
  if (field === 'evidence') return b === 'en' ? 'evidence_en' : 'evidence_de';
  if (field === 'timelineGroup') return 'timeline_group';
  if (field === 'appliesFrom') return 'applies_from';
  if (field === 'appliesWhen') return 'applies_when';
  return REQUIREMENT_COLUMNS.includes(field as RequirementColumn) ? (field as RequirementColumn) : 'id';
}

/** Turns one row into the requirement's input, reporting what the schema alone would explain poorly. */
function rowToRequirement({ row, cells }: TableRow<RequirementColumn>, present: Set<RequirementColumn>, issues: Issues): RequirementInput {
  // One problem per cell: an unreadable cell (a formula) is not also reported as empty.
  const flag = (column: RequirementColumn, message: string) => {
    const path = `requirements[${row}].${column}`;
    if (!issues.has(path)) issues.add(path, message, row);
  };
  for (const column of REQUIRED_COLUMNS) if (present.has(column) && !cells[column]) flag(column, 'Required; the cell is empty');

  const input: RequirementInput = { id: cells.id, ref: cells.ref, title: { de: cells.title_de, en: cells.title_en } };
  if (cells.parent) input.parent = cells.parent;
  if (cells.kind) {
    if (cells.kind === 'group' || cells.kind === 'requirement') input.kind = cells.kind;
    else flag('kind', `Unknown kind "${cells.kind}"; use group or requirement`);
  }
  const description = readDescription(cells, flag);
  if (description) input.description = description;
  input.roles = readRoles(cells.roles, flag);
  if (cells.timeline_group) {
    if ((TIMELINE_GROUPS as readonly string[]).includes(cells.timeline_group)) input.timelineGroup = cells.timeline_group as RequirementInput['timelineGroup'];
    else flag('timeline_group', `Unknown timeline group "${cells.timeline_group}"; the groups are ${TIMELINE_GROUPS.join(', ')}`);
  }
  if (cells.applies_from) {
    if (IsoDate.safeParse(cells.applies_from).success) input.appliesFrom = cells.applies_from;
    else flag('applies_from', `"${cells.applies_from}" is not a date of the form YYYY-MM-DD`);
  }
  input.evidence = readEvidence(cells, flag);
  const condition = readCondition(cells.applies_when, flag);
  if (condition) input.appliesWhen = condition;
  return input;
}

type Flag = (column: RequirementColumn, message: string) => void;

function readDescription(cells: Record<RequirementColumn, string>, flag: Flag): RequirementInput['description'] {
  const { description_de: de, description_en: en } = cells;
  if (de && en) return { de, en };
  if (de || en) flag(de ? 'description_en' : 'description_de', 'Give the description in both languages or in neither');
  return undefined;
}

function readRoles(text: string, flag: Flag): RequirementInput['roles'] {
  const roles = splitList(text);
  const unknown = roles.filter((r) => !OperatorRole.safeParse(r).success);
  if (unknown.length) flag('roles', `Unknown role(s) ${unknown.map((r) => `"${r}"`).join(', ')}; the roles are ${OperatorRole.options.join(', ')}`);
  return roles.filter((r) => !unknown.includes(r)) as RequirementInput['roles'];
}

function readEvidence(cells: Record<RequirementColumn, string>, flag: Flag): RequirementInput['evidence'] {
  const [de, en] = [splitLines(cells.evidence_de), splitLines(cells.evidence_en)];
  if (de.length !== en.length) {
    flag(de.length < en.length ? 'evidence_de' : 'evidence_en', `evidence_de has ${de.length} line(s) but evidence_en has ${en.length}; each item needs both languages, one per line`);
    return [];
  }
  return de.map((text, i) => ({ de: text, en: en[i] ?? '' }));
}

function readCondition(text: string, flag: Flag): RequirementInput['appliesWhen'] {
  if (!text) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    flag('applies_when', `Not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
  const result = ApplicabilityCondition.safeParse(json);
  if (result.success) return result.data;
  // A union reports one issue per alternative; the first one names the deepest place that went wrong.
  const issue = result.error.issues[0];
  flag('applies_when', `Not a valid condition${issue?.path.length ? ` at ${formatIssuePath(issue.path)}` : ''}: ${issue?.message ?? 'invalid'}`);
  return undefined;
}

/** Each row on its own, then across rows: duplicate ids and unknown parents. */
function readRequirementsSheet(workbook: ExcelJS.Workbook, issues: Issues): { inputs: RequirementInput[]; rows: number[] } {
  const sheet = findSheet(workbook, SHEETS.requirements);
  if (!sheet) {
    issues.add(SHEETS.requirements, 'The workbook has no sheet "requirements"');
    return { inputs: [], rows: [] };
  }
  const { present, rows } = readTable(sheet, REQUIREMENT_COLUMNS, REQUIRED_COLUMNS, issues);
  if (!rows.length) issues.add(SHEETS.requirements, 'The sheet has no requirement rows');
  const inputs = rows.map((row) => {
    const input = rowToRequirement(row, present, issues);
    for (const issue of CatalogRequirement.safeParse(input).error?.issues ?? []) {
      const column = requirementColumn(issue.path);
      const path = `requirements[${row.row}].${column}`;
      if (present.has(column) && !issues.has(path)) issues.add(path, issue.message, row.row);
    }
    return input;
  });
  checkTree(rows, issues);
  return { inputs, rows: rows.map((r) => r.row) };
}

function checkTree(table: TableRow<RequirementColumn>[], issues: Issues): void {
  const firstRow = new Map<string, number>();
  for (const { row, cells } of table) {
    const first = firstRow.get(cells.id);
    if (cells.id && first !== undefined) issues.add(`requirements[${row}].id`, `Duplicate id ${cells.id} (first used in row ${first})`, row);
    else if (cells.id) firstRow.set(cells.id, row);
  }
  for (const { row, cells } of table) {
    if (cells.parent && !firstRow.has(cells.parent)) issues.add(`requirements[${row}].parent`, `Unknown parent ${cells.parent}: no row has that id`, row);
  }
}

// ---------------------------------------------------------------- acts sheet

function readActsSheet(workbook: ExcelJS.Workbook, issues: Issues): { inputs: ActInput[]; rows: number[] } {
  const sheet = findSheet(workbook, SHEETS.acts);
  if (!sheet) return { inputs: [], rows: [] };
  const { present, rows } = readTable(sheet, ACT_COLUMNS, ACT_COLUMNS, issues);
  const inputs = rows.map(({ row, cells }) => {
    const input = { id: cells.id, title: { de: cells.title_de, en: cells.title_en }, status: cells.status, certainty: cells.certainty } as ActInput;
    for (const issue of CatalogAct.safeParse(input).error?.issues ?? []) {
      const [field, lang] = issue.path;
      const column = (field === 'title' ? `title_${String(lang)}` : String(field)) as ActColumn;
      const path = `acts[${row}].${column}`;
      if (present.has(column) && !issues.has(path)) issues.add(path, issue.message, row);
    }
    return input;
  });
  return { inputs, rows: rows.map((r) => r.row) };
}

// ---------------------------------------------------------------- the whole workbook

async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  // An XLSX file is a ZIP archive: refuse anything else before handing it to the unzipper.
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) {
    throw new ImportFormatError([{ path: 'file', message: 'The file is not an XLSX workbook (no ZIP archive)' }]);
  }
  // Entry count, unpacked size and compression ratio before the unzipper inflates anything (zip bombs).
  assertSafeZip(data);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFormatError([{ path: 'file', message: `The XLSX workbook cannot be read: ${(error as Error).message}` }]);
  }
  return workbook;
}

/** Where a problem of the assembled catalogue sits in the workbook (a safety net: the sheets were checked already). */
function workbookPath(path: readonly PropertyKey[], requirementRows: number[], actRows: number[]): string {
  const [section, index, ...rest] = path;
  if (section === 'requirements' && typeof index === 'number') return `requirements[${requirementRows[index]}].${requirementColumn(rest)}`;
  if (section === 'acts' && typeof index === 'number') return `acts[${actRows[index]}].${rest[0] === 'title' ? `title_${String(rest[1])}` : String(rest[0])}`;
  return `catalog.${section === 'title' ? `title_${String(index)}` : String(section)}`;
}

/** Reads a catalogue workbook in the layout above; all problems of the file are reported in one ImportFormatError. */
export async function parseCatalogXlsx(data: Buffer, options: ImportOptions = {}): Promise<ParsedImport> {
  const workbook = await loadWorkbook(data);
  const issues = new Issues();
  const warnings: string[] = [];
  const meta = readCatalogSheet(workbook, options, issues, warnings);
  const requirements = readRequirementsSheet(workbook, issues);
  const acts = readActsSheet(workbook, issues);
  const known: string[] = Object.values(SHEETS);
  for (const sheet of workbook.worksheets) if (!known.includes(sheet.name.trim().toLowerCase())) warnings.push(`Sheet "${sheet.name}" was ignored.`);
  if (issues.list.length) throw new ImportFormatError(issues.sorted());

  const result = CatalogBundle.safeParse({ catalog: { ...meta, acts: acts.inputs, requirements: requirements.inputs } });
  if (!result.success) {
    const mapped = result.error.issues.map((i) => ({ path: workbookPath(i.path.slice(1), requirements.rows, acts.rows), message: i.message }));
    throw new ImportFormatError(mapped);
  }
  return { format: 'xlsx', bundle: result.data, warnings };
}
