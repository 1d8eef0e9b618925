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

/** Risks of the systems (not archived) in a unit scope, leaving out systems above the reader's clearance. */
export function listRisksInScope(db: Db, scope: UnitScope, viewer: Pick<Actor, 'clearance'>) {
  let q = db
    .selectFrom('risk as r')
    .innerJoin('ai_system as s', 's.id', 'r.system_id')
    .selectAll('r')
    .select(['s.name as system_name'])
    .where('s.archived_at', 'is', null)
    .where(visibleSystemRecord(viewer, 'r.system_id'));
  if (scope !== 'all') {
    if (scope.size === 0) return Promise.resolve([]);
    q = q.where('s.org_unit_id', 'in', [...scope]);
  }
  return q.orderBy('s.name').orderBy('r.number').execute();
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
