import type { Database } from '../../db/database.js';
import { addDays, isoDate, type Occasion } from './types.js';

/** Expiring evidence is announced this many days ahead. */
export const EXPIRY_NOTICE_DAYS = 30;

/** Evidence expiring within 30 days or expired (of active systems), to everyone who may replace it. */
export async function evidenceValidityOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const today = isoDate(now);
  const db = database.db;
  const evidence = await db
    .selectFrom('evidence')
    .innerJoin('ai_system', 'ai_system.id', 'evidence.system_id')
    .select(['evidence.id', 'evidence.title', 'evidence.valid_until', 'ai_system.name as system_name', 'ai_system.org_unit_id'])
    .where('evidence.valid_until', 'is not', null)
    .where('evidence.valid_until', '<=', isoDate(addDays(now, EXPIRY_NOTICE_DAYS)))
    .where('ai_system.archived_at', 'is', null)
    .execute();
  const result: Occasion[] = [];
  for (const e of evidence) {
    const date = e.valid_until!;
    const expired = date < today;
    result.push({
      kind: expired ? 'evidence-expired' : 'evidence-expiring',
      key: `evidence-validity:${e.id}:${date}:${expired ? 'expired' : 'expiring'}`,
      recipients: { permission: 'evidence.write', unitId: e.org_unit_id },
      link: `/evidence/${e.id}`,
      title: expired ? { de: `Nachweis abgelaufen: ${e.title}`, en: `Evidence expired: ${e.title}` } : { de: `Nachweis läuft ab: ${e.title}`, en: `Evidence expiring: ${e.title}` },
      body: expired
        ? {
            de: `Der Nachweis „${e.title}“ des KI-Systems „${e.system_name}“ war bis ${date} gültig. Bitte laden Sie eine aktuelle Fassung hoch oder passen Sie die Gültigkeit an.`,
            en: `The evidence "${e.title}" of the AI system "${e.system_name}" was valid until ${date}. Please upload a current version or update its validity.`,
          }
        : {
            de: `Der Nachweis „${e.title}“ des KI-Systems „${e.system_name}“ ist nur noch bis ${date} gültig.`,
            en: `The evidence "${e.title}" of the AI system "${e.system_name}" remains valid only until ${date}.`,
          },
    });
  }
  return result;
}
