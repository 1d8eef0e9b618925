import type { Kysely } from 'kysely';
import type { DB, NonconformityTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import type { DialectName } from '../../db/dialect.js';

type Db = Kysely<DB>;

export function findNonconformity(db: Db, id: string) {
  return db.selectFrom('nonconformity').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row on PostgreSQL (SQLite serialises writers anyway). */
export function findNonconformityForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('nonconformity').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

/** Non-conformities of the units in scope, newest first. */
export function listNonconformitiesInScope(db: Db, scope: UnitScope, filter: { systemId?: string | undefined; status?: string | undefined }) {
  let q = db.selectFrom('nonconformity').selectAll();
  if (scope !== 'all') {
    if (scope.size === 0) return Promise.resolve([]);
    q = q.where('org_unit_id', 'in', [...scope]);
  }
  if (filter.systemId) q = q.where('system_id', '=', filter.systemId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function insertNonconformity(db: Db, row: NonconformityTable) {
  await db.insertInto('nonconformity').values(row).execute();
}

/** Optimistic locking: changes the row only if it is still at `expectedVersion`. */
export async function updateNonconformity(db: Db, id: string, expectedVersion: number, values: Partial<NonconformityTable>) {
  const result = await db.updateTable('nonconformity').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
