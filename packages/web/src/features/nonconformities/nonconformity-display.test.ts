import { describe, expect, it } from 'vitest';
import { berlinToday, isEditableStage, stepIndex, stepStates } from './nonconformity-display';

describe('non-conformity display', () => {
  it('places each status in the workflow', () => {
    expect(stepIndex('open')).toBe(0);
    expect(stepIndex('closed')).toBe(5);
  });

  it('marks earlier steps done, the status current and later ones upcoming; closed is all done', () => {
    expect(stepStates('implemented').map((s) => s.state)).toEqual(['done', 'done', 'done', 'current', 'upcoming', 'upcoming']);
    expect(stepStates('closed').every((s) => s.state === 'done')).toBe(true);
    expect(stepStates('open')[0]).toEqual({ status: 'open', state: 'current' });
  });

  it('allows editing root cause and actions only before implementation', () => {
    expect(['open', 'analysed', 'actions-planned'].every((s) => isEditableStage(s as 'open'))).toBe(true);
    expect(isEditableStage('implemented')).toBe(false);
    expect(isEditableStage('verified')).toBe(false);
    expect(isEditableStage('closed')).toBe(false);
  });

  it('takes the calendar day in Berlin', () => {
    expect(berlinToday(new Date('2027-03-09T23:30:00Z'))).toBe('2027-03-10');
    expect(berlinToday(new Date('2027-07-09T21:59:00Z'))).toBe('2027-07-09');
  });
});
