import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocBlock, DocumentModel } from '@konform/core';
import PDFDocument from 'pdfkit';
import { clean, columnFractions, footerPrefix, imageSize, labelsFor, logoBox, metadataRows, normaliseRows, pageLabel } from './common.js';

/**
 * The bundled fonts (DejaVu Sans, free licence in the same folder). `assets/` sits two levels above this module
 * both in `src/documents/` (tsx, vitest) and in `dist/documents/` (built), so the same relative URL finds it.
 */
const FONT_DIR = new URL('../../assets/fonts/', import.meta.url);
export const PDF_FONT_FILES = {
  regular: fileURLToPath(new URL('DejaVuSans.ttf', FONT_DIR)),
  bold: fileURLToPath(new URL('DejaVuSans-Bold.ttf', FONT_DIR)),
} as const;

// A4 in points; 2.5 cm side margins; room above and below the text for the marking and the footer line.
const MARGIN = { top: 78, bottom: 84, left: 70.87, right: 70.87 };
const BODY_SIZE = 10.5;
const BODY_GAP = 2;
const TABLE_SIZE = 9;
const TABLE_GAP = 1.5;
const CELL_PAD = 4;
const HEADING = { 1: { size: 16, before: 16 }, 2: { size: 13.5, before: 12 }, 3: { size: 11.5, before: 10 } } as const;
const GREY_HEADER = '#d9d9d9';
const GREY_KEY = '#f2f2f2';
const RULE = '#808080';

type Doc = PDFKit.PDFDocument;

interface TocEntry {
  level: 1 | 2 | 3;
  text: string;
  dest: string;
  page: number;
}

const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const currentPage = (doc: Doc) => {
  const r = doc.bufferedPageRange();
  return r.start + r.count - 1;
};

/** Fonts by path: pdfkit caches a font under the name it was first given, so no `registerFont` aliases (each alias use would parse the file again). */
function setFont(doc: Doc, bold: boolean, size: number) {
  doc.font(bold ? PDF_FONT_FILES.bold : PDF_FONT_FILES.regular).fontSize(size);
}

/** Starts a new page when fewer than `height` points are left on this one. */
function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/**
 * Splits text into lines no wider than `maxWidth`: at `\n`, at spaces, and inside words too long for a line.
 * `measure` gives a string's width in the current font. Used for table cells, whose rows are laid out (and split
 * over pages) line by line.
 */
function wrap(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  const space = measure(' ');
  for (const para of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of para.split(/ +/)) {
      const w = measure(word);
      if (line === '' ? w <= maxWidth : lineWidth + space + w <= maxWidth) {
        lineWidth = line === '' ? w : lineWidth + space + w;
        line = line === '' ? word : `${line} ${word}`;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      // A word wider than the column: as many characters per line as fit (binary search), at least one.
      while (measure(rest) > maxWidth && rest.length > 1) {
        let lo = 1;
        let hi = rest.length - 1;
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (measure(rest.slice(0, mid)) <= maxWidth) lo = mid;
          else hi = mid - 1;
        }
        // Never between the two halves of a surrogate pair.
        if (lo < rest.length && /[\uDC00-\uDFFF]/.test(rest[lo]!)) lo = lo > 1 ? lo - 1 : lo + 1;
        lines.push(rest.slice(0, lo));
        rest = rest.slice(lo);
      }
      line = rest;
      lineWidth = measure(rest);
    }
    lines.push(line);
  }
  return lines;
}

/** `doc.widthOfString` in the given weight at the table size, cached: laying out long tables measures the same words often. */
function tableMeasure(doc: Doc) {
  const cache = new Map<string, number>();
  return (bold: boolean) => (s: string) => {
    const key = `${bold ? 'b' : 'r'}${s}`;
    let w = cache.get(key);
    if (w === undefined) {
      setFont(doc, bold, TABLE_SIZE);
      w = doc.widthOfString(s);
      cache.set(key, w);
    }
    return w;
  };
}

interface TableSpec {
  /** Header row, repeated at the top of every page the table continues on; null: none (key-value tables). */
  columns: string[] | null;
  rows: string[][];
  fractions: number[];
  boldFirstColumn?: boolean;
}

