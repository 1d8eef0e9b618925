/** Audit programme, checklists and findings (#10). */

export interface AuditTable {
  id: string;
  year: number;
  kind: string; // internal-aims | annex-vi-internal-control | external | certification | follow-up
  title: string;
  org_unit_id: string;
  objective: string;
  scope: string; // JSON AuditScope
  auditor_ids: string; // JSON user ids
  planned_start: string;
  planned_end: string;
  status: string; // planned | in-progress | reporting | closed | cancelled
  summary: string;
  parent_audit_id: string | null;
  closed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

export interface AuditChecklistItemTable {
  id: string;
  audit_id: string;
  position: number;
  system_id: string;
  requirement_key: string;
  ref: string;
  title: string; // JSON {de, en}
  result: string | null;
  notes: string;
  evidence_ids: string; // JSON evidence ids of the item's system
  recorded_by_label: string | null;
  recorded_at: string | null;
  version: number;
}

export interface AuditFindingTable {
  id: string;
  audit_id: string;
  checklist_item_id: string | null;
  system_id: string | null;
  requirement_keys: string; // JSON
  title: string;
  description: string;
  severity: string; // minor | major | observation
  nonconformity_id: string | null;
  acceptance: string | null; // JSON {by, at, reason}
  version: number;
  created_at: string;
  created_by_label: string;
}
