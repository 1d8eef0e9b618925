import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Permission, SessionResponse } from '@konform/core';
import { api, isApiError, onUnauthorized, setCsrfToken } from '../api/client';
import { AuthContext, type AuthContextValue, type AuthState, type SessionEndNotice } from './auth-context';

/** Loads the session from /api/auth/me and keeps the CSRF token for the API client. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AuthState>({ status: 'loading', user: null });

  const accept = useCallback((session: SessionResponse) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', user: session.user });
  }, []);

  const drop = useCallback(
    (ended: SessionEndNotice) => {
      setCsrfToken(null);
      queryClient.clear();
      // Requests in flight when a timeout ends the session: the first learns why, the later ones only that it is
      // gone; keep the reason.
      const vague = ended === 'ended' || ended === 'expired';
      setState((previous) => (vague && previous.status === 'signed-out' && (previous.ended === 'idle' || previous.ended === 'absolute') ? previous : { status: 'signed-out', user: null, ended }));
    },
    [queryClient],
  );

  useEffect(() => {
    let cancelled = false;
    api
      .get<SessionResponse>('/auth/me')
      .then((session) => {
        if (!cancelled) accept(session);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (!isApiError(error) || error.status !== 401) console.error(error);
        // A reload after the session ended: the server names the reason when the browser still sent the cookie.
        const ended = isApiError(error) && error.code === 'session-ended' ? (error.problem.sessionEnded ?? 'ended') : undefined;
        setState(ended ? { status: 'signed-out', user: null, ended } : { status: 'signed-out', user: null });
      });
    return () => {
      cancelled = true;
    };
  }, [accept]);

  useEffect(() => {
    onUnauthorized((problem) => drop(problem.sessionEnded ?? 'expired'));
    return () => onUnauthorized(null);
  }, [drop]);

  const signIn = useCallback(
    async (email: string, password: string, code?: string) => {
      const session = await api.post<SessionResponse>('/auth/login', code === undefined ? { email, password } : { email, password, code });
      queryClient.clear();
      accept(session);
    },
    [accept, queryClient],
  );

  const refresh = useCallback(async () => {
    accept(await api.get<SessionResponse>('/auth/me'));
  }, [accept]);

  const signOut = useCallback(async () => {
    try {
      await api.post<void>('/auth/logout');
    } finally {
      drop('signed-out');
    }
  }, [drop]);

  const value = useMemo<AuthContextValue>(() => {
    const held = new Set(state.user?.permissions ?? []);
    return { state, signIn, signOut, refresh, can: (permission: Permission) => held.has(permission) };
  }, [state, signIn, signOut, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
