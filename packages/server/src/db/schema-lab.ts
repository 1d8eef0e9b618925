// Table types of the test lab: models and datasets (test items), methods, environments.
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

/** A test plan of an AI system or a model: draft → fixed (cases frozen, runs allowed) → retired. */
export interface LabPlanTable {
  id: string;
  org_unit_id: string;
  system_id: string | null;
  model_id: string | null; // id of a model (table `model`)
  name: string;
  description: string;
  status: string; // draft | fixed | retired
  revises_plan_id: string | null;
  fixed_at: string | null;
  fixed_by_label: string | null;
  retired_at: string | null;
  retired_by_label: string | null;
  retirement_reason: string | null; // why: superseded by a revision, or the reason given
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

/** A test case of a plan; `requirement_keys` is JSON string[] of `catalogId:requirementId`. */
export interface LabTestCaseTable {
  id: string;
  plan_id: string;
  position: number;
  key: string; // short stable key within the plan, e.g. TC-01
  name: string;
  description: string;
  metric: string;
  comparator: string; // >= | > | <= | <
  threshold: number;
  unit: string;
  decision_rule: string; // point-estimate | conservative-bound
  regression_tolerance: number | null;
  dataset_version_id: string | null;
  method_id: string;
  mandatory: number; // 0/1
  requirement_keys: string;
}

/** A recorded test run (never edited; an amendment is a new run naming the one it corrects). */
export interface LabRunTable {
  id: string;
  number: number; // readable, unique: "Prüflauf 12"
  plan_id: string;
  org_unit_id: string;
  system_id: string | null;
  method_id: string;
  method_harness_version: string;
  method_status: string; // LabMethodStatus at recording
  environment_id: string;
  environment_status: string; // environment status at recording
  operator_id: string | null;
  operator_label: string;
  operator_authorised: number; // 0/1 at recording
  items: string; // JSON LabRunItem[]: {type, versionId, manifestDigest, matches}
  seed: string | null;
  started_at: string;
  ended_at: string;
  source_format: string; // konform | junit | lm-eval | inspect | manual
  attachments: string; // JSON [{filename, sha256, size, contentType}] in the object store
  unmatched_metrics: string; // JSON string[]
  deviations: string;
  notes: string;
  verdict: string; // pass | fail | incomplete
  amends_run_id: string | null;
  amendment_reason: string | null;
  superseded_by_run_id: string | null;
  evidence_id: string | null;
  recorded_at: string;
  recorded_by_label: string;
}

/** One result per test case of a run; `decided_by` is the value the verdict compared (estimate or bound). */
export interface LabRunResultTable {
  id: string;
  run_id: string;
  test_case_id: string;
  metric: string;
  value: number;
  ci_lower: number | null;
  ci_upper: number | null;
  std_error: number | null;
  sample_size: number | null;
  unit: string;
  verdict: string; // pass | fail
  decided_by: number;
  note: string;
}

/** A release gate of a model version or an AI system; checks and released digests frozen as JSON at release. */
export interface LabGateTable {
  id: string;
  number: number;
  org_unit_id: string;
  system_id: string | null;
  model_version_id: string | null;
  plan_id: string;
  title: string;
  regression_tolerance: number;
  baseline_gate_id: string | null;
  status: string; // open | released | invalidated | superseded | withdrawn
  checks: string | null;
  released_items: string | null;
  state_hash: string | null;
  released_at: string | null;
  invalidated_at: string | null;
  invalidation_reason: string | null;
  signoffs: string; // JSON [{signatureId, role, eligible}]: release signatures and the role each counts in
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}
