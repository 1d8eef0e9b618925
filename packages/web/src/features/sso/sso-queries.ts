import { useQuery } from '@tanstack/react-query';
import type { SsoConfig, SsoStatus } from '@konform/core';
import { api } from '../../api/client';

export const ssoKeys = {
  config: ['sso', 'config'] as const,
  status: ['sso', 'status'] as const,
};

export function useSsoConfig() {
  return useQuery({ queryKey: ssoKeys.config, queryFn: () => api.get<SsoConfig>('/security/sso') });
}

/** Whether the sign-in page offers single sign-on (public). */
export function useSsoStatus() {
  return useQuery({ queryKey: ssoKeys.status, queryFn: () => api.get<SsoStatus>('/auth/sso'), staleTime: 60_000, retry: false });
}
