import type { ColumnType, Generated } from 'kysely';

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
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  chain_hash: string;
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

export interface TaskTable {
  id: string;
  record_type: string; // system | requirement | risk | measure | nonconformity | fria | evidence
  record_id: string; // the record's id; a requirement key or measure id for rows of a system
  system_id: string | null; // the record's AI system (decides the unit); null for an organisation-wide non-conformity
  org_unit_id: string; // the unit at creation (the unit of a task without a system)
  title: string;
  description: string;
  owner_id: string | null; // user id
  due_date: string | null; // ISO date
  priority: string; // low | normal | high | urgent
  status: string; // open | in-progress | blocked | done | cancelled
  completed_at: string | null;
  completed_by: string | null; // user id
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null; // user id
  created_by_label: string;
}

/** AI literacy (Art. 4): a course. */
export interface TrainingCourseTable {
  id: string;
  title: string;
  description: string;
  provider_kind: string; // internal | external
  provider: string;
  topics: string; // JSON TrainingTopic[]
  tags: string; // JSON string[]
  duration_minutes: number | null;
  delivery: string; // in-person | e-learning | external
  validity_months: number | null; // null: does not expire
  status: string; // active | retired
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

/** Which role (optionally within a unit's subtree) needs which course, and how often. */
export interface TrainingRequirementTable {
  id: string;
  course_id: string;
  role: string;
  org_unit_id: string | null; // null: everywhere
  interval_months: number | null; // null: the course's validity
  grace_days: number;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

/** A completed training of a user, with an optional certificate (content-addressed in the object storage). */
export interface TrainingRecordTable {
  id: string;
  user_id: string;
  course_id: string;
  completed_on: string; // ISO date
  result: string; // passed | attended
  valid_until: string | null; // ISO date; null: does not expire
  note: string;
  certificate_sha256: string | null;
  certificate_filename: string | null;
  certificate_content_type: string | null;
  certificate_size: number | null;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: string;
  withdrawn_at: string | null;
  withdrawn_by_label: string | null;
  withdrawn_reason: string | null;
  version: number;
}

export interface VendorTable {
  id: string;
  name: string;
  name_key: string; // lower-cased, whitespace-collapsed name: unique
  address: string;
  contact_person: string;
  email: string;
  phone: string;
  website: string;
  notes: string;
  contracts: string; // JSON VendorContract[]
  products: string; // JSON VendorProduct[]
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

export interface SupplierChecklistTable {
  system_id: string;
  product_id: string | null; // a product of the system's vendor
  gpai_based: number; // 1: stated to be built on a general-purpose AI model
  version: number;
  updated_at: string;
  updated_by_label: string;
}

export interface SupplierDocumentTable {
  system_id: string;
  kind: string; // SupplierDocumentKind
  status: string; // received | missing | not-applicable
  due_date: string | null;
  received_on: string | null;
  reference: string;
  evidence_id: string | null;
  note: string;
  updated_at: string;
  updated_by_label: string;
}

export interface VendorAssessmentTable {
  id: string;
  vendor_id: string;
  assessed_on: string;
  assessor: string;
  answers: string; // JSON AssessmentAnswer[]
  result: string; // approved | approved-with-conditions | rejected
  conditions: string;
  findings: string; // JSON AssessmentFinding[]
  next_review: string | null;
  notes: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

/** A document of the AI management system (ISO/IEC 42001 7.5, Art. 17 AI Act); lists are JSON text. */
export interface QmsDocumentTable {
  id: string;
  org_unit_id: string;
  kind: string;
  title: string;
  /** The title lower-cased (German locale), for a search that behaves the same on both engines. */
  search_text: string;
  owner_id: string;
  review_months: number;
  art17_elements: string;
  iso_clauses: string;
  /** Mirrors of the versions: the released one in force and the one being written or reviewed. */
  released_number: number | null;
  released_at: string | null;
  next_review: string | null;
  working_number: number | null;
  working_state: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

/** A numbered version of a QMS document: Markdown content, change note, state, and the release signature. */
export interface QmsDocumentVersionTable {
  id: string;
  document_id: string;
  number: number;
  state: string;
  content: string;
  change_note: string;
  /** JSON: the document's data frozen at submission. */
  snapshot: string | null;
  /** JSON: ids (or labels) of everyone who wrote the version. */
  authors: string;
  version: number;
  created_by_label: string;
  created_at: string;
  updated_by_label: string;
  updated_at: string;
  submitted_by_label: string | null;
  submitted_at: string | null;
  signature_id: string | null;
  released_by_label: string | null;
  released_at: string | null;
  next_review: string | null;
  superseded_at: string | null;
}

// ---- models and datasets (the lab's test items) ----
export interface TestItemTable {
  id: string;
  org_unit_id: string;
  name: string;
  provider: string;
  kind: string;
  description: string;
  licence: string;
  gpai: number; // 0/1; always 0 for datasets
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

export interface ModelVersionTable {
  id: string;
  item_id: string;
  label: string;
  source: string;
  licence: string;
  received_on: string;
  manifest: string; // JSON ManifestEntry[], canonical order
  manifest_digest: string;
  notes: string;
  custody_state: string; // none | the last custody event
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

export interface DatasetVersionTable extends ModelVersionTable {
  datasheet: string; // JSON Datasheet
}

export interface CustodyEventTable {
  id: string;
  item_type: string; // model | dataset
  version_id: string;
  seq: number;
  event: string;
  occurred_at: string;
  actor: string;
  location: string;
  note: string;
  recorded_at: string;
  recorded_by_label: string;
}

export interface SystemItemSetTable {
  system_id: string;
  version: number;
  updated_at: string;
  updated_by_label: string;
}

export interface SystemItemLinkTable {
  system_id: string;
  item_type: string; // model | dataset
  version_id: string;
  role: string;
  note: string;
  position: number;
}

/** An evaluation method of the test lab: harness, version or commit, configuration (JSON). */
export interface LabMethodTable {
  id: string;
  org_unit_id: string;
  name: string;
  harness: string;
  harness_version: string;
  /** JSON: LabMethodConfiguration. */
  configuration: string;
  description: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

/** A validation of a method for one harness version. */
export interface LabMethodValidationTable {
  id: string;
  method_id: string;
  result: string;
  harness_version: string;
  validated_on: string;
  report: string;
  validated_by: string;
  validated_by_label: string;
  recorded_at: string;
}

/** A staff authorisation for a method (ISO/IEC 17025 6.2.6); withdrawn, never deleted. */
export interface LabMethodAuthorisationTable {
  id: string;
  method_id: string;
  user_id: string;
  authorised_by: string;
  authorised_by_label: string;
  since: string;
  until: string | null;
  note: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by_label: string | null;
}

/** An environment (equipment) of the test lab; hardware and runtime are JSON. */
export interface LabEnvironmentTable {
  id: string;
  org_unit_id: string;
  name: string;
  hardware: string;
  driver_version: string;
  runtime: string;
  container_digest: string | null;
  location: string;
  notes: string;
  verification_validity_months: number;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

/** A verification of an environment by a reference run, with the digest and driver it was made for. */
export interface LabEnvironmentVerificationTable {
  id: string;
  environment_id: string;
  reference_run: string;
  metric: string;
  expected_value: number;
  measured_value: number;
  tolerance: number;
  passed: number;
  verified_on: string;
  valid_until: string;
  container_digest: string | null;
  driver_version: string;
  notes: string;
  verified_by: string;
  verified_by_label: string;
  recorded_at: string;
}

export interface DB {
  org_unit: OrgUnitTable;
  app_user: AppUserTable;
  role_assignment: RoleAssignmentTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_failure: LoginFailureTable;
  ai_system: AiSystemTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
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
  model: TestItemTable;
  model_version: ModelVersionTable;
  dataset: TestItemTable;
  dataset_version: DatasetVersionTable;
  custody_event: CustodyEventTable;
  system_item_set: SystemItemSetTable;
  system_item_link: SystemItemLinkTable;
}
