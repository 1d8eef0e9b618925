import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Complaint, ComplaintCreate, ComplaintUpdate, ListPage } from '@konform/core';
import { api, type QueryParams } from '../../api/client';

export const complaintKeys = {
  list: (params: QueryParams) => ['complaints', 'list', params] as const,
  detail: (id: string) => ['complaints', 'detail', id] as const,
};

export function useComplaints(params: QueryParams) {
  return useQuery({ queryKey: complaintKeys.list(params), queryFn: () => api.get<ListPage<Complaint>>('/complaints', params), placeholderData: keepPreviousData });
}

export function useComplaint(id: string) {
  return useQuery({ queryKey: complaintKeys.detail(id), queryFn: () => api.get<Complaint>(`/complaints/${id}`), enabled: id !== '' });
}

function useComplaintMutation<V>(fn: (v: V) => Promise<Complaint>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (c) => {
      qc.setQueryData(complaintKeys.detail(c.id), c);
      void qc.invalidateQueries({ queryKey: ['complaints', 'list'] });
    },
  });
}

export const useCreateComplaint = () => useComplaintMutation((input: ComplaintCreate) => api.post<Complaint>('/complaints', input));
export const useUpdateComplaint = (id: string) => useComplaintMutation((input: ComplaintUpdate) => api.patch<Complaint>(`/complaints/${id}`, input));
