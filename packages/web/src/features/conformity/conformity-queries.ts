import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AnnexViStep,
  ConformityAnnexViiUpdate,
  ConformityAssessment,
  ConformityAssessmentCreate,
  ConformityAssessmentSummary,
  ConformityEntryCreate,
  ConformityMarkingUpdate,
  ConformitySign,
  ConformityStepPrepare,
  DocumentLocale,
  SystemChange,
  SystemChangeAssess,
  SystemChangeCreate,
} from '@konform/core';
import { api } from '../../api/client';
import { systemKeys } from '../inventory/system-queries';
import { taskKeys } from '../tasks/task-queries';

export const conformityKeys = {
  all: ['conformity'] as const,
  list: (systemId: string) => ['conformity', 'list', systemId] as const,
  detail: (id: string) => ['conformity', 'detail', id] as const,
  changes: (systemId: string) => ['conformity', 'changes', systemId] as const,
};

export function useSystemAssessments(systemId: string) {
  return useQuery({ queryKey: conformityKeys.list(systemId), queryFn: () => api.get<ConformityAssessmentSummary[]>('/conformity-assessments', { systemId }) });
}

export function useAssessment(id: string | null) {
  return useQuery({ queryKey: conformityKeys.detail(id ?? ''), queryFn: () => api.get<ConformityAssessment>(`/conformity-assessments/${id}`), enabled: id !== null });
}

/** Every write answers with the whole assessment: it replaces the cached one, and the lists are fetched again. */
function useAssessmentMutation<T>(send: (input: T) => Promise<ConformityAssessment>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (a) => {
      queryClient.setQueryData(conformityKeys.detail(a.id), a);
      void queryClient.invalidateQueries({ queryKey: conformityKeys.list(a.systemId) });
    },
  });
}

export const useStartAssessment = () => useAssessmentMutation((input: ConformityAssessmentCreate) => api.post<ConformityAssessment>('/conformity-assessments', input));
export const usePrepareStep = (id: string, step: AnnexViStep) =>
  useAssessmentMutation((input: ConformityStepPrepare) => api.put<ConformityAssessment>(`/conformity-assessments/${id}/steps/${step}`, input));
export const useSignStep = (id: string, step: AnnexViStep) =>
  useAssessmentMutation((input: ConformitySign) => api.post<ConformityAssessment>(`/conformity-assessments/${id}/steps/${step}/sign`, input));
export const useUpdateAnnexVii = (id: string) => useAssessmentMutation((input: ConformityAnnexViiUpdate) => api.patch<ConformityAssessment>(`/conformity-assessments/${id}/annex-vii`, input));
export const useAddEntry = (id: string) => useAssessmentMutation((input: ConformityEntryCreate) => api.post<ConformityAssessment>(`/conformity-assessments/${id}/entries`, input));
export const useDeclaration = (id: string) => useAssessmentMutation((locale: DocumentLocale) => api.post<ConformityAssessment>(`/conformity-assessments/${id}/declaration`, { locale }));
export const useUpdateMarking = (id: string) => useAssessmentMutation((input: ConformityMarkingUpdate) => api.put<ConformityAssessment>(`/conformity-assessments/${id}/marking`, input));

export function useSystemChanges(systemId: string) {
  return useQuery({ queryKey: conformityKeys.changes(systemId), queryFn: () => api.get<SystemChange[]>(`/systems/${systemId}/changes`) });
}

/** A decision can reopen assessments and open tasks: everything of the area and the tasks are fetched again. */
function useChangeMutation<T>(systemId: string, send: (input: T) => Promise<SystemChange>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conformityKeys.all });
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      void queryClient.invalidateQueries({ queryKey: systemKeys.detail(systemId) });
    },
  });
}

export const useRecordChange = (systemId: string) => useChangeMutation(systemId, (input: SystemChangeCreate) => api.post<SystemChange>(`/systems/${systemId}/changes`, input));
export const useAssessChange = (systemId: string, changeId: string) =>
  useChangeMutation(systemId, (input: SystemChangeAssess) => api.post<SystemChange>(`/systems/${systemId}/changes/${changeId}/assess`, input));
