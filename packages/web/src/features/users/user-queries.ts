import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListPage, User, UserCreate, UserUpdate } from '@konform/core';
import { api } from '../../api/client';

export const userKeys = { all: ['users'] as const };

export function useUserList(params: { q: string; limit: number; offset: number }, enabled = true) {
  return useQuery({
    queryKey: [...userKeys.all, 'list', params],
    queryFn: () => api.get<ListPage<User>>('/users', params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UserCreate) => api.post<User>('/users', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UserUpdate }) => api.patch<User>(`/users/${id}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
