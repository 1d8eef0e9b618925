import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LabDashboard } from '@konform/core';
import { api, withQuery } from '../../api/client';

export const labDashboardKeys = {
  dashboard: (orgUnitId: string) => ['lab', 'dashboard', orgUnitId] as const,
};

/** The lab overview, optionally for one unit with its sub-units. */
export function useLabDashboard(orgUnitId: string) {
  return useQuery({
    queryKey: labDashboardKeys.dashboard(orgUnitId),
    queryFn: () => api.get<LabDashboard>('/lab/dashboard', { orgUnitId: orgUnitId || undefined }),
    placeholderData: keepPreviousData,
  });
}

/** Where a run's or gate's test report is downloaded (a plain link: the browser sends the session cookie). */
export function labReportUrl(kind: 'run' | 'gate', id: string, format: 'pdf' | 'docx' | 'md', locale: 'de' | 'en'): string {
  return withQuery(`/api/lab/${kind === 'run' ? 'runs' : 'gates'}/${id}/report`, { format, locale });
}
