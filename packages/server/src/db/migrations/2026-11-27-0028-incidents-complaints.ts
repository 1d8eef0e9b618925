import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // An incident or malfunction of an AI system. `assessment` holds the Art. 3(49)/3(61) answers (JSON, null =
  // unanswered); `counting_rule` and `inform_provider_hours` are the settings at recording time, so a later change of
  // the setting does not move running deadlines; `submissions` lists the reports sent to the authority (JSON).
  await db.schema
    .createTable('incident')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text')
    .addColumn('aware_at', 'text', (c) => c.notNull())
    .addColumn('affected_persons', 'text', (c) => c.notNull())
    .addColumn('harm', 'text', (c) => c.notNull())
    .addColumn('assessment', 'text', (c) => c.notNull())
    .addColumn('provider_unreachable', 'integer', (c) => c.notNull())
    .addColumn('provider_informed_at', 'text')
    .addColumn('counting_rule', 'text', (c) => c.notNull())
    .addColumn('inform_provider_hours', 'integer', (c) => c.notNull())
    .addColumn('submissions', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_system_idx').on('incident').columns(['system_id']).execute();
  await db.schema.createIndex('incident_unit_status_idx').on('incident').columns(['org_unit_id', 'status']).execute();

  // Complaints (Art. 85) and requests for an explanation of an individual decision (Art. 86).
  await db.schema
    .createTable('complaint')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('from_text', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('answered_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_system_idx').on('complaint').columns(['system_id']).execute();
  await db.schema.createIndex('complaint_unit_status_idx').on('complaint').columns(['org_unit_id', 'status', 'due_date']).execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted');
}
