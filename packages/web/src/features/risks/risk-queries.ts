import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AiSystem,
  AuditEvent,
  HeatMap,
  ListPage,
  Risk,
  RiskAcceptRequest,
  RiskCreate,
  RiskMatrix,
  RiskMatrixUpdate,
  RiskSourceCatalog,
  RiskUpdate,
} from '@konform/core';
import { api, type QueryParams } from '../../api/client';
import { systemKeys } from '../inventory/system-queries';

/** A risk of the portfolio list carries the name of its AI system. */
export type PortfolioRisk = Risk & { systemName: string };
/** PUT /api/risk-matrix answers with the matrix and what the re-rating did. */
export type RiskMatrixUpdateResult = RiskMatrix & { reRated: number; acceptancesStale: number };

export const riskKeys = {
  all: ['risks'] as const,
  system: (systemId: string, params: QueryParams) => ['risks', 'system', systemId, params] as const,
  systemHeatMap: (systemId: string) => ['risks', 'system-heatmap', systemId] as const,
  portfolio: (params: QueryParams) => ['risks', 'portfolio', params] as const,
  portfolioHeatMap: ['risks', 'portfolio-heatmap'] as const,
  detail: (id: string) => ['risks', 'detail', id] as const,
  history: (id: string) => ['risks', 'history', id] as const,
  matrix: ['risk-matrix'] as const,
  sources: ['risk-sources'] as const,
};

export function useRiskMatrix() {
  return useQuery({ queryKey: riskKeys.matrix, queryFn: () => api.get<RiskMatrix>('/risk-matrix'), staleTime: 60_000 });
}

export function useRiskSources() {
  return useQuery({ queryKey: riskKeys.sources, queryFn: () => api.get<RiskSourceCatalog>('/risk-sources'), staleTime: 10 * 60_000 });
}

/** A system's risk register, filtered by status, heat-map cell (`inherent:L-I`) or overdue review. */
export function useSystemRisks(systemId: string, params: QueryParams) {
  return useQuery({
    queryKey: riskKeys.system(systemId, params),
    queryFn: () => api.get<ListPage<Risk>>(`/systems/${systemId}/risks`, params),
    placeholderData: keepPreviousData,
  });
}

export function useSystemHeatMap(systemId: string) {
  return useQuery({ queryKey: riskKeys.systemHeatMap(systemId), queryFn: () => api.get<HeatMap>(`/systems/${systemId}/risks/heatmap`) });
}

/** Every risk in the reader's scope. */
export function usePortfolioRisks(params: QueryParams) {
  return useQuery({
    queryKey: riskKeys.portfolio(params),
    queryFn: () => api.get<ListPage<PortfolioRisk>>('/risks', params),
    placeholderData: keepPreviousData,
  });
}

export function usePortfolioHeatMap() {
  return useQuery({ queryKey: riskKeys.portfolioHeatMap, queryFn: () => api.get<HeatMap>('/risks/heatmap') });
}

export function useRisk(id: string) {
  return useQuery({ queryKey: riskKeys.detail(id), queryFn: () => api.get<Risk>(`/risks/${id}`), enabled: id !== '' });
}

/** The risk's audit events (readable with audit.read across all units). */
export function useRiskHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: riskKeys.history(id),
    queryFn: () => api.get<ListPage<AuditEvent>>('/audit-events', { entityType: 'risk', entityId: id, limit: 200 }),
    enabled: enabled && id !== '',
    retry: false,
  });
}

/** Lists, heat maps, details and history all change together. */
function useInvalidateRisks() {
  const queryClient = useQueryClient();
  return (risk?: Risk) => {
    if (risk !== undefined) queryClient.setQueryData(riskKeys.detail(risk.id), risk);
    return queryClient.invalidateQueries({ queryKey: riskKeys.all });
  };
}

export function useCreateRisk(systemId: string) {
  const invalidate = useInvalidateRisks();
  return useMutation({
    mutationFn: (input: RiskCreate) => api.post<Risk>(`/systems/${systemId}/risks`, input),
    onSuccess: (risk) => invalidate(risk),
  });
}

export function useUpdateRisk(id: string) {
  const invalidate = useInvalidateRisks();
  return useMutation({
    mutationFn: (input: RiskUpdate) => api.patch<Risk>(`/risks/${id}`, input),
    onSuccess: (risk) => invalidate(risk),
    onError: () => invalidate(),
  });
}

export function useAcceptRisk(id: string) {
  const invalidate = useInvalidateRisks();
  return useMutation({
    mutationFn: (input: RiskAcceptRequest) => api.post<Risk>(`/risks/${id}/accept`, input),
    onSuccess: (risk) => invalidate(risk),
  });
}

export function useUpdateRiskMatrix() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RiskMatrixUpdate) => api.put<RiskMatrixUpdateResult>('/risk-matrix', input),
    onSuccess: async (result) => {
      queryClient.setQueryData(riskKeys.matrix, { config: result.config, version: result.version, updatedAt: result.updatedAt, updatedBy: result.updatedBy });
      await queryClient.invalidateQueries({ queryKey: riskKeys.all });
    },
  });
}

/** The AI system a risk belongs to (shares the inventory's cache entry); waits until the id is known. */
export function useRiskSystem(systemId: string) {
  return useQuery({ queryKey: systemKeys.detail(systemId), queryFn: () => api.get<AiSystem>(`/systems/${systemId}`), enabled: systemId !== '' });
}
