import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A test plan for an AI system or a model: draft (editable) → fixed (its cases are frozen, runs may be recorded)
  // → retired. A revision is a new draft that names the plan it revises.
  await db.schema
    .createTable('lab_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('system_id', 'text', (c) => c.references('ai_system.id'))
    .addColumn('model_id', 'text', (c) => c.references('model.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revises_plan_id', 'text', (c) => c.references('lab_plan.id'))
    .addColumn('fixed_at', 'text')
    .addColumn('fixed_by_label', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('retired_by_label', 'text')
    .addColumn('retirement_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_plan_unit_idx').on('lab_plan').columns(['org_unit_id', 'name']).execute();
  await db.schema.createIndex('lab_plan_system_idx').on('lab_plan').columns(['system_id']).execute();

  // A test case of a plan: metric, comparator and threshold fixed before testing, the decision rule for a reported
  // uncertainty, dataset version, method, mandatory or optional, and the requirements it gives evidence for (JSON).
  await db.schema
    .createTable('lab_test_case')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('lab_plan.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('comparator', 'text', (c) => c.notNull())
    .addColumn('threshold', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('decision_rule', 'text', (c) => c.notNull())
    .addColumn('regression_tolerance', 'double precision')
    .addColumn('dataset_version_id', 'text', (c) => c.references('dataset_version.id'))
    .addColumn('method_id', 'text', (c) => c.notNull().references('lab_method.id'))
    .addColumn('mandatory', 'integer', (c) => c.notNull())
    .addColumn('requirement_keys', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_test_case_plan_idx').on('lab_test_case').columns(['plan_id', 'position']).execute();

  // A recorded test run; never edited. A correction is a new run that amends an earlier one, with a reason.
  await db.schema
    .createTable('lab_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('lab_plan.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('system_id', 'text', (c) => c.references('ai_system.id'))
    .addColumn('method_id', 'text', (c) => c.notNull().references('lab_method.id'))
    .addColumn('method_harness_version', 'text', (c) => c.notNull())
    .addColumn('method_status', 'text', (c) => c.notNull())
    .addColumn('environment_id', 'text', (c) => c.notNull().references('lab_environment.id'))
    .addColumn('environment_status', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('operator_label', 'text', (c) => c.notNull())
    .addColumn('operator_authorised', 'integer', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('seed', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addColumn('source_format', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('unmatched_metrics', 'text', (c) => c.notNull())
    .addColumn('deviations', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('amends_run_id', 'text', (c) => c.references('lab_run.id'))
    .addColumn('amendment_reason', 'text')
    .addColumn('superseded_by_run_id', 'text')
    .addColumn('evidence_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_run_number_idx').on('lab_run').column('number').unique().execute();
  await db.schema.createIndex('lab_run_plan_idx').on('lab_run').columns(['plan_id', 'recorded_at']).execute();
  await db.schema.createIndex('lab_run_unit_idx').on('lab_run').columns(['org_unit_id', 'recorded_at']).execute();
  await db.schema.createIndex('lab_run_system_idx').on('lab_run').columns(['system_id']).execute();

  // One result per test case of a run: measured value, confidence interval where reported, verdict by the plan's rule.
  await db.schema
    .createTable('lab_run_result')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('lab_run.id'))
    .addColumn('test_case_id', 'text', (c) => c.notNull().references('lab_test_case.id'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('ci_lower', 'double precision')
    .addColumn('ci_upper', 'double precision')
    .addColumn('std_error', 'double precision')
    .addColumn('sample_size', 'integer')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_run_result_run_idx').on('lab_run_result').columns(['run_id']).execute();
  await db.schema.createIndex('lab_run_result_case_idx').on('lab_run_result').columns(['test_case_id']).execute();

  // A release gate for a model version or an AI system: open → released (two signatures) → invalidated or
  // superseded; or withdrawn. The checks and the digests it released are frozen as JSON when it is released.
  await db.schema
    .createTable('lab_gate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('system_id', 'text', (c) => c.references('ai_system.id'))
    .addColumn('model_version_id', 'text', (c) => c.references('model_version.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('lab_plan.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('regression_tolerance', 'double precision', (c) => c.notNull())
    .addColumn('baseline_gate_id', 'text', (c) => c.references('lab_gate.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('checks', 'text')
    .addColumn('released_items', 'text')
    .addColumn('state_hash', 'text')
    .addColumn('released_at', 'text')
    .addColumn('invalidated_at', 'text')
    .addColumn('invalidation_reason', 'text')
    // The release signatures so far, each with the role it counts in: JSON [{signatureId, role, eligible}].
    .addColumn('signoffs', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawal_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_gate_number_idx').on('lab_gate').column('number').unique().execute();
  await db.schema.createIndex('lab_gate_unit_idx').on('lab_gate').columns(['org_unit_id', 'status']).execute();
  await db.schema.createIndex('lab_gate_system_idx').on('lab_gate').columns(['system_id']).execute();
  await db.schema.createIndex('lab_gate_model_version_idx').on('lab_gate').columns(['model_version_id']).execute();

  // Evidence created from a passing run points back at it.
  await db.schema.alterTable('evidence').addColumn('lab_run_id', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('The lab plans, runs and gates migration cannot be reverted');
}
