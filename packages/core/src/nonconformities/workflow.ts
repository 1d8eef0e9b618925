import type { CapaAction, NonconformityStatus } from '../schemas/nonconformities.js';

/**
 * The one step each status may take: open → analysed → actions-planned → implemented → verified → closed.
 * (An ineffective verification sends a non-conformity back to actions-planned; that is the verification's outcome,
 * not a step of its own.)
 */
/** A status a step leads to (nothing leads back to `open`). */
export type NonconformityTarget = Exclude<NonconformityStatus, 'open'>;

export const NONCONFORMITY_NEXT: Readonly<Record<NonconformityStatus, NonconformityTarget | null>> = {
  open: 'analysed',
  analysed: 'actions-planned',
  'actions-planned': 'implemented',
  implemented: 'verified',
  verified: 'closed',
  closed: null,
};

export function nextNonconformityStatus(status: NonconformityStatus): NonconformityTarget | null {
  return NONCONFORMITY_NEXT[status];
}

/**
 * What stands in the way of the next step:
 * - `root-cause`: the analysis is complete only with a recorded root cause;
 * - `plan`: planning needs at least one action with an owner and a due date;
 * - `actions-open`: implemented only when there are actions and every one is done;
 * - `not-effective`: closing needs an effective verification;
 * - `closed`: there is no further step.
 * The verification itself (note, effective yes/no, four eyes) is judged when it is submitted.
 */
export type NonconformityStepBlocker = 'root-cause' | 'plan' | 'actions-open' | 'not-effective' | 'closed';

export interface NonconformityStepState {
  status: NonconformityStatus;
  rootCause: string;
  actions: readonly Pick<CapaAction, 'owner' | 'dueDate' | 'done'>[];
  verification: { effective: boolean } | null;
}

export function nonconformityStepBlocker(nc: NonconformityStepState): NonconformityStepBlocker | null {
  switch (nc.status) {
    case 'open':
      return nc.rootCause.trim() === '' ? 'root-cause' : null;
    case 'analysed':
      return nc.actions.some((a) => a.owner.trim() !== '' && a.dueDate !== null) ? null : 'plan';
    case 'actions-planned':
      return nc.actions.length === 0 || nc.actions.some((a) => !a.done) ? 'actions-open' : null;
    case 'implemented':
      return null;
    case 'verified':
      return nc.verification?.effective === true ? null : 'not-effective';
    case 'closed':
      return 'closed';
  }
}

/** Four eyes: whoever reported the actions implemented may not verify their effectiveness. */
export function mayVerifyNonconformity(nc: { implementedBy: string | null }, userId: string | null): boolean {
  return nc.implementedBy === null || nc.implementedBy !== userId;
}

/** An action's owner is reminded this many days before its due date. */
export const ACTION_NOTICE_DAYS = 7;

/** `due`: within ACTION_NOTICE_DAYS (today included); `later`: further ahead; `none`: no due date. */
export type ActionDueState = 'done' | 'overdue' | 'due' | 'later' | 'none';

/** Adds days to a calendar date (`YYYY-MM-DD`), in UTC so that no time zone moves the day. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Where an action stands against its due date on `today` (`YYYY-MM-DD`). */
export function actionDueState(action: Pick<CapaAction, 'dueDate' | 'done'>, today: string): ActionDueState {
  if (action.done) return 'done';
  if (action.dueDate === null) return 'none';
  if (action.dueDate < today) return 'overdue';
  return action.dueDate <= plusDays(today, ACTION_NOTICE_DAYS) ? 'due' : 'later';
}

/** The open action due first (actions without a due date come last); null when every action is done. */
export function nextDueAction<A extends Pick<CapaAction, 'dueDate' | 'done'>>(actions: readonly A[]): A | null {
  let next: A | null = null;
  for (const action of actions) {
    if (action.done) continue;
    if (next === null || (action.dueDate !== null && (next.dueDate === null || action.dueDate < next.dueDate))) next = action;
  }
  return next;
}

export function openActionCount(actions: readonly Pick<CapaAction, 'done'>[]): number {
  return actions.filter((a) => !a.done).length;
}
