import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident, IncidentCreate, IncidentReportSubmit, IncidentSettings, IncidentTransition, IncidentUpdate, ListPage } from '@konform/core';
import { api, type QueryParams } from '../../api/client';

export const incidentKeys = {
  all: ['incidents'] as const,
  list: (params: QueryParams) => ['incidents', 'list', params] as const,
  detail: (id: string) => ['incidents', 'detail', id] as const,
  settings: ['incidents', 'settings'] as const,
};

export function useIncidents(params: QueryParams) {
  return useQuery({ queryKey: incidentKeys.list(params), queryFn: () => api.get<ListPage<Incident>>('/incidents', params), placeholderData: keepPreviousData });
}

export function useIncident(id: string) {
  return useQuery({ queryKey: incidentKeys.detail(id), queryFn: () => api.get<Incident>(`/incidents/${id}`), enabled: id !== '' });
}

export function useIncidentSettings() {
  return useQuery({ queryKey: incidentKeys.settings, queryFn: () => api.get<IncidentSettings>('/incidents/settings'), staleTime: 60_000 });
}

function useIncidentMutation<V>(fn: (v: V) => Promise<Incident>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (incident) => {
      qc.setQueryData(incidentKeys.detail(incident.id), incident);
      void qc.invalidateQueries({ queryKey: ['incidents', 'list'] });
    },
  });
}

export const useCreateIncident = () => useIncidentMutation((input: IncidentCreate) => api.post<Incident>('/incidents', input));
export const useUpdateIncident = (id: string) => useIncidentMutation((input: IncidentUpdate) => api.patch<Incident>(`/incidents/${id}`, input));
export const useIncidentTransition = (id: string) => useIncidentMutation((input: IncidentTransition) => api.post<Incident>(`/incidents/${id}/transition`, input));
export const useSubmitIncidentReport = (id: string) => useIncidentMutation((input: IncidentReportSubmit) => api.post<Incident>(`/incidents/${id}/reports`, input));
