import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { createServices } from '../../src/app.js';
import { systemActor } from '../../src/access/actor.js';

let t: TestApp;
let unit: string;
let owner: { id: string; email: string; client: TestClient };
let governance: { id: string; email: string; client: TestClient };
let viewer: { id: string; email: string; client: TestClient };

const NIST_LOW = new URL('../fixtures/oscal/content/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json', import.meta.url);

/** An internal catalogue; every requirement applies to the organisation as a whole (no condition, no roles). */
const rulesYaml = (version: string, requirements: string) => `
id: house-rules
version: "${version}"
kind: internal
title: { de: Hausregeln KI, en: House rules for AI }
publisher: Ministerium
source: Erlass 12/2026
licence: intern
requirements:
${requirements}`;

const HR1 = `  - id: hr-1\n    ref: HR 1\n    title: { de: KI-Register führen, en: Keep the AI register }\n`;
const HR2 = (date: string) => `  - id: hr-2\n    ref: HR 2\n    appliesFrom: "${date}"\n    title: { de: Freigabe durch die Leitung, en: Management sign-off }\n`;
const HR3 = `  - id: hr-3\n    ref: HR 3\n    title: { de: Jährliche Überprüfung, en: Yearly review }\n`;
const HR4 = `  - id: hr-4\n    ref: HR 4\n    title: { de: Schulungsnachweis, en: Training record }\n`;

function file(text: string | Buffer, name: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([typeof text === 'string' ? Buffer.from(text, 'utf8') : text]), name);
  return form;
}

async function importFile(client: TestClient, text: string | Buffer, name: string, query = '') {
  return client.post(`/api/catalogs/import${query}`, file(text, name));
}

/** Counts of the tables an import or update writes to: must not move when it fails. */
async function footprint() {
  const db = t.db.database.db;
  const count = async (table: 'catalog_version' | 'audit_event' | 'requirement_row' | 'setting') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { versions: await count('catalog_version'), audit: await count('audit_event'), rows: await count('requirement_row'), settings: await count('setting') };
}

const rowOf = (m: { items: { requirementId: string }[] }, key: string) => m.items.find((i) => i.requirementId === key) as any;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS, catalogImportLimitMb: 3 });
  unit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  governance = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'governance' }]);
});
afterAll(async () => t.close());

