import type { QmsVersionState } from '../schemas/qms.js';

/** The steps a user takes with a version; superseding happens by itself when a newer version is released. */
export const QMS_VERSION_STEPS = {
  submit: { from: 'draft', to: 'in-review' },
  return: { from: 'in-review', to: 'draft' },
  approve: { from: 'in-review', to: 'released' },
} as const satisfies Record<string, { from: QmsVersionState; to: QmsVersionState }>;
export type QmsVersionStep = keyof typeof QMS_VERSION_STEPS;

/** Whether a version in `state` may take the step. */
export function canTakeQmsStep(state: QmsVersionState, step: QmsVersionStep): boolean {
  return QMS_VERSION_STEPS[step].from === state;
}

/** Only a draft is written to; a version in review, released or superseded is frozen. */
export function isQmsVersionEditable(state: QmsVersionState): boolean {
  return state === 'draft';
}

/** A new draft may start only when no version is being written or reviewed. */
export function mayStartNewQmsVersion(states: readonly QmsVersionState[]): boolean {
  return !states.some((s) => s === 'draft' || s === 'in-review');
}

/** What a submission needs: content and a change note; returns the fields that are missing. */
export function missingForQmsSubmission(version: { content: string; changeNote: string }): ('content' | 'changeNote')[] {
  const missing: ('content' | 'changeNote')[] = [];
  if (version.content.trim() === '') missing.push('content');
  if (version.changeNote.trim() === '') missing.push('changeNote');
  return missing;
}
