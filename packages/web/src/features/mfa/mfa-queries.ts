import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MfaCodeInput, MfaDisable, MfaEnrolment, MfaPolicy, MfaRecoveryCodes, MfaStatus } from '@konform/core';
import { api } from '../../api/client';

export const mfaKeys = {
  status: ['mfa', 'status'] as const,
  policy: ['mfa', 'policy'] as const,
};

export function useMfaStatus() {
  return useQuery({ queryKey: mfaKeys.status, queryFn: () => api.get<MfaStatus>('/mfa') });
}

/** Every change of the own two-factor state reloads the status. */
function useMfaMutation<V, R>(fn: (input: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: mfaKeys.status }) });
}

export const useStartEnrolment = () => useMfaMutation(() => api.post<MfaEnrolment>('/mfa/enrolment'));
export const useConfirmEnrolment = () => useMfaMutation((input: MfaCodeInput) => api.post<MfaRecoveryCodes>('/mfa/enrolment/confirm', input));
export const useRegenerateRecoveryCodes = () => useMfaMutation((input: MfaCodeInput) => api.post<MfaRecoveryCodes>('/mfa/recovery-codes', input));
export const useDisableMfa = () => useMfaMutation((input: MfaDisable) => api.post<void>('/mfa/disable', input));

export function useMfaPolicy() {
  return useQuery({ queryKey: mfaKeys.policy, queryFn: () => api.get<MfaPolicy>('/security/mfa-policy') });
}

export function useSaveMfaPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: MfaPolicy) => api.put<MfaPolicy>('/security/mfa-policy', input),
    onSuccess: (saved) => qc.setQueryData(mfaKeys.policy, saved),
  });
}
