/** Generated documents (#9): technical documentation (Annex IV) and the document types that follow. */

export interface DocumentTable {
  id: string;
  type: string; // annex-iv | …
  system_id: string | null;
  model_version_id: string | null;
  org_unit_id: string;
  title: string;
  locale: string; // de | en
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

export interface DocumentSectionTextTable {
  document_id: string;
  section_key: string;
  markdown: string;
  version: number;
  updated_at: string;
  updated_by_id: string | null;
  updated_by_label: string;
}

export interface DocumentVersionTable {
  id: string;
  document_id: string;
  number: number;
  status: string; // draft | in-review | released | superseded
  inputs: string; // JSON: the frozen record data and authored text
  completeness: string; // JSON SectionCompleteness[]
  files: string | null; // JSON [{format, filename, sha256, size}] once released
  manifest: string | null; // the signed manifest (JSON text, signed byte for byte)
  manifest_signature: string | null; // base64 Ed25519
  key_id: string | null;
  signoffs: string; // JSON [{signatureId, meaning, signerId, signerLabel, signedAt}]
  authors: string; // JSON user ids who wrote section text or froze the version (four eyes)
  version: number;
  created_at: string;
  created_by_label: string;
  submitted_at: string | null;
  submitted_by_label: string | null;
  released_at: string | null;
  released_by_label: string | null;
  retain_until: string | null;
  superseded_at: string | null;
  /** JSON {template, logo}: the document template the version was built with; null before templates existed. */
  template: string | null;
}

/** The organisation's template of one document type in one language. */
export interface DocumentTemplateTable {
  type: string;
  locale: string; // de | en
  body: string; // JSON DocumentTemplateBody
  version: number;
  updated_at: string;
  updated_by_label: string;
}

/** Logos by content hash (never deleted: frozen versions refer to them); `current` 1 = the one printed now. */
export interface DocumentLogoTable {
  sha256: string;
  media_type: string; // image/png | image/jpeg
  data: string; // base64
  size: number;
  current: number;
  uploaded_at: string;
  uploaded_by_label: string;
}
