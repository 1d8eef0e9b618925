import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { parse as parseYaml } from 'yaml';
import { restoreCell } from '@konform/core';
import { parseCsv } from '../../src/modules/bulk/read-table.js';
import { startTestApp, FIXTURE_CATALOGS, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { openApiDocument } from '../support/openapi-document.js';
import { pdfText } from '../support/pdf-text.js';
import { insertGate, insertPlan, insertRun, labBasics } from '../support/lab-seed.js';

/**
 * Hostile text (issue #12, point 5): markup, spreadsheet formulas, template syntax, control and bidirectional
 * characters and a very long line are stored in every free-text field of the areas below through the API; then every
 * export that can contain them is fetched and checked by its format. The areas' fields come from the OpenAPI document
 * (every free-text string property of the create bodies), the exports are data compared with the document: a new file
 * export fails the last test until it is listed here.
 */

const LONG = 'L';
/** The payloads; `LONG` stands for a line as long as the field allows. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://x","y")',
  '+1+1',
  '-2+3',
  '@SUM(1)',
  '\t=1+1',
  '\r=1+1',
  '{{constructor}}',
  'abc\u202Egpj.exe\u202C \u2067rtl\u2069',
  '\u001b[31mrot\u001b[0m',
  // Line breaks that would start a YAML key, a front-matter end and a Markdown heading if not quoted/escaped.
  'Zeile\nevil: 1\n---\n# Überschrift',
  LONG,
] as const;

const SHORT_PAYLOADS = PAYLOADS.filter((p) => p !== LONG);

/** Cells that a spreadsheet would run as a formula (the same rule as core's `neutraliseCell`). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Field types of free-text fields, by property name, for the write bodies used here. A new free-text property of one
 * of these bodies fails the field test until it is typed here (so it is known to be filled and checked).
 */
const FIELD_TYPES: Record<string, 'title' | 'long' | 'reason' | 'label' | 'url'> = {
  name: 'title', shortName: 'title', title: 'title', responsible: 'title', vendor: 'title', owner: 'title',
  purpose: 'long', description: 'long', deploymentContext: 'long', affectedPersons: 'long', harm: 'long', affectedGroups: 'long',
  rootCause: 'reason', changeNote: 'reason',
  content: 'long', markdown: 'long', notes: 'long',
  provider: 'title', licence: 'title', label: 'title', source: 'title', objective: 'long',
  tags: 'label', measures: 'label',
};

/** Free-text properties that are not free text: references checked against other records. */
const REFERENCES: Record<string, string> = {
  measures: 'ids of catalogue measures (a payload is refused with 400 naming the field)',
};

type JsonSchema = { type?: string | string[]; enum?: unknown[]; format?: string; pattern?: string; minLength?: number; maxLength?: number; items?: JsonSchema; properties?: Record<string, JsonSchema> };
type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>; parameters?: { in: string; name: string }[] }>> };

/** The write bodies filled here (one area each). */
const CREATE_ROUTES = [
  ['post', '/api/systems'], ['post', '/api/systems/{id}/risks'], ['post', '/api/incidents'], ['post', '/api/nonconformities'], ['post', '/api/qms/documents'],
  ['put', '/api/documents/{id}/sections/{key}'], ['post', '/api/models'], ['post', '/api/models/{id}/versions'],
  ['post', '/api/audits'],
] as const;

let t: TestApp;
let doc: OpenApi;
let unit: string;
let user: { id: string; client: TestClient };
let rootSystem: { id: string };
/** What the API stored per area (its answers), to find in the exports. */
const stored: Record<string, Record<string, unknown>[]> = { systems: [], risks: [], incidents: [], nonconformities: [], qms: [], models: [], modelVersions: [], audits: [] };
let report: { id: string };
/** A deployer's system that needs a FRIA, with every answer of the FRIA holding every payload. */
let friaSystem: { id: string };
/** A lab run and a release gate whose plan, case, deviations and title hold the payloads (seeded like the lab report tests). */
const lab = { runId: '', gateId: '' };
/** A decision paper of the first system (its figures list the hostile risks), every section written with every payload. */
let paper: { id: string };

