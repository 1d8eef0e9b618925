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

/* The `search_text` of systems, evidence and intakes is rebuilt from the row once an erasure changed it (person-texts.ts). */

/** What an erasure leaves unchanged, as keys the UI translates. */
export const KEPT_ON_ERASURE = ['signatures', 'signed-manifests', 'erasure-events', 'record-content', 'other-references'] as const;

/**
 * The key of each table's records, for the erasure event's list of changed records (default `id`). Tables without an
 * `id` column that hold a label, a name or a text an erasure may change.
 */
export const RECORD_KEYS: Partial<Record<keyof DB, readonly string[]>> = {
  system_measure: ['system_id', 'measure_id'], evidence_version: ['evidence_id', 'number'], setting: ['key'], supplier_checklist: ['system_id'],
  supplier_document: ['system_id', 'kind'], system_item_set: ['system_id'], document_section_text: ['document_id', 'section_key'],
  document_template: ['type', 'locale'], document_logo: ['sha256'], retention_policy: ['record_type'], requirement_row: ['system_id', 'requirement_key'],
  system_item_link: ['system_id', 'item_type', 'version_id'],
};

/**
 * Rows left alone because the column is part of what a signature covers (the signature would no longer verify):
 * the column erased only where the condition holds.
 */
export type Unsigned =
  | { kind: 'null'; column: string }
  | { kind: 'equals'; column: string; value: string }
  | { kind: 'unreferenced'; table: keyof DB; column: string };

/** A free-text or JSON column an erasure rewrites; `entity` holds the id its audit events carry (default: the key). */
export interface TextColumn {
  table: keyof DB;
  column: string;
  entity?: string;
  unsigned?: Unsigned;
}

const unsignedBy = (column: string): Unsigned => ({ kind: 'null', column });
// A risk's text is signed by its acceptances; an incident's facts by its report submissions.
const unaccepted: Unsigned = { kind: 'unreferenced', table: 'risk_acceptance', column: 'risk_id' };
const unsubmitted: Unsigned = { kind: 'equals', column: 'submissions', value: '[]' };

/**
 * Free text (descriptions, notes, comments, reasons): exact mentions of the person's full name and e-mail address are
 * replaced (mentions.ts). Free-text columns left alone are in TEXT_COLUMNS_LEFT; person-columns.test.ts fails for a
 * free-text column of the schema in neither.
 */
