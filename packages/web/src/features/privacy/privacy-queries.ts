import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ErasurePreview, ErasureRequest, ErasureResult, RetentionPolicy, RetentionPolicyUpdate, RetentionRecordType } from '@konform/core';
import { api } from '../../api/client';

export const privacyKeys = { all: ['privacy'] as const };

export function useRetentionPolicies() {
  return useQuery({ queryKey: [...privacyKeys.all, 'retention'], queryFn: () => api.get<RetentionPolicy[]>('/privacy/retention') });
}

export function useErasurePreview(userId: string | null) {
  return useQuery({ queryKey: [...privacyKeys.all, 'erasure', userId], queryFn: () => api.get<ErasurePreview>(`/privacy/erasure/${userId}`), enabled: userId !== null });
}

export function useUpdateRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ recordType, input }: { recordType: RetentionRecordType; input: RetentionPolicyUpdate }) => api.put<RetentionPolicy>(`/privacy/retention/${recordType}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...privacyKeys.all, 'retention'] }),
  });
}

/** Erasure changes users, records and the audit trail: everything cached is refreshed. */
export function useErasePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, input }: { userId: string; input: ErasureRequest }) => api.post<ErasureResult>(`/privacy/erasure/${userId}`, input),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
