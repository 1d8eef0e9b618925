import { z } from 'zod';
import type { DocumentLocale, LackingCode, SectionCompleteness, SectionStatus } from '../schemas/documents.js';
import { describeLacking } from './lacking.js';
import type { DocBlock, DocumentModel } from './model.js';

/**
 * The engine every generated document type shares (technical documentation, instructions for use, declaration of
 * conformity, registration data, model card, decision paper): a type lists its sections; each section carries what
 * the records contribute (blocks), the authored Markdown and what it still lacks. The composition into a document
 * model — title, signatures, numbered sections, authored text, lacking items — is the same for all types.
 */

/** Authored section text as frozen into a version; `updatedById` counts as an author for four eyes. */
export interface AuthoredText {
  markdown: string;
  updatedById: string | null;
  updatedByLabel: string;
}
export type AuthoredTexts = Record<string, AuthoredText>;
/** How frozen inputs hold the authored texts (every type's inputs have `texts`). */
export const AuthoredTextsInput = z.record(z.string(), z.object({ markdown: z.string(), updatedById: z.string().nullable(), updatedByLabel: z.string() }));

export type Lacking = SectionCompleteness['lacking'][number];

export interface GeneratedSection {
  key: string;
  number: number;
  heading: string;
  guidance: string;
  /** Whether authored text is expected (the records alone cannot fill the section). */
  textExpected: boolean;
  /** What the records contribute. */
  blocks: DocBlock[];
  /** The authored Markdown ('' when none). */
  text: string;
  completeness: SectionCompleteness;
}

export interface DocumentMeta {
  documentId: string;
  title: string;
  /** The version number; `draft` prints it as a draft and adds the draft marking. */
  number: number;
  draft: boolean;
  date: string;
  /** The classification marking, e.g. `VS – NUR FÜR DEN DIENSTGEBRAUCH`; null: none. */
  marking: string | null;
  /** Signatures printed in the document control block (released versions). */
  signoffs: { role: string; label: string; at: string }[];
}

/** What the subject of a document is: an AI system, or one model version (model card). */
export type DocumentSubjectKind = 'system' | 'model-version';

/** The head of a composed document: its printed id, subtitle and organisation. */
export interface DocumentHead {
  id: string;
  subtitle?: string;
  organisation?: string;
}

/**
 * One type of generated document: its sections, how frozen inputs are read back, and a default title. A new type is
 * one more builder in `builders.ts` plus a source on the server that gathers its inputs.
 */
export interface DocumentBuilder<I extends { texts: AuthoredTexts } = { texts: AuthoredTexts }> {
  subject: DocumentSubjectKind;
  /** Whether a subject has at most one document of this type per language (a decision paper may be written often). */
  onePerSubject: boolean;
  sectionKeys: readonly string[];
  parseInputs(value: unknown): I;
  sections(inputs: I, lang: DocumentLocale): GeneratedSection[];
  head(inputs: I, lang: DocumentLocale): DocumentHead;
  title(subjectName: string, lang: DocumentLocale): string;
  /** The JSON file of a release; by default the frozen inputs. Registration data gives the Annex VIII record. */
  json?(inputs: I, lang: DocumentLocale): unknown;
}

const ENGINE_TEXT = {
  de: { draft: 'ENTWURF', draftVersion: (n: number) => `Entwurf ${n}`, authored: 'Ergänzende Angaben' },
  en: { draft: 'DRAFT', draftVersion: (n: number) => `Draft ${n}`, authored: 'Further information' },
} as const;

/** Builds a section: authored text is looked up by key; the status follows from what is lacking and what is there. */
export function section(
  key: string,
  index: number,
  text: { heading: string; guidance: string },
  parts: { blocks: DocBlock[]; lacking: Lacking[]; hasRecords: boolean; textExpected: boolean; textRequired?: boolean },
  texts: AuthoredTexts,
): GeneratedSection {
  const authored = texts[key]?.markdown ?? '';
  const hasText = authored.trim() !== '';
  const lacking = [...parts.lacking];
  if ((parts.textRequired ?? parts.textExpected) && !hasText) lacking.push({ code: 'text-missing' satisfies LackingCode });
  const status: SectionStatus = lacking.length === 0 ? 'complete' : parts.hasRecords || hasText ? 'partial' : 'missing';
  return { key, number: index + 1, heading: text.heading, guidance: text.guidance, textExpected: parts.textExpected, blocks: parts.blocks, text: authored, completeness: { key, status, lacking } };
}

/** Collects key–value pairs that hold something; `filled` tells whether any did. */
export function keyValues(items: [string, string][]): { block: DocBlock | null; filled: boolean } {
  const filled = items.filter(([, v]) => v.trim() !== '');
  return filled.length === 0 ? { block: null, filled: false } : { block: { type: 'keyValue', items: filled.map(([key, value]) => ({ key, value })) }, filled: true };
}

/** Any document type as a document model; `textBlocks` turns authored Markdown into blocks (rendered safely). */
export function composeDocument<I extends { texts: AuthoredTexts }>(
  builder: DocumentBuilder<I>,
  inputs: I,
  lang: DocumentLocale,
  meta: DocumentMeta,
  textBlocks: (markdown: string) => DocBlock[],
  sections: GeneratedSection[] = builder.sections(inputs, lang),
): DocumentModel {
  const t = ENGINE_TEXT[lang];
  const head = builder.head(inputs, lang);
  const marking = meta.draft ? [t.draft, meta.marking].filter(Boolean).join(' · ') : meta.marking;
  const blocks: DocBlock[] = [];
  if (meta.signoffs.length > 0) blocks.push({ type: 'keyValue', items: meta.signoffs.map((s) => ({ key: s.role, value: `${s.label}, ${s.at}` })) });
  for (const s of sections) {
    blocks.push({ type: 'heading', level: 1, text: `${s.number}. ${s.heading}` });
    blocks.push(...s.blocks);
    if (s.text.trim() !== '') {
      if (s.blocks.length > 0) blocks.push({ type: 'heading', level: 2, text: t.authored });
      blocks.push(...textBlocks(s.text));
    }
    if (s.completeness.lacking.length > 0) blocks.push({ type: 'list', ordered: false, items: s.completeness.lacking.map((l) => describeLacking(l, lang)) });
  }
  return {
    id: head.id.replace(/\s+/g, '-').slice(0, 60),
    title: meta.title,
    subtitle: head.subtitle,
    version: meta.draft ? t.draftVersion(meta.number) : String(meta.number),
    date: meta.date,
    language: lang,
    marking,
    organisation: head.organisation || undefined,
    blocks,
  };
}

/** Sections that are `missing` (nothing from the records, no text): these block a submission. */
export function missingSections(completeness: readonly SectionCompleteness[]): string[] {
  return completeness.filter((c) => c.status === 'missing').map((c) => c.key);
}