function drawTable(doc: Doc, spec: TableSpec) {
  setFont(doc, false, TABLE_SIZE);
  const lineHeight = doc.currentLineHeight() + TABLE_GAP;
  const left = doc.page.margins.left;
  const total = width(doc);
  const colWidths = spec.fractions.map((f) => f * total);
  const xs = colWidths.map((_, i) => left + colWidths.slice(0, i).reduce((a, b) => a + b, 0));
  const inner = (i: number) => Math.max(colWidths[i]! - 2 * CELL_PAD, 4);
  const isBold = (i: number, header: boolean) => header || (!!spec.boldFirstColumn && i === 0);

  const measure = tableMeasure(doc);
  const wrapRow = (cells: string[], header: boolean) => cells.map((c, i) => wrap(c, inner(i), measure(isBold(i, header))));
  const heightOf = (cellLines: string[][]) => Math.max(1, ...cellLines.map((l) => l.length)) * lineHeight - TABLE_GAP + 2 * CELL_PAD;

  const drawRow = (cellLines: string[][], y: number, header: boolean) => {
    const h = heightOf(cellLines);
    cellLines.forEach((lines, i) => {
      const fill = header ? GREY_HEADER : spec.boldFirstColumn && i === 0 ? GREY_KEY : null;
      if (fill) doc.rect(xs[i]!, y, colWidths[i]!, h).fill(fill);
      doc.lineWidth(0.5).rect(xs[i]!, y, colWidths[i]!, h).stroke(RULE);
      doc.fillColor('black');
      setFont(doc, isBold(i, header), TABLE_SIZE);
      lines.forEach((line, n) => {
        doc.text(line, xs[i]! + CELL_PAD, y + CELL_PAD + n * lineHeight, { lineBreak: false });
      });
    });
    return h;
  };

  const headerLines = spec.columns ? wrapRow(spec.columns, true) : null;
  const headerHeight = headerLines ? heightOf(headerLines) : 0;
  let y = doc.y;
  const newPage = () => {
    doc.addPage();
    y = doc.y;
    if (headerLines) y += drawRow(headerLines, y, true);
  };

  // The header never stands alone at the bottom of a page: it needs room for the first row (or its first line,
  // when that row is taller than a page anyway).
  const bodyHeight = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
  const first = spec.rows[0] ? heightOf(wrapRow(spec.rows[0], false)) : 0;
  const firstNeeds = first <= bodyHeight - headerHeight ? first : lineHeight + 2 * CELL_PAD;
  if (y > doc.page.margins.top + 0.5 && y + headerHeight + firstNeeds > bottom(doc)) {
    doc.addPage();
    y = doc.y;
  }
  if (headerLines) y += drawRow(headerLines, y, true);

  for (const row of spec.rows) {
    let lines = wrapRow(row, false);
    for (;;) {
      const h = heightOf(lines);
      const available = bottom(doc) - y;
      if (h <= available) {
        y += drawRow(lines, y, false);
        break;
      }
      const fitsOnFreshPage = h <= bodyHeight - headerHeight;
      const linesThatFit = Math.floor((available - 2 * CELL_PAD + TABLE_GAP) / lineHeight);
      const atPageTop = y <= doc.page.margins.top + headerHeight + 0.5;
      if (!atPageTop && (fitsOnFreshPage || linesThatFit < 1)) {
        newPage();
        continue;
      }
      // A row taller than a page: its first lines here, the rest on the next page under the repeated header
      // (at least one line per page, so even a header taller than a page cannot stall the layout).
      const n = Math.max(1, linesThatFit);
      y += drawRow(
        lines.map((l) => l.slice(0, n)),
        y,
        false,
      );
      lines = lines.map((l) => l.slice(n));
      if (lines.every((l) => l.length === 0)) break;
      newPage();
    }
  }
  doc.x = left;
  doc.y = y + 10;
}

function drawHeading(doc: Doc, level: 1 | 2 | 3, text: string, toc: TocEntry[]) {
  const style = HEADING[level];
  const left = doc.page.margins.left;
  setFont(doc, true, style.size);
  const h = doc.heightOfString(text, { width: width(doc) });
  setFont(doc, false, BODY_SIZE);
  // Keep with next: the heading and three lines of what follows, or a new page.
  if (doc.y > doc.page.margins.top) doc.y += style.before;
  ensureSpace(doc, h + 3 * (doc.currentLineHeight(true) + BODY_GAP));
  const dest = `h${toc.length + 1}`;
  toc.push({ level, text, dest, page: currentPage(doc) });
  setFont(doc, true, style.size);
  doc.text(text, left, doc.y, { width: width(doc), destination: dest });
  doc.y += 4;
}

