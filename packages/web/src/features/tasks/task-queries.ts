import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListPage, Nonconformity, SystemMilestones, Task, TaskAssigneeList, TaskCreateInput, TaskRecordType, TaskUpdate } from '@konform/core';
import { api, isApiError, type QueryParams } from '../../api/client';

export const taskKeys = {
  all: ['tasks'] as const,
  list: (params: QueryParams) => ['tasks', 'list', params] as const,
  assignees: (params: QueryParams) => ['tasks', 'assignees', params] as const,
  milestones: (systemId: string) => ['tasks', 'milestones', systemId] as const,
  capa: ['tasks', 'capa-actions'] as const,
};

/** The record a task belongs to: a requirement row or applied measure also names its system. */
export interface TaskRecord {
  recordType: TaskRecordType;
  recordId: string;
  systemId?: string | undefined;
}

export function useTasks(params: QueryParams, enabled = true) {
  return useQuery({ queryKey: taskKeys.list(params), queryFn: () => api.get<ListPage<Task>>('/tasks', params), placeholderData: keepPreviousData, enabled });
}

/** Who may own a task: by the task's unit, or by the record a new task goes on. */
export function useAssignees(params: QueryParams, enabled = true) {
  return useQuery({ queryKey: taskKeys.assignees(params), queryFn: () => api.get<TaskAssigneeList>('/tasks/assignees', params), enabled, staleTime: 60_000 });
}

export function useMilestones(systemId: string) {
  return useQuery({ queryKey: taskKeys.milestones(systemId), queryFn: () => api.get<SystemMilestones>(`/systems/${systemId}/milestones`) });
}

/**
 * Non-conformities with an open corrective or preventive action owned by the signed-in user. Without that endpoint
 * (an older server) or without the permission, the section simply stays empty.
 */
export function useMyCapaActions(enabled: boolean) {
  return useQuery({
    queryKey: taskKeys.capa,
    queryFn: async () => {
      try {
        return await api.get<ListPage<Nonconformity>>('/nonconformities', { actionOwner: 'me', limit: 200 });
      } catch (error) {
        if (isApiError(error) && [400, 403, 404].includes(error.status)) return { items: [], total: 0, limit: 200, offset: 0 } satisfies ListPage<Nonconformity>;
        throw error;
      }
    },
    enabled,
    retry: false,
  });
}

/** Every list, board and timeline shows tasks: all are refreshed after a change. */
function useInvalidateTasks() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: taskKeys.all });
}

export function useCreateTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({ mutationFn: (input: TaskCreateInput) => api.post<Task>('/tasks', input), onSuccess: () => invalidate() });
}

export function useUpdateTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TaskUpdate }) => api.patch<Task>(`/tasks/${id}`, input),
    onSettled: () => invalidate(),
  });
}
