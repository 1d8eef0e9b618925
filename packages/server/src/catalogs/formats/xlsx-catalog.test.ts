import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Catalog } from '@konform/core';
import { loadYamlFile } from '../load-yaml.js';
import { ImportFormatError } from './types.js';
import { REQUIREMENT_COLUMNS, parseCatalogXlsx, writeCatalogXlsx } from './xlsx-catalog.js';

const catalogsDir = fileURLToPath(new URL('../../../../../catalogs/', import.meta.url));
const shipped = readdirSync(catalogsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(catalogsDir, d.name, 'catalog.yaml')))
  .map((d) => d.name);

async function issuesOf(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFormatError);
    return (error as ImportFormatError).issues;
  }
  throw new Error('expected an ImportFormatError');
}

/** A workbook built cell by cell, as a user would in Excel. */
async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function catalogSheet(wb: ExcelJS.Workbook, fields: Record<string, string>) {
  const ws = wb.addWorksheet('catalog');
  ws.addRow(['field', 'value']);
  for (const [field, value] of Object.entries(fields)) ws.addRow([field, value]);
}

const META = { id: 'internal-ai', version: '1', kind: 'internal', title_de: 'Interne KI-Regeln', title_en: 'Internal AI rules', publisher: 'IT', source: 'Intranet', licence: 'internal' };

