import type { Kysely } from 'kysely';
import type { DB, LabEnvironmentTable, LabEnvironmentVerificationTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import type { DialectName } from '../../db/dialect.js';

type Db = Kysely<DB>;

export function findEnvironment(db: Db, id: string) {
  return db.selectFrom('lab_environment').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row on PostgreSQL (SQLite serialises writers anyway). */
export function findEnvironmentForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('lab_environment').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

/** Environments of the units in scope (all when scope is 'all'), by name. */
export function listEnvironmentsInScope(db: Db, scope: UnitScope, orgUnitIds: readonly string[] | null) {
  let q = db.selectFrom('lab_environment').selectAll();
  if (scope !== 'all') {
    if (scope.size === 0) return Promise.resolve([]);
    q = q.where('org_unit_id', 'in', [...scope]);
  }
  if (orgUnitIds) {
    if (orgUnitIds.length === 0) return Promise.resolve([]);
    q = q.where('org_unit_id', 'in', [...orgUnitIds]);
  }
  return q.orderBy('name').orderBy('id').execute();
}

export async function insertEnvironment(db: Db, row: LabEnvironmentTable) {
  await db.insertInto('lab_environment').values(row).execute();
}

export async function updateEnvironment(db: Db, id: string, expectedVersion: number, values: Partial<LabEnvironmentTable>): Promise<boolean> {
  const result = await db.updateTable('lab_environment').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function verificationsOf(db: Db, environmentIds: readonly string[]): Promise<LabEnvironmentVerificationTable[]> {
  if (environmentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_environment_verification').selectAll().where('environment_id', 'in', [...environmentIds]).orderBy('recorded_at', 'desc').orderBy('id').execute();
}

export async function insertVerification(db: Db, row: LabEnvironmentVerificationTable) {
  await db.insertInto('lab_environment_verification').values(row).execute();
}
