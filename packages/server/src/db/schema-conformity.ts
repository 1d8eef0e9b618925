/** Conformity assessment (Art. 43, Annexes VI/VII) and change control (Art. 3(23), 43(4)) — issue #10 points 4 and 5. */
export interface ConformityAssessmentTable {
  id: string;
  system_id: string;
  org_unit_id: string;
  procedure: string; // annex-vi | annex-vii
  status: string; // in-progress | completed | reopened
  body_kind: string | null; // notified-body | market-surveillance-authority (Annex VII)
  body_name: string;
  body_number: string;
  certificate_number: string;
  valid_from: string | null;
  valid_until: string | null;
  conditions: string;
  declaration_document_id: string | null;
  ce_marking_date: string | null;
  ce_marking_place: string;
  registration_number: string;
  registration_date: string | null;
  completed_at: string | null;
  reopened_at: string | null;
  reopen_reason: string | null;
  version: number;
  created_at: string;
  created_by_label: string;
  updated_at: string;
}

export interface ConformityStepTable {
  id: string;
  assessment_id: string;
  step_key: string; // qms | technical-documentation | consistency
  evidence_ids: string; // JSON array
  notes: string;
  prepared_by_id: string | null;
  prepared_by_label: string | null;
  prepared_at: string | null;
  signature_id: string | null;
  signed_by_label: string | null;
  signed_at: string | null;
}

export interface ConformityEntryTable {
  id: string;
  assessment_id: string;
  kind: string; // submitted-document | question | answer | note
  entry_date: string;
  text: string;
  created_at: string;
  created_by_label: string;
}

export interface SystemChangeTable {
  id: string;
  system_id: string;
  org_unit_id: string;
  number: number;
  kind: string; // model-version | data | purpose | context | other
  description: string;
  change_date: string;
  substantial: number | null; // null: not assessed yet
  rationale: string | null;
  signature_id: string | null;
  assessed_by_label: string | null;
  assessed_at: string | null;
  follow_ups: string; // JSON [{kind, taskId, ref?}]
  version: number;
  created_at: string;
  created_by_id: string | null;
  created_by_label: string;
}
