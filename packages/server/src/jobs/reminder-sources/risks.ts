import type { Database } from '../../db/database.js';
import { addDays, isoDate, type Occasion } from './types.js';

/** A risk review is announced this many days ahead. */
export const REVIEW_NOTICE_DAYS = 7;

/** Risk reviews due within 7 days or overdue (open risks of active systems), to everyone who may edit the risk. */
export async function riskReviewOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const today = isoDate(now);
  const db = database.db;
  const risks = await db
    .selectFrom('risk')
    .innerJoin('ai_system', 'ai_system.id', 'risk.system_id')
    .select(['risk.id', 'risk.number', 'risk.title', 'risk.next_review', 'ai_system.name as system_name', 'ai_system.org_unit_id'])
    .where('risk.next_review', 'is not', null)
    .where('risk.next_review', '<=', isoDate(addDays(now, REVIEW_NOTICE_DAYS)))
    .where('risk.status', '!=', 'closed')
    .where('ai_system.archived_at', 'is', null)
    .execute();
  const result: Occasion[] = [];
  for (const r of risks) {
    const date = r.next_review!;
    const overdue = date < today;
    const ref = `R-${r.number}`;
    result.push({
      kind: overdue ? 'risk-review-overdue' : 'risk-review-due',
      key: `risk-review:${r.id}:${date}:${overdue ? 'overdue' : 'due'}`,
      recipients: { permission: 'risk.edit', unitId: r.org_unit_id },
      link: `/risks/${r.id}`,
      title: overdue
        ? { de: `Risikoüberprüfung überfällig: ${ref} ${r.title}`, en: `Risk review overdue: ${ref} ${r.title}` }
        : { de: `Risikoüberprüfung steht an: ${ref} ${r.title}`, en: `Risk review coming up: ${ref} ${r.title}` },
      body: overdue
        ? {
            de: `Das Risiko ${ref} „${r.title}“ des KI-Systems „${r.system_name}“ hätte am ${date} überprüft werden sollen. Bitte bewerten Sie es neu und legen Sie den nächsten Termin fest.`,
            en: `Risk ${ref} "${r.title}" of the AI system "${r.system_name}" was due for review on ${date}. Please reassess it and set the next review date.`,
          }
        : {
            de: `Das Risiko ${ref} „${r.title}“ des KI-Systems „${r.system_name}“ ist am ${date} zur Überprüfung fällig.`,
            en: `Risk ${ref} "${r.title}" of the AI system "${r.system_name}" is due for review on ${date}.`,
          },
    });
  }
  return result;
}
