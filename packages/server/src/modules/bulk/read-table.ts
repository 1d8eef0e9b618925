import ExcelJS from 'exceljs';
import { HttpProblem } from '../../http/errors.js';
import { assertSafeZip } from '../../http/zip-check.js';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const fileProblem = (status: number, code: string, message: string) => new HttpProblem(status, code, 'The file cannot be read', [{ path: 'file', message }]);

/** A spreadsheet as rows of cell texts: the first worksheet of an XLSX workbook, or a CSV file. */
export async function readTable(data: Buffer, fileName: string, maxRows: number): Promise<string[][]> {
  if (data.length === 0) throw fileProblem(400, 'validation', 'The file is empty');
  if (data.subarray(0, 4).equals(ZIP_MAGIC)) {
    assertSafeZip(data);
    return readXlsx(data, maxRows);
  }
  if (/\.xlsx$/i.test(fileName)) throw fileProblem(415, 'unsupported-media-type', 'The file is named .xlsx but is not an XLSX workbook');
  // Anything binary (a PDF, an old .xls, an image) is not CSV: NUL bytes never occur in text.
  if (data.includes(0)) throw fileProblem(415, 'unsupported-media-type', 'Send an XLSX workbook or a CSV file (UTF-8)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw fileProblem(400, 'validation', 'The CSV file is not UTF-8 encoded; save it as "CSV UTF-8"');
  }
  return parseCsv(text.replace(/^\uFEFF/, ''), maxRows);
}

/** The list separator of a CSV file: `;` (German Excel) or `,`, whichever the header line has more of. */
function separatorOf(text: string): ';' | ',' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** RFC 4180 CSV (quoted fields may hold separators, quotes and line breaks). */
export function parseCsv(text: string, maxRows: number): string[][] {
  const separator = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
    if (rows.length > maxRows + 3) throw tooManyRows(maxRows);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (quoted) throw fileProblem(400, 'validation', 'A quoted CSV field is not closed');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

const tooManyRows = (maxRows: number) => fileProblem(400, 'too-many-rows', `The file has more than ${maxRows} rows; split it`);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    // A formula's stored result is taken as text; the formula itself never runs and is not kept.
    if ('formula' in value || 'sharedFormula' in value) return 'result' in value && value.result !== undefined ? cellText(value.result) : '';
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(data: Buffer, maxRows: number): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw fileProblem(400, 'validation', 'The XLSX workbook is damaged');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileProblem(400, 'validation', 'The workbook has no worksheet');
  if (sheet.rowCount > maxRows + 1) throw tooManyRows(maxRows);
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}
