import type { Kysely } from 'kysely';
import type { AnnexIvInputs, MonitoringComparator, MonitoringFrequency } from '@konform/core';
import type { DB } from '../../db/schema.js';
import * as repo from './repository.js';

/** What section 9 of the technical documentation shows: the system's active plan and the latest value per indicator. */
export async function monitoringForAnnexIv(db: Kysely<DB>, systemId: string): Promise<AnnexIvInputs['monitoring']> {
  const plan = await db.selectFrom('monitoring_plan').select(['id', 'observed', 'activated_at']).where('system_id', '=', systemId).where('status', '=', 'active').executeTakeFirst();
  if (!plan) return null;
  const indicators = await repo.indicatorsOf(db, [plan.id]);
  const latest = await repo.latestMeasurements(db, indicators.map((i) => i.id));
  return {
    observed: plan.observed,
    activatedAt: plan.activated_at,
    indicators: indicators.map((i) => {
      const m = latest.get(i.id);
      return {
        name: i.name, unit: i.unit, comparator: i.comparator as MonitoringComparator, threshold: Number(i.threshold), frequency: i.frequency as MonitoringFrequency,
        dataSource: i.data_source, responsible: i.responsible,
        latest: m ? { value: Number(m.value), measuredAt: m.measured_at, breached: Number(m.breached) === 1 } : null,
      };
    }),
  };
}
