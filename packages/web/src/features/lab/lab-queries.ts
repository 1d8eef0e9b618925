import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  LabAuthorisation,
  LabAuthorisationCandidate,
  LabAuthorisationCreate,
  LabEnvironmentCreate,
  LabEnvironmentDetail,
  LabEnvironmentSummary,
  LabEnvironmentUpdate,
  LabMethodCreate,
  LabMethodDetail,
  LabMethodSummary,
  LabMethodUpdate,
  LabMethodValidation,
  LabMethodValidationCreate,
  LabVerification,
  LabVerificationCreate,
  ListPage,
} from '@konform/core';
import { api, type QueryParams } from '../../api/client';

export const labKeys = {
  all: ['lab'] as const,
  methods: (params: QueryParams) => ['lab', 'methods', params] as const,
  method: (id: string) => ['lab', 'method', id] as const,
  candidates: (id: string) => ['lab', 'method', id, 'candidates'] as const,
  environments: (params: QueryParams) => ['lab', 'environments', params] as const,
  environment: (id: string) => ['lab', 'environment', id] as const,
};

export function useLabMethods(params: QueryParams) {
  return useQuery({ queryKey: labKeys.methods(params), queryFn: () => api.get<ListPage<LabMethodSummary>>('/lab/methods', params), placeholderData: keepPreviousData });
}

export function useLabMethod(id: string) {
  return useQuery({ queryKey: labKeys.method(id), queryFn: () => api.get<LabMethodDetail>(`/lab/methods/${id}`), enabled: id !== '' });
}

export function useSaveLabMethod(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LabMethodCreate | LabMethodUpdate) =>
      id === null ? api.post<LabMethodDetail>('/lab/methods', input) : api.patch<LabMethodDetail>(`/lab/methods/${id}`, input),
    onSuccess: async (method) => {
      queryClient.setQueryData(labKeys.method(method.id), method);
      await queryClient.invalidateQueries({ queryKey: labKeys.all });
    },
  });
}

export function useValidateLabMethod(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LabMethodValidationCreate) => api.post<LabMethodValidation>(`/lab/methods/${id}/validations`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: labKeys.all }),
  });
}

export function useAuthorisationCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: labKeys.candidates(id),
    queryFn: async () => (await api.get<{ items: LabAuthorisationCandidate[] }>(`/lab/methods/${id}/authorisation-candidates`)).items,
    enabled,
  });
}

export function useAuthoriseStaff(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LabAuthorisationCreate) => api.post<LabAuthorisation>(`/lab/methods/${id}/authorisations`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: labKeys.all }),
  });
}

export function useRevokeAuthorisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (authorisationId: string) => api.delete<LabAuthorisation>(`/lab/methods/${id}/authorisations/${authorisationId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: labKeys.all }),
  });
}

export function useLabEnvironments(params: QueryParams) {
  return useQuery({ queryKey: labKeys.environments(params), queryFn: () => api.get<ListPage<LabEnvironmentSummary>>('/lab/environments', params), placeholderData: keepPreviousData });
}

export function useLabEnvironment(id: string) {
  return useQuery({ queryKey: labKeys.environment(id), queryFn: () => api.get<LabEnvironmentDetail>(`/lab/environments/${id}`), enabled: id !== '' });
}

export function useSaveLabEnvironment(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LabEnvironmentCreate | LabEnvironmentUpdate) =>
      id === null ? api.post<LabEnvironmentDetail>('/lab/environments', input) : api.patch<LabEnvironmentDetail>(`/lab/environments/${id}`, input),
    onSuccess: async (env) => {
      queryClient.setQueryData(labKeys.environment(env.id), env);
      await queryClient.invalidateQueries({ queryKey: labKeys.all });
    },
  });
}

export function useVerifyEnvironment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LabVerificationCreate) => api.post<LabVerification>(`/lab/environments/${id}/verifications`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: labKeys.all }),
  });
}
