import type { AuditStatus, ChecklistResult, FindingSeverity, FindingStatus } from '../schemas/audits.js';
import { GLOBAL_ROLES, expandUnitScope, type Assignment } from '../permissions.js';

/** The statuses an audit may go to next; closed and cancelled are final. */
export const AUDIT_NEXT: Readonly<Record<AuditStatus, readonly AuditStatus[]>> = {
  planned: ['in-progress', 'cancelled'],
  'in-progress': ['reporting', 'cancelled'],
  reporting: ['closed', 'in-progress', 'cancelled'],
  closed: [],
  cancelled: [],
};

export function auditMayGo(from: AuditStatus, to: AuditStatus): boolean {
  return AUDIT_NEXT[from].includes(to);
}

/** Auditors record results while the audit runs; findings may still be written up while reporting. */
export function checklistWritable(status: AuditStatus): boolean {
  return status === 'in-progress';
}
export function findingsWritable(status: AuditStatus): boolean {
  return status === 'in-progress' || status === 'reporting';
}
/** Plan and scope change until the report phase. */
export function planWritable(status: AuditStatus): boolean {
  return status === 'planned' || status === 'in-progress';
}

/**
 * Whether a requirement key is in scope. No catalogues and no prefixes: everything. Otherwise a key matches a catalogue
 * (`eu-ai-act` covers `eu-ai-act:…`) or a prefix: the requirement itself and those below it whose id continues with
 * `-` or `.` (`iso-42001:cl-9` covers `iso-42001:cl-9-2`, not `iso-42001:cl-90`).
 */
export function requirementInScope(key: string, catalogIds: readonly string[], prefixes: readonly string[]): boolean {
  if (catalogIds.length === 0 && prefixes.length === 0) return true;
  if (catalogIds.some((c) => key.startsWith(`${c}:`))) return true;
  return prefixes.some((p) => key === p || key.startsWith(`${p}-`) || key.startsWith(`${p}.`));
}

export interface ChecklistSource {
  systemId: string;
  requirementKey: string;
}

/** One checklist item per system × applicable requirement in scope, in a stable order (system order, then catalogue order). */
export function checklistItems<T extends ChecklistSource>(candidates: readonly T[], catalogIds: readonly string[], prefixes: readonly string[]): T[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const id = `${c.systemId} ${c.requirementKey}`;
    if (seen.has(id) || !requirementInScope(c.requirementKey, catalogIds, prefixes)) return false;
    seen.add(id);
    return true;
  });
}

/** The finding severity a checklist result leads to, or null when the result is no finding. */
export function severityOfResult(result: ChecklistResult | null): FindingSeverity | null {
  if (result === 'minor-nonconformity') return 'minor';
  if (result === 'major-nonconformity') return 'major';
  if (result === 'observation') return 'observation';
  return null;
}

/** Minor and major non-conformities go into CAPA; an observation is noted only. */
export function findingOpensNonconformity(severity: FindingSeverity): boolean {
  return severity !== 'observation';
}

/** A finding's status: accepted when formally accepted, closed when its non-conformity is closed, else open. */
export function findingStatus(accepted: boolean, nonconformityStatus: string | null): FindingStatus {
  if (accepted) return 'accepted';
  return nonconformityStatus === 'closed' ? 'closed' : 'open';
}

/** The findings that keep an audit from closing. */
export function openFindings<T extends { status: FindingStatus }>(findings: readonly T[]): T[] {
  return findings.filter((f) => f.status === 'open');
}

/**
 * Auditor independence (ISO/IEC 42001 9.2: objectivity): a user must not audit a unit they work in. A user works in the
 * units where they hold a role other than auditor or viewer, and in the units below; global roles (admin, governance)
 * steer the management system as a whole and are no unit membership. Returns the index of each auditor in conflict
 * with the first audited unit concerned.
 */
export function auditorConflicts(
  auditors: readonly { assignments: readonly Assignment[] }[],
  auditedUnitIds: readonly string[],
  tree: readonly { id: string; parentId: string | null }[],
): { index: number; unitId: string }[] {
  const conflicts: { index: number; unitId: string }[] = [];
  auditors.forEach((a, index) => {
    const roots = a.assignments.filter((x) => x.role !== 'auditor' && x.role !== 'viewer' && !GLOBAL_ROLES.includes(x.role)).map((x) => x.orgUnitId);
    if (roots.length === 0) return;
    const own = expandUnitScope(roots, tree);
    const unitId = auditedUnitIds.find((u) => own.has(u));
    if (unitId !== undefined) conflicts.push({ index, unitId });
  });
  return conflicts;
}

/** Planned dates: the end not before the start. */
export function datesInOrder(start: string, end: string): boolean {
  return start <= end;
}
