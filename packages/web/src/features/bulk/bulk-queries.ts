import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BulkImportResult, BulkKind, BulkPreview } from '@konform/core';
import { api, type QueryParams } from '../../api/client';
import { saveFile } from '../exchange/exchange-queries';

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

/** Checks a file row by row; the server writes nothing. */
export function useBulkPreview(kind: BulkKind) {
  return useMutation({ mutationFn: (file: File) => api.upload<BulkPreview>(`/bulk/${kind}/preview`, fileForm(file)) });
}

/** Imports a file (all rows or none); the lists reload afterwards. */
export function useBulkImport(kind: BulkKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.upload<BulkImportResult>(`/bulk/${kind}/import`, fileForm(file)),
    onSuccess: () => qc.invalidateQueries(),
  });
}

/** Downloads an export or a template and saves it under the server's file name. */
export function useBulkDownload() {
  return useMutation({
    mutationFn: async ({ path, params }: { path: string; params: QueryParams }) => {
      const { blob, filename } = await api.getFile(path, params);
      saveFile(blob, filename ?? `konform.${String(params.format ?? 'xlsx')}`);
    },
  });
}
