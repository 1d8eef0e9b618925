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
