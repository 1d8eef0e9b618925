import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FindingRiskCreate,
  FindingRiskCreated,
  ListPage,
  SupplierDocuments,
  SupplierDocumentsUpdate,
  SupplierQuestionnaire,
  VendorAssessment,
  VendorAssessmentCreate,
  VendorAssessmentUpdate,
  VendorCreate,
  VendorDetail,
  VendorSummary,
  VendorUpdate,
} from '@konform/core';
import { api, type QueryParams } from '../../api/client';
import { systemKeys } from '../inventory/system-queries';
import { riskKeys } from '../risks/risk-queries';

export const vendorKeys = {
  all: ['vendors'] as const,
  list: (params: QueryParams) => ['vendors', 'list', params] as const,
  options: ['vendors', 'options'] as const,
  detail: (id: string) => ['vendors', 'detail', id] as const,
  assessments: (id: string) => ['vendors', 'assessments', id] as const,
  questionnaire: ['vendors', 'questionnaire'] as const,
  documents: (systemId: string) => ['supplier-documents', systemId] as const,
};

export function useVendors(params: QueryParams) {
  return useQuery({ queryKey: vendorKeys.list(params), queryFn: () => api.get<ListPage<VendorSummary>>('/vendors', params), placeholderData: keepPreviousData });
}

/** Every vendor by name, for pickers (an organisation has a few hundred at most). */
export function useVendorOptions(enabled = true) {
  return useQuery({
    queryKey: vendorKeys.options,
    queryFn: async () => (await api.get<ListPage<VendorSummary>>('/vendors', { limit: 500 })).items.map((v) => ({ id: v.id, name: v.name })),
    enabled,
    staleTime: 30_000,
  });
}

export function useVendor(id: string, enabled = true) {
  return useQuery({ queryKey: vendorKeys.detail(id), queryFn: () => api.get<VendorDetail>(`/vendors/${id}`), enabled: enabled && id !== '' });
}

export function useCreateVendor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: VendorCreate) => api.post<VendorDetail>('/vendors', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vendorKeys.all }),
  });
}

export function useUpdateVendor(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: VendorUpdate) => api.patch<VendorDetail>(`/vendors/${id}`, input),
    onSuccess: async (vendor) => {
      queryClient.setQueryData(vendorKeys.detail(id), vendor);
      // A rename shows on the linked systems too.
      await Promise.all([queryClient.invalidateQueries({ queryKey: vendorKeys.all }), queryClient.invalidateQueries({ queryKey: systemKeys.all })]);
    },
  });
}

export function useQuestionnaire() {
  return useQuery({ queryKey: vendorKeys.questionnaire, queryFn: () => api.get<SupplierQuestionnaire>('/vendors/questionnaire'), staleTime: Infinity });
}

export function useAssessments(vendorId: string) {
  return useQuery({
    queryKey: vendorKeys.assessments(vendorId),
    queryFn: async () => (await api.get<{ items: VendorAssessment[] }>(`/vendors/${vendorId}/assessments`)).items,
  });
}

export function useSaveAssessment(vendorId: string, assessmentId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: VendorAssessmentCreate | VendorAssessmentUpdate) =>
      assessmentId === null
        ? api.post<VendorAssessment>(`/vendors/${vendorId}/assessments`, input)
        : api.patch<VendorAssessment>(`/vendors/${vendorId}/assessments/${assessmentId}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vendorKeys.all }),
  });
}

export function useCreateFindingRisk(vendorId: string, assessmentId: string, findingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FindingRiskCreate) => api.post<FindingRiskCreated>(`/vendors/${vendorId}/assessments/${assessmentId}/findings/${findingId}/risk`, input),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: vendorKeys.all }), queryClient.invalidateQueries({ queryKey: riskKeys.all })]),
  });
}

export function useSupplierDocuments(systemId: string) {
  return useQuery({ queryKey: vendorKeys.documents(systemId), queryFn: () => api.get<SupplierDocuments>(`/systems/${systemId}/supplier-documents`) });
}

export function useSaveSupplierDocuments(systemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SupplierDocumentsUpdate) => api.put<SupplierDocuments>(`/systems/${systemId}/supplier-documents`, input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(vendorKeys.documents(systemId), saved);
      await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
    },
  });
}
