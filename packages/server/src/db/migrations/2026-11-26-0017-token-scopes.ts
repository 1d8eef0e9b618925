import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Scoped API tokens: a token may carry fewer permissions than its owner and act only for some AI systems or units.
  // Each column holds a JSON array of text; NULL means "no limit" (the owner's permissions, everywhere) — existing tokens keep it.
  await db.schema.alterTable('api_token').addColumn('permissions', 'text').execute();
  await db.schema.alterTable('api_token').addColumn('system_ids', 'text').execute();
  await db.schema.alterTable('api_token').addColumn('org_unit_ids', 'text').execute();
  // When the last `token.use` audit event was written: at most one per token and hour, so use is traced without flooding.
  await db.schema.alterTable('api_token').addColumn('use_audited_at', 'text').execute();
  await db.schema.createIndex('api_token_user_idx').on('api_token').columns(['user_id', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted');
}
