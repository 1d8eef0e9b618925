import type { TaskPriority, TaskRecordType, TaskStatus } from '@konform/core';
import { formatLegalRef } from '../../i18n/legal-ref';

/** The board's columns, in order; cancelled tasks are not shown there. */
export const BOARD_STATUSES = ['open', 'in-progress', 'blocked', 'done'] as const satisfies readonly TaskStatus[];

export const TASK_STATUS_OPTIONS: readonly TaskStatus[] = ['open', 'in-progress', 'blocked', 'done', 'cancelled'];
export const TASK_PRIORITY_OPTIONS: readonly TaskPriority[] = ['low', 'normal', 'high', 'urgent'];

/** Which statuses "My tasks" shows for each choice of its filter. */
export const SHOW_STATUSES = {
  open: 'open,in-progress,blocked',
  closed: 'done,cancelled',
  all: undefined,
} as const;
export type ShowChoice = keyof typeof SHOW_STATUSES;

export function showChoice(value: string | null): ShowChoice {
  return value === 'closed' || value === 'all' ? value : 'open';
}

interface RecordLike {
  recordType: TaskRecordType;
  recordId: string;
  systemId: string | null;
}

/** Where the record of a task is shown in the app (its page, or the system tab that holds it). */
export function recordPath(task: RecordLike): string | null {
  const system = task.systemId === null ? null : `/systems/${task.systemId}`;
  switch (task.recordType) {
    case 'risk':
      return `/risks/${task.recordId}`;
    case 'evidence':
      return `/evidence/${task.recordId}`;
    case 'nonconformity':
      return `/nonconformities/${task.recordId}`;
    case 'system':
      return system === null ? null : `${system}?tab=tasks`;
    case 'fria':
      return system === null ? null : `${system}?tab=fria`;
    case 'requirement':
    case 'measure':
      return system === null ? null : `${system}?tab=matrix`;
  }
}

/** The record's label in the UI language; a requirement's reference in the language's citation style. */
export function recordLabelText(task: { recordType: TaskRecordType; recordLabel: { de: string; en: string } }, language: string): string {
  const label = language === 'en' ? task.recordLabel.en : task.recordLabel.de;
  if (task.recordType !== 'requirement') return label;
  const at = label.indexOf(' – ');
  return at < 0 ? label : `${formatLegalRef(label.slice(0, at), language)}${label.slice(at)}`;
}

export function priorityColor(priority: TaskPriority): string {
  return priority === 'urgent' ? 'red.8' : priority === 'high' ? 'orange' : priority === 'low' ? 'gray' : 'petrol';
}
