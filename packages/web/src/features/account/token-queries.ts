import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken, ApiTokenCreate, ApiTokenCreated, ListPage } from '@konform/core';
import { api } from '../../api/client';

export const tokenKeys = { all: ['api-tokens'] as const };

/** The signed-in user's own API tokens, newest first; the server never returns their secrets. */
export function useApiTokens() {
  return useQuery({
    queryKey: tokenKeys.all,
    queryFn: () => api.get<ListPage<ApiToken>>('/tokens'),
    select: (page) => page.items,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiTokenCreate) => api.post<ApiTokenCreated>('/tokens', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ApiToken>(`/tokens/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
