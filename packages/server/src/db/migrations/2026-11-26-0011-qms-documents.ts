import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A document of the AI management system (policy, objectives, procedure, management review, record, other) with
  // its owner, review cycle and what it covers (Art. 17(1) elements, ISO/IEC 42001 clauses as requirement keys, JSON).
  // The released_*, next_review and working_* columns mirror the document's versions, so lists and the reminder
  // sweep filter in SQL; search_text holds the lower-cased title.
  await db.schema
    .createTable('qms_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('review_months', 'integer', (c) => c.notNull())
    .addColumn('art17_elements', 'text', (c) => c.notNull())
    .addColumn('iso_clauses', 'text', (c) => c.notNull())
    .addColumn('released_number', 'integer')
    .addColumn('released_at', 'text')
    .addColumn('next_review', 'text')
    .addColumn('working_number', 'integer')
    .addColumn('working_state', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('qms_document_unit_idx').on('qms_document').columns(['org_unit_id', 'kind']).execute();
  await db.schema.createIndex('qms_document_owner_idx').on('qms_document').columns(['owner_id']).execute();
  await db.schema.createIndex('qms_document_review_idx').on('qms_document').columns(['next_review']).execute();

  // Numbered versions of a document: Markdown content and a change note; draft → in-review → released (a signature,
  // four eyes: `authors` may not approve) → superseded. `snapshot` freezes the document's data at submission, so a
  // released version and its export never change.
  await db.schema
    .createTable('qms_document_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('qms_document.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text')
    .addColumn('authors', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by_label', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('signature_id', 'text')
    .addColumn('released_by_label', 'text')
    .addColumn('released_at', 'text')
    .addColumn('next_review', 'text')
    .addColumn('superseded_at', 'text')
    .addUniqueConstraint('qms_document_version_number_uq', ['document_id', 'number'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The QMS documents migration cannot be reverted');
}
