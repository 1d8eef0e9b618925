import type { Transaction } from 'kysely';
import type { ClassificationStatus } from '@konform/core';
import type { DB } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { setSystemClassification } from '../systems/repository.js';
import { latestRevision, updateRevision } from './repository.js';

/**
 * Marks a system's latest classification revision `needs-review` (the system changed what the classification rests
 * on), in the caller's transaction with its own audit event. Returns the new state, or null when there was nothing to mark.
 */
export async function markClassificationForReview(
  trx: Transaction<DB>,
  dialect: DialectName,
  actor: Actor,
  systemId: string,
  now: string,
): Promise<ClassificationStatus | null> {
  const latest = await latestRevision(trx, systemId);
  if (!latest || latest.status === 'needs-review') return null;
  await updateRevision(trx, latest.id, { status: 'needs-review' });
  await setSystemClassification(trx, systemId, { classification_status: 'needs-review' });
  await appendAuditEvent(trx, dialect, actor, {
    action: 'classification.needs-review',
    entityType: 'system',
    entityId: systemId,
    changes: [{ field: 'classificationStatus', before: latest.status, after: 'needs-review' }],
    reason: `Classification revision ${Number(latest.number)}: the system's purpose, roles or deployment context changed`,
  }, now);
  return 'needs-review';
}
