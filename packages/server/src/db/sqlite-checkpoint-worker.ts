/**
 * Worker thread of the SQLite checkpointer (sqlite-checkpointer.ts): its own connection to the database file, which
 * copies the WAL's committed pages into the database file at a fixed interval, at a low priority.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { lowerThreadPriority } from './thread-priority.js';

export interface CheckpointWorkerData {
  file: string;
  intervalMs: number;
  nice: number;
}

const port = parentPort;
if (port) {
  const { file, intervalMs, nice } = workerData as CheckpointWorkerData;
  if (nice > 0) lowerThreadPriority(nice);
  const sqlite = new SQLite(file, { fileMustExist: true });
  // A checkpoint syncs the WAL before and the database file after copying, as the main connection's commits do.
  sqlite.pragma('synchronous = FULL');
  const checkpoint = sqlite.prepare('pragma wal_checkpoint(PASSIVE)');
  let last = 0;
  // An error ends the thread; the main connection then checkpoints by itself again.
  setInterval(() => {
    // PASSIVE copies what no reader still needs and never waits for a lock; what it leaves, the next one copies.
    const [result] = checkpoint.all() as Array<{ busy: number; log: number; checkpointed: number }>;
    const copied = result?.checkpointed ?? 0;
    if (copied > 0 && copied !== last) port.postMessage({ copied });
    last = copied;
  }, intervalMs);
  port.postMessage('ready');
}
