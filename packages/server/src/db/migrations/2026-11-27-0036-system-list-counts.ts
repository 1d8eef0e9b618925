import { sql, type Kysely } from 'kysely';

// Frozen once landed: never edit after it has landed; add a new migration instead.
// The inventory list counts the live systems matching its filters on every page. Without an index over the filter
// columns the count reads every live system's row (wide: descriptions, search text), which made it the costliest
// statement of the load benchmark (issue #12). This partial index holds exactly the live rows and every filter column
// but the text search, so such a count reads the index alone. The page query keeps walking the sort-order indexes of
// migration 0001: on SQLite the list's repository marks the unselective filter columns so the planner does not pick
// this index for the page and sort every row (systems/repository.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('ai_system_live_filter_idx')
    .on('ai_system')
    .columns(['classification', 'lifecycle_stage', 'risk_class', 'classification_status', 'org_unit_id', 'roles'])
    .where(sql.ref('archived_at'), 'is', null)
    .execute();
}
