import type { DB } from '../../db/schema.js';

/**
 * Where records name a person (data, not code): columns holding an actor label (`Name <e-mail>`, or
 * `… via API token …`) as written when the record was made, and free-text owner/contact columns holding a name or an
 * e-mail address. Erasure replaces the values that name the erased person. The audit trail (audit_event) is handled
 * by audit/redaction.ts.
 *
 * Kept on purpose (shown in the erasure preview under "stays"): electronic signatures (signature.signer_label,
 * risk_acceptance.signer_label, conformity_step.signed_by_label) and the signed manifests of released documents,
 * because a signature must name its signer to prove anything (DSGVO Art. 17 Abs. 3 lit. b and e).
 */
export const LABEL_COLUMNS: ReadonlyArray<readonly [keyof DB, string]> = [
  ['sso_config', 'updated_by_label'], ['audit', 'created_by_label'], ['audit_checklist_item', 'recorded_by_label'], ['audit_finding', 'created_by_label'],
  ['incident', 'created_by_label'], ['complaint', 'created_by_label'], ['monitoring_plan', 'created_by_label'], ['monitoring_plan', 'updated_by_label'],
  ['monitoring_measurement', 'recorded_by_label'], ['intake', 'submitted_by_label'], ['intake', 'decided_by_label'], ['advice_entry', 'author_label'],
  ['classification_revision', 'decided_by_label'], ['catalog_version', 'imported_by_label'], ['catalog_version', 'decided_by_label'],
  ['system_measure', 'applied_by_label'], ['evidence', 'created_by_label'], ['evidence_version', 'uploaded_by_label'], ['evidence_link', 'created_by_label'],
  ['setting', 'updated_by_label'], ['risk_matrix', 'updated_by_label'], ['risk', 'created_by_label'], ['fria_version', 'created_by_label'],
  ['fria_version', 'updated_by_label'], ['fria_version', 'approved_by_label'], ['nonconformity', 'created_by_label'], ['vendor', 'created_by_label'],
  ['supplier_checklist', 'updated_by_label'], ['supplier_document', 'updated_by_label'], ['vendor_assessment', 'created_by_label'],
  ['training_course', 'created_by_label'], ['training_requirement', 'created_by_label'], ['training_record', 'recorded_by_label'],
  ['training_record', 'withdrawn_by_label'], ['task', 'created_by_label'], ['qms_document', 'created_by_label'], ['qms_document_version', 'created_by_label'],
  ['qms_document_version', 'updated_by_label'], ['qms_document_version', 'submitted_by_label'], ['qms_document_version', 'released_by_label'],
  ['lab_method', 'created_by_label'], ['lab_method_validation', 'validated_by_label'], ['lab_method_authorisation', 'authorised_by_label'],
  ['lab_method_authorisation', 'revoked_by_label'], ['lab_environment', 'created_by_label'], ['lab_environment_verification', 'verified_by_label'],
  ['lab_plan', 'fixed_by_label'], ['lab_plan', 'retired_by_label'], ['lab_plan', 'created_by_label'], ['lab_run', 'operator_label'], ['lab_run', 'recorded_by_label'],
  ['lab_gate', 'created_by_label'], ['management_report', 'generated_by_label'], ['conformity_assessment', 'created_by_label'],
  ['conformity_step', 'prepared_by_label'], ['conformity_entry', 'created_by_label'], ['system_change', 'assessed_by_label'], ['system_change', 'created_by_label'],
  ['model', 'created_by_label'], ['model_version', 'created_by_label'], ['dataset', 'created_by_label'], ['custody_event', 'recorded_by_label'],
  ['system_item_set', 'updated_by_label'], ['document', 'created_by_label'], ['document_section_text', 'updated_by_label'], ['document_version', 'created_by_label'],
  ['document_version', 'submitted_by_label'], ['document_version', 'released_by_label'], ['document_template', 'updated_by_label'],
  ['document_logo', 'uploaded_by_label'], ['webhook_subscription', 'created_by_label'], ['dataset_version', 'created_by_label'],
  ['retention_policy', 'updated_by_label'],
];

/**
 * Free-text columns naming a responsible person, owner or contact: replaced where they equal the name or e-mail. The
 * third entry is the column holding the id the audit events of that record carry (their entity id).
 */
export const NAME_COLUMNS: ReadonlyArray<readonly [keyof DB, string, string]> = [
  ['ai_system', 'responsible', 'id'], ['risk', 'owner', 'id'], ['requirement_row', 'owner', 'system_id'], ['evidence', 'owner', 'id'],
  ['monitoring_indicator', 'responsible', 'plan_id'], ['vendor', 'contact_person', 'id'], ['vendor', 'email', 'id'],
];

/** Tables whose `search_text` repeats a name column as a line of its own (systems/presenter.ts, evidence/presenter.ts). */
export const SEARCH_TEXT_NAME_COLUMNS: ReadonlyArray<readonly [keyof DB, string]> = [['ai_system', 'responsible'], ['evidence', 'owner']];

/** What an erasure leaves unchanged, as keys the UI translates. */
export const KEPT_ON_ERASURE = ['signatures', 'signed-manifests', 'erasure-events', 'record-content'] as const;
