import { incidentDeadlines, isReportable, type CountingRule, type Incident, type IncidentAssessment, type IncidentStatus } from '@konform/core';
import type { IncidentTable } from '../../db/schema.js';

export type IncidentRow = IncidentTable & { system_name: string; system_roles: string };

const UNANSWERED: IncidentAssessment = { death: null, seriousHealthHarm: null, criticalInfrastructure: null, fundamentalRights: null, propertyOrEnvironment: null, widespread: null };

export function parseAssessment(json: string): IncidentAssessment {
  return { ...UNANSWERED, ...(JSON.parse(json) as Partial<IncidentAssessment>) };
}

export function parseSubmissions(json: string): Incident['submissions'] {
  return (JSON.parse(json) as (Omit<Incident['submissions'][number], 'signatureId'> & { signatureId?: string | null })[]).map((s) => ({ ...s, signatureId: s.signatureId ?? null }));
}

/** The organisation acts as provider when the system's roles name it provider; otherwise as deployer. */
export function isProvider(rolesJson: string): boolean {
  try {
    const roles = JSON.parse(rolesJson) as unknown;
    return Array.isArray(roles) && roles.includes('provider');
  } catch {
    return false;
  }
}

/** The deadlines of an incident as they run now (computed, never stored). */
export function deadlinesOf(row: IncidentRow) {
  const initial = parseSubmissions(row.submissions).find((s) => s.kind === 'initial');
  return incidentDeadlines({
    assessment: parseAssessment(row.assessment),
    awareAt: row.aware_at,
    provider: isProvider(row.system_roles),
    providerUnreachable: Number(row.provider_unreachable) === 1,
    providerInformedAt: row.provider_informed_at,
    reportSubmittedAt: initial?.submittedAt ?? null,
    rule: row.counting_rule as CountingRule,
    informProviderHours: Number(row.inform_provider_hours),
  });
}

export function presentIncident(row: IncidentRow): Incident {
  const assessment = parseAssessment(row.assessment);
  return {
    id: row.id,
    number: Number(row.number),
    systemId: row.system_id,
    systemName: row.system_name,
    orgUnitId: row.org_unit_id,
    title: row.title,
    description: row.description,
    occurredAt: row.occurred_at,
    awareAt: row.aware_at,
    affectedPersons: row.affected_persons,
    harm: row.harm,
    assessment,
    reportable: isReportable(assessment),
    role: isProvider(row.system_roles) ? 'provider' : 'deployer',
    providerUnreachable: Number(row.provider_unreachable) === 1,
    providerInformedAt: row.provider_informed_at,
    countingRule: row.counting_rule as CountingRule,
    deadlines: deadlinesOf(row),
    submissions: parseSubmissions(row.submissions),
    taskId: row.task_id,
    status: row.status as IncidentStatus,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
