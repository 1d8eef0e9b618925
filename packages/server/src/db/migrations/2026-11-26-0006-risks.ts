import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The organisation's risk matrix: one row, versioned (a missing row means the default matrix).
  await db.schema
    .createTable('risk_matrix')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .execute();

  // A risk of an AI system; levels are stored as rated under the matrix in force (re-rated when it changes).
  await db.schema
    .createTable('risk')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('system_id', 'text', (c) => c.notNull().references('ai_system.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('affected', 'text', (c) => c.notNull())
    .addColumn('rights', 'text', (c) => c.notNull())
    .addColumn('affected_groups', 'text', (c) => c.notNull())
    .addColumn('likelihood', 'integer')
    .addColumn('impact', 'integer')
    .addColumn('inherent_level', 'text')
    .addColumn('treatment', 'text')
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('residual_likelihood', 'integer')
    .addColumn('residual_impact', 'integer')
    .addColumn('residual_level', 'text')
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('next_review', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addUniqueConstraint('risk_system_number_uq', ['system_id', 'number'])
    .execute();
  await db.schema.createIndex('risk_system_idx').on('risk').columns(['system_id', 'number']).execute();
  await db.schema.createIndex('risk_review_idx').on('risk').columns(['next_review']).execute();

  // One signature towards accepting one version of a risk (the signature itself lives in `signature`).
  await db.schema
    .createTable('risk_acceptance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risk.id'))
    .addColumn('risk_version', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('signature_id', 'text', (c) => c.notNull().references('signature.id'))
    .addColumn('signer_id', 'text', (c) => c.notNull())
    .addColumn('signer_label', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_acceptance_risk_idx').on('risk_acceptance').columns(['risk_id', 'risk_version']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The risks migration cannot be reverted');
}
