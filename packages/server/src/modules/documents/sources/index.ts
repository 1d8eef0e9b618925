import type { DocumentType } from '@konform/core';
import { annexIvSource } from './annex-iv.js';
import { declarationSource } from './declaration-of-conformity.js';
import { decisionPaperSource } from './decision-paper.js';
import { instructionsForUseSource } from './instructions-for-use.js';
import { modelCardSource } from './model-card.js';
import { registrationSource } from './registration.js';
import type { DocumentSource } from './subject.js';

export * from './subject.js';

/** How each document type gathers its inputs from the records (beside its builder in core). */
export const DOCUMENT_SOURCES: Record<DocumentType, DocumentSource> = {
  'annex-iv': annexIvSource,
  'instructions-for-use': instructionsForUseSource,
  'declaration-of-conformity': declarationSource,
  registration: registrationSource,
  'model-card': modelCardSource,
  'decision-paper': decisionPaperSource,
};
