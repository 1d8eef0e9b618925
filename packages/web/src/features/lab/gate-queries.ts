import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LabGateCreate, LabGateDetail, LabGateSign, LabGateSummary, LabGateWithdraw, ListPage } from '@konform/core';
import { api, type QueryParams } from '../../api/client';
import { labKeys } from './lab-queries';

const gateKeys = {
  list: (params: QueryParams) => [...labKeys.all, 'gates', params] as const,
  detail: (id: string) => [...labKeys.all, 'gate', id] as const,
};

export function useLabGates(params: QueryParams) {
  return useQuery({ queryKey: gateKeys.list(params), queryFn: () => api.get<ListPage<LabGateSummary>>('/lab/gates', params), placeholderData: keepPreviousData });
}

export function useLabGate(id: string) {
  return useQuery({ queryKey: gateKeys.detail(id), queryFn: () => api.get<LabGateDetail>(`/lab/gates/${id}`), enabled: id !== '' });
}

/** A release changes the gate, the one it supersedes and the lab's lists: all lab queries are refreshed. */
function useGateMutation<I>(send: (input: I) => Promise<LabGateDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (gate) => {
      queryClient.setQueryData(gateKeys.detail(gate.id), gate);
      await queryClient.invalidateQueries({ queryKey: labKeys.all });
    },
  });
}

export function useCreateLabGate() {
  return useGateMutation((input: LabGateCreate) => api.post<LabGateDetail>('/lab/gates', input));
}

export function useSignLabGate(id: string) {
  return useGateMutation((input: LabGateSign) => api.post<LabGateDetail>(`/lab/gates/${id}/sign`, input));
}

export function useWithdrawLabGate(id: string) {
  return useGateMutation((input: LabGateWithdraw) => api.post<LabGateDetail>(`/lab/gates/${id}/withdraw`, input));
}
