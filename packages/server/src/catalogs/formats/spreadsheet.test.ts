import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreFormula, toCsv, toXlsx, type SheetSpec } from './spreadsheet.js';

const DANGEROUS = ['=1+1', '+49 30 1234567', '-x', '@SUM(A1:A2)', '\t=cmd', '\r=cmd'];

const sheet: SheetSpec = {
  name: 'matrix',
  columns: [
    { header: 'Anforderung', key: 'title', width: 40 },
    { header: 'Anzahl', key: 'count' },
    { header: 'Notiz', key: 'note' },
  ],
  rows: [
    { title: 'Größe; "Prüfung", Übersicht', count: 3, note: null },
    { title: 'zwei\nZeilen', count: -2, note: '=1+1' },
    ...DANGEROUS.map((note) => ({ title: 'x', count: 0, note })),
  ],
};

describe('formula neutralisation', () => {
  it('prefixes texts a spreadsheet would run and leaves the rest', () => {
    expect(DANGEROUS.map(neutraliseFormula)).toEqual(DANGEROUS.map((d) => `'${d}`));
    for (const plain of ['Art. 26(6)', '', "'quoted", 'a=b', ' =1']) expect(neutraliseFormula(plain)).toBe(plain);
    for (const text of [...DANGEROUS, 'plain', "'quoted"]) expect(restoreFormula(neutraliseFormula(text))).toBe(text);
  });
});

describe('CSV', () => {
  it('writes RFC 4180 with BOM, CRLF, quoting and escaped formulas', () => {
    const csv = toCsv(sheet);
    expect(csv.startsWith('\uFEFFAnforderung,Anzahl,Notiz\r\n')).toBe(true);
    const body = csv.slice(1).split('\r\n');
    expect(body[1]).toBe('"Größe; ""Prüfung"", Übersicht",3,');
    expect(body[2]).toBe('"zwei\nZeilen",-2,\'=1+1');
    expect(body.slice(3, 7)).toEqual(["x,0,'=1+1", "x,0,'+49 30 1234567", "x,0,'-x", "x,0,'@SUM(A1:A2)"]);
    // A tab or CR start is escaped too; the CR additionally forces quoting.
    expect(body[7]).toBe("x,0,'\t=cmd");
    expect(csv).toContain('x,0,"\'\r=cmd"\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes for the separator in use', () => {
    const csv = toCsv(sheet, ';');
    expect(csv.split('\r\n')[1]).toBe('"Größe; ""Prüfung"", Übersicht";3;');
    expect(toCsv({ name: 's', columns: [{ header: 'a', key: 'a' }], rows: [{ a: 'x,y' }] }, ';')).toBe('\uFEFFa\r\nx,y\r\n');
  });
});

describe('XLSX', () => {
  it('writes escaped texts as plain strings, never formulas, with a bold frozen filtered header', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx([sheet])) as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('matrix')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Anforderung', 'Anzahl', 'Notiz']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(1).width).toBe(40);
    expect(ws.getCell('A2').value).toBe('Größe; "Prüfung", Übersicht');
    expect(ws.getCell('B3').value).toBe(-2);
    const notes = DANGEROUS.map((_, i) => ws.getCell(`C${i + 4}`));
    // XML turns a stored CR into LF on reading; the escape in front is what matters.
    expect(notes.map((c) => (c.value as string).replace('\n', '\r'))).toEqual(DANGEROUS.map((d) => `'${d}`));
    let formulas = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
      }),
    );
    expect(formulas).toBe(0);
    expect(notes.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
  });
});
