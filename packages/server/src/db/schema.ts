import type { ColumnType, Generated } from 'kysely';
import type { TaskTable, TrainingCourseTable, TrainingRequirementTable, TrainingRecordTable, VendorTable, SupplierChecklistTable, SupplierDocumentTable, VendorAssessmentTable, QmsDocumentTable, QmsDocumentVersionTable } from './schema-quality.js';
import type { TestItemTable, ModelVersionTable, DatasetVersionTable, CustodyEventTable, SystemItemSetTable, SystemItemLinkTable, LabMethodTable, LabMethodValidationTable, LabMethodAuthorisationTable, LabEnvironmentTable, LabEnvironmentVerificationTable, LabPlanTable, LabTestCaseTable, LabRunTable, LabRunResultTable, LabGateTable } from './schema-lab.js';
import type { DocumentLogoTable, DocumentSectionTextTable, DocumentTable, DocumentTemplateTable, DocumentVersionTable } from './schema-documents.js';
import type { ManagementReportTable } from './schema-reports.js';
import type { RequirementCountTable } from './schema-dashboard.js';
import type { ComplaintTable, IncidentTable } from './schema-incidents.js';
import type { AuditChecklistItemTable, AuditFindingTable, AuditTable } from './schema-audits.js';
import type { MonitoringIndicatorTable, MonitoringMeasurementTable, MonitoringPlanTable } from './schema-monitoring.js';
import type { UserRecoveryCodeTable, UserTotpTable } from './schema-mfa.js';
import type { SsoConfigTable, SsoLoginStateTable } from './schema-sso.js';
import type { ConformityAssessmentTable, ConformityEntryTable, ConformityStepTable, SystemChangeTable } from './schema-conformity.js';
import type { WebhookAttemptTable, WebhookDeliveryTable, WebhookSubscriptionTable } from './schema-webhooks.js';
import type { AuditRedactionTable, RetentionErasureTable, RetentionPolicyTable } from './schema-privacy.js';
import type { AccountLockoutTable } from './schema-account-hygiene.js';

/** Kysely table types. Timestamps are ISO 8601 UTC strings, booleans 0/1, lists JSON text: identical on both engines. */
export interface OrgUnitTable {
  id: string;
  name: string;
  short_name: string;
  parent_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface AppUserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** 1: reminder notifications are also mailed (when SMTP is configured); 0: in-app only. */
  email_reminders: number;
  /** The highest classification level the user may read: offen | VS-NfD (migration 0020; defaults to offen). */
  clearance?: string;
  /** The OpenID Connect identity the account is linked to (migration 0031); null for local accounts. */
  sso_issuer?: string | null;
  sso_subject?: string | null;
}

export interface RoleAssignmentTable {
  user_id: string;
  org_unit_id: string;
  role: string;
}

export interface SessionTable {
  id: string; // SHA-256 of the session token; the token itself is never stored
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  client_address: string | null;
  /** How the session was opened: password | sso (migration 0031; null on older sessions = password). */
  sign_in?: string | null;
  /** When the user last re-authenticated at the identity provider in this session; consumed by a signature. */
  reauth_at?: string | null;
}