describe('a new catalogue version: import, preview, accept', () => {
  let systemId: string;

  it('stores an import as a proposed version that changes nothing until it is accepted', async () => {
    systemId = (await t.newSystem(owner.client, unit)).id;
    expect((await importFile(owner.client, rulesYaml('1.0', HR1 + HR2('2027-01-01') + HR3), 'rules.yaml')).status).toBe(403);
    const imported = await importFile(governance.client, rulesYaml('1.0', HR1 + HR2('2027-01-01') + HR3), 'rules.yaml');
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.version).toMatchObject({ catalogId: 'house-rules', version: '1.0', state: 'proposed', format: 'konform-yaml', fileName: 'rules.yaml' });
    expect(imported.body.preview.diff).toMatchObject({ from: null, to: '1.0', removed: [], changed: [] });
    expect(imported.body.preview.diff.added.map((a: { id: string }) => a.id)).toEqual(['hr-1', 'hr-2', 'hr-3']);
    const mine = imported.body.preview.impact.systems.find((s: { systemId: string }) => s.systemId === systemId);
    expect(mine.appear.map((r: { requirementId: string; after: string | null }) => [r.requirementId, r.after])).toEqual([
      ['house-rules:hr-1', null], ['house-rules:hr-2', '2027-01-01'], ['house-rules:hr-3', null],
    ]);

    expect((await viewer.client.get('/api/catalogs')).body.items.map((c: { id: string }) => c.id)).not.toContain('house-rules');
    expect((await viewer.client.get('/api/catalogs/updates')).body.items.map((v: { catalogId: string; version: string }) => `${v.catalogId}@${v.version}`)).toEqual(['house-rules@1.0']);
    const detail = await viewer.client.get('/api/catalogs/house-rules');
    expect(detail.body).toMatchObject({ activeVersion: null, versions: [{ version: '1.0', state: 'proposed' }] });
    expect((await owner.client.get(`/api/systems/${systemId}/requirements?applies=all`)).body.items.some((i: { catalogId: string }) => i.catalogId === 'house-rules')).toBe(false);

    expect((await owner.client.post('/api/catalogs/house-rules/versions/1.0/accept', {})).status).toBe(403);
    const accepted = await governance.client.post('/api/catalogs/house-rules/versions/1.0/accept', { expectedActive: null });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ catalogId: 'house-rules', version: '1.0', retiredRows: 0, restoredRows: 0 });
    expect(accepted.body.systemsAffected).toBeGreaterThanOrEqual(1);
    expect((await viewer.client.get('/api/catalogs/updates')).body.items).toEqual([]);
    const matrix = (await owner.client.get(`/api/systems/${systemId}/requirements?catalog=house-rules`)).body;
    expect(matrix.items.map((i: { requirementId: string; dueDate: string | null }) => [i.requirementId, i.dueDate])).toEqual([
      ['house-rules:hr-1', null], ['house-rules:hr-2', '2027-01-01'], ['house-rules:hr-3', null],
    ]);
    expect((await governance.client.post('/api/catalogs/house-rules/versions/1.0/accept', {})).body.code).toBe('not-proposed');
  });

  it('previews an update (dry run) with diff and per-system impact, and writes nothing', async () => {
    for (const key of ['house-rules:hr-1', 'house-rules:hr-3']) {
      expect((await owner.client.patch(`/api/systems/${systemId}/requirements/${key}`, { status: 'in-progress', owner: 'Referat KI' })).status).toBe(200);
    }
    const before = await footprint();
    const preview = await importFile(governance.client, rulesYaml('1.1', HR1 + HR2('2028-06-30') + HR4), 'rules-1.1.yaml', '?dryRun=true');
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ valid: true, errors: [], catalogId: 'house-rules', version: '1.1', format: 'konform-yaml', requirementCount: 3 });
    expect(preview.body.diff).toMatchObject({ from: '1.0', to: '1.1', unchanged: 1 });
    expect(preview.body.diff.added.map((a: { id: string }) => a.id)).toEqual(['hr-4']);
    expect(preview.body.diff.removed.map((a: { id: string }) => a.id)).toEqual(['hr-3']);
    expect(preview.body.diff.changed).toEqual([
      { id: 'hr-2', ref: 'HR 2', kind: 'requirement', title: { de: 'Freigabe durch die Leitung', en: 'Management sign-off' }, changes: [{ field: 'appliesFrom', before: '2027-01-01', after: '2028-06-30' }] },
    ]);
    const mine = preview.body.impact.systems.find((s: { systemId: string }) => s.systemId === systemId);
    expect(mine.appear.map((r: { requirementId: string }) => r.requirementId)).toEqual(['house-rules:hr-4']);
    expect(mine.disappear).toEqual([expect.objectContaining({ requirementId: 'house-rules:hr-3', status: 'in-progress', removed: true })]);
    expect(mine.dueDateChanged).toEqual([expect.objectContaining({ requirementId: 'house-rules:hr-2', before: '2027-01-01', after: '2028-06-30' })]);
    expect(await footprint()).toEqual(before);
  });

  it('accepts the update in one transaction and one audit event: statuses carry over, removed rows stay read-only', async () => {
    const imported = await importFile(governance.client, rulesYaml('1.1', HR1 + HR2('2028-06-30') + HR4), 'rules-1.1.yaml');
    expect(imported.status).toBe(201);
    const review = await viewer.client.get('/api/catalogs/house-rules/versions/1.1/preview');
    expect(review.status).toBe(200);
    expect(review.body.impact.totals).toMatchObject({ appear: expect.any(Number), disappear: expect.any(Number), dueDateChanged: expect.any(Number) });
    const stale = await governance.client.post('/api/catalogs/house-rules/versions/1.1/accept', { expectedActive: '0.9' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('active-changed');

    const auditBefore = (await footprint()).audit;
    const accepted = await governance.client.post('/api/catalogs/house-rules/versions/1.1/accept', { expectedActive: '1.0' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ version: '1.1', retiredRows: 1, restoredRows: 0 });
    expect((await footprint()).audit).toBe(auditBefore + 1);
    const events = (await governance.client.get('/api/audit-events?entityType=catalog&entityId=house-rules')).body.items;
    expect(events[0].action).toBe('catalog.accept');
    expect(events[0].changes).toEqual(expect.arrayContaining([{ field: 'version', before: '1.0', after: '1.1' }, { field: 'retiredRows', before: null, after: 1 }]));

    const matrix = (await owner.client.get(`/api/systems/${systemId}/requirements?catalog=house-rules`)).body;
    expect(rowOf(matrix, 'house-rules:hr-1')).toMatchObject({ status: 'in-progress', owner: 'Referat KI' });
    expect(rowOf(matrix, 'house-rules:hr-2')).toMatchObject({ dueDate: '2028-06-30' });
    expect(rowOf(matrix, 'house-rules:hr-4')).toMatchObject({ status: 'open' });
    expect(rowOf(matrix, 'house-rules:hr-3')).toBeUndefined();
    expect(matrix.retired).toEqual([
      expect.objectContaining({ requirementId: 'house-rules:hr-3', ref: 'HR 3', title: { de: 'Jährliche Überprüfung', en: 'Yearly review' }, status: 'in-progress', owner: 'Referat KI', retiredInVersion: '1.1' }),
    ]);
    const edit = await owner.client.patch(`/api/systems/${systemId}/requirements/house-rules:hr-3`, { status: 'implemented' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('retired');

    const versions = (await viewer.client.get('/api/catalogs/house-rules')).body.versions;
    expect(versions.map((v: { version: string; state: string }) => [v.version, v.state])).toEqual([['1.1', 'active'], ['1.0', 'superseded']]);
    // Another instance on the same database sees the accepted version on its next read.
    const other = createServices(t.db.database, 8, { catalogDir: FIXTURE_CATALOGS });
    expect((await other.catalogs.list(systemActor())).items.find((c) => c.id === 'house-rules')?.version).toBe('1.1');
  });

  it('compares any two versions', async () => {
    const diff = await viewer.client.get('/api/catalogs/house-rules/diff?from=1.0&to=1.1');
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ from: '1.0', to: '1.1', added: [{ id: 'hr-4' }], removed: [{ id: 'hr-3' }] });
    expect((await viewer.client.get('/api/catalogs/house-rules/diff?from=0.1&to=1.1')).status).toBe(404);
  });

  it('brings a retired row back when its requirement returns, and discards a proposal without effect', async () => {
    expect((await importFile(governance.client, rulesYaml('1.2', HR1 + HR2('2028-06-30') + HR3 + HR4), 'rules-1.2.yaml')).status).toBe(201);
    const accepted = await governance.client.post('/api/catalogs/house-rules/versions/1.2/accept', {});
    expect(accepted.body).toMatchObject({ retiredRows: 0, restoredRows: 1 });
    const matrix = (await owner.client.get(`/api/systems/${systemId}/requirements?catalog=house-rules`)).body;
    expect(rowOf(matrix, 'house-rules:hr-3')).toMatchObject({ status: 'in-progress' });
    expect(matrix.retired).toEqual([]);

    expect((await importFile(governance.client, rulesYaml('1.3', HR1), 'rules-1.3.yaml')).status).toBe(201);
    const discarded = await governance.client.post('/api/catalogs/house-rules/versions/1.3/discard', {});
    expect(discarded.body).toMatchObject({ version: '1.3', state: 'discarded' });
    expect((await governance.client.post('/api/catalogs/house-rules/versions/1.3/accept', {})).status).toBe(409);
    expect((await viewer.client.get('/api/catalogs')).body.items.find((c: { id: string }) => c.id === 'house-rules').version).toBe('1.2');
    const again = await importFile(governance.client, rulesYaml('1.2', HR1), 'again.yaml');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('version-exists');
  });

  it('updates a bundled catalogue; shipped measures and mappings of a removed requirement drop out', async () => {
    const iso = readFileSync(new URL('../fixtures/catalogs/iso-42001/catalog.yaml', import.meta.url), 'utf8')
      .replace('version: "2023"', 'version: "2023-amd1"')
      .replace(/  - id: a-9-2\n(    .*\n)+/, '');
    const imported = await importFile(governance.client, iso, 'iso.yaml');
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.preview.diff.removed.map((r: { id: string }) => r.id)).toEqual(['a-9-2']);
    expect((await governance.client.post('/api/catalogs/iso-42001/versions/2023-amd1/accept', { expectedActive: '2023' })).status).toBe(200);
    const catalog = (await viewer.client.get('/api/catalogs')).body.items.find((c: { id: string }) => c.id === 'iso-42001');
    expect(catalog).toMatchObject({ version: '2023-amd1', source: 'bundled' });
    const art26 = (await viewer.client.get('/api/catalogs/eu-ai-act/requirements?q=26(6)')).body.items[0];
    expect(art26.mappings.map((m: { key: string }) => m.key)).toEqual(['iso-42001:a-5-2']);
    const shipped = await viewer.client.get('/api/catalogs/iso-42001?version=2023');
    expect(shipped.status).toBe(200);
    expect(shipped.body.catalog.requirements.some((r: { id: string }) => r.id === 'a-9-2')).toBe(true);
  });
});

