import type { DocBlock, DocumentModel } from '@konform/core';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { clean, columnFractions, footerPrefix, imageSize, labelsFor, logoBox, metadataRows, normaliseRows } from './common.js';

// A4 portrait with 2.5 cm margins, in twips (1/20 pt).
const PAGE = { width: 11906, height: 16838, margin: 1417 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = 'Arial';
const HEADER_FILL = 'D9D9D9';
const KEY_FILL = 'F2F2F2';
const BULLET_LIST = 'konform-bullet';
const ORDERED_LIST = 'konform-ordered';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

interface RunStyle {
  bold?: boolean;
  size?: number;
}

/** Runs for a text with line breaks kept (each `\n` a `<w:br/>`). */
function runs(text: string, style: RunStyle = {}): TextRun[] {
  return clean(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold: style.bold, size: style.size }));
}

function cell(text: string, width: number, options: { bold?: boolean; fill?: string } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } : undefined,
    children: [new Paragraph({ spacing: { before: 0, after: 0 }, children: runs(text, { bold: options.bold }) })],
  });
}

function table(columns: string[] | null, rows: string[][], fractions: number[], boldFirstColumn = false): Table {
  const widths = fractions.map((f) => Math.round(f * TEXT_WIDTH));
  const header = columns
    ? [new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c, widths[i]!, { bold: true, fill: HEADER_FILL })) })]
    : [];
  const body = rows.map(
    (row) =>
      new TableRow({
        children: row.map((c, i) => cell(c, widths[i]!, boldFirstColumn && i === 0 ? { bold: true, fill: KEY_FILL } : {})),
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [...header, ...body],
  });
}

function keyValueTable(items: { key: string; value: string }[]): Table {
  return table(
    null,
    items.map((i) => [clean(i.key), clean(i.value)]),
    [0.32, 0.68],
    true,
  );
}

/** An empty paragraph after a table, so two tables never merge and the text below keeps its distance. */
const spacer = () => new Paragraph({ spacing: { before: 0, after: 120 }, children: [] });

function blockChildren(block: DocBlock, index: number): (Paragraph | Table)[] {
  switch (block.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], children: runs(block.text.replace(/\n+/g, ' ')) })];
    case 'paragraph':
      return [new Paragraph({ children: runs(block.text) })];
    case 'list':
      return block.items.map(
        (item) =>
          new Paragraph({
            numbering: { reference: block.ordered ? ORDERED_LIST : BULLET_LIST, level: 0, instance: index },
            spacing: { after: 60 },
            children: runs(item),
          }),
      );
    case 'table': {
      const columns = block.columns.map(clean);
      return [table(columns, normaliseRows(columns, block.rows), columnFractions(columns.length, block.widths)), spacer()];
    }
    case 'keyValue':
      // Word cannot open a table without rows.
      return block.items.length > 0 ? [keyValueTable(block.items), spacer()] : [];
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/** The organisation's logo (at most 6 × 2.5 cm, aspect kept); nothing when its size cannot be read. */
function logoParagraph(logo: NonNullable<DocumentModel['logo']>): Paragraph | null {
  const data = Buffer.from(logo.data, 'base64');
  const size = imageSize(data);
  if (!size) return null;
  // ImageRun sizes are pixels at 96 dpi: 6 cm ≈ 227 px, 2.5 cm ≈ 94 px.
  const box = logoBox(size, 227, 94);
  return new Paragraph({
    spacing: { after: 240 },
    children: [new ImageRun({ type: logo.mediaType === 'image/png' ? 'png' : 'jpg', data, transformation: box, altText: { name: 'Logo', description: 'Logo', title: 'Logo' } })],
  });
}

function titlePage(model: DocumentModel): (Paragraph | Table)[] {
  const logo = model.logo ? logoParagraph(model.logo) : null;
  const lines = model.titlePage?.lines ?? [];
  // With a logo or letterhead lines the title moves up, so the page still holds the metadata table.
  const children: (Paragraph | Table)[] = [new Paragraph({ spacing: { before: logo || lines.length > 0 ? 0 : 2400 }, children: [] })];
  if (logo) children.push(logo);
  if (lines.length > 0) {
    lines.forEach((line, i) => children.push(new Paragraph({ spacing: { after: i === lines.length - 1 ? 720 : 0 }, children: runs(line, { size: 22 }) })));
  }
  if (model.organisation) children.push(new Paragraph({ spacing: { after: 480 }, children: runs(model.organisation, { size: 24 }) }));
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(model.title) }));
  if (model.subtitle) children.push(new Paragraph({ spacing: { after: 480 }, children: runs(model.subtitle, { size: 30 }) }));
  if (model.marking) {
    const border = { style: BorderStyle.SINGLE, size: 12, color: '000000', space: 4 };
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 480, after: 480 },
        border: { top: border, bottom: border, left: border, right: border },
        children: runs(model.marking, { bold: true, size: 28 }),
      }),
    );
  }
  children.push(keyValueTable(metadataRows(model)));
  children.push(new Paragraph({ children: [new PageBreak()] }));
  return children;
}

function markingParagraph(marking: string | null): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, children: marking ? runs(marking, { bold: true }) : [] });
}

/** An editable Word document: title page, a TOC field over Heading 1–3, the body; marking in every page's header and footer. */
export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const l = labelsFor(model.language);
  const marking = model.marking ? clean(model.marking) : null;
  const lang = model.language === 'de' ? 'de-DE' : 'en-GB';

  const contents = [
    new Paragraph({ spacing: { after: 240 }, keepNext: true, children: [new TextRun({ text: l.contents, bold: true, size: 32 })] }),
    new TableOfContents(l.contents, { hyperlink: true, headingStyleRange: '1-3' }),
    new Paragraph({ children: [new PageBreak()] }),
  ];

  const header = new Header({ children: [markingParagraph(marking)] });
  const footer = new Footer({
    children: [
      markingParagraph(marking),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 60, after: 0 },
        children: [new TextRun({ size: 16, children: [`${footerPrefix(model)} · ${l.page} `, PageNumber.CURRENT, ` ${l.of} `, PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });

  const heading = (size: number, before: number) => ({
    run: { font: FONT, size, bold: true, color: '000000' },
    paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
  });
  const listLevel = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
    level: 0,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 567, hanging: 357 } } },
  });

  const doc = new Document({
    title: clean(model.title),
    subject: clean(model.subtitle ?? model.title),
    creator: clean(model.author ?? model.organisation ?? 'Konform'),
    lastModifiedBy: 'Konform',
    keywords: [model.marking, model.id].filter((k): k is string => !!k).map(clean).join('; '),
    description: footerPrefix(model),
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: { value: lang } }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: 48, bold: true, color: '000000' }, paragraph: { spacing: { after: 240 } } },
        heading1: heading(32, 480),
        heading2: heading(28, 360),
        heading3: heading(24, 240),
      },
    },
    numbering: {
      config: [
        { reference: BULLET_LIST, levels: [listLevel(LevelFormat.BULLET, '•')] },
        { reference: ORDERED_LIST, levels: [listLevel(LevelFormat.DECIMAL, '%1.')] },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 567, footer: 567 },
          },
        },
        headers: { default: header },
        footers: { default: footer },
        children: [...titlePage(model), ...contents, ...model.blocks.flatMap((b, i) => blockChildren(b, i))],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
