import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CustodyEntry,
  CustodyEventCreate,
  CustodyState,
  Dataset,
  DatasetVersion,
  ListPage,
  Model,
  ModelVersion,
  SystemItems,
  SystemItemsUpdate,
  TestItemType,
  VersionNotesUpdate,
} from '@konform/core';
import { api, type QueryParams } from '../../api/client';

export type Item = Model | Dataset;
export type ItemVersion = ModelVersion | DatasetVersion;

/** `/models` or `/datasets`. */
export const basePath = (type: TestItemType) => (type === 'model' ? '/models' : '/datasets');

export const modelKeys = {
  all: ['test-items'] as const,
  list: (type: TestItemType, params: QueryParams) => ['test-items', type, 'list', params] as const,
  detail: (type: TestItemType, id: string) => ['test-items', type, 'detail', id] as const,
  versions: (type: TestItemType, id: string) => ['test-items', type, 'versions', id] as const,
  custody: (type: TestItemType, versionId: string) => ['test-items', type, 'custody', versionId] as const,
  system: (systemId: string) => ['system-items', systemId] as const,
};

export function useItems(type: TestItemType, params: QueryParams, enabled = true) {
  return useQuery({ queryKey: modelKeys.list(type, params), queryFn: () => api.get<ListPage<Item>>(basePath(type), params), placeholderData: keepPreviousData, enabled });
}

export function useItem(type: TestItemType, id: string) {
  return useQuery({ queryKey: modelKeys.detail(type, id), queryFn: () => api.get<Item>(`${basePath(type)}/${id}`), enabled: id !== '' });
}

export function useVersions(type: TestItemType, id: string, enabled = true) {
  return useQuery({
    queryKey: modelKeys.versions(type, id),
    queryFn: async () => (await api.get<{ items: ItemVersion[] }>(`${basePath(type)}/${id}/versions`)).items,
    enabled: enabled && id !== '',
  });
}

export function useCustody(type: TestItemType, itemId: string, versionId: string) {
  return useQuery({
    queryKey: modelKeys.custody(type, versionId),
    queryFn: () => api.get<{ state: CustodyState; items: CustodyEntry[] }>(`${basePath(type)}/${itemId}/versions/${versionId}/custody`),
  });
}

export function useSaveItem(type: TestItemType, id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: object) => (id === null ? api.post<Item>(basePath(type), input) : api.patch<Item>(`${basePath(type)}/${id}`, input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
  });
}

export function useCreateVersion(type: TestItemType, itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: object) => api.post<ItemVersion>(`${basePath(type)}/${itemId}/versions`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
  });
}

export function useUpdateVersionNotes(type: TestItemType, itemId: string, versionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: VersionNotesUpdate) => api.patch<ItemVersion>(`${basePath(type)}/${itemId}/versions/${versionId}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
  });
}

export function useRecordCustody(type: TestItemType, itemId: string, versionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CustodyEventCreate) => api.post<CustodyEntry>(`${basePath(type)}/${itemId}/versions/${versionId}/custody`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
  });
}

export function useSystemItems(systemId: string) {
  return useQuery({ queryKey: modelKeys.system(systemId), queryFn: () => api.get<SystemItems>(`/systems/${systemId}/models`) });
}

export function useSaveSystemItems(systemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SystemItemsUpdate) => api.put<SystemItems>(`/systems/${systemId}/models`, input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(modelKeys.system(systemId), saved);
      await queryClient.invalidateQueries({ queryKey: modelKeys.all });
    },
  });
}