describe('bad files', () => {
  it('names the line, row or JSON path, and a failed import leaves the database unchanged', async () => {
    const before = await footprint();
    const yamlError = await importFile(governance.client, 'id: [unclosed', 'bad.yaml');
    expect(yamlError.status).toBe(400);
    expect(yamlError.body.errors[0].path).toMatch(/^line \d+$/);
    const missing = await importFile(governance.client, rulesYaml('9.0', HR1.replace(', en: Keep the AI register', '')), 'bad.yaml');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'requirements[0].title.en (line 12)', message: expect.any(String) }]);
    const json = await importFile(governance.client, '{"catalog": {"uuid": "x"', 'bad.json');
    expect(json.status).toBe(400);
    expect(json.body.errors[0].path).toBe('line 1, column 25');
    const dry = await importFile(governance.client, rulesYaml('9.0', HR1.replace(', en: Keep the AI register', '')), 'bad.yaml', '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ valid: false, diff: null, impact: null, errors: [{ path: 'requirements[0].title.en (line 12)' }] });
    expect((await governance.client.post('/api/catalogs/import', file('', 'empty.yaml'))).status).toBe(400);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a file over the configured limit while streaming', async () => {
    const before = await footprint();
    const big = `# ${'x'.repeat(3.5 * 1024 * 1024)}\n${rulesYaml('big', HR1)}`;
    const reply = await importFile(governance.client, big, 'big.yaml');
    expect(reply.status).toBe(413);
    expect(reply.body.errors).toEqual([{ path: 'file', message: 'Too large' }]);
    expect(await footprint()).toEqual(before);
  });
});

