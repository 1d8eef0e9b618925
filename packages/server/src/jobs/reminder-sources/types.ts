import { calendarDate } from '@konform/core';
import type { NotificationKind, Permission } from '@konform/core';
import type { Database } from '../../db/database.js';

/** Who is told: everyone holding a permission for the record's unit, or named users (e.g. a task's owner). */
export type Recipients = { permission: Permission; unitId: string } | { userIds: string[] };

/** One thing worth a notification. `key` names the occasion; each recipient gets it once. */
export interface Occasion {
  kind: NotificationKind;
  key: string;
  recipients: Recipients;
  link: string;
  title: { de: string; en: string };
  body: { de: string; en: string };
}

/** Finds the occasions that are due at `now`; each feature with dates contributes one source. */
export type ReminderSource = (database: Database, now: Date) => Promise<Occasion[]>;

/** The calendar day `d` falls on in the office's time zone: due and review dates are days there. */
export function isoDate(d: Date): string {
  return calendarDate(d);
}
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
