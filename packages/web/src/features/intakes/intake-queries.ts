import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListPage } from '@konform/core';
import { api, type QueryParams } from '../../api/client';
import { systemKeys } from '../inventory/system-queries';
import type { Advice, Intake, IntakeAccept, IntakeAccepted, IntakeCreate, IntakeDecline, IntakeDetail } from './intake-types';

export const intakeKeys = {
  all: ['intakes'] as const,
  list: (params: QueryParams) => ['intakes', 'list', params] as const,
  detail: (id: string) => ['intakes', 'detail', id] as const,
  systemAdvice: (systemId: string) => ['systems', 'advice', systemId] as const,
};

export function useIntakeList(params: QueryParams) {
  return useQuery({
    queryKey: intakeKeys.list(params),
    queryFn: () => api.get<ListPage<Intake>>('/intakes', params),
    placeholderData: keepPreviousData,
  });
}

export function useIntake(id: string) {
  return useQuery({ queryKey: intakeKeys.detail(id), queryFn: () => api.get<IntakeDetail>(`/intakes/${id}`) });
}

export function useSubmitIntake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IntakeCreate) => api.post<IntakeDetail>('/intakes', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: intakeKeys.all }),
  });
}

export function useAddIntakeAdvice(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.post<Advice>(`/intakes/${id}/advice`, { text }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: intakeKeys.all }),
  });
}

export function useAcceptIntake(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IntakeAccept) => api.post<IntakeAccepted>(`/intakes/${id}/accept`, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: intakeKeys.all });
      await queryClient.invalidateQueries({ queryKey: systemKeys.all });
    },
  });
}

export function useDeclineIntake(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IntakeDecline) => api.post<IntakeDetail>(`/intakes/${id}/decline`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: intakeKeys.all }),
  });
}

export function useSystemAdvice(systemId: string) {
  return useQuery({
    queryKey: intakeKeys.systemAdvice(systemId),
    queryFn: () => api.get<ListPage<Advice>>(`/systems/${systemId}/advice`),
    select: (page) => page.items,
  });
}

export function useAddSystemAdvice(systemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.post<Advice>(`/systems/${systemId}/advice`, { text }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: intakeKeys.systemAdvice(systemId) }),
  });
}
