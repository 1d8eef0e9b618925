import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(_db: Kysely<any>): Promise<void> {
  // TODO(scaffold): tables are added by the feature that owns this migration.
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted');
}
