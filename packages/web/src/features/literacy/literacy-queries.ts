import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ListPage,
  MyTrainingStatus,
  SystemLiteracyEvidence,
  TrainingCourse,
  TrainingCourseCreate,
  TrainingCourseUpdate,
  TrainingRecord,
  TrainingRequirement,
  TrainingRequirementCreate,
  TrainingRequirementUpdate,
  TrainingResult,
  UnitTrainingStatus,
} from '@konform/core';
import { api, type QueryParams } from '../../api/client';

export const literacyKeys = {
  all: ['literacy'] as const,
  courses: ['literacy', 'courses'] as const,
  requirements: ['literacy', 'requirements'] as const,
  records: (params: QueryParams) => ['literacy', 'records', params] as const,
  unit: (orgUnitId: string) => ['literacy', 'status', 'unit', orgUnitId] as const,
  me: ['literacy', 'status', 'me'] as const,
  system: (systemId: string) => ['literacy', 'status', 'system', systemId] as const,
};

/** Where a record's certificate is downloaded (an attachment, served with safe headers). */
export function certificateHref(recordId: string): string {
  return `/api/training-records/${recordId}/certificate`;
}

export function useCourses() {
  return useQuery({ queryKey: literacyKeys.courses, queryFn: () => api.get<ListPage<TrainingCourse>>('/trainings', { limit: 500 }), select: (page) => page.items });
}

export function useRequirements() {
  return useQuery({ queryKey: literacyKeys.requirements, queryFn: () => api.get<{ items: TrainingRequirement[] }>('/trainings/requirements'), select: (r) => r.items });
}

export function useUnitStatus(orgUnitId: string) {
  return useQuery({
    queryKey: literacyKeys.unit(orgUnitId),
    queryFn: () => api.get<UnitTrainingStatus>('/trainings/status', { orgUnitId }),
    enabled: orgUnitId !== '',
    placeholderData: keepPreviousData,
  });
}

export function useMyStatus() {
  return useQuery({ queryKey: literacyKeys.me, queryFn: () => api.get<MyTrainingStatus>('/trainings/status/me') });
}

export function useSystemLiteracy(systemId: string) {
  return useQuery({ queryKey: literacyKeys.system(systemId), queryFn: () => api.get<SystemLiteracyEvidence>(`/trainings/status/systems/${systemId}`) });
}

export function useRecords(params: QueryParams) {
  return useQuery({ queryKey: literacyKeys.records(params), queryFn: () => api.get<ListPage<TrainingRecord>>('/training-records', params), placeholderData: keepPreviousData });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: literacyKeys.all });
}

export function useSaveCourse(id: string | undefined) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: TrainingCourseCreate | TrainingCourseUpdate) =>
      id === undefined ? api.post<TrainingCourse>('/trainings', input) : api.patch<TrainingCourse>(`/trainings/${id}`, input),
    onSuccess: invalidate,
  });
}

export function useSaveRequirement(id: string | undefined) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Partial<TrainingRequirementCreate> | TrainingRequirementUpdate) =>
      id === undefined ? api.post<TrainingRequirement>('/trainings/requirements', input) : api.patch<TrainingRequirement>(`/trainings/requirements/${id}`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteRequirement() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete(`/trainings/requirements/${id}`), onSuccess: invalidate });
}

export interface RecordInput {
  userId: string;
  courseId: string;
  completedOn: string;
  result: TrainingResult;
  note: string;
  file: File | null;
}

/** The text fields first, the certificate last, so the server can stream the file after reading the fields. */
function recordForm(input: RecordInput): FormData {
  const form = new FormData();
  form.append('userId', input.userId);
  form.append('courseId', input.courseId);
  form.append('completedOn', input.completedOn);
  form.append('result', input.result);
  if (input.note.trim() !== '') form.append('note', input.note.trim());
  if (input.file !== null) form.append('file', input.file, input.file.name);
  return form;
}

export function useRecordCompletion() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: RecordInput) => api.upload<TrainingRecord>('/training-records', recordForm(input)), onSuccess: invalidate });
}

export function useWithdrawRecord() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, reason }: { id: string; version: number; reason: string }) => api.post<TrainingRecord>(`/training-records/${id}/withdraw`, { version, reason }),
    onSuccess: invalidate,
  });
}
