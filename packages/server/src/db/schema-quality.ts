// Table types of quality management: tasks, AI literacy, suppliers, AIMS documents.
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
