import { describe, expect, it } from 'vitest';
import { neutraliseCell, restoreCell } from './neutralise.js';
import { mapHeader, RISK_COLUMNS, SYSTEM_COLUMNS } from './columns.js';
import { changedFields, markDuplicateIds, readBulkRow } from './rows.js';

describe('formula neutralisation', () => {
  it('prefixes every formula start (OWASP) and leaves other texts alone', () => {
    for (const text of ['=1+1', '+49 30', '-2', '@SUM(A1)', '\t=x', '\r=x']) expect(neutraliseCell(text)).toBe(`'${text}`);
    for (const text of ['Name', '', "'quoted", ' =x', '1-2']) expect(neutraliseCell(text)).toBe(text);
  });
  it('restores only what it added', () => {
    expect(restoreCell(neutraliseCell('=HYPERLINK("x")'))).toBe('=HYPERLINK("x")');
    expect(restoreCell("'Zitat'")).toBe("'Zitat'");
  });
});

describe('header mapping', () => {
  it('maps labels of both languages and keys, case and spacing aside', () => {
    const { columns, errors } = mapHeader('systems', ['ID', 'version', 'Intended purpose', 'Zweckbestimmung ', 'LIFECYCLE STAGE', '']);
    expect(columns.map((c) => c?.key ?? null)).toEqual(['id', 'version', 'purpose', 'purpose', 'lifecycleStage', null]);
    expect(errors).toEqual([{ column: 'Zweckbestimmung ', code: 'duplicate-column', message: 'Column appears twice' }]);
  });
  it('reports unknown and missing columns', () => {
    const { errors } = mapHeader('risks', ['Titel', 'Farbe']);
    expect(errors.map((e) => e.column)).toEqual(['Farbe', 'id', 'version']);
  });
});

describe('row validation', () => {
  const { columns } = mapHeader('risks', RISK_COLUMNS.map((c) => c.label.en));
  const cells = (values: Record<string, string>) => RISK_COLUMNS.map((c) => values[c.key] ?? '');

  it('reads typed cells and skips read-only columns', () => {
    const row = readBulkRow(columns, cells({ title: "'=Risiko", likelihood: '3', impact: '', affected: 'health; Safety', nextReview: '2027-01-31', treatment: 'reduce', systemName: 'ignored' }), 2);
    expect(row.errors).toEqual([]);
    expect(row.values).toMatchObject({ title: '=Risiko', likelihood: 3, impact: null, affected: ['health', 'safety'], nextReview: '2027-01-31', treatment: 'reduce' });
    expect('systemName' in row.values).toBe(false);
  });

  it('names the column of every bad cell', () => {
    const row = readBulkRow(columns, cells({ id: 'nope', likelihood: 'hoch', nextReview: '31.01.2027', treatment: 'ignore', rights: 'privacy, flying' }), 5);
    expect(row.errors.map((e) => e.column).sort()).toEqual(['id', 'likelihood', 'nextReview', 'rights', 'treatment']);
  });

  it('asks for the version of a row with an id, and marks duplicates', () => {
    const id = '0b3f2c9e-8a51-4c35-9a43-5f0c6f1d2e11';
    const { columns: sc } = mapHeader('systems', SYSTEM_COLUMNS.map((c) => c.key));
    const at = (version: string, n: number) => readBulkRow(sc, SYSTEM_COLUMNS.map((c) => (c.key === 'id' ? id : c.key === 'version' ? version : '')), n);
    expect(at('', 2).errors).toEqual([{ column: 'version', code: 'version-needed', message: expect.stringContaining('version') }]);
    const rows = [at('1', 2), at('1', 3)];
    markDuplicateIds(rows);
    expect(rows[0]!.errors).toEqual([]);
    expect(rows[1]!.errors[0]).toMatchObject({ column: 'id', code: 'duplicate-row', detail: '2', message: expect.stringContaining('row 2') });
  });

  it('compares with the record: equal lists, texts and nulls are unchanged', () => {
    expect(changedFields({ tags: ['a', 'b'], name: 'X', sourceId: null }, { tags: ['a', 'b'], name: 'X', sourceId: null })).toEqual([]);
    expect(changedFields({ tags: ['b', 'a'], name: 'Y' }, { tags: ['a', 'b'], name: 'X' })).toEqual(['tags', 'name']);
  });
});
