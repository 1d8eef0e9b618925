import { addCalendarDays, calendarDate, OPEN_TASK_STATUSES, TASK_DUE_SOON_DAYS } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Occasion } from './types.js';

/**
 * Open tasks (open, in progress, blocked) with an owner and a due date within TASK_DUE_SOON_DAYS days or past, to their
 * owner (only while active). The key holds the task, its due date and the state, so each is told once per due date
 * and state: a new due date or the step from due to overdue is told again, a repeated sweep is not.
 */
export async function taskDueOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const today = calendarDate(now);
  const tasks = await database.db
    .selectFrom('task')
    .innerJoin('app_user', 'app_user.id', 'task.owner_id')
    .leftJoin('ai_system', 'ai_system.id', 'task.system_id')
    .select(['task.id', 'task.title', 'task.due_date', 'task.owner_id', 'ai_system.name as system_name'])
    .where('task.status', 'in', [...OPEN_TASK_STATUSES])
    .where('task.due_date', 'is not', null)
    .where('task.due_date', '<=', addCalendarDays(today, TASK_DUE_SOON_DAYS))
    .where('app_user.active', '=', 1)
    .where('ai_system.archived_at', 'is', null)
    .execute();
  return tasks.map((task): Occasion => {
    const date = task.due_date!;
    const overdue = date < today;
    const where = task.system_name === null ? { de: '', en: '' } : { de: ` (KI-System „${task.system_name}“)`, en: ` (AI system "${task.system_name}")` };
    return {
      kind: overdue ? 'task-overdue' : 'task-due',
      key: `task:${task.id}:${date}:${overdue ? 'overdue' : 'due'}`,
      recipients: { userIds: [task.owner_id!] },
      link: `/tasks?focus=${task.id}`,
      title: overdue ? { de: `Aufgabe überfällig: ${task.title}`, en: `Task overdue: ${task.title}` } : { de: `Aufgabe bald fällig: ${task.title}`, en: `Task due soon: ${task.title}` },
      body: overdue
        ? {
            de: `Die Aufgabe „${task.title}“${where.de} war am ${date} fällig. Bitte erledigen Sie sie oder vereinbaren Sie einen neuen Termin.`,
            en: `The task "${task.title}"${where.en} was due on ${date}. Please complete it or agree on a new due date.`,
          }
        : {
            de: `Die Aufgabe „${task.title}“${where.de} ist am ${date} fällig.`,
            en: `The task "${task.title}"${where.en} is due on ${date}.`,
          },
    };
  });
}
