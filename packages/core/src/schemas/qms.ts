import { z } from 'zod';
import { SignerCredentialFields } from './signatures.js';
import { Id, PageQuery, Timestamp } from './common.js';

const IsoDate = z.iso.date();
const Text = z.object({ de: z.string(), en: z.string() });

/**
 * Documents of the AI management system (ISO/IEC 42001 7.5, the written policies, procedures and instructions of
 * Art. 17(1) AI Act): the AI policy (42001 5.2), the AI objectives (6.2), procedures, the management review (9.3),
 * records and anything else the system keeps as documented information.
 */
export const QMS_DOCUMENT_KINDS = ['policy', 'objectives', 'procedure', 'management-review', 'record', 'other'] as const;
export const QmsDocumentKind = z.enum(QMS_DOCUMENT_KINDS);
export type QmsDocumentKind = z.infer<typeof QmsDocumentKind>;

/** The elements (a)–(m) of Art. 17(1) AI Act that a quality management system documents. */
export const ART_17_ELEMENT_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'] as const;
export const Art17Element = z.enum(ART_17_ELEMENT_IDS);
export type Art17Element = z.infer<typeof Art17Element>;

/** A clause of ISO/IEC 42001 as a requirement key of the shipped catalogue, e.g. `iso-42001:clause-5-2`. */
export const QmsClauseKey = z.string().regex(/^iso-42001:[A-Za-z0-9._-]+$/, 'Expected iso-42001:<clause id>').max(200);

/**
 * A version goes draft → in-review (submitted) → released (approved by a signature, four eyes); in review it may be
 * returned to draft. Releasing a version supersedes the one released before. Released and superseded versions never change.
 */
export const QMS_VERSION_STATES = ['draft', 'in-review', 'released', 'superseded'] as const;
export const QmsVersionState = z.enum(QMS_VERSION_STATES);
export type QmsVersionState = z.infer<typeof QmsVersionState>;

/** Where a document stands with its review: never released, fine, due within 30 days, or past its review date. */
export const QMS_REVIEW_STATES = ['none', 'ok', 'due-soon', 'overdue'] as const;
export const QmsReviewState = z.enum(QMS_REVIEW_STATES);
export type QmsReviewState = z.infer<typeof QmsReviewState>;

const Covers = {
  /** The Art. 17(1) elements the document covers. */
  art17Elements: z.array(Art17Element).max(ART_17_ELEMENT_IDS.length),
  /** The ISO/IEC 42001 clauses (4–10, any depth) it covers, as requirement keys. */
  isoClauses: z.array(QmsClauseKey).max(100),
};

const DocumentBody = z.strictObject({
  kind: QmsDocumentKind,
  title: z.string().trim().min(1).max(300),
  /** The user responsible for the document (reviews, reminders). */
  ownerId: Id,
  /** The organisational unit whose permissions guard the document. */
  orgUnitId: Id,
  /** Months between releases; the next review is due this long after a release. */
  reviewMonths: z.number().int().min(1).max(60),
  ...Covers,
});

/** POST /api/qms/documents: a document with its first draft (version 1). The unit defaults to the root unit. */
export const QmsDocumentCreate = DocumentBody.partial({ orgUnitId: true, reviewMonths: true, art17Elements: true, isoClauses: true }).extend({
  content: z.string().max(200_000).optional(),
  changeNote: z.string().trim().max(2000).optional(),
});
export type QmsDocumentCreate = z.infer<typeof QmsDocumentCreate>;

/** PATCH /api/qms/documents/{id}: the document's data; what it covers takes effect for released coverage with the next release. */
export const QmsDocumentUpdate = DocumentBody.partial().extend({
  version: z.number().int().min(1),
  reason: z.string().trim().max(1000).optional(),
});
export type QmsDocumentUpdate = z.infer<typeof QmsDocumentUpdate>;