const isFreeText = (s: JsonSchema | undefined) => s?.type === 'string' && !s.enum && !s.format && !s.pattern;
const fit = (payload: string, s: JsonSchema) => (payload === LONG ? 'L'.repeat(Math.min(s.maxLength ?? 5_000, 5_000)) : payload.slice(0, s.maxLength ?? payload.length));

/** The free-text properties of a write body, from the OpenAPI document: strings and lists of strings. */
function freeTextFields(method: string, path: string): Record<string, JsonSchema> {
  // (sections are written with their own Markdown below; their body is checked for field types all the same)
  const schema = doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;
  if (!schema?.properties) throw new Error(`${method} ${path} has no JSON body in the OpenAPI document`);
  return Object.fromEntries(Object.entries(schema.properties).filter(([, s]) => isFreeText(s) || (s.type === 'array' && isFreeText(s.items))));
}

function hostileBody(fields: Record<string, JsonSchema>, payload: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(fields)) {
    if (REFERENCES[name]) continue;
    body[name] = s.type === 'array' ? [fit(payload, s.items!), fit(`${payload} 2`, s.items!)] : fit(payload, s);
  }
  return body;
}

/** Creates one record per payload with every free-text field set to it; returns the stored records. */
async function createAll(method: 'post', path: string, url: string | ((n: number) => string), base: Record<string, unknown> | ((n: number) => Record<string, unknown>)): Promise<Record<string, unknown>[]> {
  const fields = freeTextFields(method, path);
  const out: Record<string, unknown>[] = [];
  for (const [n, payload] of PAYLOADS.entries()) {
    const reply = await user.client.post(typeof url === 'function' ? url(n) : url, { ...(typeof base === 'function' ? base(n) : base), ...hostileBody(fields, payload) });
    expect(reply.status, `${path} with ${JSON.stringify(payload)}: ${JSON.stringify(reply.body)}`).toBe(201);
    out.push(reply.body as Record<string, unknown>);
  }
  return out;
}

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  doc = (await openApiDocument()) as OpenApi;
  unit = await t.newUnit();
  const u = await t.newUser(['admin', 'governance', 'owner', 'auditor', 'lab'].map((role) => ({ orgUnitId: unit, role: role as 'admin' })));
  user = u;
  const systems = await createAll('post', '/api/systems', '/api/systems', { orgUnitId: unit, roles: ['provider'] });
  stored.systems = systems;
  rootSystem = systems[0] as { id: string };
  stored.risks = await createAll('post', '/api/systems/{id}/risks', `/api/systems/${rootSystem.id}/risks`, {});
  stored.incidents = await createAll('post', '/api/incidents', '/api/incidents', { systemId: rootSystem.id, awareAt: '2026-03-27T10:00:00Z', occurredAt: '2026-03-26T15:00:00Z' });
  stored.nonconformities = await createAll('post', '/api/nonconformities', '/api/nonconformities', { systemId: rootSystem.id, source: 'audit-finding', severity: 'major' });
  stored.qms = await createAll('post', '/api/qms/documents', '/api/qms/documents', { kind: 'policy', ownerId: user.id });
  // Only released QMS versions are exported: the first goes through review to release by a second person.
  const qmsId = String(stored.qms[0]!.id);
  const submitted = await user.client.post(`/api/qms/documents/${qmsId}/versions/1/submit`, { version: 1 });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const approver = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  const approved = await approver.client.post(`/api/qms/documents/${qmsId}/versions/1/approve`, { version: (submitted.body as { version: number }).version, password: TEST_PASSWORD });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  const created = await user.client.post('/api/documents', { type: 'decision-paper', systemId: rootSystem.id, locale: 'de', title: PAYLOADS[0] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  paper = created.body as { id: string };
  const markdown = SHORT_PAYLOADS.join('\n\n');
  for (const s of (created.body as { sections: { key: string; editable?: boolean }[] }).sections) {
    const put = await user.client.request('PUT', `/api/documents/${paper.id}/sections/${s.key}`, { markdown, version: 0 });
    // Sections filled from the records (the figures) are not written by hand.
    if (put.status !== 200) expect(put.status, `${s.key}: ${JSON.stringify(put.body)}`).toBe(400);
  }
  const version = await user.client.post(`/api/documents/${paper.id}/versions`, {});
  expect(version.status, JSON.stringify(version.body)).toBe(201);
  stored.models = await createAll('post', '/api/models', '/api/models', { orgUnitId: unit, kind: 'llm' });
  // One version per model: labels are trimmed, so two payloads differing only in a leading tab would collide.
  stored.modelVersions = await createAll('post', '/api/models/{id}/versions', (n) => `/api/models/${String(stored.models![n]!.id)}/versions`, (n) => ({ receivedOn: '2026-11-01', manifest: [{ path: 'weights.bin', sha256: n.toString(16).padStart(64, '0') }] }));
  stored.audits = await createAll('post', '/api/audits', '/api/audits', {
    kind: 'internal-aims', orgUnitId: unit, scope: { systemIds: [rootSystem.id], catalogIds: ['iso-42001'] }, plannedStart: '2026-12-01', plannedEnd: '2026-12-05',
  });
  friaSystem = (await user.client.post('/api/systems', { name: PAYLOADS[0], purpose: PAYLOADS[1], orgUnitId: unit, roles: ['deployer'] })).body as { id: string };
  const decided = await user.client.request('PUT', `/api/systems/${friaSystem.id}/classification`, { facts: { roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } }, answers: {}, note: PAYLOADS[0] });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  const friaText = SHORT_PAYLOADS.join('\n');
  const fria = await user.client.request('PUT', `/api/systems/${friaSystem.id}/fria`, {
    version: 0,
    content: {
      ...Object.fromEntries(['processes', 'period', 'frequency', 'affectedCategories', 'risksOfHarm', 'humanOversight', 'materialisationMeasures', 'complaintMechanism', 'internalGovernance'].map((k) => [k, friaText])),
      riskIds: [],
      dpiaEvidenceId: null,
    },
  });
  expect(fria.status, JSON.stringify(fria.body)).toBe(200);
  const basics = await labBasics(user.client, unit, PAYLOADS[1]);
  const plan = await insertPlan(t, { unit, systemId: rootSystem.id, methodId: basics.methodId, name: PAYLOADS[0], cases: [{ key: 'wer', name: PAYLOADS[2], metric: 'wer', comparator: '<=', threshold: 10 }] });
  lab.runId = (await insertRun(t, { unit, systemId: rootSystem.id, planId: plan.planId, basics, startedAt: '2026-11-10T08:00:00.000Z', verdict: 'pass', deviations: SHORT_PAYLOADS.join('\n'), operatorLabel: PAYLOADS[1],
    results: [{ caseId: plan.cases.get('wer')!, metric: 'wer', value: 5, verdict: 'pass' }] })).id;
  lab.gateId = (await insertGate(t, { unit, systemId: rootSystem.id, planId: plan.planId, title: PAYLOADS[0] })).id;
  const created2 = await user.client.post('/api/management-reports', { orgUnitId: unit, locale: 'de' });
  expect(created2.status, JSON.stringify(created2.body)).toBe(201);
  report = created2.body as { id: string };
});
afterAll(async () => t.close());

