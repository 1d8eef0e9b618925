import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListPage, MonitoringMeasurement, MonitoringMeasurementCreate, MonitoringPlan, MonitoringPlanCreate, MonitoringPlanUpdate } from '@konform/core';
import { api } from '../../api/client';
import { taskKeys } from '../tasks/task-queries';

export const monitoringKeys = {
  all: ['monitoring'] as const,
  plans: (systemId: string) => ['monitoring', 'plans', systemId] as const,
  measurements: (planId: string, indicatorId: string) => ['monitoring', 'measurements', planId, indicatorId] as const,
};

/** Every plan of a system (active, drafts, retired), newest first. */
export function useSystemPlans(systemId: string) {
  return useQuery({ queryKey: monitoringKeys.plans(systemId), queryFn: () => api.get<ListPage<MonitoringPlan>>('/monitoring-plans', { systemId, limit: 100 }) });
}

export function useIndicatorMeasurements(planId: string, indicatorId: string) {
  return useQuery({
    queryKey: monitoringKeys.measurements(planId, indicatorId),
    queryFn: () => api.get<ListPage<MonitoringMeasurement>>(`/monitoring-plans/${planId}/measurements`, { indicatorId, limit: 100 }),
  });
}

function usePlanMutation<T>(systemId: string, send: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: monitoringKeys.plans(systemId) });
    },
  });
}

export const useCreatePlan = (systemId: string) => usePlanMutation(systemId, (input: MonitoringPlanCreate) => api.post<MonitoringPlan>('/monitoring-plans', input));
export const useUpdatePlan = (systemId: string, planId: string) => usePlanMutation(systemId, (input: MonitoringPlanUpdate) => api.patch<MonitoringPlan>(`/monitoring-plans/${planId}`, input));

/** Records a value; a breach opens a task, so the task lists are fetched again too. */
export function useRecordMeasurement(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MonitoringMeasurementCreate) => api.post<MonitoringMeasurement>(`/monitoring-plans/${planId}/measurements`, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: monitoringKeys.all });
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}
