import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the calling thread's priority to `nice`. Linux gives each thread its own nice value: this thread's id is
 * the last part of /proc/thread-self. Elsewhere, or where it is refused, the thread keeps the normal priority.
 */
export function lowerThreadPriority(nice: number): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, nice);
  } catch {
    // not Linux: nothing to do
  }
}