// ---------------------------------------------------------------- checks per format

/** The stored strings of an area (every string value of the stored records, list items included). */
function storedStrings(area: string): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
  };
  for (const record of stored[area] ?? []) Object.values(record).forEach(walk);
  return out;
}

/** Control characters XML 1.0 cannot carry: XLSX and DOCX writers drop them. */
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function checkCells(cells: string[], where: string, contains: string[], xml = false) {
  const bad = cells.filter((c) => FORMULA_START.test(c));
  expect(bad, `${where}: cells a spreadsheet would run as formulas`).toEqual([]);
  const restored = new Set(cells.map(restoreCell));
  for (const value of contains) {
    const expected = xml ? value.replace(XML_ILLEGAL, '') : value;
    expect(restored.has(expected), `${where}: contains ${JSON.stringify(expected.slice(0, 60))}`).toBe(true);
  }
}

function checkCsv(bytes: Buffer, where: string, contains: string[]) {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  checkCells(parseCsv(text, 100_000).flat(), where, contains);
}

async function checkXlsx(bytes: Buffer, where: string, contains: string[]) {
  await checkXmlParts(bytes, where);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        // Text is written as plain strings: never a formula, never a hyperlink cell.
        expect(typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v || 'hyperlink' in v), `${where}: ${cell.address} is a formula or link`).toBe(false);
        if (typeof v === 'string') cells.push(v);
        else if (typeof v === 'object' && v !== null && 'richText' in v) cells.push(v.richText.map((r) => r.text).join(''));
        else if (typeof v === 'number' || typeof v === 'boolean') cells.push(String(v));
      }),
    ),
  );
  checkCells(cells, where, contains, true);
}

