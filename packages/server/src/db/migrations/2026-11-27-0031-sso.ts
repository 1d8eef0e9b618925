import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Placeholder: filled in by the work on this migration's area.
  void db;
}
