import { describe, expect, it } from 'vitest';
import { linesOf, moved } from './section-order';

describe('moved', () => {
  it('swaps with the neighbour and leaves the ends alone', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('linesOf', () => {
  it('keeps non-blank lines, trimmed', () => {
    expect(linesOf(' Bundesamt \n\n  Musterstraße 1\n')).toEqual(['Bundesamt', 'Musterstraße 1']);
  });
});
