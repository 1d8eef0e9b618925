import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The organisation's template per document type and language (JSON: section order, headings, guidance,
  // introductions, title-page lines), version-locked. No row: the type prints its defaults.
  await db.schema
    .createTable('document_template')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_template_pk', ['type', 'locale'])
    .execute();

  // Logos by content hash (PNG or JPEG, base64). Rows are never deleted: versions frozen with a logo keep finding
  // its bytes after it was replaced or removed. `current` = 1 marks the logo new documents print.
  await db.schema
    .createTable('document_logo')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('current', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_label', 'text', (c) => c.notNull())
    .execute();

  // The template a version was built with (JSON {template, logo: {sha256, mediaType}}), frozen with its inputs;
  // null for versions built before templates existed (they render with the defaults, as they always did).
  await db.schema.alterTable('document_version').addColumn('template', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted');
}
