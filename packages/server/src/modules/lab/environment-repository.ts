import type { Kysely } from 'kysely';
import type { DB, LabEnvironmentVerificationTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import type { DialectName } from '../../db/dialect.js';
import { findLabRecord, findLabRecordForUpdate, listLabRecordsInScope } from './lab-records.js';

type Db = Kysely<DB>;

export function findEnvironment(db: Db, id: string) {
  return findLabRecord(db, 'lab_environment', id);
}

export function findEnvironmentForUpdate(db: Db, dialect: DialectName, id: string) {
  return findLabRecordForUpdate(db, dialect, 'lab_environment', id);
}

/** Environments of the units in scope (all when scope is 'all'), by name. */
export function listEnvironmentsInScope(db: Db, scope: UnitScope, orgUnitIds: readonly string[] | null) {
  return listLabRecordsInScope(db, 'lab_environment', scope, orgUnitIds);
}

export function verificationsOf(db: Db, environmentIds: readonly string[]): Promise<LabEnvironmentVerificationTable[]> {
  if (environmentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_environment_verification').selectAll().where('environment_id', 'in', [...environmentIds]).orderBy('recorded_at', 'desc').orderBy('id').execute();
}

export async function insertVerification(db: Db, row: LabEnvironmentVerificationTable) {
  await db.insertInto('lab_environment_verification').values(row).execute();
}