/** Well-formed XML (saxes throws on the first error, e.g. a control character XML 1.0 does not allow). */
function parseXml(xml: string, where: string): string {
  const parser = new SaxesParser();
  let text = '';
  parser.on('text', (t) => (text += t));
  parser.on('error', (e) => {
    throw new Error(`${where}: not well-formed XML: ${e.message}`);
  });
  parser.write(xml).close();
  return text;
}

/** Every XML part of an Office file is well-formed and carries no raw markup; returns the text of each part. */
async function checkXmlParts(bytes: Buffer, where: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const texts = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
    const xml = await zip.file(name)!.async('string');
    expect(xml, `${where}/${name}: raw markup`).not.toMatch(/<script|<img/i);
    texts.set(name, parseXml(xml, `${where}/${name}`));
  }
  return texts;
}

async function checkDocx(bytes: Buffer, where: string, contains: string[]) {
  const text = (await checkXmlParts(bytes, where)).get('word/document.xml') ?? '';
  for (const value of contains) expect(text, `${where}: contains ${JSON.stringify(value)}`).toContain(value);
}

async function checkPdf(bytes: Buffer, where: string, contains: string[]) {
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = (await pdfText(bytes)).replace(/\s+/g, '');
  for (const value of contains) expect(text, `${where}: contains ${JSON.stringify(value)}`).toContain(value.replace(/\s+/g, ''));
}

function checkMarkdown(bytes: Buffer, where: string, contains: string[]) {
  const text = bytes.toString('utf8');
  // Markdown is rendered as HTML by many viewers: markup must arrive escaped.
  expect(text, `${where}: raw markup`).not.toMatch(/<script|<img/i);
  for (const value of contains) expect(text, `${where}: contains ${JSON.stringify(value)}`).toContain(value);
}

function checkJson(bytes: Buffer, where: string, contains: string[]) {
  const strings = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(bytes.toString('utf8')));
  // JSON is safe by construction; the values must round-trip exactly (not escaped twice, not cut).
  const all = [...strings].join('\n');
  for (const value of contains) expect(strings.has(value) || all.includes(value), `${where}: contains ${JSON.stringify(value.slice(0, 60))}`).toBe(true);
  expect(all, `${where}: double-escaped markup`).not.toMatch(/&lt;script|&amp;lt;/);
}

/** Checks every file of a ZIP by its extension (audit packages, release bundles). */
async function checkZip(bytes: Buffer, where: string, contains: string[]): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const checked: string[] = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    if (!(ext in CHECKS) || ext === 'zip') continue;
    await CHECKS[ext as keyof typeof CHECKS](Buffer.from(await entry.async('uint8array')), `${where}/${name}`, []);
    checked.push(name);
  }
  expect(contains).toEqual([]);
  // The package carries generated tables and documents with the stored text: at least JSON and one document.
  expect(checked.some((n) => n.endsWith('.json')) && checked.some((n) => /\.(pdf|docx)$/.test(n)), `${where}: checked ${checked.join(', ')}`).toBe(true);
  return checked;
}

