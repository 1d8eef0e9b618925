import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AiSystem, AiSystemArchive, AiSystemCreate, AiSystemUpdate, AuditEvent, ListPage } from '@konform/core';
import { api, type QueryParams } from '../../api/client';

export const systemKeys = {
  all: ['systems'] as const,
  list: (params: QueryParams) => ['systems', 'list', params] as const,
  detail: (id: string) => ['systems', 'detail', id] as const,
  history: (id: string) => ['systems', 'history', id] as const,
};

export function useSystemList(params: QueryParams) {
  return useQuery({
    queryKey: systemKeys.list(params),
    queryFn: () => api.get<ListPage<AiSystem>>('/systems', params),
    placeholderData: keepPreviousData,
  });
}

export function useSystem(id: string) {
  return useQuery({ queryKey: systemKeys.detail(id), queryFn: () => api.get<AiSystem>(`/systems/${id}`) });
}

export function useSystemHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: systemKeys.history(id),
    queryFn: () =>
      api.get<ListPage<AuditEvent>>('/audit-events', { entityType: 'system', entityId: id, limit: 200 }),
    enabled,
  });
}

export function useCreateSystem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AiSystemCreate) => api.post<AiSystem>('/systems', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemKeys.all }),
  });
}

export function useUpdateSystem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AiSystemUpdate) => api.patch<AiSystem>(`/systems/${id}`, input),
    onSuccess: (system) => {
      queryClient.setQueryData(systemKeys.detail(id), system);
      return queryClient.invalidateQueries({ queryKey: systemKeys.all });
    },
  });
}

export function useArchiveSystem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AiSystemArchive) => api.post<AiSystem>(`/systems/${id}/archive`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemKeys.all }),
  });
}
