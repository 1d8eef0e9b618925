import type { CapaAction, Nonconformity, NonconformityStatus } from '@konform/core';
import type { NonconformityTable } from '../../db/schema.js';

export function presentNonconformity(row: NonconformityTable): Nonconformity {
  return {
    id: row.id,
    systemId: row.system_id,
    orgUnitId: row.org_unit_id,
    title: row.title,
    description: row.description,
    source: row.source as Nonconformity['source'],
    severity: row.severity as Nonconformity['severity'],
    requirementKeys: JSON.parse(row.requirement_keys) as string[],
    rootCause: row.root_cause,
    actions: JSON.parse(row.actions) as CapaAction[],
    implementedBy: row.implemented_by,
    verification: row.verification === null ? null : (JSON.parse(row.verification) as Nonconformity['verification']),
    status: row.status as NonconformityStatus,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