describe('XLSX', () => {
  it('round-trips a catalogue through its workbook; a workbook with bad rows lists each row before anything is written', async () => {
    const exported = await viewer.client.fetch('/api/catalogs/house-rules/export?format=xlsx');
    expect(exported.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await exported.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const meta = book.getWorksheet('catalog')!;
    meta.eachRow((row) => {
      if (row.getCell(1).value === 'version') row.getCell(2).value = '2.0';
    });
    const requirements = book.getWorksheet('requirements')!;
    const header = (requirements.getRow(1).values as unknown[]).map(String);
    const column = (name: string) => header.indexOf(name);
    requirements.getRow(2).getCell(column('title_en')).value = 'Keep the register of AI systems';
    const changed = Buffer.from(await book.xlsx.writeBuffer());
    const preview = await importFile(governance.client, changed, 'hausregeln.xlsx', '?dryRun=true');
    expect(preview.status).toBe(200);
    expect(preview.body, JSON.stringify(preview.body.errors)).toMatchObject({ valid: true, format: 'xlsx', version: '2.0' });
    expect(preview.body.diff.changed).toEqual([expect.objectContaining({ id: 'hr-1', changes: [{ field: 'title', before: expect.any(Object), after: { de: 'KI-Register führen', en: 'Keep the register of AI systems' } }] })]);

    requirements.getRow(2).getCell(column('title_en')).value = null;
    requirements.getRow(3).getCell(column('applies_from')).value = '31.06.2028';
    const broken = Buffer.from(await book.xlsx.writeBuffer());
    const before = await footprint();
    const dry = await importFile(governance.client, broken, 'hausregeln.xlsx', '?dryRun=true');
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors.map((e: { path: string }) => e.path)).toEqual(['requirements[2].title_en', 'requirements[3].applies_from']);
    const refused = await importFile(governance.client, broken, 'hausregeln.xlsx');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(dry.body.errors);
    expect(await footprint()).toEqual(before);
  });
});

