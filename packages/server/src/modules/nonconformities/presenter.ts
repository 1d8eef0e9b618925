import type { CapaAction, Nonconformity, NonconformityListItem, NonconformityStatus } from '@konform/core';
import type { NonconformityTable } from '../../db/schema.js';

/** The stored actions; those written before owners could be users have no `ownerId`. */
export function parseActions(json: string): CapaAction[] {
  return (JSON.parse(json) as (Omit<CapaAction, 'ownerId'> & { ownerId?: string | null })[]).map((a) => ({ ...a, ownerId: a.ownerId ?? null }));
}

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
    actions: parseActions(row.actions),
    implementedBy: row.implemented_by,
    verification: row.verification === null ? null : (JSON.parse(row.verification) as Nonconformity['verification']),
    status: row.status as NonconformityStatus,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentListItem(row: NonconformityTable & { system_name: string | null }): NonconformityListItem {
  return { ...presentNonconformity(row), systemName: row.system_name };
}
