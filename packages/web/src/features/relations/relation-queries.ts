import { useQuery } from '@tanstack/react-query';
import type { ImpactResult, SystemGraph, TestItemType } from '@konform/core';
import { api } from '../../api/client';

export const relationKeys = {
  graph: (systemId: string) => ['relations', 'graph', systemId] as const,
  impact: (type: TestItemType, versionId: string) => ['relations', 'impact', type, versionId] as const,
};

export function useSystemGraph(systemId: string) {
  return useQuery({ queryKey: relationKeys.graph(systemId), queryFn: () => api.get<SystemGraph>(`/systems/${systemId}/graph`) });
}

/** What depends on a model or dataset version; loaded when asked for. */
export function useVersionImpact(type: TestItemType, versionId: string, enabled: boolean) {
  return useQuery({
    queryKey: relationKeys.impact(type, versionId),
    queryFn: () => api.get<ImpactResult>('/impact', type === 'model' ? { modelVersionId: versionId } : { datasetVersionId: versionId }),
    enabled,
  });
}
