import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Need-to-know for classified records: a user's clearance (set by an administrator) and an AI system record's own
  // classification level. Existing users and systems stay `offen`; evidence carries its level since migration 0004.
  await db.schema.alterTable('app_user').addColumn('clearance', 'text', (c) => c.notNull().defaultTo('offen')).execute();
  await db.schema.alterTable('ai_system').addColumn('classification', 'text', (c) => c.notNull().defaultTo('offen')).execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted');
}
