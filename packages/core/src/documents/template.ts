import type { DocumentTemplateBody, LogoMediaType } from '../schemas/document-templates.js';
import type { DocumentLocale } from '../schemas/documents.js';
import type { AuthoredTexts, DocumentBuilder, GeneratedSection } from './engine.js';
import type { DocBlock, DocumentModel } from './model.js';

/**
 * Applying an organisation's template to a generated document: the sections in the template's order, renumbered,
 * with its headings and guidance where it has them, its introduction above a section's content, and the title-page
 * lines and logo on the model. Pure: the server loads the template (or the one frozen into a version) and the logo.
 */

/** Where a template fails for a type's section keys: the field the problem names and why; null when it fits. */
export function templateProblem(body: DocumentTemplateBody, sectionKeys: readonly string[]): { field: string; message: string } | null {
  const seen = new Set<string>();
  for (const [i, s] of body.sections.entries()) {
    if (!sectionKeys.includes(s.key)) return { field: `sections.${i}.key`, message: `Unknown section "${s.key}"; expected one of ${sectionKeys.join(', ')}` };
    if (seen.has(s.key)) return { field: `sections.${i}.key`, message: `Section "${s.key}" is listed twice` };
    seen.add(s.key);
  }
  const absent = sectionKeys.filter((k) => !seen.has(k));
  if (absent.length > 0) return { field: 'sections', message: `Every section must be listed once; missing: ${absent.join(', ')}` };
  return null;
}

/**
 * The template's sections for the type's keys in print order: the template's order first, then any key the template
 * does not know (a section the type gained after the template was saved) in the type's order; unknown keys dropped.
 */
export function templateSections(body: DocumentTemplateBody | null, sectionKeys: readonly string[]): DocumentTemplateBody['sections'] {
  const listed = (body?.sections ?? []).filter((s, i, all) => sectionKeys.includes(s.key) && all.findIndex((x) => x.key === s.key) === i);
  const rest = sectionKeys.filter((k) => !listed.some((s) => s.key === k)).map((key) => ({ key, heading: null, guidance: null, intro: '' }));
  return [...listed, ...rest];
}

/**
 * The generated sections as the template orders and words them, numbered anew. `intro` turns a section's introduction
 * into blocks placed before its content; without it (the live completeness view) introductions are left out.
 */
export function applyTemplate(sections: readonly GeneratedSection[], body: DocumentTemplateBody | null, intro?: (markdown: string) => DocBlock[]): GeneratedSection[] {
  if (!body) return [...sections];
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const order = templateSections(body, sections.map((s) => s.key));
  return order.flatMap((t, index): GeneratedSection[] => {
    const s = byKey.get(t.key);
    if (!s) return [];
    const introBlocks = intro && t.intro.trim() !== '' ? intro(t.intro) : [];
    return [{ ...s, number: index + 1, heading: t.heading ?? s.heading, guidance: t.guidance ?? s.guidance, blocks: [...introBlocks, ...s.blocks] }];
  });
}

/** A logo ready for the model: its type and the bytes as base64. */
export interface TemplateLogo {
  mediaType: LogoMediaType;
  data: string;
}

/** The model with the template's title-page lines and the logo (both optional). */
export function withTitlePage(model: DocumentModel, body: DocumentTemplateBody | null, logo: TemplateLogo | null): DocumentModel {
  const lines = body?.titlePage.lines.filter((l) => l.trim() !== '') ?? [];
  return {
    ...model,
    ...(lines.length > 0 ? { titlePage: { lines } } : {}),
    ...(logo ? { logo: { mediaType: logo.mediaType, data: logo.data } } : {}),
  };
}

type Path = readonly PropertyKey[];
interface InputIssue {
  code: string;
  path: Path;
  expected?: string;
  values?: readonly unknown[];
}

const BLANKS: Record<string, unknown> = { string: '', number: 0, boolean: false, array: [], object: {}, record: {} };

function setAt(target: Record<PropertyKey, unknown>, path: Path, value: unknown): boolean {
  if (path.length === 0) return false;
  let node: Record<PropertyKey, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return false;
    node = next as Record<PropertyKey, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return true;
}

/**
 * The smallest inputs a builder accepts, found by filling what its parser reports missing with blanks ('' , 0,
 * false, [], {}, the first allowed value). Builders have no inputs-free list of their headings; the sections built
 * from blank inputs carry them. null when the parser wants more than blanks.
 */
export function blankInputs(parse: (value: unknown) => unknown): unknown {
  const value: Record<PropertyKey, unknown> = {};
  for (let round = 0; round < 50; round++) {
    try {
      return parse(value);
    } catch (error) {
      const issues = (error as { issues?: InputIssue[] }).issues;
      if (!Array.isArray(issues) || issues.length === 0) return null;
      let filled = false;
      for (const issue of issues) {
        const blank = issue.code === 'invalid_type' && issue.expected ? BLANKS[issue.expected] : issue.code === 'invalid_value' ? issue.values?.[0] : undefined;
        if (blank !== undefined) filled = setAt(value, issue.path, structuredClone(blank)) || filled;
      }
      if (!filled) return null;
    }
  }
  return null;
}

/** The type's own heading and guidance per section key, from sections built from blank inputs; empty when that fails. */
export function sectionDefaults<I extends { texts: AuthoredTexts }>(builder: DocumentBuilder<I>, lang: DocumentLocale): Map<string, { heading: string; guidance: string }> {
  try {
    const inputs = blankInputs((v) => builder.parseInputs(v));
    if (inputs === null) return new Map();
    return new Map(builder.sections(inputs as I, lang).map((s) => [s.key, { heading: s.heading, guidance: s.guidance }]));
  } catch {
    return new Map();
  }
}