/** A Hugging Face model card: YAML front matter that parses to the values as stored (no injected key), then Markdown. */
function checkModelCard(bytes: Buffer, where: string, contains: string[]) {
  const text = bytes.toString('utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  expect(match, `${where}: front matter`).not.toBeNull();
  const front = parseYaml(match![1]!) as Record<string, unknown>;
  expect(Object.keys(front), `${where}: injected key`).not.toContain('evil');
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(front);
  const body = text.slice(match![0].length);
  expect(body, `${where}: raw markup`).not.toMatch(/<script|<img/i);
  // Line breaks in values never start a block: one heading line, no rule or setext underline, no heading from a value.
  const lines = body.split('\n');
  expect(lines.filter((l) => /^ {0,3}([-=])\1{2,}\s*$/.test(l) || /^#+ Überschrift/.test(l)), `${where}: a value started a block`).toEqual([]);
  expect(lines.filter((l) => l.startsWith('# ')).length, `${where}: one title heading`).toBe(1);
  for (const value of contains) expect(strings.includes(value) || body.includes(value.replaceAll('<', '&lt;').replaceAll('>', '&gt;')), `${where}: contains ${JSON.stringify(value)}`).toBe(true);
}

const CHECKS = { csv: checkCsv, xlsx: checkXlsx, docx: checkDocx, pdf: checkPdf, md: checkMarkdown, json: checkJson, zip: checkZip, modelcard: checkModelCard };
type Format = keyof typeof CHECKS;

/**
 * Every file export of the API (GET operations answering a file), with how to reach it here and what it must contain;
 * `notCovered` says why an export is not exercised (yet). The last test compares this list with the OpenAPI document.
 */
interface ExportCase {
  path: string;
  /** Tells apart several cases of one path in the test names. */
  label?: string;
  url?: () => string;
  formats?: { query: string; format: Format; contains?: () => string[] }[];
  notCovered?: string;
}

const hostile = (area: string, field: string) => () =>
  (stored[area] ?? []).map((r) => r[field]).filter((v): v is string => typeof v === 'string' && SHORT_PAYLOADS.some((p) => v === p.trim() || v === p));
const script = () => ['<script>alert(1)</script>'];
/** Markdown keeps the words and escapes the markup. */
const escapedScript = () => ['alert(1)', '&lt;script&gt;'];

const EXPORTS: ExportCase[] = [
  { path: '/api/bulk/systems/export', url: () => `/api/bulk/systems/export?unit=${unit}`, formats: [{ query: 'format=csv', format: 'csv', contains: hostile('systems', 'name') }, { query: 'format=xlsx', format: 'xlsx', contains: hostile('systems', 'description') }] },
  { path: '/api/bulk/risks/export', url: () => `/api/bulk/risks/export?systemId=${rootSystem.id}`, formats: [{ query: 'format=csv', format: 'csv', contains: hostile('risks', 'title') }, { query: 'format=xlsx', format: 'xlsx', contains: hostile('risks', 'description') }] },
  { path: '/api/systems/{id}/requirements/export', url: () => `/api/systems/${rootSystem.id}/requirements/export?applies=all`, formats: [{ query: 'format=csv', format: 'csv' }, { query: 'format=xlsx', format: 'xlsx' }] },
  { path: '/api/requirements/export', url: () => '/api/requirements/export?applies=all', formats: [{ query: 'format=csv', format: 'csv', contains: hostile('systems', 'name') }, { query: 'format=xlsx', format: 'xlsx', contains: hostile('systems', 'name') }] },
  {
    path: '/api/systems/{id}/risks/export',
    url: () => `/api/systems/${rootSystem.id}/risks/export`,
    formats: [
      { query: 'format=xlsx', format: 'xlsx', contains: hostile('risks', 'title') },
      { query: 'format=docx', format: 'docx', contains: script },
      { query: 'format=pdf&lang=en', format: 'pdf', contains: script },
      { query: 'format=md', format: 'md', contains: escapedScript },
    ],
  },
  {
    path: '/api/incidents/{id}/report',
    url: () => `/api/incidents/${String(stored.incidents![0]!.id)}/report?kind=complete`,
    formats: [{ query: 'format=docx', format: 'docx', contains: script }, { query: 'format=pdf', format: 'pdf', contains: script }, { query: 'format=md', format: 'md', contains: escapedScript }],
  },
  { path: '/api/systems/{id}/cyclonedx', url: () => `/api/systems/${rootSystem.id}/cyclonedx`, formats: [{ query: '', format: 'json', contains: script }] },
  { path: '/api/systems/{id}/oscal/component-definition', url: () => `/api/systems/${rootSystem.id}/oscal/component-definition?catalog=eu-ai-act`, formats: [{ query: '', format: 'json', contains: script }] },
  { path: '/api/systems/{id}/oscal/poam', url: () => `/api/systems/${rootSystem.id}/oscal/poam`, formats: [{ query: '', format: 'json', contains: hostile('nonconformities', 'rootCause') }] },
  { path: '/api/systems/{id}/audit-package', url: () => `/api/systems/${rootSystem.id}/audit-package`, formats: [{ query: 'lang=de', format: 'zip' }] },
  { path: '/api/bulk/systems/template', notCovered: 'fixed headers only, no stored text' },
  { path: '/api/bulk/risks/template', notCovered: 'fixed headers only, no stored text' },
  { path: '/api/evidence/{id}/versions/{v}/content', notCovered: 'the uploaded bytes as they are, sent as attachment with nosniff and CSP sandbox' },
  { path: '/api/training-records/{id}/certificate', notCovered: 'the uploaded certificate (PDF/PNG/JPEG) as it is, as attachment' },
  { path: '/api/lab/runs/{id}/attachments/{sha256}', notCovered: 'the raw result file as uploaded, as attachment' },
  { path: '/api/document-templates/logo', notCovered: 'an image checked by its magic bytes' },
  { path: '/api/catalogs/{id}/export', notCovered: 'catalogue texts come from catalogue files, not from the text fields of this test; XLSX goes through the same neutralising writer' },
  { path: '/api/audits/{id}/package', url: () => `/api/audits/${String(stored.audits![0]!.id)}/package`, formats: [{ query: 'lang=en', format: 'zip' }] },
  {
    path: '/api/systems/{id}/fria/export',
    url: () => `/api/systems/${friaSystem.id}/fria/export`,
    formats: [{ query: 'format=docx', format: 'docx', contains: script }, { query: 'format=pdf', format: 'pdf', contains: script }, { query: 'format=md', format: 'md', contains: escapedScript }],
  },
  { path: '/api/trainings/status/export', notCovered: 'not yet exercised (same document renderer)' },
  {
    path: '/api/qms/documents/{id}/versions/{number}/export',
    url: () => `/api/qms/documents/${String(stored.qms![0]!.id)}/versions/1/export`,
    formats: [{ query: 'format=docx', format: 'docx', contains: script }, { query: 'format=pdf', format: 'pdf', contains: script }, { query: 'format=md', format: 'md', contains: escapedScript }],
  },
  {
    path: '/api/lab/runs/{id}/report',
    url: () => `/api/lab/runs/${lab.runId}/report`,
    formats: [{ query: 'format=docx', format: 'docx', contains: script }, { query: 'format=pdf', format: 'pdf', contains: script }, { query: 'format=md', format: 'md', contains: escapedScript }],
  },
  {
    path: '/api/lab/gates/{id}/report',
    url: () => `/api/lab/gates/${lab.gateId}/report`,
    formats: [{ query: 'format=docx', format: 'docx', contains: script }, { query: 'format=pdf', format: 'pdf', contains: script }, { query: 'format=md', format: 'md', contains: escapedScript }],
  },
  {
    path: '/api/documents/{id}/versions/{number}/export',
    url: () => `/api/documents/${paper.id}/versions/1/export`,
    formats: [
      { query: 'format=docx', format: 'docx', contains: script },
      { query: 'format=pdf', format: 'pdf', contains: script },
      { query: 'format=md', format: 'md', contains: escapedScript },
      { query: 'format=json', format: 'json', contains: () => [PAYLOADS[0], ...hostile('risks', 'title')()] },
    ],
  },
  { path: '/api/documents/{id}/versions/{number}/bundle', notCovered: 'the released files as stored plus manifest JSON' },
  {
    path: '/api/management-reports/{id}/export',
    url: () => `/api/management-reports/${report.id}/export`,
    formats: [{ query: 'format=docx', format: 'docx' }, { query: 'format=pdf', format: 'pdf' }, { query: 'format=md', format: 'md' }],
  },
  { path: '/api/audits/{id}/oscal/assessment-results', url: () => `/api/audits/${String(stored.audits![0]!.id)}/oscal/assessment-results`, formats: [{ query: '', format: 'json', contains: script }] },
  { path: '/api/lab/gates/{id}/oscal/assessment-results', url: () => `/api/lab/gates/${lab.gateId}/oscal/assessment-results`, formats: [{ query: '', format: 'json', contains: script }] },
  ...['Zeile', '<script>', '=HYPERLINK'].map((start) => ({
    path: '/api/models/{id}/versions/{versionId}/model-card',
    label: `version ${JSON.stringify(start)}…`,
    url: () => {
      const n = stored.modelVersions!.findIndex((r) => String(r.label).startsWith(start));
      return `/api/models/${String(stored.models![n]!.id)}/versions/${String(stored.modelVersions![n]!.id)}/model-card`;
    },
    formats: [{ query: '', format: 'modelcard' as const, contains: () => [String(stored.modelVersions!.find((r) => String(r.label).startsWith(start))!.label)] }],
  })),
];

describe('hostile text in every text field and every export', () => {
  it('fills every free-text field of the create bodies, each typed', () => {
    for (const [method, path] of CREATE_ROUTES) {
      const untyped = Object.keys(freeTextFields(method, path)).filter((f) => !FIELD_TYPES[f]);
      expect(untyped, `${path}: free-text fields without a field type`).toEqual([]);
    }
    // Every field type is exercised, and the API kept each payload as sent (leading tab/CR included).
    expect(new Set(Object.values(FIELD_TYPES))).toEqual(new Set(['title', 'long', 'reason', 'label']));
    // The API kept each payload as sent; names and titles are trimmed (a leading tab or CR goes).
    for (const area of Object.keys(stored)) {
      const strings = storedStrings(area);
      for (const p of SHORT_PAYLOADS) expect(strings.has(p) || strings.has(p.trim()), `${area} kept ${JSON.stringify(p)}`).toBe(true);
      expect([...strings].some((v) => /^L{200,}$/.test(v)), `${area} kept the long line`).toBe(true);
    }
  });

  it('refuses a javascript: link as evidence (URLs are http/https only)', async () => {
    const reply = await user.client.post('/api/evidence/link', { systemId: rootSystem.id, title: '<script>alert(1)</script>', url: 'javascript:alert(1)' });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('url');
  });

  const covered = EXPORTS.filter((e) => e.formats);
  it.each(covered.flatMap((e) => e.formats!.map((f) => [`${e.path} ${f.query || f.format}${e.label ? ` (${e.label})` : ''}`, e, f] as const)))('%s', async (_name, e, f) => {
    const url = e.url!();
    const res = await user.client.fetch(`${url}${f.query ? (url.includes('?') ? '&' : '?') + f.query : ''}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.status, bytes.toString('utf8').slice(0, 500)).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition') ?? '').toMatch(/^attachment/);
    await CHECKS[f.format](bytes, `${e.path} ${f.query}`, f.contains?.() ?? []);
  });

  it('knows every file export of the OpenAPI document', () => {
    const files = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op || path.startsWith('/api/auth/sso/')) continue;
      const content = op.responses?.['200']?.content ?? {};
      const types = Object.keys(content);
      const binary = Object.values(content).some((c) => c.schema?.format === 'binary');
      // A file: a binary schema, a media type other than JSON, or a streamed answer without a schema.
      if (binary || types.some((c) => c !== 'application/json') || types.length === 0) files.add(path);
    }
    const known = new Set(EXPORTS.map((e) => e.path));
    expect([...files].filter((p) => !known.has(p)).sort(), 'file exports this test does not know').toEqual([]);
    expect([...known].filter((p) => !files.has(p)).sort(), 'listed exports that are no file exports').toEqual([]);
  });
});
