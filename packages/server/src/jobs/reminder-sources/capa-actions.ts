import { ACTION_NOTICE_DAYS, actionDueState } from '@konform/core';
import type { Database } from '../../db/database.js';
import { parseActions } from '../../modules/nonconformities/presenter.js';
import { addDays, isoDate, type Occasion } from './types.js';

const shorten = (text: string, max = 80) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/**
 * Corrective and preventive actions not yet done, of non-conformities not closed (and not of an archived system),
 * whose owner is a Konform user and whose due date is within ACTION_NOTICE_DAYS or past: to that owner, if active.
 */
export async function capaActionOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const today = isoDate(now);
  const db = database.db;
  const rows = await db
    .selectFrom('nonconformity')
    .leftJoin('ai_system', 'ai_system.id', 'nonconformity.system_id')
    .select(['nonconformity.id', 'nonconformity.title', 'nonconformity.actions', 'ai_system.name as system_name'])
    .where('nonconformity.status', '!=', 'closed')
    .where('nonconformity.actions', 'like', '%"ownerId":"%')
    .where('ai_system.archived_at', 'is', null)
    .execute();
  const horizon = isoDate(addDays(now, ACTION_NOTICE_DAYS));
  const due = rows.flatMap((nc) =>
    parseActions(nc.actions)
      .filter((a) => a.ownerId !== null && !a.done && a.dueDate !== null && a.dueDate <= horizon)
      .map((action) => ({ nc, action, ownerId: action.ownerId!, date: action.dueDate! })),
  );
  if (due.length === 0) return [];
  const owners = [...new Set(due.map((d) => d.ownerId))];
  const active = new Set((await db.selectFrom('app_user').select('id').where('id', 'in', owners).where('active', '=', 1).execute()).map((u) => u.id));
  const result: Occasion[] = [];
  for (const { nc, action, ownerId, date } of due) {
    if (!active.has(ownerId)) continue;
    const overdue = actionDueState(action, today) === 'overdue';
    const what = shorten(action.description);
    const kindDe = action.kind === 'corrective' ? 'Korrekturmaßnahme' : 'Vorbeugungsmaßnahme';
    const kindEn = action.kind === 'corrective' ? 'corrective action' : 'preventive action';
    const ofDe = nc.system_name === null ? `zur Nichtkonformität „${nc.title}“` : `zur Nichtkonformität „${nc.title}“ des KI-Systems „${nc.system_name}“`;
    const ofEn = nc.system_name === null ? `of the non-conformity "${nc.title}"` : `of the non-conformity "${nc.title}" of the AI system "${nc.system_name}"`;
    result.push({
      kind: overdue ? 'task-overdue' : 'task-due',
      key: `capa-action:${nc.id}:${action.id}:${date}:${overdue ? 'overdue' : 'due'}`,
      recipients: { userIds: [ownerId] },
      link: `/nonconformities/${nc.id}`,
      title: overdue ? { de: `Maßnahme überfällig: ${what}`, en: `Action overdue: ${what}` } : { de: `Maßnahme fällig: ${what}`, en: `Action due: ${what}` },
      body: overdue
        ? {
            de: `Die ${kindDe} „${what}“ ${ofDe} war am ${date} fällig. Bitte setzen Sie sie um und markieren Sie sie als erledigt, oder vereinbaren Sie einen neuen Termin.`,
            en: `The ${kindEn} "${what}" ${ofEn} was due on ${date}. Please carry it out and mark it done, or agree a new due date.`,
          }
        : {
            de: `Die ${kindDe} „${what}“ ${ofDe} ist am ${date} fällig. Sie sind als verantwortlich eingetragen.`,
            en: `The ${kindEn} "${what}" ${ofEn} is due on ${date}. You are named as its owner.`,
          },
    });
  }
  return result;
}
