import { z } from 'zod';
import type { DocumentLocale } from '../schemas/documents.js';
import { AuthoredTextsInput, section, type DocumentBuilder, type DocumentSubjectKind } from './engine.js';

/**
 * A builder whose sections are authored text only, with the subject's name for the head. Used while a document type
 * has no record-backed sections yet; it keeps the type usable end to end (write, release, verify).
 */
export const TextOnlyInputs = z.object({ builtAt: z.string(), subjectName: z.string(), unitName: z.string(), texts: AuthoredTextsInput });
export type TextOnlyInputs = z.infer<typeof TextOnlyInputs>;

export function textOnlyBuilder(
  subject: DocumentSubjectKind,
  idPrefix: string,
  titles: Record<DocumentLocale, string>,
  sections: readonly { key: string; de: { heading: string; guidance: string }; en: { heading: string; guidance: string } }[],
  onePerSubject = true,
): DocumentBuilder<TextOnlyInputs> {
  return {
    subject,
    onePerSubject,
    sectionKeys: sections.map((s) => s.key),
    parseInputs: (value) => TextOnlyInputs.parse(value),
    sections: (inputs, lang) => sections.map((s, i) => section(s.key, i, s[lang], { blocks: [], lacking: [], hasRecords: false, textExpected: true }, inputs.texts)),
    head: (inputs) => ({ id: `${idPrefix}-${inputs.subjectName}`, subtitle: inputs.subjectName, organisation: inputs.unitName }),
    title: (name, lang) => `${titles[lang]} – ${name}`,
  };
}
