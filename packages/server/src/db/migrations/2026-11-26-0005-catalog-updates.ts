import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A stored catalogue version is proposed until someone decides: active (accepted), superseded or discarded.
  // Versions imported before this migration were active on import: the newest per catalogue stays active.
  await db.schema.alterTable('catalog_version').addColumn('state', 'text', (c) => c.notNull().defaultTo('superseded')).execute();
  await db.schema.alterTable('catalog_version').addColumn('format', 'text', (c) => c.notNull().defaultTo('konform-yaml')).execute();
  await db.schema.alterTable('catalog_version').addColumn('file_name', 'text').execute();
  await db.schema.alterTable('catalog_version').addColumn('file_sha256', 'text').execute();
  // JSON of the measures and mapping sets the same file brought (CISO Assistant), null when none.
  await db.schema.alterTable('catalog_version').addColumn('extras', 'text').execute();
  await db.schema.alterTable('catalog_version').addColumn('decided_at', 'text').execute();
  await db.schema.alterTable('catalog_version').addColumn('decided_by_id', 'text').execute();
  await db.schema.alterTable('catalog_version').addColumn('decided_by_label', 'text').execute();
  const versions = await db.selectFrom('catalog_version').select(['id', 'catalog_id', 'imported_at']).orderBy('imported_at', 'desc').orderBy('id', 'desc').execute();
  const seen = new Set<string>();
  for (const v of versions as { id: string; catalog_id: string; imported_at: string }[]) {
    if (seen.has(v.catalog_id)) continue;
    seen.add(v.catalog_id);
    await db.updateTable('catalog_version').set({ state: 'active', decided_at: v.imported_at }).where('id', '=', v.id).execute();
  }
  await db.schema.createIndex('catalog_version_state_idx').on('catalog_version').columns(['state', 'catalog_id']).execute();

  // A matrix row whose requirement left its catalogue is kept read-only: when, by which version, and what it was.
  await db.schema.alterTable('requirement_row').addColumn('retired_at', 'text').execute();
  await db.schema.alterTable('requirement_row').addColumn('retired_in_version', 'text').execute();
  await db.schema.alterTable('requirement_row').addColumn('retired_snapshot', 'text').execute();

  // Installation-wide settings decided in the application (e.g. the AI Act text whose dates apply).
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The catalogue updates migration cannot be reverted');
}
