import type { AiSystem, AiSystemCreate } from '@konform/core';
import { levelOf } from '../../access/clearance.js';
import type { AiSystemTable } from '../../db/schema.js';

export function presentSystem(row: AiSystemTable): AiSystem {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    purpose: row.purpose,
    description: row.description,
    orgUnitId: row.org_unit_id,
    responsible: row.responsible,
    lifecycleStage: row.lifecycle_stage as AiSystem['lifecycleStage'],
    roles: JSON.parse(row.roles) as AiSystem['roles'],
    sourcing: row.sourcing as AiSystem['sourcing'],
    vendor: row.vendor,
    vendorId: row.vendor_id ?? null,
    deploymentContext: row.deployment_context,
    affectedPersons: row.affected_persons,
    autonomy: row.autonomy as AiSystem['autonomy'],
    tags: JSON.parse(row.tags) as string[],
    riskClass: row.risk_class as AiSystem['riskClass'],
    classificationStatus: row.classification_status as AiSystem['classificationStatus'],
    classification: levelOf(row.classification),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

type SystemFields = Omit<AiSystemCreate, never>;

/** Fields the classification service maintains; a system's own audit events leave them out (they have their own). */
export const SYSTEM_DIFF_IGNORE = ['version', 'createdAt', 'updatedAt', 'riskClass', 'classificationStatus'];

/** The columns toRow leaves alone (maintained by the classification service), as a new system starts. */
export const UNCLASSIFIED = { risk_class: null, classification_status: 'none' } as const;

/** The lower-cased text the inventory search matches against. */
export function searchText(s: Pick<SystemFields, 'name' | 'shortName' | 'purpose' | 'vendor' | 'responsible' | 'tags' | 'description'>): string {
  return [s.name, s.shortName, s.purpose, s.vendor, s.responsible, s.tags.join(' '), s.description.slice(0, 2000)]
    .join('\n')
    .toLocaleLowerCase('de');
}

export function toRow(s: SystemFields): Omit<AiSystemTable, 'id' | 'version' | 'created_at' | 'updated_at' | 'archived_at' | 'risk_class' | 'classification_status'> {
  return {
    name: s.name,
    short_name: s.shortName,
    purpose: s.purpose,
    description: s.description,
    org_unit_id: s.orgUnitId,
    responsible: s.responsible,
    lifecycle_stage: s.lifecycleStage,
    roles: JSON.stringify([...new Set(s.roles)]),
    sourcing: s.sourcing,
    vendor: s.vendor,
    vendor_id: s.vendorId ?? null,
    deployment_context: s.deploymentContext,
    affected_persons: s.affectedPersons,
    autonomy: s.autonomy,
    tags: JSON.stringify([...new Set(s.tags)]),
    search_text: searchText(s),
    classification: s.classification ?? 'offen',
  };
}
