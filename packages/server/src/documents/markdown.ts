import type { DocBlock, DocumentModel } from '@konform/core';
import { clean, columnFractions, labelsFor, metadataRows, normaliseRows } from './common.js';

/**
 * User text as literal Markdown (CommonMark/GFM) text: `&`, `<` and `>` as entities, so no HTML or autolink
 * can be injected; inline syntax (`\`, `` ` ``, `*`, `_`, `[`, `]`, `|`, `~`, `#`, `!`) backslash-escaped; and what
 * would start a block at the beginning of a line (`-`, `+`, `=`, `1.`, `1)`, leading spaces) neutralised.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, '\\$&');
}

function escapeLine(line: string): string {
  return escapeInline(line.trimStart())
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** Multi-line text as one Markdown paragraph (or several, at blank lines), line breaks kept as hard breaks. */
function paragraph(text: string, continuationIndent = ''): string {
  return clean(text)
    .split(/\n\s*\n/)
    .map((para) =>
      para
        .split('\n')
        .map(escapeLine)
        .filter((l) => l !== '')
        .join(`\\\n${continuationIndent}`),
    )
    .filter((p) => p !== '')
    .join(continuationIndent ? `\\\n${continuationIndent}` : '\n\n');
}

/** Text for a single line (headings, title, marking): line breaks become spaces. */
function oneLine(text: string): string {
  return clean(text).replace(/\s*\n\s*/g, ' ').trim();
}

/** A table cell: one line (`<br>` for line breaks), `|` escaped by `escapeInline`. */
function cell(text: string): string {
  return clean(text)
    .split('\n')
    .map((l) => escapeInline(l.trim()))
    .join('<br>');
}

function pipeTable(columns: string[], rows: string[][], fractions?: number[]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  // Relative widths become dash counts (renderers that honour them, e.g. pandoc, size the columns accordingly).
  const dashes = (fractions ?? columns.map(() => 1 / columns.length)).map((f) => '-'.repeat(Math.max(3, Math.round(f * 30))));
  return [line(columns), `| ${dashes.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** `alternate`: use the other list marker (`*`, `1)`), so a list right after one of the same kind stays a list of its own. */
function block(b: DocBlock, model: DocumentModel, alternate: boolean): string | null {
  const l = labelsFor(model.language);
  switch (b.type) {
    case 'heading':
      // The document title is the only `#`; the model's levels 1–3 become `##`–`####`.
      return `${'#'.repeat(b.level + 1)} ${escapeInline(oneLine(b.text))}`;
    case 'paragraph':
      return paragraph(b.text) || null;
    case 'list':
      if (b.items.length === 0) return null;
      return b.items
        .map((item, i) => {
          const marker = b.ordered ? `${i + 1}${alternate ? ')' : '.'}` : alternate ? '*' : '-';
          return `${marker} ${paragraph(item, ' '.repeat(marker.length + 1))}`;
        })
        .join('\n');
    case 'table': {
      const columns = b.columns.map(clean);
      return pipeTable(columns, normaliseRows(columns, b.rows), columnFractions(columns.length, b.widths));
    }
    case 'keyValue':
      if (b.items.length === 0) return null;
      return pipeTable(
        [l.field, l.value],
        b.items.map((i) => [i.key, i.value]),
        [0.32, 0.68],
      );
    case 'pageBreak':
      return '---';
  }
}

/** Markdown: marking at the top and bottom, a front block with the document's metadata, then the body. */
export async function renderMarkdown(model: DocumentModel): Promise<Buffer> {
  const l = labelsFor(model.language);
  const marking = model.marking ? `**${escapeInline(oneLine(model.marking))}**` : null;
  const parts: string[] = [];
  if (marking) parts.push(marking);
  // The letterhead lines of the organisation's template (the logo is left out: Markdown carries no images here).
  const letterhead = (model.titlePage?.lines ?? []).map((line) => escapeLine(oneLine(line))).filter((line) => line !== '');
  if (letterhead.length > 0) parts.push(letterhead.join('\\\n'));
  parts.push(`# ${escapeInline(oneLine(model.title))}`);
  if (model.subtitle?.trim()) parts.push(`_${escapeInline(oneLine(model.subtitle))}_`);
  parts.push(
    pipeTable(
      [l.field, l.value],
      metadataRows(model).map((r) => [r.key, r.value]),
      [0.32, 0.68],
    ),
  );
  parts.push('---');
  let previous: DocBlock | undefined;
  let alternated = false;
  for (const b of model.blocks) {
    const alternate: boolean = b.type === 'list' && previous?.type === 'list' && previous.ordered === b.ordered && !alternated;
    const text = block(b, model, alternate);
    if (text) {
      parts.push(text);
      previous = b;
      alternated = alternate;
    }
  }
  if (marking) parts.push('---', marking);
  return Buffer.from(`${parts.join('\n\n')}\n`, 'utf8');
}
