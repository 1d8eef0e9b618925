import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** What the lab reports read beside the run and gate services: receipt and custody of the items, and the unit tree. */

export interface VersionFacts {
  received_on: string;
  custody_state: string;
}

/** Receipt date and custody state of model or dataset versions, by id. */
export async function versionFacts(db: Db, type: 'model' | 'dataset', ids: readonly string[]): Promise<Map<string, VersionFacts>> {
  if (ids.length === 0) return new Map();
  const rows =
    type === 'model'
      ? await db.selectFrom('model_version').select(['id', 'received_on', 'custody_state']).where('id', 'in', [...ids]).execute()
      : await db.selectFrom('dataset_version').select(['id', 'received_on', 'custody_state']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export function units(db: Db) {
  return db.selectFrom('org_unit').select(['id', 'name', 'parent_id']).execute();
}
