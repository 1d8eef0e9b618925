import type { Database } from '../db/database.js';
import type { OrganisationKeys } from '../signing/organisation-keys.js';
import { writeCheckpoint } from '../audit/checkpoints.js';
import type { JobScheduler } from './scheduler.js';

export const CHECKPOINT_JOB = 'audit-checkpoint';

/** One checkpoint job per hour across all instances (the unique key), signing the chain head if it moved. */
export function checkpointKey(at: Date): string {
  return `checkpoint:${at.toISOString().slice(0, 13)}`;
}

export function registerCheckpointJob(scheduler: JobScheduler, database: Database, keys: OrganisationKeys): void {
  scheduler.register(CHECKPOINT_JOB, async () => {
    await writeCheckpoint(database, keys, scheduler.now());
  });
}

export async function ensureCheckpointJob(scheduler: JobScheduler): Promise<void> {
  const now = scheduler.now();
  await scheduler.enqueue(CHECKPOINT_JOB, now, {}, checkpointKey(now));
}
