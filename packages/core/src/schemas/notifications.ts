import { z } from 'zod';
import { Id, PageQuery, Timestamp, listOf } from './common.js';

/** What a notification is about; the reminder engine creates them (issue #7). */
export const NOTIFICATION_KINDS = [
  'risk-review-due',
  'risk-review-overdue',
  'evidence-expiring',
  'evidence-expired',
  'task-due',
  'task-overdue',
  'training-due',
  'training-overdue',
  'qms-review-due',
  'qms-review-overdue',
  'supplier-document-due',
  'supplier-document-overdue',
  'vendor-assessment-due',
  'lab-environment-expiring', 'lab-environment-expired',
  'incident-deadline-due', 'incident-deadline-overdue', 'complaint-overdue',
  'monitoring-overdue',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

const Localised = z.object({ de: z.string(), en: z.string() });

/** An in-app notification of the signed-in user, in German and English (the client picks the user's language). */
export const Notification = z.object({
  id: Id,
  kind: z.string(),
  title: Localised,
  body: Localised,
  /** A path inside the web app, e.g. /risks/{id}. */
  link: z.string().nullable(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
  emailedAt: Timestamp.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = z.strictObject({
  /** `true`: only unread notifications. */
  unread: z.enum(['true', 'false']).optional(),
  ...PageQuery,
});
export type NotificationQuery = z.infer<typeof NotificationQuery>;

/** The caller's notifications, newest first, with the number of unread ones (whatever the filter). */
export const NotificationList = listOf(Notification).extend({ unread: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationsMarkedRead = z.object({ updated: z.number().int(), unread: z.number().int() });
export type NotificationsMarkedRead = z.infer<typeof NotificationsMarkedRead>;
