import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // AI literacy (AI Act Art. 4): courses, which roles need them, and who completed what.
  await db.schema
    .createTable('training_course')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('provider_kind', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('validity_months', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_course_status_idx').on('training_course').columns(['status', 'title']).execute();

  await db.schema
    .createTable('training_requirement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_course.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('interval_months', 'integer')
    .addColumn('grace_days', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_requirement_course_idx').on('training_requirement').columns(['course_id']).execute();

  await db.schema
    .createTable('training_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_course.id'))
    .addColumn('completed_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('certificate_sha256', 'text')
    .addColumn('certificate_filename', 'text')
    .addColumn('certificate_content_type', 'text')
    .addColumn('certificate_size', 'integer')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_label', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by_label', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_record_user_idx').on('training_record').columns(['user_id', 'course_id', 'completed_on']).execute();
  await db.schema.createIndex('training_record_course_idx').on('training_record').columns(['course_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The literacy migration cannot be reverted');
}
