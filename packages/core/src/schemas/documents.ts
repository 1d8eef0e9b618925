import { z } from 'zod';
import { SignerCredentialFields } from './signatures.js';
import { Id, Timestamp } from './common.js';

/**
 * Generated documents (#9): documents built from the records, completed with authored text, released by signatures
 * and sealed by a signed manifest. Each type is one builder; the technical documentation of Annex IV comes first.
 */
export const DOCUMENT_TYPES = ['annex-iv', 'instructions-for-use', 'declaration-of-conformity', 'registration', 'model-card', 'decision-paper'] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

export const DOCUMENT_LOCALES = ['de', 'en'] as const;
export const DocumentLocale = z.enum(DOCUMENT_LOCALES);
export type DocumentLocale = z.infer<typeof DocumentLocale>;

/** draft → in-review (submitted) → released (signed `reviewed`, then `released`, four eyes) → superseded by the next release. */
export const DOCUMENT_VERSION_STATUSES = ['draft', 'in-review', 'released', 'superseded'] as const;
export const DocumentVersionStatus = z.enum(DOCUMENT_VERSION_STATUSES);
export type DocumentVersionStatus = z.infer<typeof DocumentVersionStatus>;

export const DOCUMENT_FILE_FORMATS = ['docx', 'pdf', 'md', 'json'] as const;
export const DocumentFileFormat = z.enum(DOCUMENT_FILE_FORMATS);
export type DocumentFileFormat = z.infer<typeof DocumentFileFormat>;

/** The nine sections of Annex IV AI Act, by stable key. */
export const ANNEX_IV_SECTION_KEYS = ['general', 'development', 'monitoring', 'metrics', 'risk-management', 'changes', 'standards', 'declaration', 'post-market'] as const;
export const AnnexIvSectionKey = z.enum(ANNEX_IV_SECTION_KEYS);
export type AnnexIvSectionKey = z.infer<typeof AnnexIvSectionKey>;

