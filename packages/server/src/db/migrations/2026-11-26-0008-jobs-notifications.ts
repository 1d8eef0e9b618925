import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Background work in Konform's own database: a job is claimed by one instance for a lease (lease_owner, lease_until)
  // and becomes claimable again when the lease runs out. `unique_key` makes enqueueing idempotent (e.g. one reminder
  // sweep per hour, one mail per notification).
  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_state_run_at_idx').on('job').columns(['state', 'run_at']).execute();

  // In-app notifications, one row per recipient and occasion; `dedupe_key` makes creating them idempotent.
  // `email_claimed_at` is set before a mail is handed to SMTP and `emailed_at` once it was accepted, so a mail is sent
  // at most once even when an instance dies in between.
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_de', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_de', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('email_claimed_at', 'text')
    .addColumn('emailed_at', 'text')
    .addColumn('email_error', 'text')
    .execute();
  await db.schema.createIndex('notification_user_created_idx').on('notification').columns(['user_id', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The jobs and notifications migration cannot be reverted');
}
