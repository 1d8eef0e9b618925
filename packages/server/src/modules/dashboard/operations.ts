import type { Kysely } from 'kysely';
import { EMPTY_OPERATIONS, type DashboardOperations } from '@konform/core';
import type { DB } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import { openFindingsCount } from '../audits/service.js';
import { assessmentStatusCounts } from '../conformity/counts.js';
import { openIncidentsWithDeadlines } from '../incidents/open-deadlines.js';
import { monitoringSummary } from '../monitoring/index.js';
import { reachesAnything, type Reach } from './repository.js';

/** How many incidents with a running deadline the overview names (the earliest first). */
const NEXT_INCIDENTS = 5;

/**
 * The figures of what runs after release (#10) for the reader's reach: serious incidents with a deadline still
 * running, post-market monitoring, conformity assessments and changes awaiting assessment, audits and open findings.
 * Each module offers its own figure; this only puts them side by side.
 */
export async function operationsFigures(db: Kysely<DB>, reach: Reach, today: string, now = new Date()): Promise<DashboardOperations> {
  if (!reachesAnything(reach)) return EMPTY_OPERATIONS;
  const units = auditUnits(reach);
  let running = db.selectFrom('audit').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', 'in', ['in-progress', 'reporting']);
  if (units !== 'all') running = running.where('org_unit_id', 'in', units.size ? [...units] : ['']);
  const [incidents, monitoring, assessments, auditsRunning, openFindings] = await Promise.all([
    openIncidentsWithDeadlines(db, reach),
    monitoringSummary(db, reach, now),
    assessmentStatusCounts(db, reach, today),
    running.executeTakeFirst(),
    openFindingsCount(db, units),
  ]);
  const at = now.toISOString();
  return {
    incidents: {
      running: incidents.length,
      overdue: incidents.filter((i) => i.governing.dueAt < at).length,
      next: incidents.slice(0, NEXT_INCIDENTS).map((i) => ({ incidentId: i.id, ref: i.ref, title: i.title, systemName: i.systemName, duty: i.governing.duty, dueAt: i.governing.dueAt })),
    },
    monitoring,
    assessments,
    audits: { inProgress: Number(auditsRunning?.n ?? 0), openFindings },
  };
}

/** Audits belong to units, not systems: the reader's units, narrowed to the chosen unit and its sub-units. */
function auditUnits(reach: Reach): UnitScope {
  // A token limited to systems sees no unit-wide records.
  if (reach.systemIds !== null) return new Set();
  if (reach.units === null) return reach.scope;
  const scope = reach.scope;
  return new Set(reach.units.filter((u) => scope === 'all' || scope.has(u)));
}