/** What a version froze of its document when it was submitted: the released version is exported and counted with it. */
export const QmsVersionSnapshot = z.object({
  kind: QmsDocumentKind,
  title: z.string(),
  ownerId: Id,
  ownerLabel: z.string(),
  reviewMonths: z.number().int(),
  ...Covers,
});
export type QmsVersionSnapshot = z.infer<typeof QmsVersionSnapshot>;

export const QmsVersionSummary = z.object({
  number: z.number().int(),
  state: QmsVersionState,
  changeNote: z.string(),
  /** Optimistic lock of the version (edits, submit, return, approval). */
  version: z.number().int(),
  /** Everyone who wrote the version; none of them may approve it. */
  authorIds: z.array(z.string()),
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedBy: z.string(),
  updatedAt: Timestamp,
  submittedBy: z.string().nullable(),
  submittedAt: Timestamp.nullable(),
  /** The approver who signed the release. */
  releasedBy: z.string().nullable(),
  releasedAt: Timestamp.nullable(),
  signatureId: z.string().nullable(),
  /** Release date plus the review cycle at release. */
  nextReview: IsoDate.nullable(),
  supersededAt: Timestamp.nullable(),
});
export type QmsVersionSummary = z.infer<typeof QmsVersionSummary>;

/** GET /api/qms/documents/{id}/versions/{n}: a version with its Markdown content. */
export const QmsVersion = QmsVersionSummary.extend({
  documentId: Id,
  content: z.string(),
  snapshot: QmsVersionSnapshot.nullable(),
});
export type QmsVersion = z.infer<typeof QmsVersion>;

