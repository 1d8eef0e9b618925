import type { Kysely } from 'kysely';
import type { DB, IncidentTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { IncidentRow } from './presenter.js';

type Db = Kysely<DB>;

function withSystem(db: Db) {
  return db
    .selectFrom('incident')
    .innerJoin('ai_system', 'ai_system.id', 'incident.system_id')
    .selectAll('incident')
    .select(['ai_system.name as system_name', 'ai_system.roles as system_roles']);
}

export function findIncident(db: Db, id: string): Promise<IncidentRow | undefined> {
  return withSystem(db).where('incident.id', '=', id).executeTakeFirst();
}

/** Locks the row on PostgreSQL (SQLite serialises writers anyway). */
export function findIncidentForUpdate(db: Db, dialect: DialectName, id: string): Promise<IncidentRow | undefined> {
  return withSystem(db).where('incident.id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate(['incident'])).executeTakeFirst();
}

export interface IncidentFilter {
  units: 'all' | readonly string[];
  systemIds: readonly string[] | null;
  levels: readonly string[] | null;
  systemId?: string | undefined;
  status?: string | undefined;
  open?: boolean | undefined;
}

/** Incidents in reach, newest awareness first. */
export function listIncidents(db: Db, filter: IncidentFilter): Promise<IncidentRow[]> {
  if ((filter.units !== 'all' && filter.units.length === 0) || (filter.systemIds !== null && filter.systemIds.length === 0)) return Promise.resolve([]);
  let q = withSystem(db);
  if (filter.units !== 'all') q = q.where('incident.org_unit_id', 'in', [...filter.units]);
  if (filter.systemIds !== null) q = q.where('incident.system_id', 'in', [...filter.systemIds]);
  if (filter.levels !== null) q = q.where('ai_system.classification', 'in', [...filter.levels]);
  if (filter.systemId) q = q.where('incident.system_id', '=', filter.systemId);
  if (filter.status) q = q.where('incident.status', '=', filter.status);
  if (filter.open) q = q.where('incident.status', '!=', 'closed');
  return q.orderBy('incident.aware_at', 'desc').orderBy('incident.number', 'desc').execute();
}

export async function nextIncidentNumber(db: Db): Promise<number> {
  const row = await db.selectFrom('incident').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertIncident(db: Db, row: IncidentTable) {
  await db.insertInto('incident').values(row).execute();
}

/** Optimistic locking: changes the row only if it is still at `expectedVersion`. */
export async function updateIncident(db: Db, id: string, expectedVersion: number, values: Partial<IncidentTable>) {
  const result = await db.updateTable('incident').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
