import type { ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import type { Permission } from '@konform/core';
import { useAuth } from './auth-context';
import { ForbiddenPage } from './status-pages';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="60vh">
      <Loader role="status" aria-label={t('app.loading')} />
    </Center>
  );
}

/** Renders the child routes only for a signed-in user; otherwise sends them to sign-in. */
export function RequireAuth() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'signed-out') {
    // After a deliberate sign-out the next person starts afresh; after expiry or a direct link, return to the page.
    const from = state.ended === 'signed-out' ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  // An administrator without TOTP while the policy requires it: the server answers nothing else, so go and enrol.
  if (state.user.mfaEnrolmentRequired && location.pathname !== '/two-factor') return <Navigate to="/two-factor" replace />;
  return <Outlet />;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <ForbiddenPage />;
}
