import type { Database } from '../../db/database.js';
import { loadLiteracyInputs, personStatus } from '../../modules/literacy/status-data.js';
import { addDays, isoDate, type Occasion } from './types.js';

/** A required training is announced this many days before it is due. */
export const TRAINING_NOTICE_DAYS = 30;

/**
 * Required trainings (AI literacy, Art. 4) of active users that are due within 30 days or overdue, to that user:
 * once per user, course, due date and state (a renewal moves the due date, so the next cycle is announced again).
 */
export async function trainingOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const today = isoDate(now);
  const horizon = isoDate(addDays(now, TRAINING_NOTICE_DAYS));
  const inputs = await loadLiteracyInputs(database.db, null);
  const result: Occasion[] = [];
  for (const person of inputs.people) {
    for (const course of personStatus(inputs, person, today).courses) {
      if (course.state === 'current' || course.dueDate === null) continue;
      const overdue = course.state === 'overdue';
      if (!overdue && course.dueDate > horizon) continue;
      const date = course.dueDate;
      const renewal = course.lastCompletedOn !== null;
      result.push({
        kind: overdue ? 'training-overdue' : 'training-due',
        key: `training:${person.userId}:${course.courseId}:${date}:${overdue ? 'overdue' : 'due'}`,
        recipients: { userIds: [person.userId] },
        link: '/literacy',
        title: overdue
          ? { de: `Schulung überfällig: ${course.courseTitle}`, en: `Training overdue: ${course.courseTitle}` }
          : { de: `Schulung fällig: ${course.courseTitle}`, en: `Training due: ${course.courseTitle}` },
        body: overdue
          ? renewal
            ? {
                de: `Ihre Teilnahme an „${course.courseTitle}“ galt bis ${date}. Bitte frischen Sie die Schulung auf; sie gehört zur KI-Kompetenz (Art. 4 KI-VO), die Ihre Rolle verlangt.`,
                en: `Your completion of "${course.courseTitle}" was valid until ${date}. Please take the course again; your role requires it for AI literacy (AI Act Art. 4).`,
              }
            : {
                de: `Die Schulung „${course.courseTitle}“ hätte bis ${date} abgeschlossen sein sollen. Ihre Rolle verlangt sie für die KI-Kompetenz (Art. 4 KI-VO).`,
                en: `The course "${course.courseTitle}" should have been completed by ${date}. Your role requires it for AI literacy (AI Act Art. 4).`,
              }
          : renewal
            ? {
                de: `Ihre Teilnahme an „${course.courseTitle}“ gilt nur noch bis ${date}. Bitte planen Sie die Auffrischung ein.`,
                en: `Your completion of "${course.courseTitle}" remains valid only until ${date}. Please plan to take it again.`,
              }
            : {
                de: `Bitte schließen Sie die Schulung „${course.courseTitle}“ bis ${date} ab; Ihre Rolle verlangt sie für die KI-Kompetenz (Art. 4 KI-VO).`,
                en: `Please complete the course "${course.courseTitle}" by ${date}; your role requires it for AI literacy (AI Act Art. 4).`,
              },
      });
    }
  }
  return result;
}
