import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB, ManagementReportTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';

type Db = Kysely<DB>;

/**
 * Where the dashboard looks: the units the reader reaches with system.read (null = all), narrowed to the chosen unit
 * with its sub-units, and for an API token limited to systems those systems only.
 */
export interface Reach {
  scope: UnitScope;
  units: readonly string[] | null;
  systemIds: readonly string[] | null;
  /** The system classification levels the reader is cleared for; null: every level. Systems above are left out. */
  levels: readonly string[] | null;
}

/** False when nothing can match: the caller answers with zeros. */
export function reachesAnything(reach: Reach): boolean {
  return !((reach.scope !== 'all' && reach.scope.size === 0) || (reach.units !== null && reach.units.length === 0) || (reach.systemIds !== null && reach.systemIds.length === 0));
}

/** An active system `s` in reach (other modules' dashboard figures join their records to `ai_system as s`). */
export function systemInReach(reach: Reach) {
  return <D, T extends keyof D>(eb: ExpressionBuilder<D, T>): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [eb(sql.ref('s.archived_at'), 'is', null)];
    if (reach.scope !== 'all') all.push(eb(sql.ref('s.org_unit_id'), 'in', [...reach.scope]));
    if (reach.units !== null) all.push(eb(sql.ref('s.org_unit_id'), 'in', [...reach.units]));
    if (reach.systemIds !== null) all.push(eb(sql.ref('s.id'), 'in', [...reach.systemIds]));
    if (reach.levels !== null) all.push(eb(sql.ref('s.classification'), 'in', [...reach.levels]));
    return eb.and(all);
  };
}

/** A record `alias` of a system (`s`, left-joined) or, without a system, of a unit (`alias.org_unit_id`). */
function recordInReach(alias: string, reach: Reach) {
  return <D, T extends keyof D>(eb: ExpressionBuilder<D, T>): Expression<SqlBool> => {
    const unit = sql.ref<string>(`${alias}.org_unit_id`);
    const withoutSystem: Expression<SqlBool>[] = [eb(sql.ref(`${alias}.system_id`), 'is', null)];
    // A token limited to systems sees no unit-wide records.
    if (reach.systemIds !== null) return eb.and([systemInReach(reach)(eb), eb(sql.ref(`${alias}.system_id`), 'is not', null)]);
    if (reach.scope !== 'all') withoutSystem.push(eb(unit, 'in', [...reach.scope]));
    if (reach.units !== null) withoutSystem.push(eb(unit, 'in', [...reach.units]));
    return eb.or([eb.and(withoutSystem), eb.and([eb(sql.ref(`${alias}.system_id`), 'is not', null), systemInReach(reach)(eb)])]);
  };
}

// The dashboard's figures: each function returns its query, which the service runs with `Database.readAside` (on
// SQLite on the reader thread: over a large portfolio they take tens of milliseconds the event loop would lose).

