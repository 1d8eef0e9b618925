import type { Kysely } from 'kysely';

// Frozen once landed: never edit after it has landed; add a new migration instead.
// Retention periods per record type and erasure of personal data (issue #12, point 7).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // One row per record type: the retention period in months (never below the type's legal minimum, checked by the
  // service) and a legal hold that stops the retention job for the whole type. Defaults are seeded below.
  await db.schema
    .createTable('retention_policy')
    .addColumn('record_type', 'text', (c) => c.primaryKey())
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('hold', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_label', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  const defaults: [string, number][] = [
    ['technical-documentation', 120], ['qms-document', 120], ['audit-trail', 120], ['lab-run', 120],
    ['evidence', 120], ['incident', 120], ['complaint', 36],
  ];
  await db.insertInto('retention_policy').values(defaults.map(([record_type, months]) => ({ record_type, months, hold: 0, version: 1, updated_at: now, updated_by_label: 'system' }))).execute();

  // Records whose personal data the retention job erased, so that it never works on them twice.
  await db.schema
    .createTable('retention_erasure')
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('retention_erasure_pk', ['record_type', 'record_id'])
    .execute();

  // One redaction of audit events: the redacted seqs with the hash of each event's content after redaction (JSON
  // [[seq, hash], …]). The erasure event at erasure_seq carries the SHA-256 of that list, so the chain vouches for it.
  await db.schema
    .createTable('audit_redaction')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('erasure_seq', 'integer', (c) => c.notNull())
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // A redacted audit event keeps payload_hash and chain_hash; its personal fields are replaced.
  await db.schema.alterTable('audit_event').addColumn('redacted_at', 'text').execute();
  await db.schema.alterTable('audit_event').addColumn('redaction_id', 'text').execute();
  await db.schema.createIndex('audit_event_redacted_idx').on('audit_event').column('redacted_at').execute();
}
