import { describe, expect, it } from 'vitest';
import { vendorReviewState } from './review.js';

describe('supplier review dates', () => {
  it('is overdue after the date, due within the notice window, otherwise nothing', () => {
    expect(vendorReviewState('2026-05-31', '2026-06-01', '2026-07-01')).toBe('overdue');
    expect(vendorReviewState('2026-06-01', '2026-06-01', '2026-07-01')).toBe('due');
    expect(vendorReviewState('2026-07-01', '2026-06-01', '2026-07-01')).toBe('due');
    expect(vendorReviewState('2026-07-02', '2026-06-01', '2026-07-01')).toBeNull();
    expect(vendorReviewState(null, '2026-06-01', '2026-07-01')).toBeNull();
  });
});
