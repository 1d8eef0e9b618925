import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A management report (#9 point 6): the leadership dashboard of a unit (or of every unit) as it was when generated;
  // `snapshot` holds the figures as JSON, so the report renders identically later.
  await db.schema
    .createTable('management_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('org_unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('org_unit_name', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('generated_by_id', 'text')
    .addColumn('generated_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('management_report_unit_idx').on('management_report').columns(['org_unit_id', 'generated_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The management reports migration cannot be reverted');
}
