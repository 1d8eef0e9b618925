import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListPage, WebhookCreate, WebhookDelivery, WebhookSettings, WebhookSubscription, WebhookSubscriptionWithSecret, WebhookUpdate } from '@konform/core';
import { api } from '../../api/client';

export const webhookKeys = { all: ['webhooks'] as const };

export function useWebhooks() {
  return useQuery({ queryKey: [...webhookKeys.all, 'list'], queryFn: () => api.get<WebhookSubscription[]>('/webhooks') });
}

export function useWebhookSettings() {
  return useQuery({ queryKey: [...webhookKeys.all, 'settings'], queryFn: () => api.get<WebhookSettings>('/webhooks/settings') });
}

export function useWebhookDeliveries(id: string | null) {
  return useQuery({
    queryKey: [...webhookKeys.all, 'deliveries', id],
    queryFn: () => api.get<ListPage<WebhookDelivery>>(`/webhooks/${id}/deliveries`, { limit: 50 }),
    enabled: id !== null,
  });
}

/** Every webhook mutation refreshes the list, the settings and the logs. */
function useWebhookMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }) });
}

export const useSaveWebhookSettings = () => useWebhookMutation((input: WebhookSettings) => api.put<WebhookSettings>('/webhooks/settings', input));
export const useCreateWebhook = () => useWebhookMutation((input: WebhookCreate) => api.post<WebhookSubscriptionWithSecret>('/webhooks', input));
export const useUpdateWebhook = () => useWebhookMutation(({ id, input }: { id: string; input: WebhookUpdate }) => api.patch<WebhookSubscription>(`/webhooks/${id}`, input));
export const useRotateWebhookSecret = () => useWebhookMutation(({ id, version }: { id: string; version: number }) => api.post<WebhookSubscriptionWithSecret>(`/webhooks/${id}/rotate-secret`, { version }));
export const useDeleteWebhook = () => useWebhookMutation((id: string) => api.delete(`/webhooks/${id}`));
export const usePingWebhook = () => useWebhookMutation((id: string) => api.post<WebhookDelivery>(`/webhooks/${id}/ping`));
export const useRedeliver = () => useWebhookMutation(({ id, deliveryId }: { id: string; deliveryId: string }) => api.post<WebhookDelivery>(`/webhooks/${id}/deliveries/${deliveryId}/redeliver`));
