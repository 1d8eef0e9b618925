import type { Kysely } from 'kysely';
import type { DB, MonitoringIndicatorTable, MonitoringMeasurementTable, MonitoringPlanTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { UnitScope } from '../../access/scope.js';
import type { Actor } from '../../access/actor.js';
import { visibleSystemRecord } from '../../access/clearance.js';

type Db = Kysely<DB>;

/** A plan with its system's name and unit (the unit decides access). */
export type PlanRow = MonitoringPlanTable & { system_name: string; org_unit_id: string };

function planQuery(db: Db) {
  return db.selectFrom('monitoring_plan').innerJoin('ai_system', 'ai_system.id', 'monitoring_plan.system_id')
    .selectAll('monitoring_plan').select(['ai_system.name as system_name', 'ai_system.org_unit_id']);
}

export function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  return planQuery(db).where('monitoring_plan.id', '=', id).executeTakeFirst();
}

/** Locks the plan row on PostgreSQL (SQLite serialises writers anyway). */
export function lockPlan(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('monitoring_plan').select(['id', 'version']).where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

export function activePlanOf(db: Db, systemId: string) {
  return db.selectFrom('monitoring_plan').select(['id']).where('system_id', '=', systemId).where('status', '=', 'active').executeTakeFirst();
}

export interface PlanFilter {
  systemId?: string | undefined;
  status?: string | undefined;
  tokenSystemIds: readonly string[] | null;
  viewer: Pick<Actor, 'clearance'>;
  limit: number;
  offset: number;
}

/** Plans in scope, newest first, with how many match in all. */
export async function listPlans(db: Db, scope: UnitScope, filter: PlanFilter): Promise<{ rows: PlanRow[]; total: number }> {
  if (scope !== 'all' && scope.size === 0) return { rows: [], total: 0 };
  if (filter.tokenSystemIds && filter.tokenSystemIds.length === 0) return { rows: [], total: 0 };
  let q = planQuery(db).where(visibleSystemRecord(filter.viewer, 'monitoring_plan.system_id'));
  if (scope !== 'all') q = q.where('ai_system.org_unit_id', 'in', [...scope]);
  if (filter.tokenSystemIds) q = q.where('monitoring_plan.system_id', 'in', [...filter.tokenSystemIds]);
  if (filter.systemId) q = q.where('monitoring_plan.system_id', '=', filter.systemId);
  if (filter.status) q = q.where('monitoring_plan.status', '=', filter.status);
  const all = await q.orderBy('monitoring_plan.created_at', 'desc').orderBy('monitoring_plan.id').execute();
  return { rows: all.slice(filter.offset, filter.offset + filter.limit), total: all.length };
}

export function indicatorsOf(db: Db, planIds: readonly string[]): Promise<MonitoringIndicatorTable[]> {
  if (planIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('monitoring_indicator').selectAll().where('plan_id', 'in', [...planIds]).orderBy('plan_id').orderBy('position').execute();
}

/** The latest measurement of each of the indicators (by measured time, then recording order). */
export async function latestMeasurements(db: Db, indicatorIds: readonly string[]): Promise<Map<string, MonitoringMeasurementTable>> {
  const latest = new Map<string, MonitoringMeasurementTable>();
  if (indicatorIds.length === 0) return latest;
  const rows = await db.selectFrom('monitoring_measurement').selectAll().where('indicator_id', 'in', [...indicatorIds])
    .where((eb) => eb('measured_at', '=', eb.selectFrom('monitoring_measurement as m2').select((e) => e.fn.max('m2.measured_at').as('m')).whereRef('m2.indicator_id', '=', 'monitoring_measurement.indicator_id')))
    .orderBy('recorded_at').execute();
  for (const r of rows) latest.set(r.indicator_id, r);
  return latest;
}

export async function listMeasurements(db: Db, planId: string, indicatorId: string | undefined, limit: number, offset: number) {
  let q = db.selectFrom('monitoring_measurement').where('plan_id', '=', planId);
  if (indicatorId) q = q.where('indicator_id', '=', indicatorId);
  const count = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const rows = await q.selectAll().orderBy('measured_at', 'desc').orderBy('recorded_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
  return { rows, total: Number(count?.n ?? 0) };
}

export function findMeasurement(db: Db, id: string) {
  return db.selectFrom('monitoring_measurement').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Indicator ids of a plan that have measurements: they cannot be removed from the plan. */
export async function measuredIndicatorIds(db: Db, planId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('monitoring_measurement').select('indicator_id').distinct().where('plan_id', '=', planId).execute();
  return new Set(rows.map((r) => r.indicator_id));
}
