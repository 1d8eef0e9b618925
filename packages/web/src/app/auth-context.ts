import { createContext, useContext } from 'react';
import type { CurrentUser, Permission, SessionEndedReason } from '@konform/core';

/**
 * Why the user is signed out, for the sign-in page: signed out here, a 401 without a reason (`expired`), or the
 * server's reason for a session cookie that no longer signs in (also on a reload; never on a first visit).
 */
export type SessionEndNotice = 'signed-out' | 'expired' | SessionEndedReason;

export type AuthState =
  | { status: 'loading'; user: null }
  | { status: 'signed-out'; user: null; ended?: SessionEndNotice }
  | { status: 'signed-in'; user: CurrentUser };

export interface AuthContextValue {
  state: AuthState;
  /** Signs in; `code` is the TOTP or recovery code of an account with two-factor sign-in. */
  signIn: (email: string, password: string, code?: string) => Promise<void>;
  /** Reloads the signed-in user (after a change of their own account, e.g. two-factor sign-in turned on). */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  /** True when the signed-in user holds the permission in at least one unit. */
  can: (permission: Permission) => boolean;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only call inside routes that require sign-in. */
export function useCurrentUser(): CurrentUser {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useCurrentUser without a signed-in user');
  return state.user;
}
