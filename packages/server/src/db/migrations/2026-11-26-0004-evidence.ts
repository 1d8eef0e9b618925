import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Evidence belongs to an AI system (whose unit decides who sees it). Files have versions; links have a url.
  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_system_idx').on('evidence').columns(['system_id', 'updated_at']).execute();

  // Versions are never changed or deleted; the content is stored under its SHA-256.
  await db.schema
    .createTable('evidence_version')
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_by_label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_version_pk', ['evidence_id', 'number'])
    .execute();
  await db.schema.createIndex('evidence_version_sha256_idx').on('evidence_version').column('sha256').execute();

  // Where evidence is used: a system, optionally one requirement row (catalogId:requirementId) or one measure.
  await db.schema
    .createTable('evidence_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id'))
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('requirement_key', 'text')
    .addColumn('measure_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_link_evidence_idx').on('evidence_link').columns(['evidence_id', 'created_at']).execute();
  await db.schema.createIndex('evidence_link_system_idx').on('evidence_link').columns(['system_id', 'requirement_key']).execute();
  await db.schema.createIndex('evidence_link_measure_idx').on('evidence_link').columns(['system_id', 'measure_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The evidence migration cannot be reverted');
}
