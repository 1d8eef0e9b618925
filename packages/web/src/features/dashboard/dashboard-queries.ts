import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dashboard, ManagementReport, ManagementReportList } from '@konform/core';
import { api, withQuery } from '../../api/client';

export const dashboardKeys = {
  dashboard: (orgUnitId: string) => ['dashboard', orgUnitId] as const,
  reports: ['management-reports'] as const,
};

/** The leadership overview, optionally for one unit with its sub-units. */
export function useDashboard(orgUnitId: string) {
  return useQuery({
    queryKey: dashboardKeys.dashboard(orgUnitId),
    queryFn: () => api.get<Dashboard>('/dashboard', { orgUnitId: orgUnitId || undefined }),
    placeholderData: keepPreviousData,
  });
}

/** The stored management reports the reader reaches, newest first. */
export function useManagementReports() {
  return useQuery({ queryKey: dashboardKeys.reports, queryFn: () => api.get<ManagementReportList>('/management-reports', { limit: 50 }) });
}

export function useGenerateReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { orgUnitId?: string; locale: 'de' | 'en' }) => api.post<ManagementReport>('/management-reports', input),
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardKeys.reports }),
  });
}

/** Where a stored report is downloaded (a plain link: the browser sends the session cookie). */
export function reportUrl(id: string, format: 'pdf' | 'docx', locale: 'de' | 'en'): string {
  return withQuery(`/api/management-reports/${id}/export`, { format, locale });
}
