// Erasure finds a person through a list of columns (person-columns.ts). A table added later with a `*_label` or owner
// column, a JSON column or a free-text column would keep the person's name after an erasure unless it is listed: these
// tests read the real schema and fail for every such column that is neither erased nor left alone on purpose.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_COLUMNS, LABEL_COLUMNS, NAME_COLUMNS, TEXT_COLUMNS, TEXT_COLUMNS_LEFT } from '../../src/modules/privacy/person-columns.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** Columns that name a person and stay after an erasure, each with the reason. */
const KEPT: Record<string, string> = {
  'signature.signer_label': 'an electronic signature must name its signer (DSGVO Art. 17(3)(b), (e))',
  'risk_acceptance.signer_label': 'a signed risk acceptance',
  'conformity_step.signed_by_label': 'a signed conformity step',
  'audit_event.actor_label': 'redacted through the audit chain (audit/redaction.ts), not by column',
};

/** Columns whose name says they hold a person, but which hold something else. */
const NOT_A_PERSON: Record<string, string> = {};

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

/**
 * The schema's tables with their columns. On SQLite not the full-text index (a virtual table and its shadow tables,
 * migration 0037): it stores no text of its own but indexes ai_system.search_text, and its triggers follow every
 * rewrite of that column.
 */
async function schemaTables() {
  const tables = await db.database.db.introspection.getTables();
  if (db.database.dialect !== 'sqlite') return tables;
  const { rows } = await sql<{ name: string }>`select name from pragma_table_list where schema = 'main' and type in ('virtual', 'shadow')`.execute(db.database.db);
  const index = new Set(rows.map((r) => r.name));
  expect(index.has('ai_system_search')).toBe(true);
  return tables.filter((t) => !index.has(t.name));
}

describe('columns that name a person', () => {
  it('are all erased or kept on purpose', async () => {
    const listed = new Set([...LABEL_COLUMNS.map(([t, c]) => `${t}.${c}`), ...NAME_COLUMNS.map(([t, c]) => `${t}.${c}`)]);
    const tables = await schemaTables();
    const personal = tables.flatMap((t) => t.columns.filter((c) => /(_label|^responsible|^owner|^contact_person)$/.test(c.name)).map((c) => `${t.name}.${c.name}`));
    expect(personal.length).toBeGreaterThan(50); // the schema was read, or the test proves nothing
    const forgotten = personal.filter((c) => !listed.has(c) && !(c in KEPT) && !(c in NOT_A_PERSON)).sort();
    expect(forgotten).toEqual([]);
    // And nothing listed that the schema does not have (a renamed column would silently stop being erased).
    const all = new Set(tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)));
    expect([...listed, ...Object.keys(KEPT)].filter((c) => !all.has(c)).sort()).toEqual([]);
  });
});

/**
 * The JSON columns the table types document (a field whose own comment says JSON), read from the schema source: the
 * database only knows them as text. Answers `table.column` for each, through the table names of the DB interface.
 */
function documentedJsonColumns(): string[] {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/db');
  const source = readdirSync(dir).filter((f) => /^schema.*\.ts$/.test(f)).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
  const tablesOf = new Map<string, string[]>();
  const db = /export interface DB \{([\s\S]*?)\n\}/.exec(source)![1]!;
  for (const [, table, type] of db.matchAll(/^\s*(\w+): (\w+);/gm)) tablesOf.set(type!, [...(tablesOf.get(type!) ?? []), table!]);
  const fields = new Map<string, string[]>();
  const parents = new Map<string, string>();
  for (const [, name, parent, body] of source.matchAll(/export interface (\w+)(?: extends (\w+))? \{([\s\S]*?)\n\}/g)) {
    if (parent) parents.set(name!, parent);
    const json: string[] = [];
    const lines = body!.split('\n');
    lines.forEach((line, i) => {
      const field = /^\s*(\w+)\??:/.exec(line)?.[1];
      if (!field) return;
      const comment = line.split('//')[1] ?? '';
      const doc = i > 0 && /\*\/\s*$/.test(lines[i - 1]!) ? lines[i - 1]! : '';
      if (/JSON/.test(comment) || /JSON/.test(doc)) json.push(field);
    });
    fields.set(name!, json);
  }
  const all = (type: string): string[] => [...(fields.get(type) ?? []), ...(parents.has(type) ? all(parents.get(type)!) : [])];
  return [...tablesOf].flatMap(([type, tables]) => tables.flatMap((t) => all(type).map((c) => `${t}.${c}`)));
}

describe('JSON and free-text columns', () => {
  it('every documented JSON column has a decision: erased, kept on purpose, or holding no person', async () => {
    const documented = documentedJsonColumns();
    expect(documented.length).toBeGreaterThan(40); // the schema source was read
    expect(documented).toEqual(expect.arrayContaining(['document_version.inputs', 'nonconformity.actions', 'dataset_version.datasheet']));
    expect(documented.filter((c) => !(c in JSON_COLUMNS)).sort()).toEqual([]);
    // Every decision names a real column, and a signed column is never erased where it is signed.
    const tables = await schemaTables();
    const all = new Set(tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)));
    expect(Object.keys(JSON_COLUMNS).filter((c) => !all.has(c)).sort()).toEqual([]);
    expect(TEXT_COLUMNS.map((c) => `${c.table}.${c.column}`).filter((c) => !all.has(c)).sort()).toEqual([]);
    for (const c of [...TEXT_COLUMNS, ...Object.values(JSON_COLUMNS)]) {
      const u = 'unsigned' in c ? c.unsigned : undefined;
      if (u && u.kind !== 'unreferenced') expect([...all].some((x) => x.endsWith(`.${u.column}`))).toBe(true);
    }
    expect(Object.keys(KEPT).filter((k) => k in JSON_COLUMNS)).toEqual([]);
  });
});

/**
 * Column names that mark prose a user types (descriptions, notes, reasons, report texts …), found in the schema. A
 * new column named like this needs a decision: rewritten (TEXT_COLUMNS) or left alone with a reason (TEXT_COLUMNS_LEFT).
 */
const FREE_TEXT = new RegExp([
  '^(description|notes?|comments?|reason|justification|rationale|summary|objective|details|answer|harm|root_cause|conditions|deviations)$',
  '^(report|markdown|content|text|purpose|observed|deployment_context|affected_persons|affected_groups|target_group|data_used)$',
  '_(reason|note|text)$', '^body_',
].join('|'));

describe('free-text columns', () => {
  it('every free-text column is rewritten or left alone with a reason', async () => {
    const tables = await schemaTables();
    const json = new Set(documentedJsonColumns()); // decided in JSON_COLUMNS
    const free = tables.flatMap((t) => t.columns.filter((c) => FREE_TEXT.test(c.name)).map((c) => `${t.name}.${c.name}`)).filter((c) => !json.has(c));
    expect(free.length).toBeGreaterThan(60); // the schema was read, or the test proves nothing
    expect(free).toEqual(expect.arrayContaining(['ai_system.description', 'risk.description', 'signature.comment']));
    const rewritten = new Set(TEXT_COLUMNS.map((c) => `${c.table}.${c.column}`));
    expect(free.filter((c) => !rewritten.has(c) && !(c in TEXT_COLUMNS_LEFT)).sort()).toEqual([]);
    // Every column left alone exists, and is not rewritten after all.
    const all = new Set(tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)));
    expect(Object.keys(TEXT_COLUMNS_LEFT).filter((c) => !all.has(c) || rewritten.has(c)).sort()).toEqual([]);
  });
});
