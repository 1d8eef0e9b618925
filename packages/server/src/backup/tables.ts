// What a backup walks: the application's tables, their primary keys and foreign keys, read from the database's own
// catalogue so that a table added by a later migration is backed up without anyone remembering to list it.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DialectName } from '../db/dialect.js';

export interface TableInfo {
  name: string;
  primaryKey: string[];
  /** Foreign keys: this table's column → the referenced table. */
  references: { column: string; table: string }[];
}

/** Transient or rebuilt state that a restore does not bring back: sign-in sessions and throttling records. */
export const SKIPPED_TABLES = new Set(['session', 'login_failure', 'account_lockout', 'kysely_migration', 'kysely_migration_lock']);

type Db = Kysely<DB> | Transaction<DB>;

export async function describeTables(db: Db, dialect: DialectName): Promise<TableInfo[]> {
  return dialect === 'postgres' ? describePostgres(db) : describeSqlite(db);
}

async function describeSqlite(db: Db): Promise<TableInfo[]> {
  // Ordinary tables only: a full-text index (a virtual table and its shadow tables, migration 0037) is rebuilt by its
  // triggers from the rows of the table it indexes.
  const tables = await sql<{ name: string }>`select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  const result: TableInfo[] = [];
  for (const { name } of tables.rows) {
    const columns = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${name})`.execute(db);
    const fks = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(db);
    result.push({
      name,
      primaryKey: columns.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      references: fks.rows.map((f) => ({ column: f.from, table: f.table })),
    });
  }
  return result;
}

async function describePostgres(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const keys = await sql<{ table: string; column: string; kind: string; target: string | null; position: number }>`
    select tc.table_name as "table", kcu.column_name as "column", tc.constraint_type as kind,
           ccu.table_name as target, kcu.ordinal_position as position
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_name = tc.constraint_name and kcu.constraint_schema = tc.constraint_schema
    left join information_schema.constraint_column_usage ccu
      on tc.constraint_type = 'FOREIGN KEY' and ccu.constraint_name = tc.constraint_name and ccu.constraint_schema = tc.constraint_schema
    where tc.table_schema = current_schema() and tc.constraint_type in ('PRIMARY KEY', 'FOREIGN KEY')
    order by tc.table_name, kcu.ordinal_position`.execute(db);
  return tables.rows.map(({ name }) => ({
    name,
    primaryKey: keys.rows.filter((k) => k.table === name && k.kind === 'PRIMARY KEY').map((k) => k.column),
    references: keys.rows.filter((k) => k.table === name && k.kind === 'FOREIGN KEY' && k.target !== null).map((k) => ({ column: k.column, table: k.target! })),
  }));
}

/**
 * Tables in an order in which every referenced table comes before the tables that reference it (self-references
 * are ordered row by row when loading). A cycle between tables would make a restore impossible, so it is an error.
 */
export function loadOrder(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: TableInfo, path: string[]) => {
    const seen = state.get(table.name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`Foreign keys form a cycle: ${[...path, table.name].join(' → ')}`);
    state.set(table.name, 'visiting');
    for (const ref of table.references) {
      const target = byName.get(ref.table);
      if (target && target.name !== table.name) visit(target, [...path, table.name]);
    }
    state.set(table.name, 'done');
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table, []);
  return ordered;
}

/** Rows of a table that references itself (a unit's parent unit), parents first. */
export function parentsFirst(rows: Record<string, unknown>[], table: TableInfo): Record<string, unknown>[] {
  const self = table.references.filter((r) => r.table === table.name);
  if (self.length === 0 || table.primaryKey.length !== 1) return rows;
  const key = table.primaryKey[0]!;
  const idOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);
  const byId = new Map(rows.map((r) => [idOf(r[key]), r]));
  const placed = new Set<string>();
  const out: Record<string, unknown>[] = [];
  const place = (row: Record<string, unknown>, depth: number) => {
    const id = idOf(row[key]) ?? '';
    if (placed.has(id) || depth > rows.length) return;
    for (const ref of self) {
      const parent = byId.get(idOf(row[ref.column]));
      if (parent) place(parent, depth + 1);
    }
    placed.add(id);
    out.push(row);
  };
  for (const row of rows) place(row, 0);
  return out;
}
