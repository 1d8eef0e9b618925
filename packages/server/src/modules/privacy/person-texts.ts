import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { searchText } from '../systems/presenter.js';
import { evidenceSearchText } from '../evidence/presenter.js';
import { intakeSearchText } from '../intakes/repository.js';
import { ERASED_JSON_COLUMNS, RECORD_KEYS, TEXT_COLUMNS, type TextColumn } from './person-columns.js';
import { mentionNeedles, mentionsOf, replaceInJson, replaceMentions } from './mentions.js';
import type { Person } from './person.js';

type Db = Kysely<DB> | Transaction<DB>;
// The tables are listed as data (person-columns.ts); Kysely cannot type a table name chosen at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (db: Db) => db as unknown as Kysely<any>;

/** One column's records that mention the person: how many records and mentions, their keys and audit entity ids. */
export interface TextHits {
  table: string;
  column: string;
  kind: 'text' | 'json';
  records: number;
  mentions: number;
  /** Record keys (key columns joined by ':'), as the erasure event lists them. */
  keys: string[];
  entityIds: string[];
}

export const keyColumns = (table: keyof DB): readonly string[] => RECORD_KEYS[table] ?? ['id'];
export const keyOf = (row: Record<string, unknown>, keys: readonly string[]) => keys.map((k) => String(row[k])).join(':');

/** Whether the column contains one of the needles, ignoring case (lower() on both sides: SQLite lowers ASCII only). */
function containsAny(column: string, needles: readonly string[]): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.join(needles.map((n) => sql`lower(${sql.ref(column)}) like lower(${`%${n}%`})`), sql` or `)})`;
}

/**
 * Finds, and with `apply` rewrites, the free-text columns (exact full name and e-mail mentions) and the erased JSON
 * columns (whole values and mentions) of every record that names the person. A LIKE pre-selects; the exact rules of
 * mentions.ts decide, so the preview counts what the erasure changes.
 */
export async function scanTexts(db: Db, person: Person, options: { apply: boolean; accountEmail: string }): Promise<TextHits[]> {
  const m = mentionsOf(person);
  const out: TextHits[] = [];
  const columns: (TextColumn & { kind: 'text' | 'json'; replacement?: 'account-email' })[] = [
    ...TEXT_COLUMNS.map((c) => ({ ...c, kind: 'text' as const })),
    ...ERASED_JSON_COLUMNS.map((c) => ({ ...c, kind: 'json' as const })),
  ];
  for (const col of columns) {
    const needles = mentionNeedles(person, col.kind === 'json');
    if (needles.length === 0) continue;
    const keys = keyColumns(col.table);
    const entity = col.entity ?? keys[0]!;
    let query = loose(db).selectFrom(col.table).select([...new Set([...keys, entity, col.column])]).where(containsAny(col.column, needles));
    const u = col.unsigned;
    if (u?.kind === 'null') query = query.where(u.column, 'is', null);
    if (u?.kind === 'equals') query = query.where(u.column, '=', u.value);
    if (u?.kind === 'unreferenced') query = query.where(keys[0]!, 'not in', loose(db).selectFrom(u.table).select(u.column).where(u.column, 'is not', null));
    const rows = (await query.execute()) as Record<string, unknown>[];
    const replacement = col.replacement === 'account-email' ? options.accountEmail : person.pseudonym;
    const hits: TextHits = { table: col.table, column: col.column, kind: col.kind, records: 0, mentions: 0, keys: [], entityIds: [] };
    for (const row of rows) {
      const before = String(row[col.column]);
      let after: string;
      let count: number;
      if (col.kind === 'text') {
        ({ text: after, count } = replaceMentions(before, m, replacement));
      } else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(before);
        } catch {
          continue; // not JSON: nothing this column's rule can walk
        }
        const r = replaceInJson(parsed, m, replacement);
        count = r.count;
        after = JSON.stringify(r.value);
      }
      if (count === 0) continue;
      hits.records += 1;
      hits.mentions += count;
      hits.keys.push(keyOf(row, keys));
      hits.entityIds.push(String(row[entity]));
      if (options.apply) {
        let update = loose(db).updateTable(col.table).set({ [col.column]: after });
        for (const k of keys) update = update.where(k, '=', row[k]);
        await update.execute();
      }
    }
    if (hits.records > 0) out.push(hits);
  }
  return out;
}

/** Tables whose lower-cased `search_text` is built from columns an erasure may change, with the builder each module uses. */
const SEARCH_TEXT: Partial<Record<keyof DB, (row: Record<string, string>) => string>> = {
  ai_system: (r) => searchText({ name: r.name!, shortName: r.short_name!, purpose: r.purpose!, vendor: r.vendor!, responsible: r.responsible!, tags: JSON.parse(r.tags!) as string[], description: r.description! }),
  evidence: (r) => evidenceSearchText({ title: r.title!, description: r.description!, owner: r.owner! }),
  intake: (r) => intakeSearchText({ title: r.title!, purpose: r.purpose!, target_group: r.target_group!, data_used: r.data_used!, vendor: r.vendor! }),
};

/** Rebuilds the search text of the changed records, so a search for the erased name no longer finds them. */
export async function refreshSearchText(trx: Transaction<DB>, changed: ReadonlyMap<string, ReadonlySet<string>>): Promise<void> {
  for (const [table, build] of Object.entries(SEARCH_TEXT) as [keyof DB, (row: Record<string, string>) => string][]) {
    const ids = [...(changed.get(table) ?? [])];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = (await loose(trx).selectFrom(table).selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()) as Record<string, string>[];
      for (const row of rows) {
        const next = build(row);
        if (next !== row.search_text) await loose(trx).updateTable(table).set({ search_text: next }).where('id', '=', row.id).execute();
      }
    }
  }
}
