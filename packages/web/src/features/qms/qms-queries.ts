import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ListPage,
  QmsCoverage,
  QmsDocument,
  QmsDocumentCreate,
  QmsDocumentDetail,
  QmsDocumentUpdate,
  QmsDraftSave,
  QmsVersion,
  QmsVersionApprove,
  QmsVersionCreate,
  QmsVersionReturn,
  QmsVersionSubmit,
  User,
} from '@konform/core';
import { api, type QueryParams } from '../../api/client';

/** Every QMS query sits under one key: any change marks lists, details, versions and the coverage stale. */
export const qmsKeys = {
  all: ['qms'] as const,
  list: (params: QueryParams) => ['qms', 'documents', params] as const,
  document: (id: string) => ['qms', 'document', id] as const,
  version: (id: string, number: number) => ['qms', 'document', id, 'version', number] as const,
  coverage: (orgUnitId: string) => ['qms', 'coverage', orgUnitId] as const,
};

const base = (id: string) => `/qms/documents/${encodeURIComponent(id)}`;

export function useQmsDocuments(params: QueryParams) {
  return useQuery({ queryKey: qmsKeys.list(params), queryFn: () => api.get<ListPage<QmsDocument>>('/qms/documents', params), placeholderData: keepPreviousData });
}

export function useQmsDocument(id: string) {
  return useQuery({ queryKey: qmsKeys.document(id), queryFn: () => api.get<QmsDocumentDetail>(base(id)), enabled: id !== '' });
}

export function useQmsVersion(id: string, number: number | null) {
  return useQuery({
    queryKey: qmsKeys.version(id, number ?? 0),
    queryFn: () => api.get<QmsVersion>(`${base(id)}/versions/${number ?? 0}`),
    enabled: id !== '' && number !== null,
  });
}

export function useQmsCoverage(orgUnitId = '') {
  return useQuery({ queryKey: qmsKeys.coverage(orgUnitId), queryFn: () => api.get<QmsCoverage>('/qms/coverage', { orgUnitId }) });
}

function useQmsMutation<I, O>(send: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queryClient.invalidateQueries({ queryKey: qmsKeys.all }) });
}

export const useCreateQmsDocument = () => useQmsMutation((input: QmsDocumentCreate) => api.post<QmsDocumentDetail>('/qms/documents', input));
export const useUpdateQmsDocument = (id: string) => useQmsMutation((input: QmsDocumentUpdate) => api.patch<QmsDocumentDetail>(base(id), input));
export const useCreateQmsVersion = (id: string) => useQmsMutation((input: QmsVersionCreate) => api.post<QmsVersion>(`${base(id)}/versions`, input));
export const useSaveQmsDraft = (id: string, number: number) => useQmsMutation((input: QmsDraftSave) => api.put<QmsVersion>(`${base(id)}/versions/${number}`, input));
export const useSubmitQmsVersion = (id: string, number: number) => useQmsMutation((input: QmsVersionSubmit) => api.post<QmsVersion>(`${base(id)}/versions/${number}/submit`, input));
export const useReturnQmsVersion = (id: string, number: number) => useQmsMutation((input: QmsVersionReturn) => api.post<QmsVersion>(`${base(id)}/versions/${number}/return`, input));
export const useApproveQmsVersion = (id: string, number: number) => useQmsMutation((input: QmsVersionApprove) => api.post<QmsVersion>(`${base(id)}/versions/${number}/approve`, input));

/** Active users, for choosing a document's owner (needs user.read, which every QMS editor holds). */
export function useOwnerCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['qms', 'owners'],
    queryFn: () => api.get<ListPage<User>>('/users', { limit: 500 }),
    select: (page) => page.items.filter((u) => u.active),
    enabled,
  });
}

/** A released version as a file, in the UI language. */
export function qmsExportUrl(id: string, number: number, format: 'pdf' | 'docx' | 'md', language: string): string {
  return `/api${base(id)}/versions/${number}/export?format=${format}&lang=${language === 'en' ? 'en' : 'de'}`;
}