/** Active systems by risk class (null: unclassified) and lifecycle stage. */
export function systemCounts(db: Db, reach: Reach) {
  return db
    .selectFrom('ai_system as s')
    .select(['s.risk_class', 's.lifecycle_stage', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where(systemInReach(reach))
    .groupBy(['s.risk_class', 's.lifecycle_stage']);
}

/** The counts of current rows by status, summed (the columns of requirement_count, kept by triggers). */
const STATUS_SUMS = [
  ['open', 'n_open'],
  ['in-progress', 'n_in_progress'],
  ['implemented', 'n_implemented'],
  ['verified', 'n_verified'],
  ['not-applicable', 'n_not_applicable'],
] as const;

export type StatusSums = Record<(typeof STATUS_SUMS)[number][1], number | string>;

function sums<D, T extends keyof D>(eb: ExpressionBuilder<D, T>) {
  return STATUS_SUMS.map(([, column]) => eb.fn.sum<number | string>(sql.ref(`c.${column}`)).as(column));
}

/** Adds a row's counts to `into` by status (the keys the dashboard's rules take); returns how many rows it added. */
export function addStatusSums(into: Record<string, number>, row: StatusSums): number {
  let added = 0;
  for (const [status, column] of STATUS_SUMS) {
    const n = Number(row[column] ?? 0);
    if (n > 0) into[status] = (into[status] ?? 0) + n;
    added += n;
  }
  return added;
}

/**
 * Current (not retired) requirement rows of active systems by the system's unit, catalogue and status, from the
 * maintained counts: one pass gives the progress per catalogue and per unit (summed by the caller).
 */
export function rowsByUnitAndCatalog(db: Db, reach: Reach) {
  return db
    .selectFrom('ai_system as s')
    .innerJoin('requirement_count as c', 'c.system_id', 's.id')
    .select((eb) => ['s.org_unit_id', 'c.catalog_id', ...sums(eb)])
    .where(systemInReach(reach))
    .groupBy(['s.org_unit_id', 'c.catalog_id']);
}

/** Every unit with its parent and name (the dashboard's choice of a unit with its sub-units). */
export function unitTreeWithNames(db: Db) {
  return db.selectFrom('org_unit').select(['id', 'parent_id as parentId', 'name']).execute();
}

/** Names of units by id. */
export async function unitNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** Risks not closed of active systems whose current level (residual, else inherent) is one of `levels`, by level. */
export function openRisksAtLevels(db: Db, reach: Reach, levels: readonly string[]) {
  const level = sql<string>`coalesce(k.residual_level, k.inherent_level)`;
  return db
    .selectFrom('risk as k')
    .innerJoin('ai_system as s', 's.id', 'k.system_id')
    .select([level.as('level'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('k.status', '!=', 'closed')
    .where(level, 'in', [...levels])
    .where(systemInReach(reach))
    .groupBy(level);
}

/** Tasks not done or cancelled whose due date lies before `today` (one row: `n`). */
export function overdueTasks(db: Db, reach: Reach, today: string) {
  return db
    .selectFrom('task as t')
    .leftJoin('ai_system as s', 's.id', 't.system_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('t.status', 'in', ['open', 'in-progress', 'blocked'])
    .where('t.due_date', '<', today)
    .where(recordInReach('t', reach));
}

/** The actions of every non-conformity not closed (few per organisation: their due dates are read from JSON). */
export function openNonconformityActions(db: Db, reach: Reach) {
  return db
    .selectFrom('nonconformity as t')
    .leftJoin('ai_system as s', 's.id', 't.system_id')
    .select(['t.actions'])
    .where('t.status', '!=', 'closed')
    .where(recordInReach('t', reach));
}

/**
 * Active high-risk systems grouped by route (from the latest classification revision, the one the inventory's risk
 * class comes from) and by the facts of the readiness rule: classification approved, some row pending, some row settled.
 */
export function highRiskReadiness(db: Db, reach: Reach) {
  // One look at the latest revision per system: its route, read from the stored result's JSON.
  const route = sql<string>`coalesce((select case when cr.result like '%"highRiskRoute":"annex-iii"%' then 'annex-iii' when cr.result like '%"highRiskRoute":"annex-i"%' then 'annex-i' else 'none' end
    from classification_revision cr where cr.system_id = s.id order by cr.number desc limit 1), 'none')`;
  const inner = db
    .selectFrom('ai_system as s')
    .select([
      route.as('route'),
      sql<number>`case when s.classification_status = 'approved' then 1 else 0 end`.as('approved'),
      sql<number>`case when exists (select 1 from requirement_count rc where rc.system_id = s.id and rc.n_open + rc.n_in_progress > 0) then 1 else 0 end`.as('pending'),
      sql<number>`case when exists (select 1 from requirement_count rc where rc.system_id = s.id and rc.n_implemented + rc.n_verified + rc.n_not_applicable > 0) then 1 else 0 end`.as('settled'),
    ])
    .where('s.risk_class', '=', 'high')
    .where(systemInReach(reach));
  return db
    .selectFrom(inner.as('x'))
    .select(['x.route', 'x.approved', 'x.pending', 'x.settled', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['x.route', 'x.approved', 'x.pending', 'x.settled']);
}

/** Release gates by status: of systems in reach, or of model versions in the units reached. */
export function gatesByStatus(db: Db, reach: Reach) {
  return db
    .selectFrom('lab_gate as t')
    .leftJoin('ai_system as s', 's.id', 't.system_id')
    .select(['t.status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where(recordInReach('t', reach))
    .groupBy('t.status');
}

// ---- management reports ----------------------------------------------------------------------------------------------

export async function nextReportNumber(db: Db): Promise<number> {
  const row = await db.selectFrom('management_report').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertReport(db: Db, row: ManagementReportTable) {
  await db.insertInto('management_report').values(row).execute();
}

export function findReport(db: Db, id: string) {
  return db.selectFrom('management_report').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Reports of units in `scope` (a report of every unit only for readers who reach every unit), newest first. */
/** Reports in the reader's units and at levels the reader is cleared for (`levels` null: every level). */
function reportsInScope(db: Db, scope: UnitScope, levels: readonly string[] | null) {
  let q = db.selectFrom('management_report');
  if (scope !== 'all') q = q.where('org_unit_id', 'in', scope.size ? [...scope] : ['']);
  if (levels) q = q.where('classification', 'in', [...levels]);
  return q;
}

export async function listReports(db: Db, scope: UnitScope, levels: readonly string[] | null, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    reportsInScope(db, scope, levels).selectAll().orderBy('generated_at', 'desc').orderBy('number', 'desc').limit(limit).offset(offset).execute(),
    reportsInScope(db, scope, levels).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst(),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}
