import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import type { Actor } from '../../access/actor.js';
import { visibleSystemRecord } from '../../access/clearance.js';

type Db = Kysely<DB>;

/**
 * Where the dashboard looks: the units in scope (null = all), narrowed to the chosen units, and for an API token
 * limited to systems those systems (records without a system stay, narrowed by unit).
 */
export interface DashboardReach {
  scope: UnitScope;
  units: readonly string[] | null;
  systemIds: readonly string[] | null;
  /** Who reads: records of systems above the reader's clearance are left out. */
  viewer: Pick<Actor, 'clearance'>;
}

/** False when nothing can match (an empty scope or an empty choice): the caller answers with empty lists. */
export function reachesAnything(reach: DashboardReach): boolean {
  return !((reach.scope !== 'all' && reach.scope.size === 0) || (reach.units !== null && reach.units.length === 0));
}

/** The reach as one condition on a record's `<alias>.org_unit_id` and `<alias>.system_id`. */
function within(alias: 'r' | 'g', reach: DashboardReach) {
  const unit = sql.ref<string>(`${alias}.org_unit_id`);
  const system = sql.ref<string | null>(`${alias}.system_id`);
  return <D, T extends keyof D>(eb: ExpressionBuilder<D, T>): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    if (reach.scope !== 'all') all.push(eb(unit, 'in', [...reach.scope]));
    if (reach.units !== null) all.push(eb(unit, 'in', [...reach.units]));
    const ids = reach.systemIds;
    if (ids !== null) all.push(ids.length === 0 ? eb(system, 'is', null) : eb.or([eb(system, 'is', null), eb(system, 'in', [...ids])]));
    all.push(visibleSystemRecord(reach.viewer, `${alias}.system_id`)());
    return eb.and(all);
  };
}

function runsInReach(db: Db, reach: DashboardReach) {
  return db
    .selectFrom('lab_run as r')
    .innerJoin('lab_plan as p', 'p.id', 'r.plan_id')
    .leftJoin('ai_system as s', 's.id', 'r.system_id')
    .leftJoin('model as m', 'm.id', 'p.model_id')
    .select([
      'r.id', 'r.number', 'r.plan_id', 'r.system_id', 'r.verdict', 'r.started_at', 'r.recorded_at', 'r.operator_label', 'r.superseded_by_run_id',
      'p.name as plan_name', 'p.model_id', 's.name as system_name', 'm.name as model_name',
    ])
    .where(within('r', reach));
}

export type DashboardRunRow = Awaited<ReturnType<ReturnType<typeof runsInReach>['execute']>>[number];

/** Runs started at or after `since` (an ISO timestamp), not corrected by an amendment. */
export function runsStartedSince(db: Db, reach: DashboardReach, since: string): Promise<DashboardRunRow[]> {
  return runsInReach(db, reach).where('r.started_at', '>=', since).where('r.superseded_by_run_id', 'is', null).execute();
}

/** The most recently recorded runs, amended ones included. */
export function latestRuns(db: Db, reach: DashboardReach, limit: number): Promise<DashboardRunRow[]> {
  return runsInReach(db, reach).orderBy('r.recorded_at', 'desc').orderBy('r.number', 'desc').limit(limit).execute();
}

/** Open gates with their plan and subject names, oldest first. */
export function openGates(db: Db, reach: DashboardReach) {
  return db
    .selectFrom('lab_gate as g')
    .innerJoin('lab_plan as p', 'p.id', 'g.plan_id')
    .leftJoin('ai_system as s', 's.id', 'g.system_id')
    .leftJoin('model_version as v', 'v.id', 'g.model_version_id')
    .leftJoin('model as m', 'm.id', 'v.item_id')
    .select(['g.id', 'g.number', 'g.title', 'g.system_id', 'g.model_version_id', 'g.plan_id', 'g.created_at', 'p.name as plan_name', 's.name as system_name', 'v.label as version_label', 'm.name as model_name'])
    .where('g.status', '=', 'open')
    .where(within('g', reach))
    .orderBy('g.created_at')
    .orderBy('g.number')
    .execute();
}
