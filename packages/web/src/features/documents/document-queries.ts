import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DocumentCreate, DocumentDetail, DocumentFileFormat, DocumentSectionSave, DocumentSectionText, DocumentSummary, DocumentVerifyResult, DocumentVersion, DocumentVersionSign, DocumentVersionStep } from '@konform/core';
import { api } from '../../api/client';

/** Every document query sits under one key: any change marks lists, details and versions stale. */
export const documentKeys = {
  all: ['documents'] as const,
  list: (systemId: string) => ['documents', 'list', systemId] as const,
  modelVersion: (modelVersionId: string) => ['documents', 'model-version', modelVersionId] as const,
  detail: (id: string) => ['documents', 'detail', id] as const,
};

const base = (id: string) => `/documents/${encodeURIComponent(id)}`;

export function useSystemDocuments(systemId: string) {
  return useQuery({ queryKey: documentKeys.list(systemId), queryFn: () => api.get<DocumentSummary[]>('/documents', { systemId }) });
}

/** The model cards of a model version (one per language). */
export function useModelVersionDocuments(modelVersionId: string) {
  return useQuery({ queryKey: documentKeys.modelVersion(modelVersionId), queryFn: () => api.get<DocumentSummary[]>('/documents', { modelVersionId, type: 'model-card' }) });
}

export function useDocument(id: string) {
  return useQuery({ queryKey: documentKeys.detail(id), queryFn: () => api.get<DocumentDetail>(base(id)), enabled: id !== '' });
}

function useDocumentMutation<I, O>(send: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.all }) });
}

export const useCreateDocument = () => useDocumentMutation((input: DocumentCreate) => api.post<DocumentDetail>('/documents', input));
export const useSaveSection = (id: string, key: string) => useDocumentMutation((input: DocumentSectionSave) => api.put<DocumentSectionText>(`${base(id)}/sections/${encodeURIComponent(key)}`, input));
export const useFreezeVersion = (id: string) => useDocumentMutation(() => api.post<DocumentVersion>(`${base(id)}/versions`));
export const useVersionStep = (id: string, number: number, step: 'submit' | 'return') =>
  useDocumentMutation((input: DocumentVersionStep) => api.post<DocumentVersion>(`${base(id)}/versions/${number}/${step}`, input));
export const useSignVersion = (id: string, number: number, step: 'review' | 'release') =>
  useDocumentMutation((input: DocumentVersionSign) => api.post<DocumentVersion>(`${base(id)}/versions/${number}/${step}`, input));

export const documentExportUrl = (id: string, number: number, format: DocumentFileFormat) => `/api${base(id)}/versions/${number}/export?format=${format}`;
export const documentBundleUrl = (id: string, number: number) => `/api${base(id)}/versions/${number}/bundle`;

/** The verification page's check: the file's bytes as they are (a release ZIP or a single released file). */
export const useVerifyFile = () => useMutation({ mutationFn: (file: File) => api.sendFile<DocumentVerifyResult>('/documents/verify', file) });
