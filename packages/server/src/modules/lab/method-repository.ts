import type { Kysely } from 'kysely';
import type { DB, LabMethodAuthorisationTable, LabMethodValidationTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import { findLabRecord, listLabRecordsInScope } from './lab-records.js';

type Db = Kysely<DB>;

export function findMethod(db: Db, id: string) {
  return findLabRecord(db, 'lab_method', id);
}

/** Methods of the units in scope, by name. */
export function listMethodsInScope(db: Db, scope: UnitScope, orgUnitIds: readonly string[] | null) {
  return listLabRecordsInScope(db, 'lab_method', scope, orgUnitIds);
}

export function validationsOf(db: Db, methodIds: readonly string[]) {
  if (methodIds.length === 0) return Promise.resolve([] as LabMethodValidationTable[]);
  return db.selectFrom('lab_method_validation').selectAll().where('method_id', 'in', [...methodIds]).orderBy('recorded_at', 'desc').orderBy('id').execute();
}

export async function insertValidation(db: Db, row: LabMethodValidationTable) {
  await db.insertInto('lab_method_validation').values(row).execute();
}

export type AuthorisationRow = LabMethodAuthorisationTable & { user_name: string; user_email: string };

export function authorisationsOf(db: Db, methodIds: readonly string[]): Promise<AuthorisationRow[]> {
  if (methodIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('lab_method_authorisation as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .selectAll('a')
    .select(['u.display_name as user_name', 'u.email as user_email'])
    .where('a.method_id', 'in', [...methodIds])
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .execute();
}

export function findAuthorisation(db: Db, methodId: string, id: string) {
  return db.selectFrom('lab_method_authorisation').selectAll().where('id', '=', id).where('method_id', '=', methodId).executeTakeFirst();
}

export async function insertAuthorisation(db: Db, row: LabMethodAuthorisationTable) {
  await db.insertInto('lab_method_authorisation').values(row).execute();
}

/** Withdraws an authorisation unless someone else did first. */
export async function revokeAuthorisation(db: Db, id: string, at: string, byLabel: string): Promise<boolean> {
  const result = await db.updateTable('lab_method_authorisation').set({ revoked_at: at, revoked_by_label: byLabel }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A user's authorisations for a method (withdrawn ones too: the rule decides what counts at a given instant). */
export function authorisationsOfUser(db: Db, methodId: string, userId: string) {
  return db.selectFrom('lab_method_authorisation').selectAll().where('method_id', '=', methodId).where('user_id', '=', userId).execute();
}

export function findUser(db: Db, id: string) {
  return db.selectFrom('app_user').select(['id', 'display_name', 'email', 'active']).where('id', '=', id).executeTakeFirst();
}

/** Active users with their role assignments (for "who may be authorised"). */
export async function activeUsersWithAssignments(db: Db) {
  const users = await db.selectFrom('app_user').select(['id', 'display_name', 'email']).where('active', '=', 1).orderBy('display_name').orderBy('id').execute();
  const assignments = users.length === 0 ? [] : await db.selectFrom('role_assignment').select(['user_id', 'org_unit_id', 'role']).execute();
  return { users, assignments };
}
