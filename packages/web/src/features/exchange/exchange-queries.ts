import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CycloneDxImportResult, ModelCardImportResult, OscalImportResult } from '@konform/core';
import { api, type QueryParams } from '../../api/client';
import { auditKeys } from '../audits/audit-queries';
import { modelKeys } from '../models/model-queries';

/** Saves bytes under a file name through a temporary link (the browser's download, no new window). */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** GETs an export and saves it; a refusal stays in the mutation's error (a problem document) for the page to explain. */
export function useDownload(path: string, fallbackName: string) {
  return useMutation({
    mutationFn: async (params?: QueryParams) => {
      const { blob, filename } = await api.getFile(path, params);
      const name = filename ?? fallbackName;
      saveFile(blob, name);
      return name;
    },
  });
}

/** A file's text read in the browser, parsed as JSON; a syntax error is a local problem, never sent. */
export async function readJsonFile(file: File): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const text = await file.text();
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

export function useImportAssessmentResults(auditId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (document: unknown) => api.post<OscalImportResult>(`/audits/${auditId}/oscal/assessment-results`, document),
    onSuccess: () => qc.invalidateQueries({ queryKey: auditKeys.all }),
  });
}

export function useImportCycloneDx() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ orgUnitId, file }: { orgUnitId: string; file: File }) =>
      api.sendFile<CycloneDxImportResult>(`/interchange/cyclonedx?orgUnitId=${encodeURIComponent(orgUnitId)}`, new Blob([file], { type: 'application/json' })),
    onSuccess: () => qc.invalidateQueries({ queryKey: modelKeys.all }),
  });
}

export function useImportModelCard(modelId: string, versionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.sendFile<ModelCardImportResult>(`/models/${modelId}/versions/${versionId}/model-card`, new Blob([file], { type: 'text/markdown' })),
    onSuccess: () => qc.invalidateQueries({ queryKey: modelKeys.all }),
  });
}
