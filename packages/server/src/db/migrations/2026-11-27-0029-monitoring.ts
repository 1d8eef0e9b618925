import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Post-market monitoring plan (Art. 72) of a high-risk AI system: what is observed; draft → active → retired.
  // At most one active plan per system (partial unique index, both dialects).
  await db.schema
    .createTable('monitoring_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('observed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitoring_plan_system_idx').on('monitoring_plan').columns(['system_id', 'status']).execute();
  await db.schema.createIndex('monitoring_plan_one_active_uq').on('monitoring_plan').column('system_id').unique().where(sql.ref('status'), '=', 'active').execute();

  // An indicator of a plan: the condition its values must meet (value comparator threshold), how often it is measured,
  // where the data comes from, who answers for it, and whether a breach opens a task or an incident.
  await db.schema
    .createTable('monitoring_indicator')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('monitoring_plan.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('comparator', 'text', (c) => c.notNull())
    .addColumn('threshold', 'double precision', (c) => c.notNull())
    .addColumn('data_source', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('responsible', 'text', (c) => c.notNull())
    .addColumn('on_breach', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitoring_indicator_plan_idx').on('monitoring_indicator').columns(['plan_id', 'position']).execute();

  // A measured value, never changed. `breached` is decided against the threshold at recording; `task_id` or
  // `incident_id` names what the breach opened in the same transaction.
  await db.schema
    .createTable('monitoring_measurement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('monitoring_plan.id'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('monitoring_indicator.id'))
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('measured_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('breached', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('incident_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitoring_measurement_indicator_idx').on('monitoring_measurement').columns(['indicator_id', 'measured_at']).execute();
  await db.schema.createIndex('monitoring_measurement_system_idx').on('monitoring_measurement').columns(['system_id', 'measured_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted');
}
