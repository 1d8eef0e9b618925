import type { Audit, AuditKind, AuditStatus, ChecklistItem, ChecklistResult, Finding, FindingSeverity } from '@konform/core';
import type { AuditChecklistItemTable, AuditFindingTable, AuditTable } from '../../db/schema.js';
import { parseScope, statusOf } from './repository.js';

export interface AuditCounts {
  checklistCount: number;
  recordedCount: number;
  findingCount: number;
  openFindingCount: number;
}

export function presentAudit(row: AuditTable, names: ReadonlyMap<string, string>, counts: AuditCounts): Audit {
  const auditorIds = JSON.parse(row.auditor_ids) as string[];
  return {
    id: row.id,
    year: Number(row.year),
    kind: row.kind as AuditKind,
    title: row.title,
    orgUnitId: row.org_unit_id,
    objective: row.objective,
    scope: parseScope(row),
    auditors: auditorIds.map((id) => ({ id, displayName: names.get(id) ?? id })),
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    status: row.status as AuditStatus,
    summary: row.summary,
    parentAuditId: row.parent_audit_id,
    closedAt: row.closed_at,
    ...counts,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentItem(row: AuditChecklistItemTable, systemName: string): ChecklistItem {
  return {
    id: row.id,
    auditId: row.audit_id,
    systemId: row.system_id,
    systemName,
    requirementKey: row.requirement_key,
    ref: row.ref,
    title: JSON.parse(row.title) as ChecklistItem['title'],
    result: row.result as ChecklistResult | null,
    notes: row.notes,
    evidenceIds: JSON.parse(row.evidence_ids) as string[],
    recordedBy: row.recorded_by_label,
    recordedAt: row.recorded_at,
    version: Number(row.version),
  };
}

export function presentFinding(row: AuditFindingTable & { nonconformity_status: string | null }): Finding {
  return {
    id: row.id,
    auditId: row.audit_id,
    checklistItemId: row.checklist_item_id,
    systemId: row.system_id,
    requirementKeys: JSON.parse(row.requirement_keys) as string[],
    title: row.title,
    description: row.description,
    severity: row.severity as FindingSeverity,
    status: statusOf(row),
    nonconformityId: row.nonconformity_id,
    nonconformityStatus: row.nonconformity_status,
    acceptance: row.acceptance === null ? null : (JSON.parse(row.acceptance) as Finding['acceptance']),
    version: Number(row.version),
    createdAt: row.created_at,
    createdBy: row.created_by_label,
  };
}
