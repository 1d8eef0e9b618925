import { sql, type Compilable, type Kysely } from 'kysely';
import type { AiSystemListQuery } from '@konform/core';
import type { DB, AiSystemTable } from '../../db/schema.js';
import type { Database } from '../../db/database.js';
import { containsText, toCount, type DialectName } from '../../db/dialect.js';
import type { UnitScope } from '../../access/scope.js';

type Db = Kysely<DB>;

const SORT_COLUMNS = {
  name: 'name',
  shortName: 'short_name',
  lifecycleStage: 'lifecycle_stage',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

export function findSystem(db: Db, id: string) {
  return db.selectFrom('ai_system').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * `units` is the unit filter already expanded to the unit and its sub-units; `levels` the classification levels the
 * reader is cleared for (null: all).
 */
export async function listSystems(database: Database, scope: UnitScope, query: AiSystemListQuery, units?: readonly string[], systemIds: readonly string[] | null = null, levels: readonly string[] | null = null) {
  const queries = listQueries(database, scope, query, units, systemIds, levels);
  if (!queries) return { rows: [], total: 0 };
  // Both read aside (on SQLite on the reader thread): a filtered page may walk many rows in sort order, tens of
  // milliseconds the event loop would otherwise be blocked. A text search goes through its trigram index (readSearch).
  const searching = query.q !== undefined && trigramSearchable(query.q);
  const read = <R>(q: Compilable<R>) => (searching ? database.readSearch(q) : database.readAside(q));
  const [rows, [count]] = await Promise.all([read(queries.page), read(queries.count)]);
  return { rows, total: toCount(count?.n) };
}

/** The list's two statements: the page's rows and the count of all matches. Null when nothing can match. */
export function listQueries(database: Database, scope: UnitScope, query: AiSystemListQuery, units?: readonly string[], systemIds: readonly string[] | null = null, levels: readonly string[] | null = null) {
  const { db, dialect } = database;
  const [forCount, forPage] = [filtered(db, 'count', dialect, scope, query, units, systemIds, levels), filtered(db, 'page', dialect, scope, query, units, systemIds, levels)];
  if (!forCount || !forPage) return null;
  const direction = query.sort.startsWith('-') ? 'desc' : 'asc';
  const column = SORT_COLUMNS[query.sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
  // The tie-breaker runs in the same direction, so one index on (column, id) serves the whole ORDER BY.
  // Page over ids first (index-only), then load only the page's rows: a deep offset stays cheap.
  const ids = forPage.select('id').orderBy(column, direction).orderBy('id', direction).limit(query.limit).offset(query.offset);
  return {
    page: db.selectFrom('ai_system').selectAll().where('id', 'in', ids).orderBy(column, direction).orderBy('id', direction),
    count: forCount.select((eb) => eb.fn.countAll().as('n')),
  };
}

/**
 * The list's filters, for its count or for its page. The count is served by the live-filter index (migration 0036)
 * alone. For the page, SQLite would pick that index too, by its leading column, the need-to-know level (it takes any
 * equality on an indexed column as selective, though there are at most three levels), and then sort every live row.
 * So on SQLite the page writes the level as `+classification`, which SQLite does not use for an index: the page walks
 * the sort-order index and stops after the page, or takes the index of a selective filter, as before the count
 * index existed. PostgreSQL plans from its statistics. Null when nothing can match.
 */
function filtered(db: Db, purpose: 'count' | 'page', dialect: DialectName, scope: UnitScope, query: AiSystemListQuery, units?: readonly string[], systemIds: readonly string[] | null = null, levels: readonly string[] | null = null) {
  const scan = purpose === 'count' && dialect === 'sqlite' && searchesAll(scope, query, units, systemIds);
  const unindexed = (column: 'classification' | 'archived_at') => (purpose === 'page' && column === 'classification') || scan ? sql<string>`+${sql.ref(column)}` : sql<string>`${sql.ref(column)}`;
  const level = dialect === 'sqlite' ? unindexed('classification') : sql<string>`${sql.ref('classification')}`;
  const archivedAt = dialect === 'sqlite' ? unindexed('archived_at') : sql<string | null>`${sql.ref('archived_at')}`;
  let base = db.selectFrom('ai_system');
  // Need-to-know: classified systems stay out of the lists of readers not cleared for them.
  if (levels) base = base.where(level, 'in', [...levels]);
  // An API token limited to AI systems lists only those.
  if (systemIds) {
    if (systemIds.length === 0) return null;
    base = base.where('id', 'in', [...systemIds]);
  }
  if (scope !== 'all') {
    if (scope.size === 0) return null;
    base = base.where('org_unit_id', 'in', [...scope]);
  }
  if (query.archived === 'false') base = base.where(archivedAt, 'is', null);
  if (query.archived === 'true') base = base.where(archivedAt, 'is not', null);
  if (units) base = units.length === 1 ? base.where('org_unit_id', '=', units[0]!) : base.where('org_unit_id', 'in', units);
  if (query.stage) base = base.where('lifecycle_stage', '=', query.stage);
  // roles is a JSON array of fixed words, so a quoted substring match is exact.
  if (query.role) base = base.where('roles', 'like', `%"${query.role}"%`);
  if (query.riskClass) base = base.where('risk_class', '=', query.riskClass);
  if (query.classification === 'unapproved') base = base.where('classification_status', '!=', 'approved');
  else if (query.classification) base = base.where('classification_status', '=', query.classification);
  if (query.q) {
    const q = query.q;
    base = base.where(() => (dialect === 'sqlite' && trigramSearchable(q) ? inSearchIndex(q) : containsText(sql.ref('search_text'), q)));
  }
  return base;
}

/**
 * The trigram index (migration 0037) finds terms of three or more characters. PostgreSQL's planner uses it for the
 * `like` of containsText by itself (through Database.readSearch); on SQLite the FTS5 table is asked for the systems
 * whose search text contains the term as a phrase of its trigrams, which is a substring match.
 */
export function trigramSearchable(term: string): boolean {
  return [...term.toLocaleLowerCase('de')].length >= 3;
}

function inSearchIndex(term: string) {
  const phrase = `"${term.toLocaleLowerCase('de').replace(/"/g, '""')}"`;
  return sql<boolean>`ai_system.rowid in (select rowid from ai_system_search where ai_system_search match ${phrase})`;
}

/**
 * Whether a text search's count looks at (nearly) every live system: a term too short for the trigram index, and no
 * unit, token or other column narrows it. Then
 * on SQLite the count reads the table front to back, which costs about half of walking the live-filter index and
 * looking each row up for its search text (3.6 against 6.4 ms over 10,000 systems), so its columns are written as
 * `+column` (SQLite uses no index for them). A narrowing filter keeps its index: looking up its few rows is cheaper.
 */
function searchesAll(scope: UnitScope, query: AiSystemListQuery, units: readonly string[] | undefined, systemIds: readonly string[] | null): boolean {
  return Boolean(query.q) && !trigramSearchable(query.q!) && scope === 'all' && !units && !systemIds && !query.stage && !query.role && !query.riskClass && !query.classification;
}

/** On PostgreSQL the row stays locked until the transaction ends, so concurrent writers of its children queue. */
export function findSystemForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('ai_system').selectAll().where('id', '=', id).$if(dialect === 'postgres', (qb) => qb.forUpdate()).executeTakeFirst();
}

/** The denormalised classification columns of the portfolio view; the system's version is left alone. */
export async function setSystemClassification(db: Db, id: string, values: { risk_class?: string | null; classification_status: string }) {
  await db.updateTable('ai_system').set(values).where('id', '=', id).execute();
}

export async function insertSystem(db: Db, row: AiSystemTable) {
  await db.insertInto('ai_system').values(row).execute();
}

/** Optimistic locking: the row changes only if nobody changed it since `expectedVersion`. */
export async function updateSystemRow(db: Db, id: string, expectedVersion: number, values: Partial<AiSystemTable>) {
  const result = await db.updateTable('ai_system').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
