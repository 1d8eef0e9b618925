import { measurementDueState, type MonitoringFrequency } from '@konform/core';
import type { Database } from '../../db/database.js';
import { indicatorsOf, latestMeasurements } from '../../modules/monitoring/repository.js';
import type { Occasion } from './types.js';

/**
 * Indicators of active monitoring plans (Art. 72) whose period elapsed without a measurement, to the holders of
 * monitoring.edit in the system's unit. Once per indicator and due day: a new measurement moves the day.
 */
export async function monitoringOverdueOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const plans = await database.db.selectFrom('monitoring_plan').innerJoin('ai_system', 'ai_system.id', 'monitoring_plan.system_id')
    .select(['monitoring_plan.id', 'monitoring_plan.activated_at', 'ai_system.id as system_id', 'ai_system.name', 'ai_system.org_unit_id'])
    .where('monitoring_plan.status', '=', 'active').where('ai_system.archived_at', 'is', null).execute();
  if (plans.length === 0) return [];
  const indicators = await indicatorsOf(database.db, plans.map((p) => p.id));
  const latest = await latestMeasurements(database.db, indicators.map((i) => i.id));
  const occasions: Occasion[] = [];
  for (const i of indicators) {
    const plan = plans.find((p) => p.id === i.plan_id)!;
    if (!plan.activated_at) continue;
    const due = measurementDueState(i.frequency as MonitoringFrequency, latest.get(i.id)?.measured_at ?? null, plan.activated_at, now);
    if (!due.overdue) continue;
    occasions.push({
      kind: 'monitoring-overdue',
      key: `monitoring-overdue:${i.id}:${due.dueOn}`,
      recipients: { permission: 'monitoring.edit', unitId: plan.org_unit_id },
      link: `/systems/${plan.system_id}?tab=monitoring`,
      title: { de: `Messung überfällig: ${i.name} (${plan.name})`, en: `Measurement overdue: ${i.name} (${plan.name})` },
      body: {
        de: `Für den Indikator „${i.name}“ des Beobachtungsplans von „${plan.name}“ war bis ${due.dueOn} ein Messwert fällig. Bitte erfassen Sie ihn im Reiter „Beobachtung“.`,
        en: `A value of the indicator "${i.name}" in the monitoring plan of "${plan.name}" was due by ${due.dueOn}. Please record it on the tab "Monitoring".`,
      },
    });
  }
  return occasions;
}
