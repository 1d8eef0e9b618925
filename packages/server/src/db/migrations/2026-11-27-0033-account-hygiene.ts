import type { Kysely } from 'kysely';

// Frozen once landed: never edit after it has landed; add a new migration instead.
// Session timeouts, account lockout and password policy (issue #12, point 6).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Failed sign-ins per account (by normalised e-mail, also for addresses without an account, so the answer never tells
  // whether one exists). From the fifth failure on the account waits `locked_until` (1, 2, 4 … 60 minutes); a success
  // or an administrator's unlock deletes the row. In the database so that the lockout holds across app instances.
  await db.schema
    .createTable('account_lockout')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .execute();
  // Idle timeouts are checked against last_seen_at, absolute ones against created_at (housekeeping scans both).
  await db.schema.createIndex('session_last_seen_idx').on('session').column('last_seen_at').execute();
  await db.schema.createIndex('session_created_idx').on('session').column('created_at').execute();
}