describe('OSCAL', () => {
  it('imports the NIST SP 800-53 LOW catalog and exports catalogues as OSCAL', async () => {
    const nist = readFileSync(NIST_LOW);
    const preview = await importFile(governance.client, nist, 'nist-low.json', '?dryRun=true&catalogId=sp800-53-low');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ valid: true, format: 'oscal-json', catalogId: 'sp800-53-low' });
    expect(preview.body.requirementCount).toBeGreaterThan(100);
    const stored = await importFile(governance.client, nist, 'nist-low.json', '?catalogId=sp800-53-low');
    expect(stored.status).toBe(201);
    expect((await governance.client.post(`/api/catalogs/sp800-53-low/versions/${encodeURIComponent(stored.body.version.version)}/accept`, {})).status).toBe(200);
    const ac1 = (await viewer.client.get('/api/catalogs/sp800-53-low/requirements?q=AC-1')).body.items[0];
    expect(ac1).toMatchObject({ ref: 'AC-1', kind: 'requirement' });

    const exported = await viewer.client.fetch('/api/catalogs/iso-42001/export?format=oscal&version=2023');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('iso-42001-2023.oscal.json');
    const doc = (await exported.json()) as { catalog: { metadata: { version: string; 'oscal-version': string } } };
    expect(doc.catalog.metadata).toMatchObject({ version: '2023', 'oscal-version': '1.2.2' });
    // Round trip through the API: the exported OSCAL imports as the same catalogue.
    const back = await importFile(governance.client, JSON.stringify(doc), 'iso.oscal.json', '?dryRun=true');
    expect(back.body).toMatchObject({ valid: false, catalogId: 'iso-42001', errors: [{ path: 'version' }] });
    const yaml = await viewer.client.fetch('/api/catalogs/iso-42001/export?format=yaml');
    expect(await yaml.text()).toContain('id: iso-42001');
    expect((await viewer.client.get('/api/catalogs/iso-42001/export?format=pdf')).status).toBe(400);
  });
});

describe('CISO Assistant', () => {
  it('imports a framework library with its reference controls as measures', async () => {
    const framework = 'trusted-ai-ops.yaml';
    const text = readFileSync(new URL(`../fixtures/ciso-assistant/${framework}`, import.meta.url));
    const preview = await importFile(governance.client, text, framework, '?dryRun=true');
    expect(preview.status).toBe(200);
    expect(preview.body, JSON.stringify(preview.body.errors)).toMatchObject({ valid: true, format: 'ciso-assistant-yaml' });
    expect(preview.body.requirementCount).toBeGreaterThan(0);
    expect(preview.body.measureCount).toBeGreaterThan(0);
    const stored = await importFile(governance.client, text, framework);
    expect(stored.status).toBe(201);
    const id = stored.body.version.catalogId as string;
    expect((await governance.client.post(`/api/catalogs/${id}/versions/${encodeURIComponent(stored.body.version.version)}/accept`, {})).status).toBe(200);
    const measures = (await viewer.client.get('/api/measures?limit=500')).body.items.filter((m: { id: string }) => m.id.startsWith(`${id}.`));
    expect(measures.length).toBe(preview.body.measureCount);
    expect(measures[0].requirements[0]).toMatch(new RegExp(`^${id}:`));

    // Its mapping library (as CISO Assistant ships it, without a framework) attaches to the catalogue once the
    // target framework is there too.
    const target = await importFile(governance.client, readFileSync(new URL('../fixtures/ciso-assistant/secure-ml-baseline.yaml', import.meta.url)), 'secure-ml-baseline.yaml');
    expect(target.status, JSON.stringify(target.body)).toBe(201);
    const targetId = target.body.version.catalogId as string;
    expect((await governance.client.post(`/api/catalogs/${targetId}/versions/${encodeURIComponent(target.body.version.version)}/accept`, {})).status).toBe(200);
    const mapping = readFileSync(new URL('../fixtures/ciso-assistant/mapping-trusted-ai-ops-to-secure-ml-baseline.yaml', import.meta.url));
    const mapped = await importFile(governance.client, mapping, 'mapping.yaml');
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(201);
    expect(mapped.body.version.catalogId).toBe(id);
    expect(mapped.body.preview).toMatchObject({ mappingCount: 4, diff: { added: [], removed: [], changed: [] } });
    expect((await governance.client.post(`/api/catalogs/${id}/versions/${encodeURIComponent(mapped.body.version.version)}/accept`, {})).status).toBe(200);
    const targets = (await viewer.client.get(`/api/catalogs/${targetId}/requirements?limit=500`)).body.items;
    expect(targets.flatMap((r: { mappings: { key: string }[] }) => r.mappings.map((m) => m.key)).filter((k: string) => k.startsWith(`${id}:`))).toHaveLength(4);
    expect((await viewer.client.get('/api/measures?limit=500')).body.items.filter((m: { id: string }) => m.id.startsWith(`${id}.`))).toHaveLength(measures.length);
  });
});

