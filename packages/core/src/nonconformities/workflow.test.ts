import { describe, expect, it } from 'vitest';
import { NONCONFORMITY_STATUSES } from '../schemas/nonconformities.js';
import {
  actionDueState,
  mayVerifyNonconformity,
  nextDueAction,
  nextNonconformityStatus,
  nonconformityStepBlocker,
  openActionCount,
  type NonconformityStepState,
} from './workflow.js';

const action = (dueDate: string | null, done = false, owner = 'Referat Z 4') => ({ owner, dueDate, done });
const state = (over: Partial<NonconformityStepState>): NonconformityStepState => ({ status: 'open', rootCause: '', actions: [], verification: null, ...over });

describe('non-conformity workflow', () => {
  it('walks the statuses one step at a time and ends at closed', () => {
    const walked: string[] = ['open'];
    let next = nextNonconformityStatus('open');
    while (next !== null) {
      walked.push(next);
      next = nextNonconformityStatus(next);
    }
    expect(walked).toEqual([...NONCONFORMITY_STATUSES]);
  });

  it('names what blocks the next step', () => {
    expect(nonconformityStepBlocker(state({ rootCause: '  ' }))).toBe('root-cause');
    expect(nonconformityStepBlocker(state({ rootCause: 'Grenzfall nicht getestet' }))).toBeNull();
    expect(nonconformityStepBlocker(state({ status: 'analysed', actions: [action(null), action('2027-01-31', false, ' ')] }))).toBe('plan');
    expect(nonconformityStepBlocker(state({ status: 'analysed', actions: [action('2027-01-31')] }))).toBeNull();
    expect(nonconformityStepBlocker(state({ status: 'actions-planned', actions: [] }))).toBe('actions-open');
    expect(nonconformityStepBlocker(state({ status: 'actions-planned', actions: [action('2027-01-31', true), action(null)] }))).toBe('actions-open');
    expect(nonconformityStepBlocker(state({ status: 'actions-planned', actions: [action('2027-01-31', true)] }))).toBeNull();
    expect(nonconformityStepBlocker(state({ status: 'implemented' }))).toBeNull();
    expect(nonconformityStepBlocker(state({ status: 'verified', verification: { effective: false } }))).toBe('not-effective');
    expect(nonconformityStepBlocker(state({ status: 'verified', verification: null }))).toBe('not-effective');
    expect(nonconformityStepBlocker(state({ status: 'verified', verification: { effective: true } }))).toBeNull();
    expect(nonconformityStepBlocker(state({ status: 'closed' }))).toBe('closed');
  });

  it('keeps the implementer from verifying (four eyes)', () => {
    expect(mayVerifyNonconformity({ implementedBy: 'u1' }, 'u1')).toBe(false);
    expect(mayVerifyNonconformity({ implementedBy: 'u1' }, 'u2')).toBe(true);
    expect(mayVerifyNonconformity({ implementedBy: null }, 'u1')).toBe(true);
  });
});

describe('action due dates', () => {
  it('tells overdue, due within seven days, later and undated apart', () => {
    const today = '2027-03-10';
    expect(actionDueState(action('2027-03-09'), today)).toBe('overdue');
    expect(actionDueState(action('2027-03-10'), today)).toBe('due');
    expect(actionDueState(action('2027-03-17'), today)).toBe('due');
    expect(actionDueState(action('2027-03-18'), today)).toBe('later');
    expect(actionDueState(action('2028-01-04'), '2027-12-28')).toBe('due'); // across the year end
    expect(actionDueState(action('2028-01-05'), '2027-12-28')).toBe('later');
    expect(actionDueState(action(null), today)).toBe('none');
    expect(actionDueState(action('2027-03-01', true), today)).toBe('done');
  });

  it('finds the open action due first and counts open actions', () => {
    const actions = [action(null), action('2027-05-01'), action('2027-04-01', true), action('2027-04-15')];
    expect(nextDueAction(actions)).toBe(actions[3]);
    expect(nextDueAction([action(null), action('2027-01-01', true)])).toEqual(action(null));
    expect(nextDueAction([action('2027-01-01', true)])).toBeNull();
    expect(openActionCount(actions)).toBe(3);
  });
});
