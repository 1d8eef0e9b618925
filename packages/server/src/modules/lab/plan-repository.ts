import type { Kysely } from 'kysely';
import type { LabPlanStatus } from '@konform/core';
import type { DB, LabPlanTable, LabTestCaseTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { UnitScope } from '../../access/scope.js';

type Db = Kysely<DB>;

/** A plan with the names of its unit, system and model. */
export type PlanRow = LabPlanTable & { unit_name: string; system_name: string | null; model_name: string | null };

function withNames(db: Db) {
  return db
    .selectFrom('lab_plan as p')
    .innerJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .leftJoin('ai_system as s', 's.id', 'p.system_id')
    .leftJoin('model as m', 'm.id', 'p.model_id')
    .selectAll('p')
    .select(['u.name as unit_name', 's.name as system_name', 'm.name as model_name']);
}

/** The plan row (runs and gates read its status, unit and system from here). */
export function findPlan(db: Db, id: string): Promise<LabPlanTable | undefined> {
  return db.selectFrom('lab_plan').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row on PostgreSQL (SQLite serialises writers anyway). */
export function findPlanForUpdate(db: Db, dialect: DialectName, id: string): Promise<LabPlanTable | undefined> {
  return db.selectFrom('lab_plan').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

export function findPlanWithNames(db: Db, id: string): Promise<PlanRow | undefined> {
  return withNames(db).where('p.id', '=', id).executeTakeFirst();
}

export interface PlanFilter {
  /** The chosen unit with its sub-units, or null. */
  units: readonly string[] | null;
  systemId?: string | undefined;
  modelId?: string | undefined;
  status?: LabPlanStatus | undefined;
  /** A token limited to systems sees their plans and plans without a system (model plans, narrowed by unit). */
  tokenSystemIds: readonly string[] | null;
}

/** Plans of the units in scope that match the filter, newest change first. */
export function listPlans(db: Db, scope: UnitScope, filter: PlanFilter): Promise<PlanRow[]> {
  if (scope !== 'all' && scope.size === 0) return Promise.resolve([]);
  if (filter.units !== null && filter.units.length === 0) return Promise.resolve([]);
  let q = withNames(db);
  if (scope !== 'all') q = q.where('p.org_unit_id', 'in', [...scope]);
  if (filter.units !== null) q = q.where('p.org_unit_id', 'in', [...filter.units]);
  if (filter.tokenSystemIds) {
    const ids = [...filter.tokenSystemIds];
    q = q.where((eb) => (ids.length === 0 ? eb('p.system_id', 'is', null) : eb.or([eb('p.system_id', 'is', null), eb('p.system_id', 'in', ids)])));
  }
  if (filter.systemId !== undefined) q = q.where('p.system_id', '=', filter.systemId);
  if (filter.modelId !== undefined) q = q.where('p.model_id', '=', filter.modelId);
  if (filter.status !== undefined) q = q.where('p.status', '=', filter.status);
  return q.orderBy('p.updated_at', 'desc').orderBy('p.id').execute();
}

export async function insertPlan(db: Db, row: LabPlanTable) {
  await db.insertInto('lab_plan').values(row).execute();
}

/** Optimistic locking: changes the plan only if it is still at `expectedVersion`. */
export async function updatePlan(db: Db, id: string, expectedVersion: number, values: Partial<LabPlanTable>): Promise<boolean> {
  const result = await db.updateTable('lab_plan').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The cases of a plan in their order (runs match results to them; gates check the mandatory ones). */
export function casesOf(db: Db, planId: string): Promise<LabTestCaseTable[]> {
  return db.selectFrom('lab_test_case').selectAll().where('plan_id', '=', planId).orderBy('position').orderBy('id').execute();
}

/** The cases of several plans, in order. */
export function casesOfPlans(db: Db, planIds: readonly string[]): Promise<LabTestCaseTable[]> {
  if (planIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_test_case').selectAll().where('plan_id', 'in', [...planIds]).orderBy('plan_id').orderBy('position').orderBy('id').execute();
}

/** Replaces all cases of a (draft) plan. */
export async function replaceCases(db: Db, planId: string, rows: readonly LabTestCaseTable[]) {
  await db.deleteFrom('lab_test_case').where('plan_id', '=', planId).execute();
  if (rows.length > 0) await db.insertInto('lab_test_case').values([...rows]).execute();
}

/** The plans that revise a plan. */
export function revisionsOf(db: Db, planId: string) {
  return db.selectFrom('lab_plan').select(['id', 'name', 'status', 'fixed_at', 'created_at']).where('revises_plan_id', '=', planId).execute();
}

export function planRef(db: Db, id: string) {
  return db.selectFrom('lab_plan').select(['id', 'name', 'status', 'fixed_at', 'created_at']).where('id', '=', id).executeTakeFirst();
}

/** Methods by id with the facts a case shows of them. */
export function methodsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_method').select(['id', 'org_unit_id', 'name', 'harness', 'harness_version']).where('id', 'in', [...new Set(ids)]).execute();
}
