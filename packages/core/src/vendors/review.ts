/** A supplier assessment's next review is announced this many days ahead. */
export const VENDOR_REVIEW_NOTICE_DAYS = 30;

/** Whether the next review of a supplier lies in the past (overdue), within the notice window (due) or later. */
export function vendorReviewState(nextReview: string | null, today: string, noticeUntil: string): 'overdue' | 'due' | null {
  if (nextReview === null) return null;
  if (nextReview < today) return 'overdue';
  return nextReview <= noticeUntil ? 'due' : null;
}
