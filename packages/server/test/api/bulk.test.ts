import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let otherUnit: string;
let owner: User;
let viewer: User;
let cleared: User;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  cleared = await t.newUser([{ orgUnitId: unit, role: 'owner' }], { clearance: 'VS-NfD' });
});
afterAll(async () => t.close());

async function download(client: TestClient, path: string): Promise<Buffer> {
  const res = await client.fetch(path);
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

function form(bytes: Buffer | string, name: string) {
  const f = new FormData();
  f.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
  return f;
}

async function counts() {
  const db = t.db.database.db;
  const systems = await db.selectFrom('ai_system').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const risks = await db.selectFrom('risk').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const events = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { systems: Number(systems.n), risks: Number(risks.n), events: Number(events.n) };
}

async function auditActions(entityType: string, entityId: string): Promise<string[]> {
  const rows = await t.db.database.db.selectFrom('audit_event').select('action').where('entity_type', '=', entityType).where('entity_id', '=', entityId).execute();
  return rows.map((r) => r.action);
}

async function sheetRows(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

const csvLine = (cells: string[]) => cells.map((c) => (/[;"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(';');

describe('bulk export and import of the inventory', () => {
  it('exports the list as XLSX and CSV and a re-import of either changes nothing', async () => {
    const unitFilter = await t.newUnit();
    const u = await t.newUser([{ orgUnitId: unitFilter, role: 'owner' }]);
    await t.newSystem(u.client, unitFilter, { name: 'Übersetzung; "intern"', tags: ['nlp', 'de'], roles: ['deployer', 'provider'] });
    await t.newSystem(u.client, unitFilter, { name: 'Bilderkennung' });
    const xlsx = await download(u.client, '/api/bulk/systems/export?format=xlsx&lang=de');
    const sheet = await sheetRows(xlsx);
    expect(sheet.getRow(1).getCell(1).value).toBe('ID');
    expect(sheet.getRow(1).getCell(3).value).toBe('Name');
    expect(sheet.rowCount).toBe(3);
    const before = await counts();
    const preview = await u.client.post('/api/bulk/systems/preview', form(xlsx, 'inventar.xlsx'));
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.rows.map((r: { action: string }) => r.action)).toEqual(['unchanged', 'unchanged']);
    const csvRes = await u.client.fetch('/api/bulk/systems/export?format=csv&lang=en');
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    const csv = Buffer.from(await csvRes.arrayBuffer());
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8')).toContain('ID;Version;Name');
    const imported = await u.client.post('/api/bulk/systems/import', form(csv, 'inventory.csv'));
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.summary).toEqual({ create: 0, update: 0, unchanged: 2, error: 0 });
    expect(await counts()).toEqual(before);
  });

  it('previews errors naming their columns and writes nothing; an import with one bad row writes nothing either', async () => {
    const existing = await t.newSystem(owner.client, unit, { name: 'Bestand' });
    const header = csvLine(['ID', 'Version', 'Name', 'Zweckbestimmung', 'Organisationseinheit (ID)', 'Lifecycle stage', 'Rollen']);
    const file = [
      header,
      csvLine(['', '', 'Neu A', 'Zweck', unit, 'planned', 'deployer']),
      csvLine(['', '', 'Neu B', 'Zweck', unit, 'flying', 'deployer']),
      csvLine(['', '', 'Fremd', 'Zweck', otherUnit, 'planned', 'deployer']),
      csvLine([existing.id, String(existing.version), 'Bestand geändert', existing.purpose, unit, 'operation', 'deployer']),
      csvLine([existing.id, String(existing.version), 'Doppelt', existing.purpose, unit, 'planned', 'deployer']),
      csvLine(['', '', '', 'ohne Namen', unit, 'planned', 'deployer']),
    ].join('\r\n');
    const before = await counts();
    const preview = await owner.client.post('/api/bulk/systems/preview', form(file, 'import.csv'));
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const rows = preview.body.rows as { row: number; action: string; errors: { column: string }[]; changes: string[] }[];
    expect(rows.map((r) => r.action)).toEqual(['create', 'error', 'error', 'update', 'error', 'error']);
    expect(rows[1]!.errors.map((e) => e.column)).toEqual(['lifecycleStage']);
    expect(rows[2]!.errors.map((e) => e.column)).toEqual(['orgUnitId']);
    expect(rows[3]!.changes).toEqual(['name', 'lifecycleStage']);
    expect(rows[4]!.errors.map((e) => e.column)).toEqual(['id']);
    expect(rows[5]!.errors.map((e) => e.column)).toEqual(['name']);
    expect(preview.body.summary).toEqual({ create: 1, update: 1, unchanged: 0, error: 4 });
    expect(preview.body.ready).toBe(false);
    expect(await counts()).toEqual(before);
    const refused = await owner.client.post('/api/bulk/systems/import', form(file, 'import.csv'));
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('rows.3.lifecycleStage');
    expect(await counts()).toEqual(before);
    expect((await owner.client.get(`/api/systems/${existing.id}`)).body.name).toBe('Bestand');
  });

  it('imports a good file in one go, through the normal service with audit events', async () => {
    const existing = await t.newSystem(owner.client, unit, { name: 'Vorher' });
    // Comma-separated this time (as English Excel writes it), LF line ends.
    const file = [
      'id,version,name,purpose,orgUnitId,roles,tags',
      `,,Importiert 1,Zweck 1,${unit},deployer,"a, b"`,
      `,,Importiert 2,Zweck 2,${unit},provider;deployer,`,
      `${existing.id},${existing.version},Nachher,${existing.purpose},${unit},deployer,`,
    ].join('\n');
    const before = await counts();
    const result = await owner.client.post('/api/bulk/systems/import', form(file, 'import.csv'));
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ imported: true, summary: { create: 2, update: 1, unchanged: 0, error: 0 } });
    const after = await counts();
    expect(after.systems).toBe(before.systems + 2);
    expect(after.events).toBeGreaterThanOrEqual(before.events + 3);
    const created = result.body.rows[0].id as string;
    const system = (await owner.client.get(`/api/systems/${created}`)).body;
    expect(system).toMatchObject({ name: 'Importiert 1', tags: ['a', 'b'], orgUnitId: unit });
    expect(await auditActions('system', existing.id)).toContain('system.update');
    expect(await auditActions('system', created)).toEqual(['system.create']);
    // A stale version: the record changed since the export.
    const stale = await owner.client.post('/api/bulk/systems/preview', form(file.split('\n').slice(0, 1).concat(file.split('\n')[3]!.replace('Nachher', 'Nochmal')).join('\n'), 'x.csv'));
    expect(stale.body.rows[0].errors[0].column).toBe('version');
  });

  it('neutralises formula cells in CSV and XLSX exports and writes them as plain strings', async () => {
    const unitId = await t.newUnit();
    const u = await t.newUser([{ orgUnitId: unitId, role: 'owner' }]);
    await t.newSystem(u.client, unitId, { name: '=HYPERLINK("http://evil.example","x")', purpose: '+49 30 1234', tags: ['@admin'] });
    const csv = (await download(u.client, '/api/bulk/systems/export?format=csv')).toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv).toContain("'+49 30 1234");
    const sheet = await sheetRows(await download(u.client, '/api/bulk/systems/export?format=xlsx'));
    const name = sheet.getRow(2).getCell(3);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe(`'=HYPERLINK("http://evil.example","x")`);
    // The re-import restores the text: nothing changed.
    const xlsx = await download(u.client, '/api/bulk/systems/export?format=xlsx');
    const preview = await u.client.post('/api/bulk/systems/preview', form(xlsx, 'x.xlsx'));
    expect(preview.body.rows.map((r: { action: string }) => r.action)).toEqual(['unchanged']);
  });

  it('refuses zip bombs, binary files, non-UTF-8 CSV and too many rows', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const refused = await owner.client.post('/api/bulk/systems/preview', form(bomb, 'bomb.xlsx'));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/compressed more than 100:1/);
    // The same bomb with a lying directory (the part declared 1,000 bytes): inflating stops at the declared size.
    const lying = Buffer.from(bomb);
    for (let i = lying.length - 22; i >= 0; i--) {
      if (lying.readUInt32LE(i) === 0x02014b50 && lying.toString('latin1', i + 46, i + 46 + lying.readUInt16LE(i + 28)) === 'xl/worksheets/sheet1.xml') {
        lying.writeUInt32LE(1000, i + 24);
        break;
      }
    }
    const refusedLying = await owner.client.post('/api/bulk/systems/preview', form(lying, 'bomb.xlsx'));
    expect(refusedLying.status).toBe(400);
    expect(JSON.stringify(refusedLying.body)).toMatch(/more than its declared size/);
    const latin1 = Buffer.from('ID;Version;Name\r\n;;Gr\xfc\xdfe\r\n', 'latin1');
    const enc = await owner.client.post('/api/bulk/systems/preview', form(latin1, 'x.csv'));
    expect(enc.status).toBe(400);
    expect(JSON.stringify(enc.body)).toContain('UTF-8');
    const pdf = await owner.client.post('/api/bulk/systems/preview', form(Buffer.from('%PDF-1.7\n\0\0binary'), 'x.csv'));
    expect(pdf.status).toBe(415);
    const many = ['id;version;name', ...Array.from({ length: 5001 }, (_, i) => `;;S${i}`)].join('\n');
    const tooMany = await owner.client.post('/api/bulk/systems/preview', form(many, 'x.csv'));
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('5000');
  });

  it('keeps classified systems out of the export of readers without clearance and refuses their ids', async () => {
    const secret = await t.newSystem(cleared.client, unit, { name: 'Eingestuft Bulk', classification: 'VS-NfD' });
    const plain = (await download(viewer.client, '/api/bulk/systems/export?format=csv')).toString('utf8');
    expect(plain).not.toContain('Eingestuft Bulk');
    const marked = (await download(cleared.client, '/api/bulk/systems/export?format=csv')).toString('utf8');
    expect(marked).toContain('Eingestuft Bulk');
    expect(marked.split('\r\n')[0]).toContain('VS – NUR FÜR DEN DIENSTGEBRAUCH');
    const file = `id;version;name\r\n${secret.id};${secret.version};Umbenannt\r\n`;
    const preview = await owner.client.post('/api/bulk/systems/preview', form(file, 'x.csv'));
    expect(preview.body.rows[0]).toMatchObject({ action: 'error', errors: [{ column: 'id' }] });
    // The marked CSV (marking lines first and last) reads back unchanged.
    const back = await cleared.client.post('/api/bulk/systems/preview', form(marked, 'x.csv'));
    expect(back.body.summary.error).toBe(0);
    expect((await viewer.client.post('/api/bulk/systems/preview', form(file, 'x.csv'))).status).toBe(403);
  });
});

