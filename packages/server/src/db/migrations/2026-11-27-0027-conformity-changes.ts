import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A conformity assessment (Art. 43) of a high-risk AI system: internal control (Annex VI) as signed steps, or the
  // tracking of an assessment by a notified body / market surveillance authority (Annex VII) up to its certificate.
  // After completion: the EU declaration of conformity (a document), CE marking and EU database registration.
  await db.schema
    .createTable('conformity_assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body_kind', 'text')
    .addColumn('body_name', 'text', (c) => c.notNull())
    .addColumn('body_number', 'text', (c) => c.notNull())
    .addColumn('certificate_number', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('declaration_document_id', 'text')
    .addColumn('ce_marking_date', 'text')
    .addColumn('ce_marking_place', 'text', (c) => c.notNull())
    .addColumn('registration_number', 'text', (c) => c.notNull())
    .addColumn('registration_date', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('reopened_at', 'text')
    .addColumn('reopen_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conformity_assessment_system_idx').on('conformity_assessment').columns(['system_id', 'status']).execute();
  await db.schema.createIndex('conformity_assessment_unit_idx').on('conformity_assessment').columns(['org_unit_id']).execute();

  // The Annex VI steps: prepared (evidence, notes) by one person, signed by another.
  await db.schema
    .createTable('conformity_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('conformity_assessment.id'))
    .addColumn('step_key', 'text', (c) => c.notNull())
    .addColumn('evidence_ids', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('prepared_by_id', 'text')
    .addColumn('prepared_by_label', 'text')
    .addColumn('prepared_at', 'text')
    .addColumn('signature_id', 'text')
    .addColumn('signed_by_label', 'text')
    .addColumn('signed_at', 'text')
    .addUniqueConstraint('conformity_step_key_uq', ['assessment_id', 'step_key'])
    .execute();

  // Dated entries of an Annex VII assessment: documents submitted, questions of the body and the answers.
  await db.schema
    .createTable('conformity_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('conformity_assessment.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conformity_entry_assessment_idx').on('conformity_entry').columns(['assessment_id', 'entry_date']).execute();

  // Change control: a change to a system, then the signed decision whether it is a substantial modification
  // (Art. 3(23), 43(4)); `follow_ups` lists the tasks a substantial one opened (JSON).
  await db.schema
    .createTable('system_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('change_date', 'text', (c) => c.notNull())
    .addColumn('substantial', 'integer')
    .addColumn('rationale', 'text')
    .addColumn('signature_id', 'text')
    .addColumn('assessed_by_label', 'text')
    .addColumn('assessed_at', 'text')
    .addColumn('follow_ups', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addUniqueConstraint('system_change_number_uq', ['system_id', 'number'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted');
}