export const SECTION_STATUSES = ['complete', 'partial', 'missing'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

/** What a section lacks; `subject` names the record (e.g. the dataset without a datasheet). */
export const LACKING_CODES = [
  'text-missing', 'purpose-missing', 'description-missing', 'no-model', 'no-datasheet', 'no-released-gate', 'no-test-run',
  'oversight-missing', 'no-risks', 'unrated-risks', 'no-catalogue', 'no-measures', 'no-declaration', 'field-missing', 'no-technical-documentation',
  'classification-not-approved', 'no-metrics', 'no-dataset', 'no-standards', 'no-licence', 'no-custody', 'no-registration-duty',
] as const;
export const LackingCode = z.enum(LACKING_CODES);
export type LackingCode = z.infer<typeof LackingCode>;

export const SectionCompleteness = z.object({
  key: z.string(),
  status: z.enum(SECTION_STATUSES),
  lacking: z.array(z.object({ code: LackingCode, subject: z.string().optional() })),
});
export type SectionCompleteness = z.infer<typeof SectionCompleteness>;

export const DocumentSectionText = z.object({
  key: z.string(),
  markdown: z.string(),
  /** 0 before the first save; send it back with the next save (optimistic lock). */
  version: z.number().int(),
  updatedAt: Timestamp.nullable(),
  updatedByLabel: z.string().nullable(),
});
export type DocumentSectionText = z.infer<typeof DocumentSectionText>;

export const DocumentSignoff = z.object({
  signatureId: Id,
  meaning: z.enum(['reviewed', 'released']),
  signerId: z.string(),
  signerLabel: z.string(),
  signedAt: Timestamp,
});
export type DocumentSignoff = z.infer<typeof DocumentSignoff>;

export const DocumentFile = z.object({ format: DocumentFileFormat, filename: z.string(), sha256: z.string(), size: z.number().int() });
export type DocumentFile = z.infer<typeof DocumentFile>;

export const DocumentVersion = z.object({
  id: Id,
  documentId: Id,
  number: z.number().int(),
  status: DocumentVersionStatus,
  completeness: z.array(SectionCompleteness),
  files: z.array(DocumentFile),
  keyId: z.string().nullable(),
  signoffs: z.array(DocumentSignoff),
  authors: z.array(z.string()),
  version: z.number().int(),
  createdAt: Timestamp,
  createdByLabel: z.string(),
  submittedAt: Timestamp.nullable(),
  submittedByLabel: z.string().nullable(),
  releasedAt: Timestamp.nullable(),
  releasedByLabel: z.string().nullable(),
  /**
   * The last day the version is kept (Art. 18 AI Act): the configured retention period of technical documentation,
   * counted from the day a newer version superseded it (the rule of the retention sweep). Null while not superseded.
   */
  retainUntil: z.string().nullable(),
  /** The configured retention period in months once released (it starts when the version is superseded); null before. */
  retentionMonths: z.number().int().nullable(),
  supersededAt: Timestamp.nullable(),
});
export type DocumentVersion = z.infer<typeof DocumentVersion>;

export const DocumentSummary = z.object({
  id: Id,
  type: DocumentType,
  systemId: Id.nullable(),
  systemName: z.string().nullable(),
  modelVersionId: z.string().nullable(),
  /** `Model name version` of a model card's subject. */
  modelVersionLabel: z.string().nullable(),
  orgUnitId: Id,
  title: z.string(),
  locale: DocumentLocale,
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdByLabel: z.string(),
  latestVersion: z.object({ number: z.number().int(), status: DocumentVersionStatus }).nullable(),
  releasedNumber: z.number().int().nullable(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentSectionView = z.object({
  key: z.string(),
  number: z.number().int(),
  heading: z.string(),
  guidance: z.string(),
  /** Whether authored text is expected in the section (records alone cannot fill it). */
  textExpected: z.boolean(),
  /** What the records contribute, as plain lines. */
  recordLines: z.array(z.string()),
  text: DocumentSectionText,
  completeness: SectionCompleteness,
});
export type DocumentSectionView = z.infer<typeof DocumentSectionView>;

export const DocumentDetail = DocumentSummary.extend({
  sections: z.array(DocumentSectionView),
  versions: z.array(DocumentVersion),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const DocumentListQuery = z.strictObject({ systemId: Id.optional(), modelVersionId: Id.optional(), type: DocumentType.optional() });
export type DocumentListQuery = z.infer<typeof DocumentListQuery>;

/** The subject is an AI system (`systemId`) for every type but the model card, whose subject is a model version. */
export const DocumentCreate = z.strictObject({
  type: DocumentType,
  systemId: Id.optional(),
  modelVersionId: Id.optional(),
  locale: DocumentLocale.default('de'),
  title: z.string().trim().min(1).max(300).optional(),
});
export type DocumentCreate = z.infer<typeof DocumentCreate>;

export const DocumentParams = z.strictObject({ id: Id });
export const DocumentSectionParams = z.strictObject({ id: Id, key: z.string().min(1).max(60) });
export const DocumentVersionParams = z.strictObject({ id: Id, number: z.coerce.number().int().min(1) });

export const DocumentSectionSave = z.strictObject({ markdown: z.string().max(200_000), version: z.number().int().min(0) });
export type DocumentSectionSave = z.infer<typeof DocumentSectionSave>;

export const DocumentVersionStep = z.strictObject({ version: z.number().int().min(1) });
export type DocumentVersionStep = z.infer<typeof DocumentVersionStep>;

export const DocumentVersionSign = z.strictObject({
  version: z.number().int().min(1),
  ...SignerCredentialFields,
  comment: z.string().trim().max(2000).optional(),
});
export type DocumentVersionSign = z.infer<typeof DocumentVersionSign>;

export const DocumentExportQuery = z.strictObject({ format: DocumentFileFormat.default('pdf') });
export type DocumentExportQuery = z.infer<typeof DocumentExportQuery>;

export const DocumentManifest = z.object({ manifest: z.string(), signature: z.string(), keyId: z.string() });
export type DocumentManifest = z.infer<typeof DocumentManifest>;

/**
 * The verification page (#9): a release bundle (ZIP with manifest.json and manifest.sig) or a single file checked
 * against the organisation's public keys and the released versions. `unlisted`: a ZIP entry the manifest does not
 * name (added after the release).
 */
export const VERIFIED_FILE_STATUSES = ['ok', 'changed', 'missing', 'unlisted'] as const;
export const VerifiedFile = z.object({ path: z.string(), status: z.enum(VERIFIED_FILE_STATUSES) });
export type VerifiedFile = z.infer<typeof VerifiedFile>;

export const VERIFY_PROBLEMS = ['malformed-manifest', 'unknown-key', 'signature-invalid', 'not-listed', 'not-found'] as const;
export type VerifyProblem = (typeof VERIFY_PROBLEMS)[number];

/** A released version the checked bytes belong to (only versions the caller may read are named). */
export const VerifiedRelease = z.object({
  documentId: Id,
  type: DocumentType,
  title: z.string(),
  subjectLabel: z.string().nullable(),
  number: z.number().int(),
  status: DocumentVersionStatus,
  releasedAt: Timestamp.nullable(),
  signoffs: z.array(DocumentSignoff.pick({ meaning: true, signerLabel: true, signedAt: true })),
  keyId: z.string().nullable(),
  /** The matching file of the release (single-file checks). */
  file: DocumentFile.nullable(),
  /** Whether the stored manifest's signature verifies with the organisation's public keys and lists this file's hash. */
  manifestVerified: z.boolean(),
});
export type VerifiedRelease = z.infer<typeof VerifiedRelease>;

export const DocumentVerifyResult = z.object({
  kind: z.enum(['bundle', 'file']),
  ok: z.boolean(),
  /** Why the check failed as a whole; null when it passed or only some files differ. */
  problem: z.enum(VERIFY_PROBLEMS).nullable(),
  sha256: z.string(),
  size: z.number().int(),
  /** From the manifest (bundles). */
  keyId: z.string().nullable(),
  issuedAt: z.string().nullable(),
  subject: z.object({ title: z.string(), version: z.number().int().nullable() }).nullable(),
  files: z.array(VerifiedFile),
  releases: z.array(VerifiedRelease),
});
export type DocumentVerifyResult = z.infer<typeof DocumentVerifyResult>;
