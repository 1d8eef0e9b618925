import type { Kysely } from 'kysely';
import { certificateValidity, officeToday, type AssessmentStatusCounts } from '@konform/core';
import type { DB } from '../../db/schema.js';
import { reachesAnything, systemInReach, type Reach } from '../dashboard/repository.js';

/**
 * For the dashboard and the management report: conformity assessments per status in the reach, certificates that
 * expire within the warning period or have expired (of standing assessments), and changes not yet assessed.
 */
export async function assessmentStatusCounts(db: Kysely<DB>, reach: Reach, today: string = officeToday()): Promise<AssessmentStatusCounts> {
  const counts: AssessmentStatusCounts = { inProgress: 0, completed: 0, reopened: 0, certificatesExpiring: 0, certificatesExpired: 0, changesAwaitingAssessment: 0 };
  if (!reachesAnything(reach)) return counts;
  const assessments = db.selectFrom('conformity_assessment as a').innerJoin('ai_system as s', 's.id', 'a.system_id')
    .select(['a.status', 'a.certificate_number', 'a.valid_from', 'a.valid_until']).where(systemInReach(reach));
  const changes = db.selectFrom('system_change as c').innerJoin('ai_system as s', 's.id', 'c.system_id')
    .select((eb) => eb.fn.countAll().as('n')).where('c.substantial', 'is', null).where(systemInReach(reach));
  for (const row of await assessments.execute()) {
    if (row.status === 'in-progress') counts.inProgress++;
    else if (row.status === 'completed') counts.completed++;
    else if (row.status === 'reopened') counts.reopened++;
    if (row.status === 'reopened') continue;
    const validity = certificateValidity({ certificateNumber: row.certificate_number, validFrom: row.valid_from, validUntil: row.valid_until }, today);
    if (validity === 'expiring') counts.certificatesExpiring++;
    if (validity === 'expired') counts.certificatesExpired++;
  }
  counts.changesAwaitingAssessment = Number((await changes.executeTakeFirst())?.n ?? 0);
  return counts;
}
