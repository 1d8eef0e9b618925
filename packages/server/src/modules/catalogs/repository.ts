import type { Kysely } from 'kysely';
import type { CatalogVersionTable, DB } from '../../db/schema.js';
import { toCount } from '../../db/dialect.js';

type Db = Kysely<DB>;

/** Changes whenever a catalogue is imported (by any instance): the count and the newest import time. */
export async function importStamp(db: Db): Promise<string> {
  const row = await db
    .selectFrom('catalog_version')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('imported_at').as('latest')])
    .executeTakeFirstOrThrow();
  return `${toCount(row.n)}|${row.latest ?? ''}`;
}

/** Every imported version without its body, newest first. */
export function listVersionHeads(db: Db) {
  return db
    .selectFrom('catalog_version')
    .select(['id', 'catalog_id', 'version', 'imported_at', 'imported_by_label'])
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findVersionBodies(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('catalog_version').select(['id', 'catalog_id', 'body']).where('id', 'in', ids).execute();
}

export function findVersion(db: Db, catalogId: string, version: string) {
  return db.selectFrom('catalog_version').selectAll().where('catalog_id', '=', catalogId).where('version', '=', version).executeTakeFirst();
}

export function listVersionsOf(db: Db, catalogId: string) {
  return db
    .selectFrom('catalog_version')
    .select(['version', 'imported_at', 'imported_by_label'])
    .where('catalog_id', '=', catalogId)
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertVersion(db: Db, row: CatalogVersionTable) {
  await db.insertInto('catalog_version').values(row).execute();
}
