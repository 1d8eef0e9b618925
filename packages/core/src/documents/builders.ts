import type { DocumentType } from '../schemas/documents.js';
import { ANNEX_IV_SECTION_KEYS } from '../schemas/documents.js';
import { AnnexIvInputs, annexIvHead, annexIvSections, annexIvTitle } from './annex-iv.js';
import { declarationBuilder } from './declaration-of-conformity.js';
import { decisionPaperBuilder } from './decision-paper.js';
import type { DocumentBuilder } from './engine.js';
import { instructionsForUseBuilder } from './instructions-for-use.js';
import { modelCardBuilder } from './model-card.js';
import { registrationBuilder } from './registration.js';

export const annexIvBuilder: DocumentBuilder<AnnexIvInputs> = {
  subject: 'system',
  onePerSubject: true,
  sectionKeys: ANNEX_IV_SECTION_KEYS,
  parseInputs: (value) => AnnexIvInputs.parse(value),
  sections: annexIvSections,
  head: annexIvHead,
  title: annexIvTitle,
};

/** Every generated document type and its builder; the server holds one input source per type beside it. */
export const DOCUMENT_BUILDERS: Record<DocumentType, DocumentBuilder> = {
  'annex-iv': annexIvBuilder,
  'instructions-for-use': instructionsForUseBuilder,
  'declaration-of-conformity': declarationBuilder,
  registration: registrationBuilder,
  'model-card': modelCardBuilder,
  'decision-paper': decisionPaperBuilder,
};
