import { QMS_REVIEW_NOTICE_DAYS } from '@konform/core';
import type { Database } from '../../db/database.js';
import { addDays, isoDate, type Occasion } from './types.js';

/**
 * Released AI management system documents whose review is due within 30 days or overdue, to the document's owner
 * (an active user). Once per document, review date and state: a new release moves the date and starts afresh.
 */
export async function qmsReviewOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const today = isoDate(now);
  const documents = await database.db
    .selectFrom('qms_document as d')
    .innerJoin('app_user as u', 'u.id', 'd.owner_id')
    .select(['d.id', 'd.title', 'd.next_review', 'd.released_number', 'd.owner_id'])
    .where('d.released_number', 'is not', null)
    .where('d.next_review', 'is not', null)
    .where('d.next_review', '<=', isoDate(addDays(now, QMS_REVIEW_NOTICE_DAYS)))
    .where('u.active', '=', 1)
    .execute();
  return documents.map((d): Occasion => {
    const date = d.next_review!;
    const overdue = date < today;
    const version = Number(d.released_number);
    return {
      kind: overdue ? 'qms-review-overdue' : 'qms-review-due',
      key: `qms-review:${d.id}:${date}:${overdue ? 'overdue' : 'due'}`,
      recipients: { userIds: [d.owner_id] },
      link: `/qms/documents/${d.id}`,
      title: overdue
        ? { de: `Dokumentüberprüfung überfällig: ${d.title}`, en: `Document review overdue: ${d.title}` }
        : { de: `Dokumentüberprüfung steht an: ${d.title}`, en: `Document review coming up: ${d.title}` },
      body: overdue
        ? {
            de: `Das Dokument „${d.title}“ des KI-Managementsystems (freigegebene Fassung ${version}) hätte am ${date} überprüft werden sollen. Bitte überprüfen Sie es und geben Sie eine neue Fassung frei.`,
            en: `The AI management system document "${d.title}" (released version ${version}) was due for review on ${date}. Please review it and release a new version.`,
          }
        : {
            de: `Das Dokument „${d.title}“ des KI-Managementsystems (freigegebene Fassung ${version}) ist am ${date} zur Überprüfung fällig.`,
            en: `The AI management system document "${d.title}" (released version ${version}) is due for review on ${date}.`,
          },
    };
  });
}
