import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The portfolio view: the latest classification's risk class and state, kept in sync by the classification service.
  // SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('ai_system').addColumn('risk_class', 'text').execute();
  await db.schema.alterTable('ai_system').addColumn('classification_status', 'text', (c) => c.notNull().defaultTo('none')).execute();
  await db.schema.createIndex('ai_system_risk_class_idx').on('ai_system').columns(['risk_class', 'archived_at']).execute();
  await db.schema.createIndex('ai_system_classification_status_idx').on('ai_system').columns(['classification_status', 'archived_at']).execute();

  await db.schema
    .createTable('intake')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('target_group', 'text', (c) => c.notNull())
    .addColumn('data_used', 'text', (c) => c.notNull())
    .addColumn('sourcing', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('planned_date', 'text')
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_by_id', 'text')
    .addColumn('submitted_by_label', 'text', (c) => c.notNull())
    .addColumn('system_id', 'text', (c) => c.references('ai_system.id'))
    .addColumn('decline_reason', 'text')
    .addColumn('decided_by_id', 'text')
    .addColumn('decided_by_label', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intake_status_idx').on('intake').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('intake_unit_idx').on('intake').columns(['org_unit_id', 'created_at']).execute();
  await db.schema.createIndex('intake_submitter_idx').on('intake').columns(['submitted_by_id', 'created_at']).execute();

  await db.schema
    .createTable('advice_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('intake_id', 'text', (c) => c.references('intake.id'))
    .addColumn('system_id', 'text', (c) => c.references('ai_system.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advice_entry_intake_idx').on('advice_entry').columns(['intake_id', 'created_at']).execute();
  await db.schema.createIndex('advice_entry_system_idx').on('advice_entry').columns(['system_id', 'created_at']).execute();

  await db.schema
    .createTable('classification_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('risk_class', 'text', (c) => c.notNull())
    .addColumn('decided_by_id', 'text')
    .addColumn('decided_by_label', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('state_hash', 'text', (c) => c.notNull())
    .addColumn('approval_signature_id', 'text')
    .addUniqueConstraint('classification_revision_system_number_uq', ['system_id', 'number'])
    .execute();

  // Signatures are never changed or deleted; the signed record is named by type and id.
  await db.schema
    .createTable('signature')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('meaning', 'text', (c) => c.notNull())
    .addColumn('signer_id', 'text')
    .addColumn('signer_label', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('state_hash', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('signature_entity_idx').on('signature').columns(['entity_type', 'entity_id', 'signed_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The intake and classification migration cannot be reverted');
}
