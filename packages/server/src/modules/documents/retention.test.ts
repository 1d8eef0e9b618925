import { describe, expect, it } from 'vitest';
import { retentionEnd } from './service.js';

describe('retention of released documents (Art. 18 AI Act)', () => {
  it('keeps a release ten years from its date in Berlin', () => {
    expect(retentionEnd('2026-11-27T10:00:00.000Z')).toBe('2036-11-27');
    // 23:30 UTC on 31 December is already 1 January in Berlin.
    expect(retentionEnd('2026-12-31T23:30:00.000Z')).toBe('2037-01-01');
  });

  it('turns 29 February into 28 February when the year ten years on has none', () => {
    expect(retentionEnd('2028-02-29T12:00:00.000Z')).toBe('2038-02-28');
  });
});
