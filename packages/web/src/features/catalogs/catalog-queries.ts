import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CatalogDetail, CatalogRequirementItem, CatalogSummary, ListPage, MeasureItem } from '@konform/core';
import { api, type QueryParams } from '../../api/client';

export const catalogKeys = {
  all: ['catalogs'] as const,
  list: ['catalogs', 'list'] as const,
  detail: (id: string) => ['catalogs', 'detail', id] as const,
  requirements: (id: string, params: QueryParams) => ['catalogs', 'requirements', id, params] as const,
  measures: (params: QueryParams) => ['catalogs', 'measures', params] as const,
};

export function useCatalogs() {
  return useQuery({
    queryKey: catalogKeys.list,
    queryFn: () => api.get<ListPage<CatalogSummary>>('/catalogs'),
    staleTime: 60_000,
  });
}

export function useCatalog(id: string) {
  return useQuery({ queryKey: catalogKeys.detail(id), queryFn: () => api.get<CatalogDetail>(`/catalogs/${encodeURIComponent(id)}`), staleTime: 60_000 });
}

/** Requirements and groups of one catalogue in document order; filtered on the server by text, role and risk class. */
export function useCatalogRequirements(id: string, params: QueryParams = {}, enabled = true) {
  return useQuery({
    queryKey: catalogKeys.requirements(id, params),
    queryFn: () => api.get<ListPage<CatalogRequirementItem>>(`/catalogs/${encodeURIComponent(id)}/requirements`, { limit: 2000, ...params }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled: enabled && id !== '',
  });
}

/** The measures catalogue; `requirement` (catalogId:requirementId) narrows it to the measures linking that requirement. */
export function useMeasures(params: QueryParams = {}, enabled = true) {
  return useQuery({
    queryKey: catalogKeys.measures(params),
    queryFn: () => api.get<ListPage<MeasureItem>>('/measures', { limit: 500, ...params }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });
}
