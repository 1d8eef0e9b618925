import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Reminder mails are on for everyone until a user switches them off on their account page.
  await db.schema.alterTable('app_user').addColumn('email_reminders', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(): Promise<void> {
  throw new Error('The user-preferences migration cannot be reverted');
}
