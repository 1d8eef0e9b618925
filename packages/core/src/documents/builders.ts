import type { DocumentLocale, DocumentType } from '../schemas/documents.js';
import { ANNEX_IV_SECTION_KEYS } from '../schemas/documents.js';
import { AnnexIvInputs, annexIvDocument, annexIvSections, annexIvTitle, type AnnexIvDocumentMeta, type AnnexIvSection } from './annex-iv.js';
import type { DocBlock, DocumentModel } from './model.js';

/**
 * One type of generated document: its section keys, how frozen inputs are read back, the sections with their
 * completeness, the document model, and a default title. A new type (instructions for use, declaration of
 * conformity, model card, …) is one more builder here plus a gatherer of its inputs on the server.
 */
export interface DocumentBuilder {
  type: DocumentType;
  sectionKeys: readonly string[];
  parseInputs(value: unknown): AnnexIvInputs;
  sections(inputs: AnnexIvInputs, lang: DocumentLocale): AnnexIvSection[];
  document(inputs: AnnexIvInputs, lang: DocumentLocale, meta: AnnexIvDocumentMeta, textBlocks: (markdown: string) => DocBlock[]): DocumentModel;
  title(subjectName: string, lang: DocumentLocale): string;
}

export const DOCUMENT_BUILDERS: Record<DocumentType, DocumentBuilder> = {
  'annex-iv': {
    type: 'annex-iv',
    sectionKeys: ANNEX_IV_SECTION_KEYS,
    parseInputs: (value) => AnnexIvInputs.parse(value),
    sections: annexIvSections,
    document: annexIvDocument,
    title: annexIvTitle,
  },
};
