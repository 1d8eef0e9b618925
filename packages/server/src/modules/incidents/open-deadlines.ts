import type { Kysely } from 'kysely';
import type { IncidentDeadline } from '@konform/core';
import type { DB } from '../../db/schema.js';
import type { Reach } from '../dashboard/repository.js';
import { deadlinesOf, type IncidentRow } from './presenter.js';
import { incidentRef } from './report.js';

export interface OpenIncidentDeadline {
  id: string;
  ref: string;
  title: string;
  systemId: string;
  systemName: string;
  status: string;
  /** The earliest deadline not yet met. */
  governing: IncidentDeadline;
}

/**
 * For the dashboard (and the management report): incidents not closed in reach that have a deadline still running,
 * the earliest first. Reach is the dashboard's (units, token systems, clearance levels).
 */
export async function openIncidentsWithDeadlines(db: Kysely<DB>, reach: Reach): Promise<OpenIncidentDeadline[]> {
  if ((reach.scope !== 'all' && reach.scope.size === 0) || (reach.units !== null && reach.units.length === 0) || (reach.systemIds !== null && reach.systemIds.length === 0)) return [];
  let q = db
    .selectFrom('incident')
    .innerJoin('ai_system', 'ai_system.id', 'incident.system_id')
    .selectAll('incident')
    .select(['ai_system.name as system_name', 'ai_system.roles as system_roles'])
    .where('incident.status', '!=', 'closed')
    .where('ai_system.archived_at', 'is', null);
  if (reach.scope !== 'all') q = q.where('incident.org_unit_id', 'in', [...reach.scope]);
  if (reach.units !== null) q = q.where('incident.org_unit_id', 'in', [...reach.units]);
  if (reach.systemIds !== null) q = q.where('incident.system_id', 'in', [...reach.systemIds]);
  if (reach.levels !== null) q = q.where('ai_system.classification', 'in', [...reach.levels]);
  const rows: IncidentRow[] = await q.execute();
  const result: OpenIncidentDeadline[] = [];
  for (const row of rows) {
    const governing = deadlinesOf(row).find((d) => d.governing);
    if (!governing) continue;
    result.push({ id: row.id, ref: incidentRef(Number(row.number)), title: row.title, systemId: row.system_id, systemName: row.system_name, status: row.status, governing });
  }
  return result.sort((a, b) => a.governing.dueAt.localeCompare(b.governing.dueAt));
}
