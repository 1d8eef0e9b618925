import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.

/** The status columns of requirement_count, one per requirement-row status. */
const COLUMNS = [
  ['n_open', 'open'],
  ['n_in_progress', 'in-progress'],
  ['n_implemented', 'implemented'],
  ['n_verified', 'verified'],
  ['n_not_applicable', 'not-applicable'],
] as const;

/** `1` when the row `ref` (new/old) has the column's status, else `0`. */
const hit = (ref: string, status: string) => `case when ${ref}.status = '${status}' then 1 else 0 end`;
const names = COLUMNS.map(([c]) => c).join(', ');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The leadership dashboard (#9) counts current requirement rows by status per catalogue, per unit and per system.
  // Counting some 300,000 rows on every first request took seconds; these counts per system and catalogue are kept
  // by database triggers in the same statement (and so the same transaction) as every insert, update and delete of a
  // requirement row, whoever writes it. Retired rows are not counted. The catalogue is the key's part before ':'.
  const postgres = db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
  // On SQLite without rowid: the counts of one system lie together, in key order (a clustered table).
  await db.schema
    .createTable('requirement_count')
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id').onDelete('cascade'))
    .addColumn('catalog_id', 'text', (c) => c.notNull())
    .addColumn('n_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n_in_progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n_implemented', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n_not_applicable', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('requirement_count_pk', ['system_id', 'catalog_id'])
    .$call((t) => (postgres ? t : t.modifyEnd(sql`without rowid`)))
    .execute();

  // The dashboard reads a few short columns of every system (reach, clearance, class, stage); this index holds them, so
  // counting and joining never reads the long system rows (descriptions, purposes) from the table.
  await db.schema
    .createIndex('ai_system_dashboard_idx')
    .on('ai_system')
    .columns(['id', 'archived_at', 'org_unit_id', 'classification', 'risk_class', 'lifecycle_stage', 'classification_status'])
    .execute();
  // Open high risks: the risk's state and levels without reading the risk texts.
  await db.schema.createIndex('risk_dashboard_idx').on('risk').columns(['status', 'system_id', 'inherent_level', 'residual_level']).execute();

  const catalog = (ref: string) => (postgres ? `split_part(${ref}.requirement_key, ':', 1)` : `substr(${ref}.requirement_key, 1, instr(${ref}.requirement_key, ':') - 1)`);
  // Adds the row `ref` to its counts; `when`: a condition on the trigger row (SQLite's statements have no `if`).
  const add = (ref: string, when = 'true') =>
    `insert into requirement_count (system_id, catalog_id, ${names}) select ${ref}.system_id, ${catalog(ref)}, ${COLUMNS.map(([, s]) => hit(ref, s)).join(', ')}
     where ${when} on conflict (system_id, catalog_id) do update set ${COLUMNS.map(([c]) => `${c} = requirement_count.${c} + excluded.${c}`).join(', ')}`;
  const subtract = (ref: string) =>
    `update requirement_count set ${COLUMNS.map(([c, s]) => `${c} = ${c} - ${hit(ref, s)}`).join(', ')}
     where system_id = ${ref}.system_id and catalog_id = ${catalog(ref)}`;

  await sql
    .raw(
      `insert into requirement_count (system_id, catalog_id, ${names})
       select r.system_id, ${catalog('r')}, ${COLUMNS.map(([, s]) => `sum(${hit('r', s)})`).join(', ')}
       from requirement_row r where r.retired_at is null group by r.system_id, ${catalog('r')}`,
    )
    .execute(db);

  const watched = 'system_id, requirement_key, status, retired_at';
  if (postgres) {
    await sql
      .raw(
        `create function requirement_count_apply() returns trigger language plpgsql as $$
         begin
           if tg_op <> 'INSERT' then
             if old.retired_at is null then ${subtract('old')}; end if;
           end if;
           if tg_op <> 'DELETE' then
             if new.retired_at is null then ${add('new')}; end if;
           end if;
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(`create trigger requirement_count_change after insert or delete or update of ${watched} on requirement_row for each row execute function requirement_count_apply()`)
      .execute(db);
    return;
  }
  // SQLite: a trigger body is plain statements; `where` on the trigger row decides whether a statement counts.
  await sql.raw(`create trigger requirement_count_insert after insert on requirement_row when new.retired_at is null begin ${add('new')}; end`).execute(db);
  await sql.raw(`create trigger requirement_count_delete after delete on requirement_row when old.retired_at is null begin ${subtract('old')}; end`).execute(db);
  await sql
    .raw(
      `create trigger requirement_count_update after update of ${watched} on requirement_row begin
         ${subtract('old')} and old.retired_at is null;
         ${add('new', 'new.retired_at is null')};
       end`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The dashboard counts migration cannot be reverted');
}