export interface ApiTokenTable {
  id: string;
  token_hash: string;
  user_id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Scoped tokens (migration 0017): JSON arrays; NULL = no limit (the owner's permissions, everywhere). */
  permissions: ColumnType<string | null, string | null | undefined, string | null>;
  system_ids: ColumnType<string | null, string | null | undefined, string | null>;
  org_unit_ids: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the last `token.use` audit event was written (at most hourly). */
  use_audited_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LoginFailureTable {
  id: Generated<number>;
  email: string;
  client_address: string;
  at: string;
}

export interface AiSystemTable {
  id: string;
  name: string;
  short_name: string;
  purpose: string;
  description: string;
  org_unit_id: string;
  responsible: string;
  lifecycle_stage: string;
  roles: string; // JSON array
  sourcing: string;
  vendor: string; // the linked vendor's name, kept in sync by the vendor service (search, older clients)
  vendor_id?: string | null; // the linked vendor record (migration 0013); optional for writers that link none
  deployment_context: string;
  affected_persons: string;
  autonomy: string;
  tags: string; // JSON array
  search_text: string; // lower-cased name, short name, purpose, vendor, tags for portable search
  risk_class: string | null; // the latest classification revision's, kept in sync by the classification service
  classification_status: string; // none | draft | approved | needs-review
  classification?: string; // the record's own level, offen | VS-NfD (migration 0020; defaults to offen)
  version: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface AuditEventTable {
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: string; // canonical JSON
  reason: string | null;
  client_address: string | null;
  payload_hash: string;
  chain_hash: string;
  /** Set when personal fields were redacted (migration 0034); the hashes stay, see audit/redaction.ts. */
  redacted_at?: string | null;
  redaction_id?: string | null;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  chain_hash: string;
}

/** A public key of the organisation's signing keys; the active key's private half is in the key directory. */
export interface SigningKeyTable {
  id: string; // first 32 hex digits of the SHA-256 of the public key (SPKI DER)
  algorithm: string; // Ed25519
  public_key_pem: string;
  created_at: string;
  retired_at: string | null;
}

/** A signed statement "the audit chain had `seq` events ending in `chain_hash`". */
export interface AuditCheckpointTable {
  seq: number;
  chain_hash: string;
  signed_at: string;
  key_id: string;
  signature: string; // base64 Ed25519 signature over checkpointMessage()
}

export interface IntakeTable {
  id: string;
  title: string;
  purpose: string;
  target_group: string;
  data_used: string;
  sourcing: string;
  vendor: string;
  planned_date: string | null;
  org_unit_id: string;
  status: string;
  submitted_by_id: string | null;
  submitted_by_label: string;
  system_id: string | null;
  decline_reason: string | null;
  decided_by_id: string | null;
  decided_by_label: string | null;
  decided_at: string | null;
  search_text: string; // lower-cased title and purpose for portable search
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AdviceEntryTable {
  id: string;
  intake_id: string | null;
  system_id: string | null;
  text: string;
  author_id: string | null;
  author_label: string;
  created_at: string;
}

export interface ClassificationRevisionTable {
  id: string;
  system_id: string;
  number: number;
  status: string; // draft | approved | needs-review
  facts: string; // JSON
  answers: string; // JSON
  note: string;
  result: string; // JSON
  risk_class: string;
  decided_by_id: string | null;
  decided_by_label: string;
  decided_at: string;
  state_hash: string;
  approval_signature_id: string | null;
}

export interface SignatureTable {
  id: string;
  entity_type: string;
  entity_id: string;
  meaning: string;
  signer_id: string | null;
  signer_label: string;
  signed_at: string;
  state_hash: string;
  comment: string | null;
}

export interface CatalogVersionTable {
  id: string;
  catalog_id: string;
  version: string;
  yaml: string; // the catalogue in Konform's YAML format (the imported text for Konform YAML)
  body: string; // JSON of the validated catalogue
  imported_at: string;
  imported_by_id: string | null;
  imported_by_label: string;
  state: string; // proposed | active | superseded | discarded
  format: string; // konform-yaml | oscal-json | ciso-assistant-yaml | xlsx
  file_name: string | null;
  file_sha256: string | null; // of the uploaded file
  extras: string | null; // JSON {measures?, mappings} brought by the same file
  decided_at: string | null;
  decided_by_id: string | null;
  decided_by_label: string | null;
}

export interface RiskMatrixTable {
  id: number; // always 1
  config: string; // JSON RiskMatrixConfig
  version: number;
  updated_at: string;
  updated_by_label: string;
}

export interface RiskTable {
  id: string;
  system_id: string;
  number: number;
  title: string;
  description: string;
  source_id: string | null;
  affected: string; // JSON string[]
  rights: string; // JSON string[]
  affected_groups: string;
  likelihood: number | null;
  impact: number | null;
  inherent_level: string | null;
  treatment: string | null;
  measures: string; // JSON string[]
  residual_likelihood: number | null;
  residual_impact: number | null;
  residual_level: string | null;
  owner: string;
  status: string;
  next_review: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

export interface NonconformityTable {
  id: string;
  system_id: string | null;
  org_unit_id: string;
  title: string;
  description: string;
  source: string;
  severity: string;
  requirement_keys: string; // JSON string[]
  root_cause: string;
  actions: string; // JSON CapaAction[]
  implemented_by: string | null;
  verification: string | null; // JSON { by, at, effective, note }
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

export interface RiskAcceptanceTable {
  id: string;
  risk_id: string;
  risk_version: number;
  level: string;
  signature_id: string;
  signer_id: string;
  signer_label: string;
  role: string;
  justification: string;
  signed_at: string;
}

export interface FriaVersionTable {
  id: string;
  system_id: string;
  number: number;
  state: string; // draft | approved | superseded
  content: string; // JSON FriaContent
  sources: string; // JSON {element: hash} of the record data each element was written from
  version: number;
  authors: string; // JSON user ids who wrote this version (four eyes: none of them may approve it)
  created_by_label: string;
  created_at: string;
  updated_by_label: string;
  updated_at: string;
  signature_id: string | null;
  approved_by_label: string | null;
  approved_at: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by_label: string;
}

export interface RequirementRowTable {
  system_id: string;
  requirement_key: string; // catalogId:requirementId
  status: string; // open | in-progress | implemented | verified | not-applicable
  owner: string | null;
  due_date: string | null;
  justification: string | null;
  implemented_by: string | null; // user id
  verified_by: string | null; // user id
  version: number;
  updated_at: string;
  retired_at?: string | null; // set when an accepted catalogue update removed the requirement
  retired_in_version?: string | null;
  retired_snapshot?: string | null; // JSON {ref, title} of the requirement as it was
}

export interface SystemMeasureTable {
  system_id: string;
  measure_id: string;
  status: string; // planned | implemented
  note: string;
  applied_by_id: string | null;
  applied_by_label: string;
  created_at: string;
  updated_at: string;
}

export interface EvidenceTable {
  id: string;
  system_id: string;
  title: string;
  description: string;
  owner: string;
  valid_until: string | null; // ISO date
  classification: string; // offen | VS-NfD
  kind: string; // file | link
  url: string | null;
  search_text: string; // lower-cased title, description and owner for portable search
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null; // user id
  created_by_label: string;
  /** The lab run whose passing results this evidence records (#8); null for evidence people add. */
  lab_run_id: string | null;
}

export interface EvidenceVersionTable {
  evidence_id: string;
  number: number;
  sha256: string;
  size: ColumnType<number | string, number, never>; // bigint: a string from pg
  filename: string;
  content_type: string;
  uploaded_at: string;
  uploaded_by: string | null; // user id
  uploaded_by_label: string;
}

export interface EvidenceLinkTable {
  id: string;
  evidence_id: string;
  system_id: string;
  requirement_key: string | null; // catalogId:requirementId
  measure_id: string | null;
  created_at: string;
  created_by: string | null; // user id
  created_by_label: string;
}

export interface JobTable {
  id: string;
  kind: string;
  unique_key: string | null;
  run_at: string;
  payload: string; // JSON
  state: string; // queued | running | done | failed
  attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title_de: string;
  title_en: string;
  body_de: string;
  body_en: string;
  link: string | null;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
  email_claimed_at: string | null; // set before the mail goes to SMTP: never sent twice
  emailed_at: string | null; // set once SMTP accepted it
  email_error: string | null;
}

export type * from './schema-quality.js';
export type * from './schema-lab.js';
export type * from './schema-documents.js';
export type * from './schema-reports.js';
export type * from './schema-dashboard.js';
export type * from './schema-incidents.js';
export type * from './schema-audits.js';
export type * from './schema-conformity.js';
export type * from './schema-mfa.js';

export type * from './schema-sso.js';

export interface DB {
  sso_config: SsoConfigTable;
  sso_login_state: SsoLoginStateTable;
  user_totp: UserTotpTable;
  user_recovery_code: UserRecoveryCodeTable;
  audit: AuditTable;
  audit_checklist_item: AuditChecklistItemTable;
  audit_finding: AuditFindingTable;
  requirement_count: RequirementCountTable;
  incident: IncidentTable;
  complaint: ComplaintTable;
  monitoring_plan: MonitoringPlanTable;
  monitoring_indicator: MonitoringIndicatorTable;
  monitoring_measurement: MonitoringMeasurementTable;
  org_unit: OrgUnitTable;
  app_user: AppUserTable;
  role_assignment: RoleAssignmentTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_failure: LoginFailureTable;
  ai_system: AiSystemTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  signing_key: SigningKeyTable;
  audit_checkpoint: AuditCheckpointTable;
  intake: IntakeTable;
  advice_entry: AdviceEntryTable;
  classification_revision: ClassificationRevisionTable;
  signature: SignatureTable;
  catalog_version: CatalogVersionTable;
  requirement_row: RequirementRowTable;
  system_measure: SystemMeasureTable;
  evidence: EvidenceTable;
  evidence_version: EvidenceVersionTable;
  evidence_link: EvidenceLinkTable;
  setting: SettingTable;
  risk_matrix: RiskMatrixTable;
  risk: RiskTable;
  risk_acceptance: RiskAcceptanceTable;
  fria_version: FriaVersionTable;
  job: JobTable;
  notification: NotificationTable;
  nonconformity: NonconformityTable;
  vendor: VendorTable;
  supplier_checklist: SupplierChecklistTable;
  supplier_document: SupplierDocumentTable;
  vendor_assessment: VendorAssessmentTable;
  training_course: TrainingCourseTable;
  training_requirement: TrainingRequirementTable;
  training_record: TrainingRecordTable;
  task: TaskTable;
  qms_document: QmsDocumentTable;
  qms_document_version: QmsDocumentVersionTable;
  lab_method: LabMethodTable;
  lab_method_validation: LabMethodValidationTable;
  lab_method_authorisation: LabMethodAuthorisationTable;
  lab_environment: LabEnvironmentTable;
  lab_environment_verification: LabEnvironmentVerificationTable;
  lab_plan: LabPlanTable;
  lab_test_case: LabTestCaseTable;
  lab_run: LabRunTable;
  lab_run_result: LabRunResultTable;
  lab_gate: LabGateTable;
  management_report: ManagementReportTable;
  conformity_assessment: ConformityAssessmentTable;
  conformity_step: ConformityStepTable;
  conformity_entry: ConformityEntryTable;
  system_change: SystemChangeTable;
  model: TestItemTable;
  model_version: ModelVersionTable;
  dataset: TestItemTable;
  dataset_version: DatasetVersionTable;
  custody_event: CustodyEventTable;
  system_item_set: SystemItemSetTable;
  system_item_link: SystemItemLinkTable;
  document: DocumentTable;
  document_section_text: DocumentSectionTextTable;
  document_version: DocumentVersionTable;
  document_template: DocumentTemplateTable;
  document_logo: DocumentLogoTable;
  webhook_subscription: WebhookSubscriptionTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_attempt: WebhookAttemptTable;
  retention_policy: RetentionPolicyTable;
  retention_erasure: RetentionErasureTable;
  audit_redaction: AuditRedactionTable;
  account_lockout: AccountLockoutTable;
}
export type * from './schema-monitoring.js';
export type * from './schema-webhooks.js';
export type * from './schema-privacy.js';
