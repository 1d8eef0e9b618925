import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FriaApprove, FriaSave, FriaState } from '@konform/core';
import { api } from '../../api/client';

/**
 * Under the risks' key: any change to the risk register (which feeds elements (c)–(e)) marks the FRIA state stale,
 * so its outdated elements and suggestions are fetched again.
 */
export const friaKeys = {
  state: (systemId: string) => ['risks', 'fria', systemId] as const,
};

export function useFria(systemId: string) {
  return useQuery({ queryKey: friaKeys.state(systemId), queryFn: () => api.get<FriaState>(`/systems/${systemId}/fria`) });
}

/** Fetches the state again (after a version conflict); the form then starts from the stored content. */
export function useReloadFria(systemId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: friaKeys.state(systemId) });
}

function useFriaMutation<T>(systemId: string, send: (input: T) => Promise<FriaState>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (state) => queryClient.setQueryData(friaKeys.state(systemId), state),
  });
}

/** Saves the draft; version 0 starts a new one (none yet, or after an approved version). */
export function useSaveFria(systemId: string) {
  return useFriaMutation(systemId, (input: FriaSave) => api.put<FriaState>(`/systems/${systemId}/fria`, input));
}

/** Approves the draft with a signature (four eyes: not by one of its authors). */
export function useApproveFria(systemId: string) {
  return useFriaMutation(systemId, (input: FriaApprove) => api.post<FriaState>(`/systems/${systemId}/fria/approve`, input));
}
