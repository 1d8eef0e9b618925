/**
 * Chain of custody of a test item version (ISO/IEC 17025 7.4): received → stored → released to a run → returned
 * (→ released again …) → disposed. The state is the last event; `none` before the first.
 */
export const CUSTODY_EVENTS = ['received', 'stored', 'released-to-run', 'returned', 'disposed'] as const;
export type CustodyEvent = (typeof CUSTODY_EVENTS)[number];
export type CustodyState = CustodyEvent | 'none';

/**
 * Which event may follow which state. Received comes first and once; an item is stored (or moved to another place:
 * stored again) after receipt or return; it is released to a run from receipt, storage or return, and only what was
 * released comes back; it is disposed of while in the lab's hands (not while released), and nothing follows disposal.
 */
export const CUSTODY_NEXT: Readonly<Record<CustodyState, readonly CustodyEvent[]>> = {
  none: ['received'],
  received: ['stored', 'released-to-run', 'disposed'],
  stored: ['stored', 'released-to-run', 'disposed'],
  'released-to-run': ['returned'],
  returned: ['stored', 'released-to-run', 'disposed'],
  disposed: [],
};

/** Events that must name where the item is kept. */
export const CUSTODY_NEEDS_LOCATION: readonly CustodyEvent[] = ['stored'];

export function custodyState(events: readonly { event: CustodyEvent }[]): CustodyState {
  return events.length === 0 ? 'none' : events[events.length - 1]!.event;
}

/** Why an event may not follow the current state, or null. */
export function custodyStepProblem(state: CustodyState, next: CustodyEvent): string | null {
  if (CUSTODY_NEXT[state].includes(next)) return null;
  if (state === 'none') return 'The first event of the chain of custody is the receipt';
  if (state === 'disposed') return 'The item was disposed of: nothing follows';
  if (next === 'received') return 'The item was received already';
  if (next === 'returned') return 'Only an item released to a run can be returned';
  if (state === 'released-to-run') return 'The item is released to a run: record its return first';
  return `"${next}" cannot follow "${state}"`;
}

/** Checks a whole sequence (e.g. on import); returns the index of the first impossible event and why, or null. */
export function custodySequenceProblem(events: readonly CustodyEvent[]): { index: number; message: string } | null {
  let state: CustodyState = 'none';
  for (const [index, event] of events.entries()) {
    const problem = custodyStepProblem(state, event);
    if (problem) return { index, message: problem };
    state = event;
  }
  return null;
}

/** Whether the item is in the lab's hands and can be used for a run now. */
export function custodyAvailable(state: CustodyState): boolean {
  return state === 'received' || state === 'stored' || state === 'returned';
}
