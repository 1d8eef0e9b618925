import { measurementDueState, type MonitoringBreachAction, type MonitoringComparator, type MonitoringFrequency, type MonitoringIndicator, type MonitoringMeasurement, type MonitoringPlan, type MonitoringPlanStatus, type MonitoringSource } from '@konform/core';
import type { MonitoringIndicatorTable, MonitoringMeasurementTable } from '../../db/schema.js';
import type { PlanRow } from './repository.js';

export function presentMeasurement(row: MonitoringMeasurementTable, indicatorName: string): MonitoringMeasurement {
  return {
    id: row.id, planId: row.plan_id, indicatorId: row.indicator_id, indicatorName, value: Number(row.value), measuredAt: row.measured_at, note: row.note,
    source: row.source as MonitoringSource, breached: Number(row.breached) === 1, taskId: row.task_id, incidentId: row.incident_id,
    recordedAt: row.recorded_at, recordedByLabel: row.recorded_by_label,
  };
}

/** An indicator with its latest value and, on an active plan, when the next value is due. */
export function presentIndicator(row: MonitoringIndicatorTable, latest: MonitoringMeasurementTable | undefined, plan: PlanRow, now: Date): MonitoringIndicator {
  const frequency = row.frequency as MonitoringFrequency;
  const due = plan.status === 'active' && plan.activated_at ? measurementDueState(frequency, latest?.measured_at ?? null, plan.activated_at, now) : null;
  return {
    id: row.id, name: row.name, unit: row.unit, comparator: row.comparator as MonitoringComparator, threshold: Number(row.threshold), dataSource: row.data_source,
    frequency, responsible: row.responsible, onBreach: row.on_breach as MonitoringBreachAction,
    latest: latest ? presentMeasurement(latest, row.name) : null, dueOn: due?.dueOn ?? null, overdue: due?.overdue ?? false,
  };
}

export function presentPlan(plan: PlanRow, indicators: MonitoringIndicator[]): MonitoringPlan {
  return {
    id: plan.id, systemId: plan.system_id, systemName: plan.system_name, orgUnitId: plan.org_unit_id, observed: plan.observed, status: plan.status as MonitoringPlanStatus,
    indicators, overdueCount: indicators.filter((i) => i.overdue).length, breachedCount: indicators.filter((i) => i.latest?.breached).length,
    activatedAt: plan.activated_at, version: Number(plan.version), createdAt: plan.created_at, updatedAt: plan.updated_at,
    createdByLabel: plan.created_by_label, updatedByLabel: plan.updated_by_label,
  };
}
