import { sql, type Kysely } from 'kysely';
import type { LabRunVerdict } from '@konform/core';
import type { DB, LabRunResultTable, LabRunTable } from '../../db/schema.js';
import { toCount, type DialectName } from '../../db/dialect.js';
import type { UnitScope } from '../../access/scope.js';

type Db = Kysely<DB>;

// Plans and their cases are read through the plan module's repository (plan-repository.ts).

export function findSystemName(db: Db, id: string) {
  return db.selectFrom('ai_system').select(['id', 'name', 'org_unit_id', 'archived_at']).where('id', '=', id).executeTakeFirst();
}

// ---- runs -----------------------------------------------------------------------------------------------------------------

/**
 * Run numbers are global (max + 1): on PostgreSQL the table is locked against other writers for the transaction, so two
 * runs recorded at once cannot take the same number (reads go on); SQLite serialises writers anyway.
 */
export async function lockRuns(db: Db, dialect: DialectName) {
  if (dialect === 'postgres') await sql`lock table lab_run in share row exclusive mode`.execute(db);
}

export async function nextRunNumber(db: Db): Promise<number> {
  const row = await db.selectFrom('lab_run').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
  return toCount(row?.n ?? 0) + 1;
}

export async function insertRun(db: Db, row: LabRunTable, results: readonly LabRunResultTable[]) {
  await db.insertInto('lab_run').values(row).execute();
  if (results.length > 0) await db.insertInto('lab_run_result').values([...results]).execute();
}

export function findRun(db: Db, id: string) {
  return db.selectFrom('lab_run').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The only change a run ever sees: it is superseded by its amendment (once). */
export async function markSuperseded(db: Db, id: string, byRunId: string): Promise<boolean> {
  const result = await db.updateTable('lab_run').set({ superseded_by_run_id: byRunId }).where('id', '=', id).where('superseded_by_run_id', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function resultsOf(db: Db, runIds: readonly string[]) {
  if (runIds.length === 0) return Promise.resolve([] as LabRunResultTable[]);
  return db.selectFrom('lab_run_result').selectAll().where('run_id', 'in', [...runIds]).execute();
}

/** Runs by id (number, verdict, chain links), for chains and "superseded by" labels. */
export function runsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('lab_run')
    .select(['id', 'number', 'verdict', 'recorded_at', 'recorded_by_label', 'amendment_reason', 'amends_run_id', 'superseded_by_run_id'])
    .where('id', 'in', [...ids])
    .execute();
}

export interface RunFilters {
  planId?: string | undefined;
  systemId?: string | undefined;
  verdict?: LabRunVerdict | undefined;
  orgUnitIds: readonly string[] | null;
  /** Started at or after / before (ISO instants). */
  from: string | null;
  before: string | null;
  current?: boolean | undefined;
}

/** A run with the names the list shows. */
export type RunListRow = LabRunTable & { plan_name: string; system_name: string | null; method_name: string; environment_name: string; superseded_by_number: number | null };

function runsWithNames(db: Db) {
  return db
    .selectFrom('lab_run as r')
    .innerJoin('lab_plan as p', 'p.id', 'r.plan_id')
    .innerJoin('lab_method as m', 'm.id', 'r.method_id')
    .innerJoin('lab_environment as e', 'e.id', 'r.environment_id')
    .leftJoin('ai_system as s', 's.id', 'r.system_id')
    .leftJoin('lab_run as n', 'n.id', 'r.superseded_by_run_id')
    .selectAll('r')
    .select(['p.name as plan_name', 's.name as system_name', 'm.name as method_name', 'e.name as environment_name', 'n.number as superseded_by_number']);
}

/** Runs in scope, newest first; a token limited to systems sees runs of those systems and runs without one. */
export async function listRuns(db: Db, scope: UnitScope, filters: RunFilters, systemIds: readonly string[] | null, page: { limit: number; offset: number }): Promise<{ rows: RunListRow[]; total: number }> {
  if (scope !== 'all' && scope.size === 0) return { rows: [], total: 0 };
  if (filters.orgUnitIds && filters.orgUnitIds.length === 0) return { rows: [], total: 0 };
  let q = runsWithNames(db);
  if (scope !== 'all') q = q.where('r.org_unit_id', 'in', [...scope]);
  if (filters.orgUnitIds) q = q.where('r.org_unit_id', 'in', [...filters.orgUnitIds]);
  if (systemIds) {
    const ids = [...systemIds];
    q = q.where((eb) => (ids.length === 0 ? eb('r.system_id', 'is', null) : eb.or([eb('r.system_id', 'is', null), eb('r.system_id', 'in', ids)])));
  }
  if (filters.planId) q = q.where('r.plan_id', '=', filters.planId);
  if (filters.systemId) q = q.where('r.system_id', '=', filters.systemId);
  if (filters.verdict) q = q.where('r.verdict', '=', filters.verdict);
  if (filters.from) q = q.where('r.started_at', '>=', filters.from);
  if (filters.before) q = q.where('r.started_at', '<', filters.before);
  if (filters.current) q = q.where('r.superseded_by_run_id', 'is', null);
  const count = await q.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await q.orderBy('r.number', 'desc').limit(page.limit).offset(page.offset).execute();
  return { rows, total: toCount(count?.n) };
}

/** One run with the names its page shows. */
export function findRunWithNames(db: Db, id: string): Promise<RunListRow | undefined> {
  return runsWithNames(db).where('r.id', '=', id).executeTakeFirst();
}
