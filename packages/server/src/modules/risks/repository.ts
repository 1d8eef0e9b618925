import type { Kysely } from 'kysely';
import type { DB, RiskAcceptanceTable, RiskMatrixTable, RiskTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import type { Actor } from '../../access/actor.js';
import { visibleSystemRecord } from '../../access/clearance.js';
import type { DialectName } from '../../db/dialect.js';

type Db = Kysely<DB>;

export function findMatrix(db: Db) {
  return db.selectFrom('risk_matrix').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function saveMatrix(db: Db, row: RiskMatrixTable, exists: boolean) {
  if (exists) await db.updateTable('risk_matrix').set(row).where('id', '=', 1).execute();
  else await db.insertInto('risk_matrix').values(row).execute();
}

export function findRisk(db: Db, id: string) {
  return db.selectFrom('risk').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the risk row on PostgreSQL (SQLite serialises writers anyway). */
export function findRiskForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('risk').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

export function listRisksOfSystem(db: Db, systemId: string) {
  return db.selectFrom('risk').selectAll().where('system_id', '=', systemId).orderBy('number').execute();
}

/** The filters of the portfolio risk list, as the presenter would apply them (see RiskService.filtered). */
export interface PortfolioRiskFilter {
  status?: string | undefined;
  /** Only risks whose review date lies before this day and that are not closed. */
  reviewOverdueOn?: string | undefined;
  cell?: { kind: 'inherent' | 'residual'; likelihood: number; impact: number } | undefined;
  /** An API token's systems (null: no such limit). */
  systemIds?: readonly string[] | null | undefined;
}

/**
 * One page of the risks in a unit scope (systems not archived, none above the reader's clearance) and the number of
 * all that match: filtered, counted and paged in the database, ordered by system name and risk number.
 */
export async function pageRisksInScope(db: Db, scope: UnitScope, viewer: Pick<Actor, 'clearance'>, filter: PortfolioRiskFilter, page: { limit: number; offset: number }) {
  if ((scope !== 'all' && scope.size === 0) || filter.systemIds?.length === 0) return { rows: [], total: 0 };
  const { cell } = filter;
  const q = db
    .selectFrom('risk as r')
    .innerJoin('ai_system as s', 's.id', 'r.system_id')
    .where('s.archived_at', 'is', null)
    .where(visibleSystemRecord(viewer, 'r.system_id'))
    .$if(scope !== 'all', (qb) => qb.where('s.org_unit_id', 'in', [...(scope as Set<string>)]))
    .$if(!!filter.systemIds, (qb) => qb.where('r.system_id', 'in', filter.systemIds!))
    .$if(!!filter.status, (qb) => qb.where('r.status', '=', filter.status!))
    .$if(!!filter.reviewOverdueOn, (qb) => qb.where('r.next_review', 'is not', null).where('r.next_review', '<', filter.reviewOverdueOn!).where('r.status', '!=', 'closed'))
    .$if(cell?.kind === 'inherent', (qb) => qb.where('r.likelihood', '=', cell!.likelihood).where('r.impact', '=', cell!.impact))
    .$if(cell?.kind === 'residual', (qb) => qb.where('r.residual_likelihood', '=', cell!.likelihood).where('r.residual_impact', '=', cell!.impact));
  const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const total = Number(count?.n ?? 0);
  if (total === 0 || page.offset >= total) return { rows: [], total };
  const rows = await q
    .selectAll('r')
    .select(['s.name as system_name'])
    // System name, then the system (same-named systems stay apart), then the risk number: the live-name index
    // (name, id) and risk_system_idx (system_id, number) deliver this order, so only the page's rows are read.
    .orderBy('s.name')
    .orderBy('s.id')
    .orderBy('r.number')
    .orderBy('r.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total };
}

export function listAllRisks(db: Db) {
  return db.selectFrom('risk').selectAll().execute();
}

export async function nextNumber(db: Db, systemId: string): Promise<number> {
  const row = await db.selectFrom('risk').select((eb) => eb.fn.max('number').as('n')).where('system_id', '=', systemId).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertRisk(db: Db, row: RiskTable) {
  await db.insertInto('risk').values(row).execute();
}

/** Optimistic locking: changes the risk only if it is still at `expectedVersion`. */
export async function updateRisk(db: Db, id: string, expectedVersion: number, values: Partial<RiskTable>) {
  const result = await db.updateTable('risk').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function acceptancesOf(db: Db, riskIds: readonly string[]): Promise<RiskAcceptanceTable[]> {
  const out: RiskAcceptanceTable[] = [];
  // Chunked: a portfolio may hold more risks than a statement may carry parameters.
  for (let i = 0; i < riskIds.length; i += 500) {
    out.push(...(await db.selectFrom('risk_acceptance').selectAll().where('risk_id', 'in', riskIds.slice(i, i + 500)).orderBy('signed_at').execute()));
  }
  return out;
}

export async function insertAcceptance(db: Db, row: RiskAcceptanceTable) {
  await db.insertInto('risk_acceptance').values(row).execute();
}
