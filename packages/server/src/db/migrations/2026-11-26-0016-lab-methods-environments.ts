import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // An evaluation method of the test lab (ISO/IEC 17025 7.2): harness, its version or commit, configuration as JSON.
  await db.schema
    .createTable('lab_method')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('harness', 'text', (c) => c.notNull())
    .addColumn('harness_version', 'text', (c) => c.notNull())
    .addColumn('configuration', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_method_unit_idx').on('lab_method').columns(['org_unit_id', 'name']).execute();

  // A validation of a method for one harness version; never changed once recorded.
  await db.schema
    .createTable('lab_method_validation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('method_id', 'text', (c) => c.notNull().references('lab_method.id'))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('harness_version', 'text', (c) => c.notNull())
    .addColumn('validated_on', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('validated_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('validated_by_label', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_method_validation_method_idx').on('lab_method_validation').columns(['method_id', 'recorded_at']).execute();

  // A person authorised to record runs with a method (ISO/IEC 17025 6.2.6); withdrawn, never deleted.
  await db.schema
    .createTable('lab_method_authorisation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('method_id', 'text', (c) => c.notNull().references('lab_method.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('authorised_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('authorised_by_label', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by_label', 'text')
    .execute();
  await db.schema.createIndex('lab_method_authorisation_method_idx').on('lab_method_authorisation').columns(['method_id', 'user_id']).execute();
  await db.schema.createIndex('lab_method_authorisation_user_idx').on('lab_method_authorisation').columns(['user_id']).execute();

  // An environment (equipment, ISO/IEC 17025 6.4): hardware and runtime as JSON, driver, container digest.
  await db.schema
    .createTable('lab_environment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hardware', 'text', (c) => c.notNull())
    .addColumn('driver_version', 'text', (c) => c.notNull())
    .addColumn('runtime', 'text', (c) => c.notNull())
    .addColumn('container_digest', 'text')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('verification_validity_months', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_environment_unit_idx').on('lab_environment').columns(['org_unit_id', 'name']).execute();

  // A verification of an environment by a reference run; keeps the digest and driver it was made for.
  await db.schema
    .createTable('lab_environment_verification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('environment_id', 'text', (c) => c.notNull().references('lab_environment.id'))
    .addColumn('reference_run', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('expected_value', 'double precision', (c) => c.notNull())
    .addColumn('measured_value', 'double precision', (c) => c.notNull())
    .addColumn('tolerance', 'double precision', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('verified_on', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('container_digest', 'text')
    .addColumn('driver_version', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('verified_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('verified_by_label', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_environment_verification_env_idx').on('lab_environment_verification').columns(['environment_id', 'recorded_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The lab methods and environments migration cannot be reverted');
}