export const QmsDocument = z.object({
  id: Id,
  orgUnitId: Id,
  kind: QmsDocumentKind,
  title: z.string(),
  ownerId: Id,
  /** The owner's display name (and whether the account is still active). */
  ownerLabel: z.string(),
  ownerActive: z.boolean(),
  reviewMonths: z.number().int(),
  ...Covers,
  /** The version in force, when one is released. */
  released: z.object({ number: z.number().int(), releasedAt: Timestamp, releasedBy: z.string(), nextReview: IsoDate }).nullable(),
  /** The version being written or reviewed, when there is one. */
  working: z.object({ number: z.number().int(), state: z.enum(['draft', 'in-review']), updatedAt: Timestamp }).nullable(),
  reviewState: QmsReviewState,
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type QmsDocument = z.infer<typeof QmsDocument>;

export const QmsDocumentDetail = QmsDocument.extend({ versions: z.array(QmsVersionSummary) });
export type QmsDocumentDetail = z.infer<typeof QmsDocumentDetail>;

/** Filters of the document list: `status` released (a version is in force), draft or in-review (a version is being written or reviewed). */
export const QmsDocumentListQuery = z.strictObject({
  kind: QmsDocumentKind.optional(),
  ownerId: Id.optional(),
  status: z.enum(['draft', 'in-review', 'released']).optional(),
  review: QmsReviewState.optional(),
  orgUnitId: Id.optional(),
  q: z.string().trim().max(200).optional(),
  ...PageQuery,
});
export type QmsDocumentListQuery = z.infer<typeof QmsDocumentListQuery>;

export const QmsVersionParams = z.strictObject({ id: Id, number: z.coerce.number().int().min(1) });
export type QmsVersionParams = z.infer<typeof QmsVersionParams>;

/** PUT /api/qms/documents/{id}/versions/{n}: changes a draft. */
export const QmsDraftSave = z.strictObject({
  version: z.number().int().min(1),
  content: z.string().max(200_000),
  changeNote: z.string().trim().max(2000),
});
export type QmsDraftSave = z.infer<typeof QmsDraftSave>;

/** POST /api/qms/documents/{id}/versions: a new draft after a release (content defaults to the released text). */
export const QmsVersionCreate = z.strictObject({
  content: z.string().max(200_000).optional(),
  changeNote: z.string().trim().max(2000).optional(),
});
export type QmsVersionCreate = z.infer<typeof QmsVersionCreate>;

/** POST …/submit: the draft goes to review. */
export const QmsVersionSubmit = z.strictObject({ version: z.number().int().min(1) });
export type QmsVersionSubmit = z.infer<typeof QmsVersionSubmit>;

/** POST …/return: a version in review goes back to draft, with the reason. */
export const QmsVersionReturn = z.strictObject({ version: z.number().int().min(1), note: z.string().trim().min(1).max(2000) });
export type QmsVersionReturn = z.infer<typeof QmsVersionReturn>;

/** POST …/approve: the release as a signature with the re-entered password (four eyes: no author of the version). */
export const QmsVersionApprove = z.strictObject({
  version: z.number().int().min(1),
  ...SignerCredentialFields,
  comment: z.string().trim().max(2000).optional(),
});
export type QmsVersionApprove = z.infer<typeof QmsVersionApprove>;

export const QmsExportQuery = z.strictObject({ format: z.enum(['docx', 'pdf', 'md']).default('pdf'), lang: z.enum(['de', 'en']).default('de') });
export type QmsExportQuery = z.infer<typeof QmsExportQuery>;

/**
 * A cell of the coverage overview: covered (a released version in force covers it), overdue (covered only by
 * released documents past their review date), draft-only (only a draft or a version in review covers it), partial
 * (a clause with sub-clauses: some covered by a released version, some not) and missing.
 */
export const QMS_COVERAGE_STATES = ['covered', 'overdue', 'draft-only', 'partial', 'missing'] as const;
export const QmsCoverageState = z.enum(QMS_COVERAGE_STATES);
export type QmsCoverageState = z.infer<typeof QmsCoverageState>;

/** A document as it covers one row: through its released version (in time or overdue) or only through a draft. */
export const QmsCoverageDocument = z.object({
  id: Id,
  title: z.string(),
  kind: QmsDocumentKind,
  state: z.enum(['released', 'overdue', 'draft']),
  releasedNumber: z.number().int().nullable(),
  nextReview: IsoDate.nullable(),
});
export type QmsCoverageDocument = z.infer<typeof QmsCoverageDocument>;

export const QmsCoverageRow = z.object({
  /** Art. 17: the letter (`a`); ISO/IEC 42001: the requirement key (`iso-42001:clause-5-2`). */
  key: z.string(),
  ref: z.string(),
  title: Text,
  /** The catalogue requirement the row belongs to (Art. 17(1)(a)–(e) share `eu-ai-act:art-17-1-1`). */
  requirementKey: z.string(),
  /** 1 for a clause, 2 for a sub-clause, 3 below. */
  level: z.number().int().min(1),
  parentKey: z.string().nullable(),
  state: QmsCoverageState,
  documents: z.array(QmsCoverageDocument),
});
export type QmsCoverageRow = z.infer<typeof QmsCoverageRow>;

/** GET /api/qms/coverage */
export const QmsCoverage = z.object({
  today: IsoDate,
  art17: z.array(QmsCoverageRow),
  iso42001: z.array(QmsCoverageRow),
  /** Rows that no document covers at all (references, e.g. `Art. 17(1)(h)`, `9.2`). */
  missing: z.array(z.object({ key: z.string(), ref: z.string(), framework: z.enum(['art17', 'iso42001']) })),
  /** Released documents past their review date, and those due within 30 days. */
  overdue: z.array(QmsCoverageDocument),
  dueSoon: z.array(QmsCoverageDocument),
  counts: z.object({
    art17: z.object({ covered: z.number().int(), total: z.number().int() }),
    iso42001: z.object({ covered: z.number().int(), total: z.number().int() }),
  }),
});
export type QmsCoverage = z.infer<typeof QmsCoverage>;

export const QmsCoverageQuery = z.strictObject({ orgUnitId: Id.optional() });
export type QmsCoverageQuery = z.infer<typeof QmsCoverageQuery>;
