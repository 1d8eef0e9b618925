import { OFFICE_TIME_ZONE, addCalendarDays } from '../dates.js';

/** Pure rules of tasks: which statuses are open, when a task is due soon or overdue, what completing it records. */

export const TASK_STATUSES = ['open', 'in-progress', 'blocked', 'done', 'cancelled'] as const;
type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses in which a task still needs work (and reminds its owner). */
export const OPEN_TASK_STATUSES = ['open', 'in-progress', 'blocked'] as const satisfies readonly TaskStatus[];

/** A task is "due soon" this many days ahead of its due date (and its owner is reminded then). */
export const TASK_DUE_SOON_DAYS = 3;

/** The time zone whose calendar day decides whether a task is overdue. */
export const TASK_TIME_ZONE = OFFICE_TIME_ZONE;

export function isTaskOpen(status: string): boolean {
  return (OPEN_TASK_STATUSES as readonly string[]).includes(status);
}

export { addCalendarDays, calendarDate } from '../dates.js';

/**
 * - `overdue`: open and the due date lies before today;
 * - `due-soon`: open and due today or within the next TASK_DUE_SOON_DAYS days;
 * - `later`: open and due after that;
 * - `none`: done, cancelled or without a due date.
 */
export type TaskDueState = 'overdue' | 'due-soon' | 'later' | 'none';

export function taskDueState(task: { status: string; dueDate: string | null }, today: string): TaskDueState {
  if (!isTaskOpen(task.status) || task.dueDate === null) return 'none';
  if (task.dueDate < today) return 'overdue';
  if (task.dueDate <= addCalendarDays(today, TASK_DUE_SOON_DAYS)) return 'due-soon';
  return 'later';
}

export interface TaskCompletion {
  completedAt: string | null;
  completedBy: string | null;
}

/**
 * What a status change records about completion: reaching `done` records when and by whom; staying `done` keeps it;
 * any other status clears it (a reopened task is no longer complete).
 */
export function completionAfter(from: TaskStatus, to: TaskStatus, current: TaskCompletion, who: string | null, now: string): TaskCompletion {
  if (to !== 'done') return { completedAt: null, completedBy: null };
  if (from === 'done') return current;
  return { completedAt: now, completedBy: who };
}
