import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationList, NotificationsMarkedRead } from '@konform/core';
import { api } from '../../api/client';

/** How many notifications the bell shows. */
export const BELL_LIMIT = 10;
/** The bell polls for new notifications once a minute. */
export const POLL_INTERVAL_MS = 60_000;

export const notificationKeys = {
  all: ['notifications'] as const,
  latest: (limit: number) => [...notificationKeys.all, 'latest', limit] as const,
};

/** The signed-in user's newest notifications (read and unread) plus the unread count; polled every minute and on focus. */
export function useLatestNotifications(limit = BELL_LIMIT) {
  return useQuery({
    queryKey: notificationKeys.latest(limit),
    queryFn: () => api.get<NotificationList>('/notifications', { limit }),
    refetchInterval: POLL_INTERVAL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/notifications/${encodeURIComponent(id)}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<NotificationsMarkedRead>('/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
