import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import {
  isBreach,
  type ListPage,
  type MonitoringComparator,
  type MonitoringIndicatorInput,
  type MonitoringMeasurement,
  type MonitoringMeasurementCreate,
  type MonitoringMeasurementListQuery,
  type MonitoringPlan,
  type MonitoringPlanCreate,
  type MonitoringPlanListQuery,
  type MonitoringPlanStatus,
  type MonitoringPlanUpdate,
  MonitoringIndicatorInput as IndicatorSchema,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, MonitoringIndicatorTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, assertSystemAllowed, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import * as repo from './repository.js';
import { presentIndicator, presentMeasurement, presentPlan } from './presenter.js';
import { openBreachTask, type Breach, type IncidentOpener } from './breach.js';

export const MONITORING_PLAN_ENTITY = 'monitoring_plan';
export const MONITORING_MEASUREMENT_ENTITY = 'monitoring_measurement';

/** Which status changes a plan may make; a retired plan stays retired (start a new one). */
const TRANSITIONS: Record<MonitoringPlanStatus, readonly MonitoringPlanStatus[]> = {
  draft: ['active', 'retired'],
  active: ['retired'],
  retired: [],
};

/**
 * Post-market monitoring plans (Art. 72) of high-risk AI systems: indicators with thresholds and frequencies, and the
 * measurements recorded against them. A breach opens a task (or an incident) in the transaction that records it.
 */
export class MonitoringService {
  /** Set by the incidents module when it is wired (see breach.ts). */
  incidentOpener: IncidentOpener | null = null;

  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: MonitoringPlanListQuery): Promise<ListPage<MonitoringPlan>> {
    if (query.systemId !== undefined) assertSystemAllowed(actor, query.systemId);
    const scope = await unitScope(this.db, actor, 'monitoring.read');
    const { rows, total } = await repo.listPlans(this.db, scope, {
      systemId: query.systemId, status: query.status, tokenSystemIds: tokenSystemIds(actor), viewer: actor, limit: query.limit, offset: query.offset,
    });
    const now = new Date();
    const indicators = await repo.indicatorsOf(this.db, rows.map((r) => r.id));
    const latest = await repo.latestMeasurements(this.db, indicators.map((i) => i.id));
    const items = rows.map((plan) => presentPlan(plan, indicators.filter((i) => i.plan_id === plan.id).map((i) => presentIndicator(i, latest.get(i.id), plan, now))));
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<MonitoringPlan> {
    const plan = await repo.findPlan(this.db, id);
    if (!plan) throw notFound('Monitoring plan');
    await assertInScope(this.db, actor, 'monitoring.read', plan.org_unit_id, plan.system_id);
    const indicators = await repo.indicatorsOf(this.db, [plan.id]);
    const latest = await repo.latestMeasurements(this.db, indicators.map((i) => i.id));
    const now = new Date();
    return presentPlan(plan, indicators.map((i) => presentIndicator(i, latest.get(i.id), plan, now)));
  }

  async create(actor: Actor, input: MonitoringPlanCreate): Promise<MonitoringPlan> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const system = await findSystem(trx, input.systemId);
      if (!system) throw invalid('systemId', 'Unknown AI system');
      await assertInScope(trx, actor, 'monitoring.edit', system.org_unit_id, system.id);
      if (system.archived_at !== null) throw conflict('archived', 'The AI system is archived');
      if (system.risk_class !== 'high') throw conflict('not-high-risk', 'A post-market monitoring plan is kept for high-risk AI systems; classify the system as high-risk first');
      if (input.status === 'active' && (await repo.activePlanOf(trx, system.id))) throw conflict('active-plan-exists', 'The AI system has an active monitoring plan; retire it first');
      await trx.insertInto('monitoring_plan').values({
        id, system_id: system.id, observed: input.observed, status: input.status, activated_at: input.status === 'active' ? now : null, version: 1,
        created_at: now, updated_at: now, created_by_label: actor.label, updated_by_label: actor.label,
      }).execute();
      const indicators = await this.writeIndicators(trx, id, input.indicators, new Set());
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'monitoring-plan.create',
        entityType: MONITORING_PLAN_ENTITY,
        entityId: id,
        changes: [
          { field: 'systemId', before: null, after: system.id },
          { field: 'status', before: null, after: input.status },
          { field: 'observed', before: null, after: input.observed },
          { field: 'indicators', before: null, after: indicators },
        ],
      }, now);
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: MonitoringPlanUpdate): Promise<MonitoringPlan> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const plan = await repo.findPlan(trx, id);
      if (!plan) throw notFound('Monitoring plan');
      await assertInScope(trx, actor, 'monitoring.edit', plan.org_unit_id, plan.system_id);
      const locked = await repo.lockPlan(trx, this.database.dialect, id);
      if (!locked || Number(locked.version) !== input.version) throw versionConflict();
      const from = plan.status as MonitoringPlanStatus;
      const to = input.status ?? from;
      if (to !== from && !TRANSITIONS[from].includes(to)) throw conflict('invalid-transition', `A ${from} plan cannot become ${to}`);
      if (from === 'retired' && (input.observed !== undefined || input.indicators !== undefined)) throw conflict('retired', 'A retired plan is kept as it was');
      if (to === 'active' && from !== 'active') {
        const system = await findSystem(trx, plan.system_id);
        if (system?.risk_class !== 'high') throw conflict('not-high-risk', 'A post-market monitoring plan is kept for high-risk AI systems');
        if (await repo.activePlanOf(trx, plan.system_id)) throw conflict('active-plan-exists', 'The AI system has an active monitoring plan; retire it first');
      }
      const changes: { field: string; before: unknown; after: unknown }[] = [];
      if (to !== from) changes.push({ field: 'status', before: from, after: to });
      if (input.observed !== undefined && input.observed !== plan.observed) changes.push({ field: 'observed', before: plan.observed, after: input.observed });
      if (input.indicators !== undefined) {
        const before = (await repo.indicatorsOf(trx, [id])).map(auditIndicator);
        const after = await this.writeIndicators(trx, id, input.indicators, new Set(before.map((i) => i.id)));
        if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ field: 'indicators', before, after });
      }
      await trx.updateTable('monitoring_plan').set({
        status: to, observed: input.observed ?? plan.observed, activated_at: to === 'active' && from !== 'active' ? now : plan.activated_at,
        version: Number(plan.version) + 1, updated_at: now, updated_by_label: actor.label,
      }).where('id', '=', id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'monitoring-plan.update', entityType: MONITORING_PLAN_ENTITY, entityId: id, changes }, now);
    });
    return this.get(actor, id);
  }

  /**
   * Replaces the plan's indicators by the list given: an `id` keeps an existing indicator (it must belong to the plan);
   * an indicator with measurements cannot be dropped. Returns the list as the audit trail shows it.
   */
  private async writeIndicators(trx: Transaction<DB>, planId: string, list: MonitoringIndicatorInput[], existing: ReadonlySet<string>) {
    const parsed = list.map((i) => IndicatorSchema.parse(i));
    const kept = new Set<string>();
    parsed.forEach((i, index) => {
      if (i.id !== undefined && !existing.has(i.id)) throw invalid(`indicators.${index}.id`, 'Unknown indicator of this plan');
      if (i.id !== undefined && kept.has(i.id)) throw invalid(`indicators.${index}.id`, 'The indicator is listed twice');
      if (i.id !== undefined) kept.add(i.id);
    });
    const names = parsed.map((i) => i.name.toLowerCase());
    const dup = names.findIndex((n, index) => names.indexOf(n) !== index);
    if (dup >= 0) throw invalid(`indicators.${dup}.name`, 'Two indicators share this name');
    const dropped = [...existing].filter((id) => !kept.has(id));
    if (dropped.length > 0) {
      const measured = await repo.measuredIndicatorIds(trx, planId);
      if (dropped.some((id) => measured.has(id))) throw conflict('indicator-measured', 'An indicator with measurements cannot be removed; retire the plan and start a new one instead');
      await trx.deleteFrom('monitoring_indicator').where('id', 'in', dropped).execute();
    }
    const rows: MonitoringIndicatorTable[] = parsed.map((i, position) => ({
      id: i.id ?? randomUUID(), plan_id: planId, position, name: i.name, unit: i.unit, comparator: i.comparator, threshold: i.threshold,
      data_source: i.dataSource, frequency: i.frequency, responsible: i.responsible, on_breach: i.onBreach,
    }));
    for (const row of rows) {
      if (existing.has(row.id)) {
        const { id, ...values } = row;
        await trx.updateTable('monitoring_indicator').set(values).where('id', '=', id).execute();
      } else await trx.insertInto('monitoring_indicator').values(row).execute();
    }
    return rows.map(auditIndicator);
  }

  async measurements(actor: Actor, planId: string, query: MonitoringMeasurementListQuery): Promise<ListPage<MonitoringMeasurement>> {
    const plan = await repo.findPlan(this.db, planId);
    if (!plan) throw notFound('Monitoring plan');
    await assertInScope(this.db, actor, 'monitoring.read', plan.org_unit_id, plan.system_id);
    const indicators = await repo.indicatorsOf(this.db, [planId]);
    if (query.indicatorId !== undefined && !indicators.some((i) => i.id === query.indicatorId)) throw invalid('indicatorId', 'Unknown indicator of this plan');
    const names = new Map(indicators.map((i) => [i.id, i.name]));
    const { rows, total } = await repo.listMeasurements(this.db, planId, query.indicatorId, query.limit, query.offset);
    return { items: rows.map((r) => presentMeasurement(r, names.get(r.indicator_id) ?? '')), total, limit: query.limit, offset: query.offset };
  }

  /**
   * Records a measured value against an indicator of an active plan. A value that breaches the threshold opens a task
   * on the system (due soon) or, where the indicator says so and incidents are wired, an incident — in the same
   * transaction as the measurement and its audit event.
   */
  async record(actor: Actor, planId: string, input: MonitoringMeasurementCreate): Promise<MonitoringMeasurement> {
    const now = new Date().toISOString();
    const id = randomUUID();
    const measuredAt = new Date(input.measuredAt);
    if (measuredAt.getTime() > Date.now() + 5 * 60_000) throw invalid('measuredAt', 'A measurement cannot lie in the future');
    let indicatorName = '';
    await this.db.transaction().execute(async (trx) => {
      const plan = await repo.findPlan(trx, planId);
      if (!plan) throw notFound('Monitoring plan');
      await assertInScope(trx, actor, 'monitoring.record', plan.org_unit_id, plan.system_id);
      if (plan.status !== 'active') throw conflict('plan-not-active', 'Measurements are recorded against an active plan');
      const indicator = (await repo.indicatorsOf(trx, [planId])).find((i) => i.id === input.indicatorId);
      if (!indicator) throw invalid('indicatorId', 'Unknown indicator of this plan');
      indicatorName = indicator.name;
      const breached = isBreach(input.value, indicator.comparator as MonitoringComparator, Number(indicator.threshold));
      const source = actor.via === 'token' ? 'api' : 'manual';
      await trx.insertInto('monitoring_measurement').values({
        id, plan_id: planId, indicator_id: indicator.id, system_id: plan.system_id, value: input.value, measured_at: measuredAt.toISOString(), note: input.note,
        source, breached: breached ? 1 : 0, task_id: null, incident_id: null, recorded_at: now, recorded_by_label: actor.label,
      }).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'monitoring-measurement.record',
        entityType: MONITORING_MEASUREMENT_ENTITY,
        entityId: id,
        changes: [
          { field: 'planId', before: null, after: planId },
          { field: 'indicatorId', before: null, after: indicator.id },
          { field: 'value', before: null, after: input.value },
          { field: 'measuredAt', before: null, after: measuredAt.toISOString() },
          { field: 'source', before: null, after: source },
          { field: 'breached', before: null, after: breached },
        ],
      }, now);
      if (!breached) return;
      const breach: Breach = { systemId: plan.system_id, orgUnitId: plan.org_unit_id, systemName: plan.system_name, indicator, value: input.value, measuredAt: measuredAt.toISOString(), measurementId: id };
      if (indicator.on_breach === 'incident' && this.incidentOpener) {
        const incidentId = await this.incidentOpener(trx, actor, breach, now);
        await trx.updateTable('monitoring_measurement').set({ incident_id: incidentId }).where('id', '=', id).execute();
      } else {
        const note = indicator.on_breach === 'incident' ? 'Vorgesehen war ein Vorfall; die Vorfallerfassung ist nicht verfügbar, daher diese Aufgabe.' : '';
        const taskId = await openBreachTask(trx, this.database.dialect, actor, breach, now, note);
        await trx.updateTable('monitoring_measurement').set({ task_id: taskId }).where('id', '=', id).execute();
      }
    });
    return presentMeasurement(await repo.findMeasurement(this.db, id), indicatorName);
  }
}

function auditIndicator(row: MonitoringIndicatorTable) {
  return {
    id: row.id, name: row.name, unit: row.unit, comparator: row.comparator, threshold: Number(row.threshold), dataSource: row.data_source,
    frequency: row.frequency, responsible: row.responsible, onBreach: row.on_breach,
  };
}
