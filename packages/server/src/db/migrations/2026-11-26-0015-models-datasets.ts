import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The lab's test items: models and datasets (of a unit), their versions identified by a manifest of file digests.
  for (const table of ['model', 'dataset']) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('licence', 'text', (c) => c.notNull())
      .addColumn('gpai', 'integer', (c) => c.notNull()) // 0/1; always 0 for datasets
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('created_by_label', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${table}_unit_idx`).on(table).columns(['org_unit_id', 'name']).execute();

    // A version never changes its files or facts (only notes); custody_state mirrors the last custody event.
    let version = db.schema
      .createTable(`${table}_version`)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull().references(`${table}.id`))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('licence', 'text', (c) => c.notNull())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('manifest', 'text', (c) => c.notNull()) // JSON [{path, sha256, size?}], canonical order
      .addColumn('manifest_digest', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('custody_state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('created_by_label', 'text', (c) => c.notNull());
    if (table === 'dataset') version = version.addColumn('datasheet', 'text', (c) => c.notNull()); // JSON Datasheet
    await version.execute();
    await db.schema.createIndex(`${table}_version_label_idx`).on(`${table}_version`).columns(['item_id', 'label']).unique().execute();
    await db.schema.createIndex(`${table}_version_digest_idx`).on(`${table}_version`).columns(['manifest_digest']).execute();
  }

  // The chain of custody of a model or dataset version (append-only).
  await db.schema
    .createTable('custody_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_type', 'text', (c) => c.notNull()) // model | dataset
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('custody_event_version_idx').on('custody_event').columns(['version_id', 'seq']).unique().execute();

  // Which model and dataset versions an AI system uses, and how; the header carries the list's optimistic version.
  await db.schema
    .createTable('system_item_set')
    .addColumn('system_id', 'text', (c) => c.primaryKey().references('ai_system.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('system_item_link')
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('system_item_link_pk', ['system_id', 'item_type', 'version_id', 'role'])
    .execute();
  await db.schema.createIndex('system_item_link_version_idx').on('system_item_link').columns(['version_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The models and datasets migration cannot be reverted');
}
