import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A task on a record (requirement row, risk, applied measure, non-conformity, FRIA, evidence, the AI system itself).
  // system_id is set for every record of a system (its unit decides access and follows the system when it moves);
  // org_unit_id is the unit when the task was created (the only unit of an organisation-wide non-conformity's task).
  await db.schema
    .createTable('task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('system_id', 'text', (c) => c.references('ai_system.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('due_date', 'text')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_record_idx').on('task').columns(['record_type', 'record_id']).execute();
  await db.schema.createIndex('task_system_idx').on('task').columns(['system_id']).execute();
  await db.schema.createIndex('task_unit_idx').on('task').columns(['org_unit_id', 'status']).execute();
  await db.schema.createIndex('task_owner_idx').on('task').columns(['owner_id', 'status']).execute();
  await db.schema.createIndex('task_due_idx').on('task').columns(['status', 'due_date']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The tasks migration cannot be reverted');
}
