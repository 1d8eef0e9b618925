/**
 * The document export engine: one model, three renderers.
 *
 * Every document Konform generates (risk assessments, conformity reports, …) is built once as a `DocumentModel`
 * (`@konform/core`: metadata plus heading / paragraph / list / table / keyValue / pageBreak blocks) and turned into
 * - DOCX (`docx.ts`, npm `docx`): editable; title page, a real TOC field over Heading 1–3 that Word updates,
 *   Word heading styles, tables with a repeating header row, real Word lists;
 * - PDF (`pdf.ts`, npm `pdfkit`, no browser): title page, table of contents with links and page numbers, bookmarks,
 *   tables that continue over pages with the header repeated; fonts are DejaVu Sans, bundled in
 *   `packages/server/assets/fonts/` and embedded (subset) in every PDF; nothing is fetched at run time;
 * - Markdown (`markdown.ts`): GFM with every piece of user text escaped, so it cannot inject HTML or markup.
 *
 * The classification marking (e.g. `VS – NUR FÜR DEN DIENSTGEBRAUCH`) is printed at the top and bottom of every
 * page (DOCX header and footer, PDF page margins; Markdown: first and last line), and every page's footer carries
 * `id · Version · Stand/Date · Seite X von Y / Page X of Y`. Fixed texts come in the model's language (de/en),
 * dates in a fixed format per language. The model is validated with the core schema before rendering, and the PDF's
 * creation date is the model's date, so the same model gives the same PDF bytes.
 */
import { DocumentModel, type DocumentFormat } from '@konform/core';
import { renderDocx } from './docx.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf.js';

export interface RenderedDocument {
  body: Buffer;
  contentType: string;
  /** Without the dot: `docx`, `pdf`, `md`. */
  extension: string;
}

const FORMATS: Record<DocumentFormat, { contentType: string; render: (model: DocumentModel) => Promise<Buffer> }> = {
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: renderDocx },
  pdf: { contentType: 'application/pdf', render: renderPdf },
  md: { contentType: 'text/markdown; charset=utf-8', render: renderMarkdown },
};

/** Renders a document model (validated against the core schema; throws a ZodError when it does not conform). */
export async function renderDocument(model: DocumentModel, format: DocumentFormat): Promise<RenderedDocument> {
  const entry = FORMATS[format];
  if (!entry) throw new Error(`Unknown document format: ${String(format)}`);
  const parsed = DocumentModel.parse(model);
  return { body: await entry.render(parsed), contentType: entry.contentType, extension: format };
}
