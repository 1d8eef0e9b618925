import { calendarDate } from '../dates.js';
import type { QmsReviewState } from '../schemas/qms.js';

/** A review is announced this many days before it is due. */
export const QMS_REVIEW_NOTICE_DAYS = 30;

const DAY_MS = 86_400_000;

function parseDate(iso: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new Error(`Not an ISO date: ${iso}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * `months` calendar months after a date (the date part of an ISO timestamp, UTC); a day that the target month lacks
 * becomes its last day (31 January + 1 month = 28 or 29 February).
 */
function addCalendarMonths(isoDate: string, months: number): string {
  const start = parseDate(isoDate);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoDay(new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay))));
}

/** The next review of a released version: its release date plus the review cycle. */
export function qmsNextReviewDate(releasedAt: string, reviewMonths: number): string {
  return addCalendarMonths(calendarDate(new Date(releasedAt)), reviewMonths);
}

/** Days from `today` to `date` (negative when past). */
export function qmsDaysUntil(date: string, today: string): number {
  return Math.round((parseDate(date).getTime() - parseDate(today).getTime()) / DAY_MS);
}

/** Overdue once the review date is past; due-soon from 30 days before it up to the day itself; none without a release. */
export function qmsReviewState(nextReview: string | null, today: string): QmsReviewState {
  if (nextReview === null) return 'none';
  const days = qmsDaysUntil(nextReview, today);
  if (days < 0) return 'overdue';
  if (days <= QMS_REVIEW_NOTICE_DAYS) return 'due-soon';
  return 'ok';
}

/** The last review date that still counts as due-soon (not yet ok) on `today`: today + 30 days. */
export function qmsDueSoonLimit(today: string): string {
  return isoDay(new Date(parseDate(today).getTime() + QMS_REVIEW_NOTICE_DAYS * DAY_MS));
}
