import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LabPlanCreate, LabPlanDetail, LabPlanRetire, LabPlanSummary, LabPlanTransition, LabPlanUpdate, ListPage } from '@konform/core';
import { api, type QueryParams } from '../../api/client';
import { labKeys } from './lab-queries';

const planKeys = {
  list: (params: QueryParams) => [...labKeys.all, 'plans', params] as const,
  detail: (id: string) => [...labKeys.all, 'plan', id] as const,
};

export function useLabPlans(params: QueryParams) {
  return useQuery({ queryKey: planKeys.list(params), queryFn: () => api.get<ListPage<LabPlanSummary>>('/lab/plans', params), placeholderData: keepPreviousData });
}

export function useLabPlan(id: string) {
  return useQuery({ queryKey: planKeys.detail(id), queryFn: () => api.get<LabPlanDetail>(`/lab/plans/${id}`), enabled: id !== '' });
}

/** Lists and details of the lab change together (a fixed revision retires the plan it revises). */
function usePlanMutation<I>(send: (input: I) => Promise<LabPlanDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (plan) => {
      queryClient.setQueryData(planKeys.detail(plan.id), plan);
      await queryClient.invalidateQueries({ queryKey: labKeys.all });
    },
  });
}

export function useSaveLabPlan(id: string | null) {
  return usePlanMutation((input: LabPlanCreate | LabPlanUpdate) => (id === null ? api.post<LabPlanDetail>('/lab/plans', input) : api.patch<LabPlanDetail>(`/lab/plans/${id}`, input)));
}

export type PlanTransition = 'fix' | 'revise' | 'retire';

/** Fix, revise or retire a plan; the answer is the plan fixed or retired, or the new revision. */
export function usePlanTransition(id: string, action: PlanTransition) {
  return usePlanMutation((input: LabPlanTransition | LabPlanRetire) => api.post<LabPlanDetail>(`/lab/plans/${id}/${action}`, input));
}
