import { sql, type Kysely } from 'kysely';

// Frozen once landed: never edit after it has landed; add a new migration instead.
// The inventory's text search ("contains" on the lower-cased search text, systems/repository.ts) read every live
// system's search text, for the page and again for the count: 15–19 ms per list request over 10,000 systems, the
// costliest read of the load benchmark (issue #12). A trigram index finds the systems that contain a term of three or
// more characters without reading the others.
// - PostgreSQL: a GIN index with pg_trgm's operator class over the live systems' search text. pg_trgm ships with
//   PostgreSQL and is a trusted extension since version 13, so the database's owner may create it. Where Konform's role
//   may not, the index is left out and a search reads the table as before (docs/operations.md). fastupdate is off: with
//   a pending list every search would also scan that list, and some insert would pay for cleaning it up.
// - SQLite: an FTS5 table with the trigram tokenizer over the same text, kept up to date by triggers. Its content is
//   ai_system's own column (external content, joined by rowid), so the text is stored once.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
  if (postgres) {
    if (!(await createTrigramExtension(db))) return;
    await sql`create index ai_system_search_trgm_idx on ai_system using gin (search_text gin_trgm_ops) with (fastupdate = off) where archived_at is null`.execute(db);
    return;
  }
  await sql`create virtual table ai_system_search using fts5(search_text, content = 'ai_system', content_rowid = 'rowid', tokenize = 'trigram')`.execute(db);
  await sql`create trigger ai_system_search_insert after insert on ai_system begin
    insert into ai_system_search (rowid, search_text) values (new.rowid, new.search_text);
  end`.execute(db);
  await sql`create trigger ai_system_search_delete after delete on ai_system begin
    insert into ai_system_search (ai_system_search, rowid, search_text) values ('delete', old.rowid, old.search_text);
  end`.execute(db);
  await sql`create trigger ai_system_search_update after update of search_text on ai_system begin
    insert into ai_system_search (ai_system_search, rowid, search_text) values ('delete', old.rowid, old.search_text);
    insert into ai_system_search (rowid, search_text) values (new.rowid, new.search_text);
  end`.execute(db);
  await sql`insert into ai_system_search (ai_system_search) values ('rebuild')`.execute(db);
}

/**
 * Creates pg_trgm unless it is there. The migrations run in one transaction, so a refused CREATE EXTENSION is undone to
 * a savepoint and the transaction goes on. False when the extension is not available to this role.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
async function createTrigramExtension(db: Kysely<any>): Promise<boolean> {
  await sql`savepoint konform_pg_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`release savepoint konform_pg_trgm`.execute(db);
    return true;
  } catch {
    await sql`rollback to savepoint konform_pg_trgm`.execute(db);
    return false;
  }
}
