import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EndedSessions, SessionInfo, SessionPolicy, UserSignInState } from '@konform/core';
import { api } from '../../api/client';

export const sessionKeys = {
  own: ['sessions', 'own'] as const,
  policy: ['sessions', 'policy'] as const,
  user: (id: string) => ['sessions', 'user', id] as const,
};

export function useOwnSessions() {
  return useQuery({ queryKey: sessionKeys.own, queryFn: () => api.get<SessionInfo[]>('/auth/sessions') });
}

export function useEndOwnSession() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.delete(`/auth/sessions/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.own }) });
}

/** Sign out everywhere: `keepCurrent` keeps this browser's session. */
export function useEndOwnSessions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keepCurrent: boolean) => api.post<EndedSessions>('/auth/sessions/end-all', { keepCurrent }),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.own }),
  });
}

export function useSessionPolicy() {
  return useQuery({ queryKey: sessionKeys.policy, queryFn: () => api.get<SessionPolicy>('/security/session-policy') });
}

export function useSaveSessionPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SessionPolicy) => api.put<SessionPolicy>('/security/session-policy', input),
    onSuccess: (saved) => qc.setQueryData(sessionKeys.policy, saved),
  });
}

export function useUserSignInState(userId: string) {
  return useQuery({ queryKey: sessionKeys.user(userId), queryFn: () => api.get<UserSignInState>(`/users/${userId}/sign-in`) });
}

export function useEndUserSessions(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<EndedSessions>(`/users/${userId}/sessions/end-all`),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.user(userId) }),
  });
}

export function useUnlockUser(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<UserSignInState>(`/users/${userId}/unlock`),
    onSuccess: (state) => qc.setQueryData(sessionKeys.user(userId), state),
  });
}

/** An administrator turns off a person's TOTP (lost device and recovery codes); the person sets it up again. */
export function useResetTwoFactor(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<null>(`/mfa/users/${userId}/reset`),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.user(userId) }),
  });
}
