import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Audit, AuditCreate, AuditFollowUp, AuditTransition, ChecklistItem, ChecklistItemUpdate, Finding, FindingAccept, FindingCreate, ListPage } from '@konform/core';
import { api } from '../../api/client';

export const auditKeys = {
  all: ['audits'] as const,
  year: (year: number) => ['audits', 'list', year] as const,
  detail: (id: string) => ['audits', 'detail', id] as const,
  checklist: (id: string) => ['audits', 'checklist', id] as const,
  findings: (id: string) => ['audits', 'findings', id] as const,
};

/** The audit programme of a year. */
export function useAuditProgramme(year: number) {
  return useQuery({ queryKey: auditKeys.year(year), queryFn: () => api.get<ListPage<Audit>>('/audits', { year, limit: 500 }), placeholderData: keepPreviousData });
}

export function useAudit(id: string) {
  return useQuery({ queryKey: auditKeys.detail(id), queryFn: () => api.get<Audit>(`/audits/${id}`), enabled: id !== '' });
}

export function useChecklist(id: string) {
  return useQuery({ queryKey: auditKeys.checklist(id), queryFn: () => api.get<{ items: ChecklistItem[] }>(`/audits/${id}/checklist`), enabled: id !== '' });
}

export function useFindings(id: string) {
  return useQuery({ queryKey: auditKeys.findings(id), queryFn: () => api.get<{ items: Finding[] }>(`/audits/${id}/findings`), enabled: id !== '' });
}

/** After any write of an audit: its detail, checklist, findings and the programme lists are stale. */
function useAuditMutation<V, R>(id: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: auditKeys.all }) });
}

export const usePlanAudit = () => useAuditMutation('', (input: AuditCreate) => api.post<Audit>('/audits', input));
export const useAuditTransition = (id: string) => useAuditMutation(id, (input: AuditTransition) => api.post<Audit>(`/audits/${id}/transition`, input));
export const useFollowUp = (id: string) => useAuditMutation(id, (input: AuditFollowUp) => api.post<Audit>(`/audits/${id}/follow-up`, input));
export const useRecordItem = (id: string) =>
  useAuditMutation(id, ({ itemId, ...input }: ChecklistItemUpdate & { itemId: string }) => api.patch<ChecklistItem>(`/audits/${id}/checklist/${itemId}`, input));
export const useCreateFinding = (id: string) => useAuditMutation(id, (input: FindingCreate) => api.post<Finding>(`/audits/${id}/findings`, input));
export const useAcceptFinding = (id: string) =>
  useAuditMutation(id, ({ findingId, ...input }: FindingAccept & { findingId: string }) => api.post<Finding>(`/audits/${id}/findings/${findingId}/accept`, input));
