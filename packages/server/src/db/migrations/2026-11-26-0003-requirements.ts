import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Internal catalogues imported by users; the latest imported_at of a catalogue id is its current version.
  await db.schema
    .createTable('catalog_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('yaml', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by_id', 'text')
    .addColumn('imported_by_label', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalog_version_catalog_version_uq', ['catalog_id', 'version'])
    .execute();
  await db.schema.createIndex('catalog_version_imported_idx').on('catalog_version').columns(['catalog_id', 'imported_at']).execute();

  // One row of a system's compliance matrix, stored once someone changes it; a missing row means status open.
  await db.schema
    .createTable('requirement_row')
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('requirement_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('due_date', 'text')
    .addColumn('justification', 'text')
    .addColumn('implemented_by', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('requirement_row_pk', ['system_id', 'requirement_key'])
    .execute();

  // Measures of the measures catalogue applied to a system.
  await db.schema
    .createTable('system_measure')
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('measure_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('applied_by_id', 'text')
    .addColumn('applied_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('system_measure_pk', ['system_id', 'measure_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The requirements migration cannot be reverted');
}
