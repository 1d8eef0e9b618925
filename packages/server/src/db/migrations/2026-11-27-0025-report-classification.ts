import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A management report counts the systems its author could see; when those included classified systems (VS-NfD),
  // the report itself is classified at that level and only cleared readers get it. Earlier reports were generated
  // before the dashboard left classified systems out for uncleared readers: they are classified too when classified
  // systems existed in their unit then (fail closed).
  await db.schema.alterTable('management_report').addColumn('classification', 'text', (c) => c.notNull().defaultTo('offen')).execute();
  const classified = await db.selectFrom('ai_system').select('id').where('classification', '!=', 'offen').limit(1).executeTakeFirst();
  if (classified) await db.updateTable('management_report').set({ classification: 'VS-NfD' }).execute();
}

export async function down(): Promise<void> {
  throw new Error('The report classification migration cannot be reverted');
}
