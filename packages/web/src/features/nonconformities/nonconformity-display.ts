import { NONCONFORMITY_STATUSES, type NonconformitySeverity, type NonconformityStatus } from '@konform/core';

export const SEVERITY_COLORS: Record<NonconformitySeverity, string> = { minor: 'gray', major: 'orange', critical: 'red' };

export const STATUS_COLORS: Record<NonconformityStatus, string> = {
  open: 'gray',
  analysed: 'blue',
  'actions-planned': 'indigo',
  implemented: 'yellow',
  verified: 'teal',
  closed: 'green',
};

/** The position of a status in the workflow (0 = open … 5 = closed). */
export function stepIndex(status: NonconformityStatus): number {
  return NONCONFORMITY_STATUSES.indexOf(status);
}

/** A stepper's view of each status: done, the current one, or still ahead (a closed one is done entirely). */
export function stepStates(status: NonconformityStatus): { status: NonconformityStatus; state: 'done' | 'current' | 'upcoming' }[] {
  const current = stepIndex(status);
  return NONCONFORMITY_STATUSES.map((s, i) => ({
    status: s,
    state: i < current || (status === 'closed' && i === current) ? 'done' : i === current ? 'current' : 'upcoming',
  }));
}

/** Root cause and actions are edited until the actions are reported implemented (and again after an ineffective verification). */
export function isEditableStage(status: NonconformityStatus): boolean {
  return status === 'open' || status === 'analysed' || status === 'actions-planned';
}

/** Today in Europe/Berlin as `YYYY-MM-DD`: due dates are days there. */
export function berlinToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
