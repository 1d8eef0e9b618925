import { describe, expect, it } from 'vitest';
import { CUSTODY_EVENTS, CUSTODY_NEXT, custodyAvailable, custodySequenceProblem, custodyState, custodyStepProblem } from './custody.js';

describe('chain of custody', () => {
  it('accepts the life of a test item: received, stored, released, returned, released again, returned, disposed', () => {
    expect(custodySequenceProblem(['received', 'stored', 'released-to-run', 'returned', 'stored', 'released-to-run', 'returned', 'disposed'])).toBeNull();
    expect(custodySequenceProblem(['received', 'released-to-run', 'returned', 'released-to-run', 'returned', 'stored', 'stored', 'disposed'])).toBeNull();
  });

  it('refuses impossible orders and says why', () => {
    expect(custodySequenceProblem(['stored'])).toEqual({ index: 0, message: expect.stringContaining('receipt') });
    expect(custodySequenceProblem(['received', 'returned'])).toEqual({ index: 1, message: expect.stringContaining('released') });
    expect(custodySequenceProblem(['received', 'disposed', 'released-to-run'])).toEqual({ index: 2, message: expect.stringContaining('disposed') });
    expect(custodySequenceProblem(['received', 'received'])).toEqual({ index: 1, message: expect.stringContaining('received already') });
    expect(custodySequenceProblem(['received', 'released-to-run', 'disposed'])).toEqual({ index: 2, message: expect.stringContaining('return') });
    expect(custodySequenceProblem(['received', 'released-to-run', 'stored'])).not.toBeNull();
  });

  it('allows nothing after disposal and only receipt first', () => {
    for (const e of CUSTODY_EVENTS) {
      expect(custodyStepProblem('disposed', e)).not.toBeNull();
      expect(custodyStepProblem('none', e) === null).toBe(e === 'received');
    }
    expect(CUSTODY_NEXT['released-to-run']).toEqual(['returned']);
  });

  it('derives the state from the last event and whether the item is available', () => {
    expect(custodyState([])).toBe('none');
    expect(custodyState([{ event: 'received' }, { event: 'released-to-run' }])).toBe('released-to-run');
    expect(custodyAvailable('stored')).toBe(true);
    expect(custodyAvailable('released-to-run')).toBe(false);
    expect(custodyAvailable('disposed')).toBe(false);
    expect(custodyAvailable('none')).toBe(false);
  });
});
