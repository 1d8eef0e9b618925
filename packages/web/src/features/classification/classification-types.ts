/** The stored-classification contract lives in @konform/core (schemas/classification.ts, schemas/systems.ts). */
export {
  CLASSIFICATION_STATUSES,
  type ClassificationApprove,
  type ClassificationDecide,
  type ClassificationDecided,
  type ClassificationRevision,
  type ClassificationStatus,
  type ClassificationTimeline,
  type Signature,
  type SystemClassification,
} from '@konform/core';

/** What the inventory list can filter by: a status, or every system without an approved classification. */
export const CLASSIFICATION_FILTERS = ['none', 'draft', 'approved', 'needs-review', 'unapproved'] as const;
export type ClassificationFilter = (typeof CLASSIFICATION_FILTERS)[number];
