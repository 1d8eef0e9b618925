import {
  QmsVersionSnapshot,
  qmsReviewState,
  type Art17Element,
  type QmsDocument,
  type QmsDocumentKind,
  type QmsVersion,
  type QmsVersionState,
  type QmsVersionSummary,
} from '@konform/core';
import type { QmsDocumentVersionTable } from '../../db/schema.js';
import type { DocumentRow, VersionSummaryRow } from './repository.js';

export function presentDocument(row: DocumentRow, today: string): QmsDocument {
  const released =
    row.released_number !== null && row.released_at !== null && row.next_review !== null
      ? { number: Number(row.released_number), releasedAt: row.released_at, releasedBy: row.released_by_label ?? '', nextReview: row.next_review }
      : null;
  return {
    id: row.id,
    orgUnitId: row.org_unit_id,
    kind: row.kind as QmsDocumentKind,
    title: row.title,
    ownerId: row.owner_id,
    ownerLabel: row.owner_name,
    ownerActive: Number(row.owner_active) === 1,
    reviewMonths: Number(row.review_months),
    art17Elements: JSON.parse(row.art17_elements) as Art17Element[],
    isoClauses: JSON.parse(row.iso_clauses) as string[],
    released,
    working:
      row.working_number !== null && (row.working_state === 'draft' || row.working_state === 'in-review')
        ? { number: Number(row.working_number), state: row.working_state, updatedAt: row.updated_at }
        : null,
    reviewState: qmsReviewState(released?.nextReview ?? null, today),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentVersionSummary(row: VersionSummaryRow): QmsVersionSummary {
  return {
    number: Number(row.number),
    state: row.state as QmsVersionState,
    changeNote: row.change_note,
    version: Number(row.version),
    authorIds: JSON.parse(row.authors) as string[],
    createdBy: row.created_by_label,
    createdAt: row.created_at,
    updatedBy: row.updated_by_label,
    updatedAt: row.updated_at,
    submittedBy: row.submitted_by_label,
    submittedAt: row.submitted_at,
    releasedBy: row.released_by_label,
    releasedAt: row.released_at,
    signatureId: row.signature_id,
    nextReview: row.next_review,
    supersededAt: row.superseded_at,
  };
}

export function presentVersion(row: QmsDocumentVersionTable): QmsVersion {
  return {
    ...presentVersionSummary(row),
    documentId: row.document_id,
    content: row.content,
    snapshot: row.snapshot === null ? null : QmsVersionSnapshot.parse(JSON.parse(row.snapshot)),
  };
}