describe('bulk export and import of risks', () => {
  it('round-trips a system register, creates and updates risks, and refuses rows outside scope', async () => {
    const system = await t.newSystem(owner.client, unit, { name: 'Risiko-System' });
    const r1 = (await owner.client.post(`/api/systems/${system.id}/risks`, { title: '=Verzerrung', likelihood: 2, impact: 3, affected: ['fundamental-rights'], rights: ['non-discrimination'] })).body;
    await owner.client.post(`/api/systems/${system.id}/risks`, { title: 'Ausfall', nextReview: '2027-01-15' });
    const xlsx = await download(owner.client, `/api/bulk/risks/export?systemId=${system.id}&format=xlsx&lang=en`);
    const sheet = await sheetRows(xlsx);
    expect(sheet.getRow(2).getCell(6).value).toBe("'=Verzerrung");
    const same = await owner.client.post('/api/bulk/risks/import', form(xlsx, 'risks.xlsx'));
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body.summary).toEqual({ create: 0, update: 0, unchanged: 2, error: 0 });
    const outsider = await t.newUser([{ orgUnitId: otherUnit, role: 'owner' }]);
    const foreign = await t.newSystem(outsider.client, otherUnit, { name: 'Fremdsystem' });
    const file = [
      csvLine(['ID', 'Version', 'AI system (id)', 'Title', 'Likelihood', 'Impact', 'Status']),
      csvLine([r1.id, String(r1.version), system.id, '=Verzerrung', '4', '3', 'assessed']),
      csvLine(['', '', system.id, 'Neues Risiko', '1', '1', '']),
      csvLine(['', '', foreign.id, 'Fremdes Risiko', '', '', '']),
    ].join('\r\n');
    const preview = await owner.client.post('/api/bulk/risks/preview', form(file, 'risks.csv'));
    expect(preview.body.rows.map((r: { action: string }) => r.action)).toEqual(['update', 'create', 'error']);
    expect(preview.body.rows[0].changes).toEqual(['likelihood']);
    expect(preview.body.rows[2].errors[0].column).toBe('systemId');
    const fixed = file.split('\r\n').slice(0, 3).join('\r\n');
    const before = await counts();
    const done = await owner.client.post('/api/bulk/risks/import', form(fixed, 'risks.csv'));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await counts()).risks).toBe(before.risks + 1);
    const updated = (await owner.client.get(`/api/risks/${r1.id}`)).body;
    expect(updated).toMatchObject({ likelihood: 4, version: r1.version + 1 });
    expect(await auditActions('risk', r1.id)).toContain('risk.update');
    const portfolio = await download(owner.client, '/api/bulk/risks/export?format=csv&lang=de');
    expect(portfolio.toString('utf8')).toContain('Neues Risiko');
    expect(portfolio.toString('utf8')).not.toContain('Fremdes Risiko');
  });

  it('serves empty templates with the header row in either language', async () => {
    const de = (await download(viewer.client, '/api/bulk/risks/template?format=csv&lang=de')).toString('utf8');
    expect(de.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^ID;Version;KI-System \(ID\)/);
    const en = await sheetRows(await download(viewer.client, '/api/bulk/systems/template?format=xlsx&lang=en'));
    expect(en.getRow(1).getCell(7).value).toBe('Organisational unit (id)');
    expect(en.rowCount).toBe(1);
  });
});