function drawList(doc: Doc, items: string[], ordered: boolean) {
  const left = doc.page.margins.left;
  setFont(doc, false, BODY_SIZE);
  const indent = ordered ? 15 + doc.widthOfString(`${items.length}.`) : 16;
  items.forEach((raw, i) => {
    const item = clean(raw);
    ensureSpace(doc, doc.currentLineHeight(true) + BODY_GAP);
    const y = doc.y;
    doc.text(ordered ? `${i + 1}.` : '•', left + 4, y, { lineBreak: false });
    doc.text(item, left + indent, y, { width: width(doc) - indent, lineGap: BODY_GAP });
    doc.y += 3;
  });
  doc.x = left;
  doc.y += 4;
}

function drawBlock(doc: Doc, block: DocBlock, toc: TocEntry[]) {
  const left = doc.page.margins.left;
  switch (block.type) {
    case 'heading':
      return drawHeading(doc, block.level, clean(block.text).replace(/\n+/g, ' '), toc);
    case 'paragraph':
      setFont(doc, false, BODY_SIZE);
      ensureSpace(doc, doc.currentLineHeight(true));
      doc.text(clean(block.text), left, doc.y, { width: width(doc), lineGap: BODY_GAP });
      doc.y += 7;
      return;
    case 'list':
      return drawList(doc, block.items, block.ordered);
    case 'table': {
      const columns = block.columns.map(clean);
      return drawTable(doc, { columns, rows: normaliseRows(columns, block.rows), fractions: columnFractions(columns.length, block.widths) });
    }
    case 'keyValue':
      return drawTable(doc, { columns: null, rows: block.items.map((i) => [clean(i.key), clean(i.value)]), fractions: [0.32, 0.68], boldFirstColumn: true });
    case 'pageBreak':
      // No empty page when the current one has nothing on it yet.
      if (doc.y > doc.page.margins.top + 0.5) doc.addPage();
      return;
  }
}

/** The logo (at most 170 × 70 pt, aspect kept) and the letterhead lines at the top of the title page. */
function drawLetterhead(doc: Doc, model: DocumentModel): boolean {
  const left = doc.page.margins.left;
  const w = width(doc);
  const lines = model.titlePage?.lines ?? [];
  const data = model.logo ? Buffer.from(model.logo.data, 'base64') : null;
  const size = data ? imageSize(data) : null;
  if (!size && lines.length === 0) return false;
  doc.y = doc.page.margins.top;
  if (data && size) {
    const box = logoBox(size, 170, 70);
    doc.image(data, left, doc.y, { width: box.width, height: box.height });
    doc.y += box.height + 18;
  }
  setFont(doc, false, 11);
  for (const line of lines) doc.text(clean(line), left, doc.y, { width: w, lineGap: 2 });
  return true;
}

function drawTitlePage(doc: Doc, model: DocumentModel) {
  const left = doc.page.margins.left;
  const w = width(doc);
  const letterhead = drawLetterhead(doc, model);
  doc.y = letterhead ? Math.max(doc.y + 40, 200) : 200;
  if (model.organisation) {
    setFont(doc, false, 12);
    doc.text(clean(model.organisation), left, doc.y, { width: w });
    doc.y += 24;
  }
  setFont(doc, true, 24);
  doc.text(clean(model.title), left, doc.y, { width: w, lineGap: 4 });
  if (model.subtitle) {
    doc.y += 8;
    setFont(doc, false, 14);
    doc.text(clean(model.subtitle), left, doc.y, { width: w, lineGap: 2 });
  }
  doc.y += 30;
  if (model.marking) {
    setFont(doc, true, 13);
    const h = doc.heightOfString(clean(model.marking), { width: w - 24, align: 'center' });
    const top = doc.y;
    doc.lineWidth(1.2).rect(left, top, w, h + 20).stroke('black');
    doc.text(clean(model.marking), left + 12, top + 10, { width: w - 24, align: 'center' });
    doc.y = top + h + 40;
  }
  drawTable(doc, { columns: null, rows: metadataRows(model).map((r) => [r.key, r.value]), fractions: [0.32, 0.68], boldFirstColumn: true });
}

/**
 * Lays out the table of contents from its entries alone (page numbers sit in a fixed column), so the number of
 * pages it needs is known before the body is written: `draw` false only measures.
 */
