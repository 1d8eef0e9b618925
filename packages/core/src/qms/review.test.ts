import { describe, expect, it } from 'vitest';
import { QMS_REVIEW_NOTICE_DAYS, qmsDaysUntil, qmsDueSoonLimit, qmsNextReviewDate, qmsReviewState } from './review.js';

describe('QMS review dates', () => {
  it('adds the review cycle in calendar months to the release date', () => {
    expect(qmsNextReviewDate('2026-03-15T09:30:00.000Z', 12)).toBe('2027-03-15');
    // The release day is the day in Berlin: 23:59:59 there is still the 15th, one hour later (UTC) it is the 16th.
    expect(qmsNextReviewDate('2026-03-15T22:59:59.000Z', 1)).toBe('2026-04-15');
    expect(qmsNextReviewDate('2026-03-15T23:59:59.000Z', 1)).toBe('2026-04-16');
    expect(qmsNextReviewDate('2026-11-30T08:00:00.000Z', 3)).toBe('2027-02-28');
    expect(qmsNextReviewDate('2027-01-31T08:00:00.000Z', 1)).toBe('2027-02-28');
    expect(qmsNextReviewDate('2028-01-31T08:00:00.000Z', 1)).toBe('2028-02-29');
    expect(qmsNextReviewDate('2026-12-31T08:00:00.000Z', 6)).toBe('2027-06-30');
    expect(qmsNextReviewDate('2026-05-10T08:00:00.000Z', 24)).toBe('2028-05-10');
  });

  it('is due within 30 days, overdue the day after the review date, and none without a release', () => {
    expect(qmsReviewState(null, '2026-06-01')).toBe('none');
    expect(qmsReviewState('2026-08-01', '2026-06-01')).toBe('ok');
    expect(qmsReviewState('2026-07-01', '2026-06-01')).toBe('due-soon');
    expect(qmsReviewState('2026-07-02', '2026-06-01')).toBe('ok');
    expect(qmsReviewState('2026-06-01', '2026-06-01')).toBe('due-soon');
    expect(qmsReviewState('2026-05-31', '2026-06-01')).toBe('overdue');
    expect(qmsDaysUntil('2026-05-31', '2026-06-01')).toBe(-1);
    expect(qmsDaysUntil('2027-06-01', '2026-06-01')).toBe(365);
    expect(qmsDueSoonLimit('2026-06-01')).toBe('2026-07-01');
    expect(QMS_REVIEW_NOTICE_DAYS).toBe(30);
  });
});
