import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';
import { MONITORING_COMPARATORS, MONITORING_FREQUENCIES } from '../monitoring/rules.js';

/** Post-market monitoring (Art. 72): a plan per high-risk AI system, its indicators and measurements. */
export const MONITORING_PLAN_STATUSES = ['draft', 'active', 'retired'] as const;
export const MonitoringPlanStatus = z.enum(MONITORING_PLAN_STATUSES);
export type MonitoringPlanStatus = z.infer<typeof MonitoringPlanStatus>;

export const MonitoringComparatorSchema = z.enum(MONITORING_COMPARATORS);
export const MonitoringFrequencySchema = z.enum(MONITORING_FREQUENCIES);

/** What a breach of the indicator's threshold opens: a task (default) or an incident record. */
export const MONITORING_BREACH_ACTIONS = ['task', 'incident'] as const;
export const MonitoringBreachAction = z.enum(MONITORING_BREACH_ACTIONS);
export type MonitoringBreachAction = z.infer<typeof MonitoringBreachAction>;

export const MONITORING_SOURCES = ['manual', 'api'] as const;
export const MonitoringSource = z.enum(MONITORING_SOURCES);
export type MonitoringSource = z.infer<typeof MonitoringSource>;

const text = (max: number) => z.string().trim().max(max);

/** An indicator as written: `id` keeps an existing one (its measurements stay with it). */
export const MonitoringIndicatorInput = z.strictObject({
  id: Id.optional(),
  name: text(200).min(1),
  unit: text(50).default(''),
  comparator: MonitoringComparatorSchema,
  threshold: z.number().finite(),
  dataSource: text(500).default(''),
  frequency: MonitoringFrequencySchema,
  responsible: text(200).default(''),
  onBreach: MonitoringBreachAction.default('task'),
});
export type MonitoringIndicatorInput = z.input<typeof MonitoringIndicatorInput>;

const Indicators = z.array(MonitoringIndicatorInput).max(100);

/** POST /api/monitoring-plans: a plan for a high-risk AI system (draft unless said otherwise). */
export const MonitoringPlanCreate = z.strictObject({
  systemId: Id,
  observed: text(20_000).default(''),
  status: z.enum(['draft', 'active']).default('draft'),
  indicators: Indicators.default([]),
});
export type MonitoringPlanCreate = z.infer<typeof MonitoringPlanCreate>;

/** PATCH /api/monitoring-plans/{id}: what is observed, the indicators (the full list) and the status, based on `version`. */
export const MonitoringPlanUpdate = z.strictObject({
  version: z.number().int().min(1),
  observed: text(20_000).optional(),
  status: MonitoringPlanStatus.optional(),
  indicators: Indicators.optional(),
});
export type MonitoringPlanUpdate = z.infer<typeof MonitoringPlanUpdate>;

export const MonitoringMeasurement = z.object({
  id: Id,
  planId: Id,
  indicatorId: Id,
  indicatorName: z.string(),
  value: z.number(),
  measuredAt: Timestamp,
  note: z.string(),
  source: MonitoringSource,
  breached: z.boolean(),
  /** The task (or incident) the breach opened. */
  taskId: Id.nullable(),
  incidentId: Id.nullable(),
  recordedAt: Timestamp,
  recordedByLabel: z.string(),
});
export type MonitoringMeasurement = z.infer<typeof MonitoringMeasurement>;

export const MonitoringIndicator = z.object({
  id: Id,
  name: z.string(),
  unit: z.string(),
  comparator: MonitoringComparatorSchema,
  threshold: z.number(),
  dataSource: z.string(),
  frequency: MonitoringFrequencySchema,
  responsible: z.string(),
  onBreach: MonitoringBreachAction,
  latest: MonitoringMeasurement.nullable(),
  /** For an active plan: the day the next measurement is due and whether the period has elapsed without one. */
  dueOn: z.iso.date().nullable(),
  overdue: z.boolean(),
});
export type MonitoringIndicator = z.infer<typeof MonitoringIndicator>;

export const MonitoringPlan = z.object({
  id: Id,
  systemId: Id,
  systemName: z.string(),
  orgUnitId: Id,
  observed: z.string(),
  status: MonitoringPlanStatus,
  indicators: z.array(MonitoringIndicator),
  overdueCount: z.number().int(),
  breachedCount: z.number().int(),
  activatedAt: Timestamp.nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdByLabel: z.string(),
  updatedByLabel: z.string(),
});
export type MonitoringPlan = z.infer<typeof MonitoringPlan>;

export const MonitoringPlanListQuery = z.strictObject({
  systemId: Id.optional(),
  status: MonitoringPlanStatus.optional(),
  ...PageQuery,
});
export type MonitoringPlanListQuery = z.infer<typeof MonitoringPlanListQuery>;

/**
 * POST /api/monitoring-plans/{id}/measurements: one value of an indicator. `value` must be a number (a numeric string
 * is refused, naming the field); `source` is `api` for API tokens whatever is sent.
 */
export const MonitoringMeasurementCreate = z.strictObject({
  indicatorId: Id,
  value: z.number().finite(),
  measuredAt: Timestamp,
  note: text(2000).default(''),
});
export type MonitoringMeasurementCreate = z.infer<typeof MonitoringMeasurementCreate>;

export const MonitoringMeasurementListQuery = z.strictObject({
  indicatorId: Id.optional(),
  ...PageQuery,
});
export type MonitoringMeasurementListQuery = z.infer<typeof MonitoringMeasurementListQuery>;

export const MonitoringIdParams = z.strictObject({ id: Id });