export const TEXT_COLUMNS: readonly TextColumn[] = [
  { table: 'ai_system', column: 'purpose' }, { table: 'ai_system', column: 'description' }, { table: 'ai_system', column: 'deployment_context' },
  { table: 'ai_system', column: 'affected_persons' }, { table: 'intake', column: 'purpose' }, { table: 'intake', column: 'target_group' },
  { table: 'intake', column: 'data_used' }, { table: 'intake', column: 'decline_reason' }, { table: 'advice_entry', column: 'text' },
  { table: 'classification_revision', column: 'note', entity: 'system_id', unsigned: unsignedBy('approval_signature_id') },
  { table: 'risk', column: 'description', unsigned: unaccepted }, { table: 'risk', column: 'affected_groups', unsigned: unaccepted },
  { table: 'nonconformity', column: 'description' }, { table: 'nonconformity', column: 'root_cause' },
  { table: 'system_measure', column: 'note', entity: 'system_id' }, { table: 'requirement_row', column: 'justification', entity: 'system_id' },
  { table: 'evidence', column: 'description' }, { table: 'supplier_document', column: 'note', entity: 'system_id' },
  { table: 'vendor', column: 'notes' }, { table: 'vendor_assessment', column: 'assessor' }, { table: 'vendor_assessment', column: 'notes' },
  { table: 'vendor_assessment', column: 'conditions' },
  { table: 'incident', column: 'description' }, { table: 'incident', column: 'affected_persons', unsigned: unsubmitted },
  { table: 'incident', column: 'harm', unsigned: unsubmitted }, { table: 'complaint', column: 'from_text' }, { table: 'complaint', column: 'details' },
  { table: 'complaint', column: 'answer' }, { table: 'monitoring_plan', column: 'observed' }, { table: 'monitoring_measurement', column: 'note' },
  { table: 'training_course', column: 'description' }, { table: 'training_record', column: 'note' }, { table: 'training_record', column: 'withdrawn_reason' },
  { table: 'task', column: 'description' }, { table: 'audit', column: 'objective' }, { table: 'audit', column: 'summary' },
  { table: 'audit_checklist_item', column: 'notes' }, { table: 'audit_finding', column: 'description' },
  { table: 'conformity_assessment', column: 'conditions' }, { table: 'conformity_assessment', column: 'reopen_reason' },
  { table: 'conformity_step', column: 'notes', unsigned: unsignedBy('signature_id') }, { table: 'conformity_entry', column: 'text' },
  { table: 'system_change', column: 'description', unsigned: unsignedBy('signature_id') },
  { table: 'system_change', column: 'rationale', unsigned: unsignedBy('signature_id') },
  { table: 'model', column: 'description' }, { table: 'dataset', column: 'description' }, { table: 'model_version', column: 'notes' },
  { table: 'dataset_version', column: 'notes' }, { table: 'custody_event', column: 'actor' }, { table: 'custody_event', column: 'note' },
  { table: 'system_item_link', column: 'note' }, { table: 'lab_method', column: 'description' }, { table: 'lab_method_validation', column: 'report' },
  { table: 'lab_method_authorisation', column: 'note' }, { table: 'lab_environment', column: 'notes' }, { table: 'lab_environment_verification', column: 'notes' },
  { table: 'lab_plan', column: 'description' }, { table: 'lab_plan', column: 'retirement_reason' }, { table: 'lab_test_case', column: 'description' },
  { table: 'lab_run', column: 'deviations' }, { table: 'lab_run', column: 'notes' }, { table: 'lab_run', column: 'amendment_reason' },
  { table: 'lab_run_result', column: 'note' }, { table: 'lab_gate', column: 'invalidation_reason' }, { table: 'lab_gate', column: 'withdrawal_reason' },
  { table: 'document_section_text', column: 'markdown' },
  { table: 'qms_document_version', column: 'content', unsigned: unsignedBy('signature_id') },
  { table: 'qms_document_version', column: 'change_note', unsigned: unsignedBy('signature_id') },
  { table: 'notification', column: 'body_de' }, { table: 'notification', column: 'body_en' }, { table: 'webhook_subscription', column: 'description' },
];

/**
 * Columns named like free text that an erasure leaves alone on purpose, each with the reason: kept with a signature,
 * redacted elsewhere, rebuilt from the row, or holding a code, a fixed word or a name of an organisation, not prose.
 */
export const TEXT_COLUMNS_LEFT: Readonly<Record<string, string>> = {
  'signature.comment': 'kept with the signature', 'risk_acceptance.justification': 'part of a signed risk acceptance',
  'audit_event.reason': 'redacted through the audit chain (audit/redaction.ts)',
  'ai_system.search_text': 'rebuilt from the row after an erasure (person-texts.ts)', 'evidence.search_text': 'rebuilt from the row after an erasure',
  'intake.search_text': 'rebuilt from the row after an erasure', 'qms_document.search_text': 'the lower-cased title, no prose',
  'conformity_assessment.body_kind': 'a fixed word (notified body or authority)', 'conformity_assessment.body_name': 'the name of an organisation',
  'conformity_assessment.body_number': 'an identification number', 'sso_login_state.purpose': 'a fixed word (login | reauth)',
};

/**
 * Every JSON column with its decision. `erase`: strings equal to a label, name or e-mail address are replaced whole,
 * mentions inside longer strings as in free text. `keep`: names a person on purpose. `no-person`: holds ids, keys,
 * hashes or fixed values, never a name. person-columns.test.ts fails for a JSON column of the schema not listed here.
 */
export type JsonDecision =
  | ({ decision: 'erase'; replacement?: 'account-email' } & Omit<TextColumn, 'table' | 'column'>)
  | { decision: 'keep' | 'no-person'; why: string };

const noPerson = (why: string): JsonDecision => ({ decision: 'no-person', why });
const keep = (why: string): JsonDecision => ({ decision: 'keep', why });
const erase = (more: Omit<Extract<JsonDecision, { decision: 'erase' }>, 'decision'> = {}): JsonDecision => ({ decision: 'erase', ...more });

