import type { Kysely } from 'kysely';

// Frozen once landed: never edit after it has landed; add a new migration instead.
// Placeholder: indexes for the load benchmark's hot queries (issue #12, point 2).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(_db: Kysely<any>): Promise<void> {}