describe('the AI Act text in force', () => {
  it('previews and accepts a switch: due dates move, one audit event', async () => {
    const system = await t.newSystem(owner.client, unit, { roles: ['deployer'] });
    const facts = { roles: ['deployer'], annexIII: ['4.a'], deployer: { publicAuthority: true } };
    expect((await owner.client.request('PUT', `/api/systems/${system.id}/classification`, { facts, answers: {}, note: '' })).status).toBe(200);
    const state = (await viewer.client.get('/api/catalogs/act-in-force')).body;
    expect(state.acts.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(['published-2024', 'amended-2026']));
    const other = state.acts.find((a: { id: string }) => a.id !== state.actInForce).id as string;
    const before = (await owner.client.get(`/api/systems/${system.id}/requirements?catalog=eu-ai-act`)).body;
    const footBefore = await footprint();
    const preview = await viewer.client.get(`/api/catalogs/act-in-force/${other}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.diff).toMatchObject({ from: state.actInForce, to: other });
    const art266 = preview.body.diff.changed.find((c: { id: string }) => c.id === 'art-26-6');
    expect(art266.changes).toEqual([{ field: 'date', before: rowOf(before, 'eu-ai-act:art-26-6').appliesFrom, after: expect.any(String) }]);
    const mine = preview.body.impact.systems.find((s: { systemId: string }) => s.systemId === system.id);
    expect(mine.dueDateChanged.map((r: { requirementId: string }) => r.requirementId)).toContain('eu-ai-act:art-26-6');
    expect(await footprint()).toEqual(footBefore);

    expect((await owner.client.post(`/api/catalogs/act-in-force/${other}/accept`, {})).status).toBe(403);
    const accepted = await governance.client.post(`/api/catalogs/act-in-force/${other}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ actInForce: other, changedBy: expect.stringContaining(governance.email) });
    const after = (await owner.client.get(`/api/systems/${system.id}/requirements?catalog=eu-ai-act`)).body;
    expect(after.actInForce).toBe(other);
    expect(rowOf(after, 'eu-ai-act:art-26-6').dueDate).toBe(art266.changes[0].after);
    expect((await footprint()).audit).toBe(footBefore.audit + 1);
    expect((await governance.client.post(`/api/catalogs/act-in-force/${other}/accept`, {})).status).toBe(409);
    expect((await viewer.client.get('/api/catalogs/act-in-force/no-such-act/preview')).status).toBe(404);
    // Put it back for the other tests.
    expect((await governance.client.post(`/api/catalogs/act-in-force/${state.actInForce}/accept`, {})).status).toBe(200);
  });
});

describe('matrix exports', () => {
  it('exports a system matrix as CSV and XLSX with formula injection neutralised', async () => {
    const system = await t.newSystem(owner.client, unit);
    expect((await owner.client.patch(`/api/systems/${system.id}/requirements/eu-ai-act:art-4`, { owner: '=HYPERLINK("http://evil.example")' })).status).toBe(200);
    const csv = await owner.client.fetch(`/api/systems/${system.id}/requirements/export?format=csv&lang=en`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toContain('AI system,Organisational unit,Catalogue');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

    const xlsx = await owner.client.fetch(`/api/systems/${system.id}/requirements/export?format=xlsx&lang=de`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('KI-System');
    const ownerCells: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => ownerCells.push(cell.value)));
    expect(ownerCells).toContain(`'=HYPERLINK("http://evil.example")`);
    expect(ownerCells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    expect((await viewer.client.fetch(`/api/systems/${system.id}/requirements/export?format=pdf`)).status).toBe(400);
  });

  it('exports the portfolio in the reader scope', async () => {
    const strangerUnit = await t.newUnit();
    const stranger = await t.newUser([{ orgUnitId: strangerUnit, role: 'owner' }]);
    const hidden = await t.newSystem(stranger.client, strangerUnit, { name: 'Verborgenes System' });
    const mine = await t.newSystem(owner.client, unit, { name: 'Sichtbares System' });
    const csv = await (await owner.client.fetch('/api/requirements/export?format=csv&lang=de')).text();
    expect(csv.split('\r\n')[0]).toContain('KI-System;Organisationseinheit');
    expect(csv).toContain(mine.name);
    expect(csv).not.toContain(hidden.name);
    const all = await (await governance.client.fetch('/api/requirements/export?format=csv')).text();
    expect(all).toContain(hidden.name);
  });
});
