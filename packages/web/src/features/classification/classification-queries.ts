import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClassificationResult, ListPage } from '@konform/core';
import { api } from '../../api/client';
import { systemKeys } from '../inventory/system-queries';
import type { Questionnaire } from './questionnaire-model';
import type {
  ClassificationApprove,
  ClassificationDecide,
  ClassificationDecided,
  ClassificationRevision,
  ClassificationTimeline,
  SystemClassification,
} from './classification-types';

export const classificationKeys = {
  questionnaire: ['classification', 'questionnaire'] as const,
  timeline: ['classification', 'timeline'] as const,
  evaluate: (language: string, facts: unknown) => ['classification', 'evaluate', language, facts] as const,
  system: (id: string) => ['systems', 'classification', id] as const,
  revisions: (id: string) => ['systems', 'classification-revisions', id] as const,
};

export function useQuestionnaire() {
  return useQuery({
    queryKey: classificationKeys.questionnaire,
    queryFn: () => api.get<Questionnaire>('/classification/questionnaire'),
    staleTime: Infinity,
  });
}

export function useTimeline() {
  return useQuery({
    queryKey: classificationKeys.timeline,
    queryFn: () => api.get<ClassificationTimeline>('/classification/timeline'),
    staleTime: 5 * 60_000,
  });
}

/** The title of a timeline act in the UI language; the id when the timeline is not loaded. */
export function useTimelineActTitle(actId: string | undefined, language: string): string | undefined {
  const query = useTimeline();
  if (actId === undefined) return undefined;
  const act = query.data?.timeline.acts.find((a) => a.id === actId);
  if (act === undefined) return actId;
  return language === 'en' ? act.title.en : act.title.de;
}

/** A result for the facts, computed by the server without storing anything. */
export function useEvaluation(facts: Record<string, unknown> | null, language: string) {
  return useQuery({
    queryKey: classificationKeys.evaluate(language, facts),
    queryFn: () => api.post<ClassificationResult>(`/classification/evaluate?lang=${language === 'en' ? 'en' : 'de'}`, facts),
    enabled: facts !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export function useSystemClassification(systemId: string, enabled = true) {
  return useQuery({
    queryKey: classificationKeys.system(systemId),
    queryFn: () => api.get<SystemClassification>(`/systems/${systemId}/classification`),
    enabled,
  });
}

export function useClassificationRevisions(systemId: string) {
  return useQuery({
    queryKey: classificationKeys.revisions(systemId),
    queryFn: () => api.get<ListPage<ClassificationRevision>>(`/systems/${systemId}/classification/revisions`, { limit: 500 }),
    select: (page) => [...page.items].sort((a, b) => b.number - a.number),
  });
}

async function invalidateSystem(queryClient: ReturnType<typeof useQueryClient>, systemId: string) {
  await queryClient.invalidateQueries({ queryKey: classificationKeys.system(systemId) });
  await queryClient.invalidateQueries({ queryKey: classificationKeys.revisions(systemId) });
  await queryClient.invalidateQueries({ queryKey: [...systemKeys.all, 'list'] });
}

export function useSaveClassification(systemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, language }: { input: ClassificationDecide; language: string }) =>
      api.put<ClassificationDecided>(`/systems/${systemId}/classification?lang=${language === 'en' ? 'en' : 'de'}`, input),
    onSuccess: () => invalidateSystem(queryClient, systemId),
  });
}

export function useApproveClassification(systemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ClassificationApprove) => api.post<ClassificationRevision>(`/systems/${systemId}/classification/approve`, input),
    onSuccess: () => invalidateSystem(queryClient, systemId),
  });
}
