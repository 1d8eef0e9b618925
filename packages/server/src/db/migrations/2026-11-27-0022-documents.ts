import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A generated document (type `annex-iv`, later instructions for use, declaration of conformity, …) of an AI system
  // or a model version, in one language. Its versions are built from the records; authored text fills what the
  // records do not hold.
  await db.schema
    .createTable('document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('system_id', 'text', (c) => c.references('ai_system.id'))
    .addColumn('model_version_id', 'text')
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_system_idx').on('document').columns(['system_id', 'type']).execute();
  await db.schema.createIndex('document_unit_idx').on('document').columns(['org_unit_id']).execute();

  // Authored Markdown per section of a document (version-locked); a version freezes it with the record data.
  await db.schema
    .createTable('document_section_text')
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('section_key', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_id', 'text')
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_section_text_pk', ['document_id', 'section_key'])
    .execute();

  // Numbered versions: draft → in-review → released (→ superseded by the next release). `inputs` freezes the record
  // data and authored text the version was built from (JSON), `completeness` the section check at freezing; at
  // release the rendered files (JSON [{format, filename, sha256, size}], bytes in the object store), the signed
  // manifest and its signature are stored. Released versions never change; kept until `retain_until` (Art. 18).
  await db.schema
    .createTable('document_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('completeness', 'text', (c) => c.notNull())
    .addColumn('files', 'text')
    .addColumn('manifest', 'text')
    .addColumn('manifest_signature', 'text')
    .addColumn('key_id', 'text')
    .addColumn('signoffs', 'text', (c) => c.notNull())
    .addColumn('authors', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by_label', 'text')
    .addColumn('released_at', 'text')
    .addColumn('released_by_label', 'text')
    .addColumn('retain_until', 'text')
    .addColumn('superseded_at', 'text')
    .addUniqueConstraint('document_version_number_uq', ['document_id', 'number'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted');
}