export const JSON_COLUMNS: Readonly<Record<string, JsonDecision>> = {
  'nonconformity.actions': erase(), 'nonconformity.verification': erase(), 'audit_finding.acceptance': erase(),
  'fria_version.content': erase({ unsigned: unsignedBy('signature_id') }),
  'classification_revision.facts': erase({ entity: 'system_id', unsigned: unsignedBy('approval_signature_id') }),
  'classification_revision.answers': erase({ entity: 'system_id', unsigned: unsignedBy('approval_signature_id') }),
  'document_version.inputs': erase({ unsigned: { kind: 'equals', column: 'status', value: 'draft' } }),
  'document_template.body': erase(), 'qms_document_version.snapshot': erase({ unsigned: unsignedBy('signature_id') }),
  'qms_document_version.authors': erase(), 'management_report.snapshot': erase(), 'vendor.contracts': erase(), 'vendor.products': erase(),
  'vendor_assessment.answers': erase(), 'vendor_assessment.findings': erase(), 'dataset_version.datasheet': erase(),
  'incident.assessment': erase({ unsigned: unsubmitted }),
  'webhook_delivery.payload': erase(), 'job.payload': erase(),
  // An address in the list must stay an address (the settings form validates it): the account's erased one.
  'sso_config.break_glass_emails': erase({ replacement: 'account-email' }),
  'incident.submissions': keep('each submission is signed by who made it (byLabel beside signatureId)'),
  'document_version.manifest': keep('signed manifest of a released document'), 'document_version.signoffs': keep('signatures'),
  'lab_gate.signoffs': keep('signatures'), 'lab_gate.checks': keep('signed release state'), 'lab_gate.released_items': keep('signed release state'),
  'risk.affected': keep('signed acceptance state; groups of persons, not names'), 'risk.rights': keep('signed acceptance state; fundamental rights'),
  'risk.measures': keep('signed acceptance state; measures'),
  'audit_event.changes': keep('redacted through the audit chain (audit/redaction.ts)'),
  'ai_system.roles': noPerson('AI Act roles'), 'ai_system.tags': noPerson('keywords'), 'api_token.permissions': noPerson('permissions'),
  'api_token.system_ids': noPerson('ids'), 'api_token.org_unit_ids': noPerson('ids'), 'classification_revision.result': noPerson('computed result'),
  'catalog_version.body': noPerson('catalogue'), 'catalog_version.extras': noPerson('catalogue'), 'risk_matrix.config': noPerson('matrix'),
  'nonconformity.requirement_keys': noPerson('keys'), 'fria_version.sources': noPerson('hashes'), 'fria_version.authors': noPerson('user ids'),
  'requirement_row.retired_snapshot': noPerson('catalogue text'), 'audit.scope': noPerson('ids and keys'), 'audit.auditor_ids': noPerson('user ids'),
  'audit_checklist_item.title': noPerson('catalogue text'), 'audit_checklist_item.evidence_ids': noPerson('ids'), 'audit_finding.requirement_keys': noPerson('keys'),
  'conformity_step.evidence_ids': noPerson('ids'), 'system_change.follow_ups': noPerson('ids'), 'document_version.completeness': noPerson('counts'),
  'document_version.files': noPerson('file hashes'), 'document_version.authors': noPerson('user ids'), 'document_version.template': noPerson('template hashes'),
  'model_version.manifest': noPerson('file hashes'), 'dataset_version.manifest': noPerson('file hashes'), 'lab_method.configuration': noPerson('configuration'),
  'lab_environment.hardware': noPerson('equipment'), 'lab_environment.runtime': noPerson('equipment'), 'lab_test_case.requirement_keys': noPerson('keys'),
  'lab_run.items': noPerson('ids and digests'), 'lab_run.attachments': noPerson('file hashes'), 'lab_run.unmatched_metrics': noPerson('metric names'),
  'training_course.topics': noPerson('fixed topics'), 'training_course.tags': noPerson('keywords'), 'qms_document.art17_elements': noPerson('keys'),
  'qms_document.iso_clauses': noPerson('keys'), 'sso_config.scopes': noPerson('scopes'), 'sso_config.mappings': noPerson('claim values and roles'),
  'webhook_subscription.event_types': noPerson('event types'), 'audit_redaction.entries': noPerson('seqs and hashes'),
};

/** The JSON columns an erasure rewrites, as [table, column, decision]. */
export const ERASED_JSON_COLUMNS = Object.entries(JSON_COLUMNS).flatMap(([key, d]) => {
  if (d.decision !== 'erase') return [];
  const [table, column] = key.split('.') as [keyof DB, string];
  return [{ table, column, ...d }];
});
