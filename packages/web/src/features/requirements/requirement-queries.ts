import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SystemMeasure, SystemMeasureApply, SystemRequirement, SystemRequirementMatrix, SystemRequirementUpdate } from '@konform/core';
import { api, type QueryParams } from '../../api/client';

export const requirementKeys = {
  system: (systemId: string) => ['systems', 'requirements', systemId] as const,
  matrix: (systemId: string, params: QueryParams) => ['systems', 'requirements', systemId, 'matrix', params] as const,
  measures: (systemId: string) => ['systems', 'requirements', systemId, 'measures'] as const,
};

export function useRequirementMatrix(systemId: string, params: QueryParams) {
  return useQuery({
    queryKey: requirementKeys.matrix(systemId, params),
    queryFn: () => api.get<SystemRequirementMatrix>(`/systems/${systemId}/requirements`, params),
    placeholderData: keepPreviousData,
  });
}

export function useSystemMeasures(systemId: string) {
  return useQuery({
    queryKey: requirementKeys.measures(systemId),
    queryFn: () => api.get<{ items: SystemMeasure[] }>(`/systems/${systemId}/measures`),
  });
}

export function useUpdateRequirement(systemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requirementId, input }: { requirementId: string; input: SystemRequirementUpdate }) =>
      api.patch<SystemRequirement>(`/systems/${systemId}/requirements/${encodeURIComponent(requirementId)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requirementKeys.system(systemId) }),
  });
}

export function useApplyMeasure(systemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<SystemMeasureApply> & { measureId: string }) => api.post<SystemMeasure>(`/systems/${systemId}/measures`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requirementKeys.system(systemId) }),
  });
}

export function useRemoveMeasure(systemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (measureId: string) => api.delete(`/systems/${systemId}/measures/${encodeURIComponent(measureId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requirementKeys.system(systemId) }),
  });
}
