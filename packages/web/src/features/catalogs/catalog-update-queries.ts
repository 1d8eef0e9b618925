import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  ActInForce,
  CatalogAcceptResult,
  CatalogDiff,
  CatalogImportFormat,
  CatalogUpdatePreview,
  CatalogVersionEntry,
  ListPage,
} from '@konform/core';
import { api, withQuery } from '../../api/client';
import { catalogKeys } from './catalog-queries';

/**
 * Previews are kept outside the `catalogs` keys on purpose: accepting invalidates the catalogues, but the page goes on
 * showing what was reviewed (a fresh preview of an accepted version would compare it with itself).
 */
export const updateKeys = {
  pending: [...catalogKeys.all, 'updates'] as const,
  diff: (id: string, from: string, to: string) => [...catalogKeys.all, 'diff', id, from, to] as const,
  actInForce: [...catalogKeys.all, 'act-in-force'] as const,
  versionPreview: (id: string, version: string) => ['catalog-preview', 'version', id, version] as const,
  actPreview: (act: string) => ['catalog-preview', 'act', act] as const,
};

const enc = encodeURIComponent;
const versionPath = (id: string, version: string) => `/catalogs/${enc(id)}/versions/${enc(version)}`;

/** Where the review page of a stored version is. */
export function reviewHref(id: string, version: string): string {
  return `/catalogs/${enc(id)}/versions/${enc(version)}`;
}

/** Where switching the AI Act to another text version is previewed. */
export function actReviewHref(act: string): string {
  return `/catalogs/eu-ai-act/act-in-force/${enc(act)}`;
}

/** Proposed versions waiting for a decision. */
export function usePendingUpdates() {
  return useQuery({
    queryKey: updateKeys.pending,
    queryFn: () => api.get<ListPage<CatalogVersionEntry>>('/catalogs/updates', { limit: 100 }),
    retry: false,
  });
}

export function useVersionPreview(id: string, version: string, enabled: boolean) {
  return useQuery({
    queryKey: updateKeys.versionPreview(id, version),
    queryFn: () => api.get<CatalogUpdatePreview>(`${versionPath(id, version)}/preview`),
    staleTime: Infinity,
    enabled,
    retry: false,
  });
}

export function useCatalogDiff(id: string, from: string, to: string) {
  return useQuery({
    queryKey: updateKeys.diff(id, from, to),
    queryFn: () => api.get<CatalogDiff>(`/catalogs/${enc(id)}/diff`, { from, to }),
    enabled: id !== '' && from !== '' && to !== '',
    staleTime: 60_000,
  });
}

export interface ImportFileInput {
  file: File;
  dryRun: boolean;
  format?: CatalogImportFormat | undefined;
  catalogId?: string | undefined;
}

export interface ImportStored {
  version: CatalogVersionEntry;
  preview: CatalogUpdatePreview;
}

function importPath({ dryRun, format, catalogId }: ImportFileInput): string {
  return withQuery('/catalogs/import', { dryRun, format, catalogId });
}

function importForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

/** Dry run: parses and validates the file and computes the preview; stores nothing. */
export function useCheckImport() {
  return useMutation({
    mutationFn: (input: Omit<ImportFileInput, 'dryRun'>) => api.upload<CatalogUpdatePreview>(importPath({ ...input, dryRun: true }), importForm(input.file)),
  });
}

/** Stores the file as a proposed version (nothing applies until it is accepted). */
export function useStoreImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<ImportFileInput, 'dryRun'>) => api.upload<ImportStored>(importPath({ ...input, dryRun: false }), importForm(input.file)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.all }),
  });
}

/** After a decision: catalogues, pending updates, every matrix and what is derived from the catalogues. */
async function invalidateAfterDecision(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: catalogKeys.all }),
    queryClient.invalidateQueries({ queryKey: ['systems', 'requirements'] }),
    queryClient.invalidateQueries({ queryKey: ['statement-of-applicability'] }),
  ]);
}

export function useAcceptVersion(id: string, version: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (expectedActive: string | null) => api.post<CatalogAcceptResult>(`${versionPath(id, version)}/accept`, { expectedActive }),
    onSuccess: () => invalidateAfterDecision(queryClient),
  });
}

export function useDiscardVersion(id: string, version: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CatalogVersionEntry>(`${versionPath(id, version)}/discard`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.all }),
  });
}

/** The AI Act's text versions and the one whose dates apply. */
export function useActInForce(enabled = true) {
  return useQuery({ queryKey: updateKeys.actInForce, queryFn: () => api.get<ActInForce>('/catalogs/act-in-force'), enabled, staleTime: 60_000 });
}

export function useActPreview(act: string) {
  return useQuery({
    queryKey: updateKeys.actPreview(act),
    queryFn: () => api.get<CatalogUpdatePreview>(`/catalogs/act-in-force/${enc(act)}/preview`),
    staleTime: Infinity,
    enabled: act !== '',
    retry: false,
  });
}

export function useAcceptAct(act: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ActInForce>(`/catalogs/act-in-force/${enc(act)}/accept`),
    onSuccess: async () => {
      await invalidateAfterDecision(queryClient);
      await queryClient.invalidateQueries({ queryKey: ['classification'] });
    },
  });
}
