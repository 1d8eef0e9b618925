import type { Kysely } from 'kysely';
import { measurementDueState, type MonitoringFrequency } from '@konform/core';
import type { DB } from '../../db/schema.js';
import { reachesAnything, type Reach } from '../dashboard/repository.js';
import * as repo from './repository.js';

export interface MonitoringSummary {
  /** Active monitoring plans of active systems in reach. */
  activePlans: number;
  /** Measurements that breached their threshold in the last 30 days (on those plans' systems). */
  breachesLast30Days: number;
  /** Indicators of active plans whose period elapsed without a measurement. */
  overdueIndicators: number;
}

/** For the dashboard and the management report: how post-market monitoring stands in the reader's reach. */
export async function monitoringSummary(db: Kysely<DB>, reach: Reach, now: Date = new Date()): Promise<MonitoringSummary> {
  if (!reachesAnything(reach)) return { activePlans: 0, breachesLast30Days: 0, overdueIndicators: 0 };
  let q = db.selectFrom('monitoring_plan').innerJoin('ai_system as s', 's.id', 'monitoring_plan.system_id')
    .select(['monitoring_plan.id', 'monitoring_plan.system_id', 'monitoring_plan.activated_at'])
    .where('monitoring_plan.status', '=', 'active').where('s.archived_at', 'is', null);
  if (reach.scope !== 'all') q = q.where('s.org_unit_id', 'in', [...reach.scope]);
  if (reach.units !== null) q = q.where('s.org_unit_id', 'in', [...reach.units]);
  if (reach.systemIds !== null) q = q.where('s.id', 'in', [...reach.systemIds]);
  if (reach.levels !== null) q = q.where('s.classification', 'in', [...reach.levels]);
  const plans = await q.execute();
  if (plans.length === 0) return { activePlans: 0, breachesLast30Days: 0, overdueIndicators: 0 };
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const breaches = await db.selectFrom('monitoring_measurement').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('plan_id', 'in', plans.map((p) => p.id)).where('breached', '=', 1).where('measured_at', '>=', since).executeTakeFirst();
  const indicators = await repo.indicatorsOf(db, plans.map((p) => p.id));
  const latest = await repo.latestMeasurements(db, indicators.map((i) => i.id));
  const activated = new Map(plans.map((p) => [p.id, p.activated_at ?? now.toISOString()]));
  const overdue = indicators.filter((i) => measurementDueState(i.frequency as MonitoringFrequency, latest.get(i.id)?.measured_at ?? null, activated.get(i.plan_id)!, now).overdue).length;
  return { activePlans: plans.length, breachesLast30Days: Number(breaches?.n ?? 0), overdueIndicators: overdue };
}