describe('catalogue XLSX', () => {
  it.each(shipped)('round-trips the shipped catalogue %s', async (id) => {
    const catalog = loadYamlFile(`${catalogsDir}${id}/catalog.yaml`, Catalog);
    const { format, bundle, warnings } = await parseCatalogXlsx(await writeCatalogXlsx(catalog));
    expect(format).toBe('xlsx');
    expect(warnings).toEqual([]);
    expect(bundle.catalog).toEqual(Catalog.parse(catalog));
  });

  it('round-trips texts that look like formulas or start with an apostrophe', async () => {
    const catalog = Catalog.parse({
      id: 'tricky',
      version: '-1',
      kind: 'internal',
      title: { de: '=SUM(A1)', en: "'quoted" },
      publisher: '@team',
      source: "''twice",
      licence: '+49 30 123',
      requirements: [
        { id: 'r1', ref: '-1-', title: { de: "'=x", en: 'plain' }, evidence: [{ de: '=a', en: '-b' }], appliesWhen: { path: 'result.riskClass', equals: 'high' }, roles: ['deployer', 'provider'], appliesFrom: '2026-08-02' },
      ],
    });
    const written = await writeCatalogXlsx(catalog);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written as unknown as ArrayBuffer);
    expect(wb.getWorksheet('catalog')!.getCell('B5').value).toBe("'=SUM(A1)");
    expect((await parseCatalogXlsx(written)).bundle.catalog).toEqual(catalog);
  });

  it('writes the documented layout', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeCatalogXlsx(loadYamlFile(`${catalogsDir}eu-ai-act/catalog.yaml`, Catalog))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['catalog', 'requirements', 'acts']);
    expect((wb.getWorksheet('requirements')!.getRow(1).values as unknown[]).slice(1)).toEqual([...REQUIREMENT_COLUMNS]);
  });

  it('lists every problem of a workbook at once, row by row', async () => {
    const data = await workbook((wb) => {
      catalogSheet(wb, { ...META, version: '', kind: 'law' });
      const ws = wb.addWorksheet('requirements');
      ws.addRow(['id', 'parent', 'kind', 'ref', 'title_de', 'title_en', 'roles', 'timeline_group', 'applies_from', 'evidence_de', 'evidence_en', 'applies_when', 'owner']);
      ws.addRow(['ch-1', '', 'group', '1', 'Kapitel', 'Chapter']);
      ws.addRow(['bad id', 'ch-1', '', '1.1', 'Titel', '', 'provider, owner']);
      ws.addRow(['ch-1', 'nowhere', '', '1.2', 'T', 'T', '', '', '2026-13-45', '', '', '{not json']);
      ws.addRow(['r-3', 'ch-1', 'chapter', '1.3', 'T', 'T', '', 'later', '', 'a\nb', 'a', '{"path":"foo.bar","equals":1}']);
      ws.addRow([]);
      ws.addRow(['r-4', 'ch-1', '', '1.4', 'T', 'T', '', '', '', '', '', '', 'x']);
      ws.getCell('E7').value = { formula: 'A1&"x"', result: 'r-4x', date1904: false };
    });
    const issues = await issuesOf(() => parseCatalogXlsx(data));
    expect(issues.map((i) => i.path)).toEqual([
      'catalog.version',
      'catalog.kind',
      'requirements[1].owner',
      'requirements[3].title_en',
      'requirements[3].roles',
      'requirements[3].id',
      'requirements[4].applies_from',
      'requirements[4].applies_when',
      'requirements[4].id',
      'requirements[4].parent',
      'requirements[5].kind',
      'requirements[5].timeline_group',
      'requirements[5].evidence_en',
      'requirements[5].applies_when',
      'requirements[7].title_de',
    ]);
    const message = (path: string) => issues.find((i) => i.path === path)?.message;
    expect(message('requirements[3].roles')).toContain('"owner"');
    expect(message('requirements[4].id')).toBe('Duplicate id ch-1 (first used in row 2)');
    expect(message('requirements[4].parent')).toContain('nowhere');
    expect(message('requirements[4].applies_when')).toMatch(/^Not valid JSON/);
    expect(message('requirements[5].evidence_en')).toContain('2 line(s) but evidence_en has 1');
    expect(message('requirements[5].applies_when')).toMatch(/^Not a valid condition/);
    expect(message('requirements[7].title_de')).toContain('formula');
  });

  it('reports missing sheets and required columns once, and honours a catalogue id override', async () => {
    const noRequirements = await workbook((wb) => catalogSheet(wb, META));
    expect(await issuesOf(() => parseCatalogXlsx(noRequirements))).toEqual([{ path: 'requirements', message: 'The workbook has no sheet "requirements"' }]);

    const noRef = await workbook((wb) => {
      catalogSheet(wb, META);
      const ws = wb.addWorksheet('requirements');
      ws.addRow(['id', 'title_de', 'title_en']);
      ws.addRow(['a', 'A', 'A']);
      ws.addRow(['b', 'B', 'B']);
    });
    expect(await issuesOf(() => parseCatalogXlsx(noRef))).toEqual([{ path: 'requirements[1].ref', message: 'Required column is missing' }]);

    const good = await workbook((wb) => {
      catalogSheet(wb, META);
      const ws = wb.addWorksheet('requirements');
      ws.addRow(['ref', 'id', 'title_en', 'title_de', 'roles', 'applies_from']);
      ws.addRow(['A.1', 'a-1', 'Rule', 'Regel', 'deployer', new Date(Date.UTC(2026, 7, 2))]);
      wb.addWorksheet('notes');
    });
    const { bundle, warnings } = await parseCatalogXlsx(good, { catalogId: 'house-rules' });
    expect(bundle.catalog.id).toBe('house-rules');
    expect(bundle.catalog.requirements).toEqual([{ id: 'a-1', ref: 'A.1', kind: 'requirement', title: { de: 'Regel', en: 'Rule' }, roles: ['deployer'], appliesFrom: '2026-08-02', evidence: [] }]);
    expect(warnings).toEqual(['The catalogue id internal-ai of the workbook was replaced by house-rules.', 'Sheet "notes" was ignored.']);
  });

  it('refuses a file that is not an XLSX workbook', async () => {
    expect(await issuesOf(() => parseCatalogXlsx(Buffer.from('id;title\nx;y\n')))).toEqual([{ path: 'file', message: expect.stringContaining('not an XLSX') }]);
    // A damaged archive is refused by the ZIP check before the unzipper sees it (400 unsafe-file naming the field).
    const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]);
    await expect(parseCatalogXlsx(brokenZip)).rejects.toMatchObject({ status: 400, code: 'unsafe-file', errors: [{ path: 'file', message: expect.stringContaining('Not a complete ZIP file') }] });
  });
});
