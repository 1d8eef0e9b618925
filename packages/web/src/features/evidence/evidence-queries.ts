import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Evidence, EvidenceDetail, EvidenceLink, EvidenceLinkCreate, EvidenceUpdate, EvidenceUrlCreate, ListPage } from '@konform/core';
import { api, type QueryParams } from '../../api/client';

export const evidenceKeys = {
  all: ['evidence'] as const,
  list: (params: QueryParams) => ['evidence', 'list', params] as const,
  detail: (id: string) => ['evidence', 'detail', id] as const,
};

/** Where a version's content is downloaded (attachment, served by the server with safe headers). */
export function downloadHref(evidenceId: string, version: number): string {
  return `/api/evidence/${evidenceId}/versions/${version}/content`;
}

export function useEvidenceList(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: evidenceKeys.list(params),
    queryFn: () => api.get<ListPage<Evidence>>('/evidence', params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEvidence(id: string, enabled = true) {
  return useQuery({ queryKey: evidenceKeys.detail(id), queryFn: () => api.get<EvidenceDetail>(`/evidence/${id}`), enabled: enabled && id !== '' });
}

export interface EvidenceUploadInput {
  systemId: string;
  title: string;
  description?: string;
  owner?: string;
  validUntil?: string;
  classification?: string;
  file: File;
}

/** The text fields first, the file last, so the server can stream the file after reading the fields. */
function uploadForm(input: EvidenceUploadInput): FormData {
  const form = new FormData();
  for (const key of ['systemId', 'title', 'description', 'owner', 'validUntil', 'classification'] as const) {
    const value = input[key];
    if (value !== undefined && value !== '') form.append(key, value);
  }
  form.append('file', input.file, input.file.name);
  return form;
}

async function invalidate(queryClient: ReturnType<typeof useQueryClient>) {
  await queryClient.invalidateQueries({ queryKey: evidenceKeys.all });
  await queryClient.invalidateQueries({ queryKey: ['systems', 'requirements'] });
}

export function useUploadEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EvidenceUploadInput) => api.upload<EvidenceDetail>('/evidence', uploadForm(input)),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useRecordEvidenceLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EvidenceUrlCreate) => api.post<EvidenceDetail>('/evidence/link', input),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useUploadVersion(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<EvidenceDetail>(`/evidence/${id}/versions`, form);
    },
    onSuccess: () => invalidate(queryClient),
  });
}

export function useUpdateEvidence(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EvidenceUpdate) => api.patch<EvidenceDetail>(`/evidence/${id}`, input),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useLinkEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ evidenceId, input }: { evidenceId: string; input: EvidenceLinkCreate }) => api.post<EvidenceLink>(`/evidence/${evidenceId}/links`, input),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useUnlinkEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ evidenceId, linkId }: { evidenceId: string; linkId: string }) => api.delete(`/evidence/${evidenceId}/links/${linkId}`),
    onSuccess: () => invalidate(queryClient),
  });
}
