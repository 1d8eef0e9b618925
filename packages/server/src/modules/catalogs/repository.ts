import type { Kysely } from 'kysely';
import type { CatalogVersionTable, DB, SettingTable } from '../../db/schema.js';
import { toCount } from '../../db/dialect.js';

type Db = Kysely<DB>;

export const ACT_IN_FORCE_SETTING = 'ai-act.act-in-force';

/**
 * Changes whenever a catalogue version is stored or decided, or the act in force changes (on any instance): counts
 * and newest times of both tables.
 */
export async function catalogStamp(db: Db): Promise<string> {
  // One statement: it is read before every matrix, dashboard and catalogue look-up.
  const act = (column: 'value' | 'updated_at') => db.selectFrom('setting').select(column).where('key', '=', ACT_IN_FORCE_SETTING);
  const stamp = await db
    .selectFrom('catalog_version')
    .select((eb) => [
      eb.fn.countAll().as('n'), eb.fn.max('imported_at').as('imported'), eb.fn.max('decided_at').as('decided'),
      act('value').as('act'), act('updated_at').as('act_updated_at'),
    ])
    .executeTakeFirstOrThrow();
  return `${toCount(stamp.n)}|${stamp.imported ?? ''}|${stamp.decided ?? ''}|${stamp.act ?? ''}|${stamp.act_updated_at ?? ''}`;
}

/** The accepted version of each catalogue that has one (at most one per catalogue is active). */
export function listActiveVersions(db: Db) {
  return db.selectFrom('catalog_version').select(['catalog_id', 'version', 'body', 'extras']).where('state', '=', 'active').execute();
}

const HEAD_COLUMNS = [
  'id', 'catalog_id', 'version', 'body', 'state', 'format', 'file_name', 'imported_at', 'imported_by_label', 'decided_at', 'decided_by_label',
] as const;

export function findVersion(db: Db, catalogId: string, version: string) {
  return db.selectFrom('catalog_version').selectAll().where('catalog_id', '=', catalogId).where('version', '=', version).executeTakeFirst();
}

/** Every stored version of one catalogue, newest first. */
export function listVersionsOf(db: Db, catalogId: string) {
  return db
    .selectFrom('catalog_version')
    .select(HEAD_COLUMNS)
    .where('catalog_id', '=', catalogId)
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Versions waiting for a decision, oldest first. */
export function listProposed(db: Db) {
  return db.selectFrom('catalog_version').select(HEAD_COLUMNS).where('state', '=', 'proposed').orderBy('imported_at').orderBy('id').execute();
}

export async function insertVersion(db: Db, row: CatalogVersionTable) {
  await db.insertInto('catalog_version').values(row).execute();
}

/** Moves a version from one state to another; false when it was no longer in `from` (someone decided first). */
export async function decideVersion(db: Db, id: string, from: string, values: Pick<CatalogVersionTable, 'state' | 'decided_at' | 'decided_by_id' | 'decided_by_label'>) {
  const result = await db.updateTable('catalog_version').set(values).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function supersedeActive(db: Db, catalogId: string) {
  await db.updateTable('catalog_version').set({ state: 'superseded' }).where('catalog_id', '=', catalogId).where('state', '=', 'active').execute();
}

export function findSetting(db: Db, key: string) {
  return db.selectFrom('setting').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function upsertSetting(db: Db, row: SettingTable) {
  const existing = await findSetting(db, row.key);
  if (existing) await db.updateTable('setting').set(row).where('key', '=', row.key).execute();
  else await db.insertInto('setting').values(row).execute();
}
