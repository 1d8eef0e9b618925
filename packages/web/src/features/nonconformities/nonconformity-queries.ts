import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionOwner,
  AiSystem,
  AuditEvent,
  CatalogRequirementItem,
  ListPage,
  Nonconformity,
  NonconformityCreate,
  NonconformityListItem,
  NonconformityTransition,
  NonconformityUpdate,
} from '@konform/core';
import { api, type QueryParams } from '../../api/client';
import { catalogKeys } from '../catalogs/catalog-queries';
import { splitRequirementKey } from '../catalogs/localized';
import { systemKeys } from '../inventory/system-queries';

export const nonconformityKeys = {
  all: ['nonconformities'] as const,
  list: (params: QueryParams) => ['nonconformities', 'list', params] as const,
  detail: (id: string) => ['nonconformities', 'detail', id] as const,
  history: (id: string) => ['nonconformities', 'history', id] as const,
  owners: (orgUnitId: string) => ['nonconformities', 'action-owners', orgUnitId] as const,
};

/** Non-conformities in the reader's scope, filtered by system, status, severity and source. */
export function useNonconformities(params: QueryParams) {
  return useQuery({
    queryKey: nonconformityKeys.list(params),
    queryFn: () => api.get<ListPage<NonconformityListItem>>('/nonconformities', params),
    placeholderData: keepPreviousData,
  });
}

export function useNonconformity(id: string) {
  return useQuery({ queryKey: nonconformityKeys.detail(id), queryFn: () => api.get<Nonconformity>(`/nonconformities/${id}`), enabled: id !== '' });
}

/** The AI system of a non-conformity (shares the inventory's cache entry); waits until the id is known. */
export function useNonconformitySystem(systemId: string) {
  return useQuery({ queryKey: systemKeys.detail(systemId), queryFn: () => api.get<AiSystem>(`/systems/${systemId}`), enabled: systemId !== '' });
}

/** The non-conformity's audit events (readable with audit.read). */
export function useNonconformityHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: nonconformityKeys.history(id),
    queryFn: () => api.get<ListPage<AuditEvent>>('/audit-events', { entityType: 'nonconformity', entityId: id, limit: 200 }),
    enabled: enabled && id !== '',
    retry: false,
  });
}

/** The users an action of the unit can be assigned to; fails (403) for those who may not edit there. */
export function useActionOwners(orgUnitId: string, enabled: boolean) {
  return useQuery({
    queryKey: nonconformityKeys.owners(orgUnitId),
    queryFn: () => api.get<{ items: ActionOwner[] }>('/nonconformities/action-owners', { orgUnitId }),
    enabled: enabled && orgUnitId !== '',
    staleTime: 60_000,
    retry: false,
  });
}

/** Reference and title of requirement keys (`catalogId:requirementId`), from their catalogues. */
export function useRequirementLabels(keys: readonly string[]): Map<string, CatalogRequirementItem> {
  const catalogIds = [...new Set(keys.map((k) => splitRequirementKey(k).catalogId).filter((id) => id !== ''))].sort();
  const results = useQueries({
    queries: catalogIds.map((id) => ({
      queryKey: catalogKeys.requirements(id, {}),
      queryFn: () => api.get<ListPage<CatalogRequirementItem>>(`/catalogs/${encodeURIComponent(id)}/requirements`, { limit: 2000 }),
      staleTime: 60_000,
      retry: false,
    })),
  });
  const labels = new Map<string, CatalogRequirementItem>();
  for (const result of results) for (const item of result.data?.items ?? []) if (keys.includes(item.key)) labels.set(item.key, item);
  return labels;
}

/** Lists, details and history change together. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return (nc?: Nonconformity) => {
    if (nc !== undefined) queryClient.setQueryData(nonconformityKeys.detail(nc.id), nc);
    return queryClient.invalidateQueries({ queryKey: nonconformityKeys.all });
  };
}

export function useCreateNonconformity() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: NonconformityCreate) => api.post<Nonconformity>('/nonconformities', input),
    onSuccess: (nc) => invalidate(nc),
  });
}

export function useUpdateNonconformity(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: NonconformityUpdate) => api.patch<Nonconformity>(`/nonconformities/${id}`, input),
    onSuccess: (nc) => invalidate(nc),
  });
}

export function useTransitionNonconformity(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: NonconformityTransition) => api.post<Nonconformity>(`/nonconformities/${id}/transition`, input),
    onSuccess: (nc) => invalidate(nc),
  });
}

export function useVerifyNonconformity(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { version: number; effective: boolean; note: string }) => api.post<Nonconformity>(`/nonconformities/${id}/verify`, input),
    onSuccess: (nc) => invalidate(nc),
  });
}
