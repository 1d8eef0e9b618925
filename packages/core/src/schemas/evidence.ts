import { z } from 'zod';
import { Id, PageQuery, Timestamp, text, optionalText } from './common.js';
import { PersonRef } from './signatures.js';
import { RequirementKey } from '../catalogs/catalog.js';
import { Marking } from '../access/clearance.js';

/** The classification markings (`offen`, `VS-NfD`) live with the need-to-know rule; evidence carries one. */
export { MARKINGS, Marking } from '../access/clearance.js';

/** A stored file (with versions) or a recorded link to a document held elsewhere. */
export const EVIDENCE_KINDS = ['file', 'link'] as const;
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** A measure of the measures catalogue, by its id. */
export const MeasureId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dot, underscore and hyphen').max(200);

/** One uploaded file of an evidence item; a new upload is a new version, old versions stay. */
export const EvidenceVersion = z.object({
  number: z.number().int(),
  /** SHA-256 of the content (hex); the content is stored under this name and served with it as ETag. */
  sha256: z.string(),
  size: z.number().int(),
  filename: z.string(),
  contentType: z.string(),
  uploadedAt: Timestamp,
  uploadedBy: PersonRef,
});
export type EvidenceVersion = z.infer<typeof EvidenceVersion>;

/** Where evidence is used: an AI system, optionally one requirement row of its matrix or one measure. */
export const EvidenceLink = z.object({
  id: Id,
  evidenceId: Id,
  systemId: Id,
  requirementKey: z.string().nullable(),
  measureId: z.string().nullable(),
  createdAt: Timestamp,
  createdBy: PersonRef,
});
export type EvidenceLink = z.infer<typeof EvidenceLink>;

export const Evidence = z.object({
  id: Id,
  /** The AI system the evidence belongs to; its organisational unit decides who may see and change it. */
  systemId: Id,
  title: z.string(),
  description: z.string(),
  /** Who is responsible for keeping it current (free text). */
  owner: z.string(),
  validUntil: z.iso.date().nullable(),
  classification: Marking,
  kind: EvidenceKind,
  /** The recorded address (links only). */
  url: z.string().nullable(),
  /** The newest file version (files only). */
  latestVersion: EvidenceVersion.nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: PersonRef,
  /** The test run whose passing results this evidence records (created by the lab), else null. */
  labRunId: Id.nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

/** One evidence item with all its versions (newest first) and where it is used. */
export const EvidenceDetail = Evidence.extend({
  versions: z.array(EvidenceVersion),
  links: z.array(EvidenceLink),
});
export type EvidenceDetail = z.infer<typeof EvidenceDetail>;

/** An ISO date, or an empty string for none (HTML forms send empty fields). */
const OptionalDate = z.union([z.iso.date(), z.literal('')]);

const metadataFields = {
  title: text(200),
  description: optionalText(4000).default(''),
  owner: optionalText(200).default(''),
  validUntil: OptionalDate.optional(),
  /** Defaults to the server's KONFORM_DEFAULT_MARKING (`offen` unless set). */
  classification: Marking.optional(),
};

/** The text fields of a file upload (multipart/form-data, sent along with the part `file`). */
export const EvidenceUploadFields = z.strictObject({ systemId: Id, ...metadataFields });
export type EvidenceUploadFields = z.infer<typeof EvidenceUploadFields>;

const FilePart = z.file().meta({ description: 'The file; its content must match its extension (PDF, images, office documents, UTF-8 text)' });

/** The multipart form of `POST /api/evidence`, as described in the OpenAPI document. */
export const EvidenceUploadForm = EvidenceUploadFields.extend({ file: FilePart });

/** The multipart form of `POST /api/evidence/{id}/versions`: only the file. */
export const EvidenceVersionForm = z.strictObject({ file: FilePart });

/** Records a link (http or https) instead of a file. */
export const EvidenceUrlCreate = z.strictObject({
  systemId: Id,
  url: z.url({ protocol: /^https?$/, error: 'An http or https address' }).max(2000),
  ...metadataFields,
});
export type EvidenceUrlCreate = z.infer<typeof EvidenceUrlCreate>;

export const EvidenceUpdate = z.strictObject({
  version: z.number().int().min(1),
  reason: optionalText(500).optional(),
  title: text(200).optional(),
  description: optionalText(4000).optional(),
  owner: optionalText(200).optional(),
  validUntil: z.iso.date().nullable().optional(),
  classification: Marking.optional(),
});
export type EvidenceUpdate = z.infer<typeof EvidenceUpdate>;

/** Uses evidence for an AI system, one of its requirement rows (`catalogId:requirementId`) or a measure. */
export const EvidenceLinkCreate = z.strictObject({
  systemId: Id,
  requirementKey: RequirementKey.optional(),
  measureId: MeasureId.optional(),
});
export type EvidenceLinkCreate = z.infer<typeof EvidenceLinkCreate>;

export const EvidenceListQuery = z.strictObject({
  /** Evidence that belongs to the system or is used by it. */
  systemId: Id.optional(),
  q: z.string().trim().max(200).optional(),
  ...PageQuery,
});
export type EvidenceListQuery = z.infer<typeof EvidenceListQuery>;

export const EvidenceVersionParams = z.strictObject({ id: Id, v: z.coerce.number().int().min(1).max(1_000_000) });
export const EvidenceLinkParams = z.strictObject({ id: Id, linkId: Id });
