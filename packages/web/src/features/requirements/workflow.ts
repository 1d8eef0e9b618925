import type { RequirementStatus } from '@konform/core';

export type WorkflowAction = 'start' | 'implement' | 'verify' | 'notApplicable' | 'reopen';

/**
 * The status a workflow button leads to. "Reopen" steps back: an implemented or verified row returns to
 * in progress, an in-progress or not-applicable row to open (the server's transition table).
 */
export function targetOf(action: WorkflowAction, status: RequirementStatus): RequirementStatus {
  switch (action) {
    case 'start':
      return 'in-progress';
    case 'implement':
      return 'implemented';
    case 'verify':
      return 'verified';
    case 'notApplicable':
      return 'not-applicable';
    case 'reopen':
      return status === 'implemented' || status === 'verified' ? 'in-progress' : 'open';
  }
}

/** The buttons offered for a row in a status: open → in progress → implemented → verified; not applicable and back. */
export function actionsFor(status: RequirementStatus, canVerify: boolean): WorkflowAction[] {
  switch (status) {
    case 'open':
      return ['start', 'notApplicable'];
    case 'in-progress':
      return ['implement', 'notApplicable', 'reopen'];
    case 'implemented':
      return [...(canVerify ? (['verify'] as const) : []), 'reopen', 'notApplicable'];
    case 'verified':
      return ['reopen', 'notApplicable'];
    case 'not-applicable':
      return ['reopen'];
  }
}

export const STATUS_COLORS: Record<RequirementStatus, string> = {
  open: 'gray',
  'in-progress': 'blue',
  implemented: 'yellow',
  verified: 'teal',
  'not-applicable': 'grape',
};
