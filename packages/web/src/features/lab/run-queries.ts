import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LabRunAmendmentCreate, LabRunCreate, LabRunDetail, LabRunSummary, ListPage } from '@konform/core';
import { api, withQuery, type QueryParams } from '../../api/client';
import { labKeys } from './lab-queries';

const runKeys = {
  list: (params: QueryParams) => [...labKeys.all, 'runs', params] as const,
  detail: (id: string) => [...labKeys.all, 'run', id] as const,
};

export function useLabRuns(params: QueryParams, enabled = true) {
  return useQuery({ queryKey: runKeys.list(params), queryFn: () => api.get<ListPage<LabRunSummary>>('/lab/runs', params), placeholderData: keepPreviousData, enabled });
}

export function useLabRun(id: string) {
  return useQuery({ queryKey: runKeys.detail(id), queryFn: () => api.get<LabRunDetail>(`/lab/runs/${id}`), enabled: id !== '' });
}

/** A new run supersedes nothing but changes lists, the dashboard and gates: all lab queries are refreshed. */
function useRunMutation<I>(send: (input: I) => Promise<LabRunDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (run) => {
      queryClient.setQueryData(runKeys.detail(run.id), run);
      await queryClient.invalidateQueries({ queryKey: labKeys.all });
    },
  });
}

/** A run typed in by hand: Konform's format, marked as entered by hand. */
export function useRecordRun() {
  return useRunMutation((input: LabRunCreate) => api.post<LabRunDetail>(withQuery('/lab/runs', { format: 'manual' }), input));
}

/** A run from a file (JUnit XML, lm-evaluation-harness results, Inspect log): the query names plan, method, environment and items. */
export function useImportRun() {
  return useRunMutation(({ query, file, xml }: { query: URLSearchParams; file: File; xml: boolean }) =>
    api.sendFile<LabRunDetail>(`/lab/runs?${query.toString()}`, new Blob([file], { type: xml ? 'application/xml' : 'application/json' })),
  );
}

export function useAmendRun(id: string) {
  return useRunMutation((input: LabRunAmendmentCreate) => api.post<LabRunDetail>(`/lab/runs/${id}/amendments`, input));
}

/** The download address of a run's raw file (a plain link: the browser saves it). */
export function runAttachmentUrl(runId: string, sha256: string): string {
  return `/api/lab/runs/${runId}/attachments/${sha256}`;
}
