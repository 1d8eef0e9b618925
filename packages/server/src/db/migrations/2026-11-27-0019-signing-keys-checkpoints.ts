import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The organisation's signing keys (Ed25519). Only public keys are stored here: the private key of the active key
  // lives in the key directory. A rotated key stays, retired, so what it signed still verifies.
  await db.schema
    .createTable('signing_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('public_key_pem', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();

  // Signed checkpoints of the audit chain head: a later truncation or rewrite of the trail contradicts them.
  await db.schema
    .createTable('audit_checkpoint')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('chain_hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().references('signing_key.id'))
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The signing keys migration cannot be reverted');
}