function layoutToc(doc: Doc, model: DocumentModel, entries: { level: 1 | 2 | 3; text: string }[], firstPage: number, draw: TocEntry[] | null): number {
  const left = doc.page.margins.left;
  const w = width(doc);
  const numberColumn = 36;
  let page = 0;
  let y = doc.page.margins.top;
  const go = (p: number) => {
    if (draw) doc.switchToPage(firstPage + p);
  };
  go(0);
  setFont(doc, true, 16);
  const title = labelsFor(model.language).contents;
  if (draw) doc.text(title, left, y, { width: w, lineBreak: false });
  y += doc.heightOfString(title) + 14;
  entries.forEach((entry, i) => {
    const indent = (entry.level - 1) * 16;
    setFont(doc, entry.level === 1, entry.level === 1 ? 10.5 : 10);
    const textWidth = w - indent - numberColumn;
    const h = doc.heightOfString(entry.text, { width: textWidth, lineGap: 1 });
    const before = entry.level === 1 && i > 0 ? 5 : 1.5;
    if (y + before + h > bottom(doc)) {
      page++;
      y = doc.page.margins.top;
      go(page);
    } else {
      y += before;
    }
    const target = draw?.[i];
    if (target) {
      doc.text(entry.text, left + indent, y, { width: textWidth, lineGap: 1, goTo: target.dest });
      doc.text(String(target.page + 1), left + w - numberColumn, y, { width: numberColumn, align: 'right', lineBreak: false, goTo: target.dest });
    }
    y += h;
  });
  return page + 1;
}

/** Marking centred at the top and bottom of every page, and the footer line with "Seite X von Y". */
function decoratePages(doc: Doc, model: DocumentModel) {
  const range = doc.bufferedPageRange();
  const total = range.count;
  const marking = model.marking ? clean(model.marking) : null;
  const prefix = footerPrefix(model);
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins;
    // Writing inside the margins must not make pdfkit start a new page.
    doc.page.margins = { top: 0, bottom: 0, left: saved.left, right: saved.right };
    const left = saved.left;
    const w = doc.page.width - saved.left - saved.right;
    const h = doc.page.height;
    doc.fillColor('black');
    if (marking) {
      setFont(doc, true, 9);
      doc.text(marking, left, 30, { width: w, align: 'center' });
    }
    doc.lineWidth(0.5).moveTo(left, saved.top - 16).lineTo(left + w, saved.top - 16).stroke(RULE);
    doc.lineWidth(0.5).moveTo(left, h - saved.bottom + 14).lineTo(left + w, h - saved.bottom + 14).stroke(RULE);
    setFont(doc, false, 8);
    doc.text(`${prefix} · ${pageLabel(model.language, i - range.start + 1, total)}`, left, h - saved.bottom + 22, { width: w, align: 'center' });
    if (marking) {
      setFont(doc, true, 9);
      doc.text(marking, left, h - saved.bottom + 40, { width: w, align: 'center' });
    }
    doc.page.margins = saved;
  }
}

/** A PDF made by pdfkit with the bundled DejaVu fonts embedded (subset); no browser, no network. */
export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  for (const file of Object.values(PDF_FONT_FILES)) {
    if (!existsSync(file)) throw new Error(`PDF font missing: ${file} (packages/server/assets/fonts must be deployed with the server)`);
  }
  // The document's date as creation date, so the same model gives the same bytes.
  const date = new Date(`${model.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    font: PDF_FONT_FILES.regular,
    lang: model.language === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    info: {
      Title: clean(model.title),
      Author: clean(model.author ?? model.organisation ?? ''),
      Subject: clean(model.subtitle ?? model.title),
      Keywords: [model.marking, model.id, model.version].filter((k): k is string => !!k).map(clean).join('; '),
      Creator: 'Konform',
      Producer: 'Konform',
      CreationDate: date,
      ModDate: date,
    },
  });

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  drawTitlePage(doc, model);

  const headings = model.blocks.flatMap((b) => (b.type === 'heading' ? [{ level: b.level, text: clean(b.text).replace(/\n+/g, ' ') }] : []));
  let tocFirstPage = -1;
  if (headings.length > 0) {
    doc.addPage();
    tocFirstPage = currentPage(doc);
    const tocPages = layoutToc(doc, model, headings, tocFirstPage, null);
    for (let p = 1; p < tocPages; p++) doc.addPage();
  }

  doc.addPage();
  const toc: TocEntry[] = [];
  for (const block of model.blocks) drawBlock(doc, block, toc);

  if (headings.length > 0) layoutToc(doc, model, headings, tocFirstPage, toc);
  const outlines: PDFKit.PDFOutline[] = [doc.outline];
  for (const entry of toc) {
    doc.switchToPage(entry.page);
    const parent = outlines[Math.min(entry.level - 1, outlines.length - 1)]!;
    outlines.length = Math.min(entry.level, outlines.length);
    outlines.push(parent.addItem(entry.text));
  }
  decoratePages(doc, model);
  doc.end();
  return done;
}
