import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The fundamental rights impact assessment (Art. 27) of a system, in numbered versions: a draft is written, approved
  // with four eyes (a signature), and a later change starts a new draft. `sources` keeps a hash of the record data each
  // element was written from, so a change there flags the element for update.
  await db.schema
    .createTable('fria_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('authors', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signature_id', 'text')
    .addColumn('approved_by_label', 'text')
    .addColumn('approved_at', 'text')
    .addUniqueConstraint('fria_version_system_number_uq', ['system_id', 'number'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The FRIA migration cannot be reverted');
}
