import { describe, expect, it } from 'vitest';
import { actionsFor, targetOf } from './workflow';

describe('requirement row workflow', () => {
  it('offers the next steps and verification only with the permission', () => {
    expect(actionsFor('open', false)).toEqual(['start', 'notApplicable']);
    expect(actionsFor('implemented', true)).toEqual(['verify', 'reopen', 'notApplicable']);
    expect(actionsFor('implemented', false)).toEqual(['reopen', 'notApplicable']);
    expect(actionsFor('not-applicable', true)).toEqual(['reopen']);
  });

  it('reopens one step back', () => {
    expect(targetOf('reopen', 'verified')).toBe('in-progress');
    expect(targetOf('reopen', 'implemented')).toBe('in-progress');
    expect(targetOf('reopen', 'in-progress')).toBe('open');
    expect(targetOf('reopen', 'not-applicable')).toBe('open');
  });
});
