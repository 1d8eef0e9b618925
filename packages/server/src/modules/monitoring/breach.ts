import { randomUUID } from 'node:crypto';
import { addCalendarDays, comparatorSymbol, officeToday, type MonitoringComparator } from '@konform/core';
import type { Transaction } from 'kysely';
import type { DB, MonitoringIndicatorTable, TaskTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';

/** A breach is worked on soon: the task opened for it is due within a week. */
export const BREACH_TASK_DAYS = 7;

export interface Breach {
  systemId: string;
  orgUnitId: string;
  systemName: string;
  indicator: MonitoringIndicatorTable;
  value: number;
  measuredAt: string;
  measurementId: string;
}

/**
 * Opens an incident record for a breach inside the caller's transaction and returns its id. Supplied by the incidents
 * module when it is wired; without it a breach configured to open an incident opens a task instead.
 */
export type IncidentOpener = (trx: Transaction<DB>, actor: Actor, breach: Breach, now: string) => Promise<string>;

/** How the breach reads: the indicator, the value and the condition it failed. */
export function breachText(b: Breach): string {
  const unit = b.indicator.unit ? ` ${b.indicator.unit}` : '';
  return `${b.indicator.name}: ${b.value}${unit} (Soll ${comparatorSymbol(b.indicator.comparator as MonitoringComparator)} ${Number(b.indicator.threshold)}${unit})`;
}

/** Opens a task on the system for a breach, with its audit event, in the caller's transaction. */
export async function openBreachTask(trx: Transaction<DB>, dialect: DialectName, actor: Actor, b: Breach, now: string, note = ''): Promise<string> {
  const id = randomUUID();
  const description = [
    `Schwellenwert der Beobachtung nach dem Inverkehrbringen (Art. 72 KI-VO) verletzt, gemessen am ${b.measuredAt}.`,
    `Datenquelle: ${b.indicator.data_source || '–'}; verantwortlich: ${b.indicator.responsible || '–'}.`,
    note,
  ].filter(Boolean).join('\n');
  const row: TaskTable = {
    id, record_type: 'system', record_id: b.systemId, system_id: b.systemId, org_unit_id: b.orgUnitId,
    title: `Beobachtung: Schwellenwert verletzt – ${breachText(b)}`.slice(0, 300), description, owner_id: null,
    due_date: addCalendarDays(officeToday(new Date(now)), BREACH_TASK_DAYS), priority: 'high', status: 'open',
    completed_at: null, completed_by: null, version: 1, created_at: now, updated_at: now, created_by: actor.userId, created_by_label: actor.label,
  };
  await trx.insertInto('task').values(row).execute();
  await appendAuditEvent(trx, dialect, actor, {
    action: 'task.create',
    entityType: 'task',
    entityId: id,
    changes: [
      { field: 'recordType', before: null, after: row.record_type },
      { field: 'recordId', before: null, after: row.record_id },
      { field: 'systemId', before: null, after: row.system_id },
      { field: 'title', before: null, after: row.title },
      { field: 'dueDate', before: null, after: row.due_date },
      { field: 'priority', before: null, after: row.priority },
      { field: 'monitoringMeasurementId', before: null, after: b.measurementId },
    ],
  }, now);
  return id;
}
