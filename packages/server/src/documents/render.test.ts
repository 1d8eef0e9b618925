import type { DocumentModelInput } from '@konform/core';
import JSZip from 'jszip';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDF_FONT_FILES } from './pdf.js';
import { renderDocument } from './render.js';

const MARKING = 'VS – NUR FÜR DEN DIENSTGEBRAUCH';
const ROWS = 120;
const money = (i: number) => `${(1000 + i * 37).toLocaleString('de-DE')},00`;

function germanModel(): DocumentModelInput {
  return {
    id: 'RISK-KI-ASSIST-2025-03-07',
    title: 'Risikobewertung „KI-Assistent für Bürgeranfragen“',
    subtitle: 'Prüfung nach Art. 9 KI-Verordnung – Größenordnung & Maßnahmen',
    version: '1.2',
    date: '2025-03-07',
    language: 'de',
    marking: MARKING,
    organisation: 'Bundesamt für Übungszwecke',
    author: 'Jürgen Weiß',
    blocks: [
      { type: 'heading', level: 1, text: 'Zusammenfassung' },
      {
        type: 'paragraph',
        text: 'Die Prüfung ergab ein mittleres Risiko – Größere Änderungen sind nötig… Straße, Fußgänger: ÄÖÜ äöü ß.\nZweite Zeile mit a|b und <script>alert(1)</script>\u0007.',
      },
      { type: 'paragraph', text: '# keine Überschrift\n- keine Liste\n1. keine Aufzählung' },
      {
        type: 'keyValue',
        items: [
          { key: 'Risikostufe', value: 'Hoch' },
          { key: 'Verantwortlich', value: 'Referat Z 3 – Künstliche Intelligenz' },
        ],
      },
      { type: 'heading', level: 2, text: 'Maßnahmen' },
      { type: 'list', ordered: true, items: ['Protokollierung einführen', 'Menschliche Aufsicht sicherstellen', 'Schulung der Beschäftigten'] },
      { type: 'list', items: ['Datenschutz-Folgenabschätzung', 'Barrierefreiheit prüfen'] },
      { type: 'heading', level: 3, text: 'Kostenübersicht' },
      {
        type: 'table',
        columns: ['Nr.', 'Risiko', 'Wahrscheinlichkeit', 'Schaden (€)'],
        widths: [1, 5, 2, 2],
        rows: [
          ...Array.from({ length: ROWS }, (_, i) => [
            String(i + 1),
            `Risiko Nr. ${i + 1}: Übermäßige Abhängigkeit von automatisierten Entscheidungen${i % 7 === 0 ? ' mit einer längeren Begründung, die über mehrere Zeilen umbricht' : ''}`,
            i % 3 === 0 ? 'hoch' : 'gering',
            money(i),
          ]),
          ['Σ', 'Zelle mit a|b\nund Umbruch', '<b>fett?</b>'],
        ],
      },
      { type: 'pageBreak' },
      { type: 'heading', level: 1, text: 'Anhang' },
      { type: 'paragraph', text: 'Ende des Dokuments.' },
    ],
  };
}

function englishModel(): DocumentModelInput {
  return {
    id: 'CONF-42',
    title: 'Conformity report',
    version: '3',
    date: '2025-11-02',
    language: 'en',
    marking: 'RESTRICTED',
    blocks: [
      { type: 'heading', level: 1, text: 'Summary' },
      { type: 'paragraph', text: 'All good.' },
    ],
  };
}

const render = (model: DocumentModelInput, format: 'docx' | 'pdf' | 'md') => renderDocument(model as never, format);

// ---------------------------------------------------------------- DOCX helpers

async function unzipDocx(body: Buffer) {
  const zip = await JSZip.loadAsync(body);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`missing part ${name}`);
    return file.async('string');
  };
  const names = Object.keys(zip.files);
  const headers = await Promise.all(names.filter((n) => /^word\/header\d*\.xml$/.test(n)).map(read));
  const footers = await Promise.all(names.filter((n) => /^word\/footer\d*\.xml$/.test(n)).map(read));
  return { document: await read('word/document.xml'), settings: await read('word/settings.xml'), numbering: await read('word/numbering.xml'), core: await read('docProps/core.xml'), headers, footers };
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Paragraphs of a WordprocessingML part: style, numbering id, text of their `w:t` runs. */
function paragraphs(xml: string) {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    xml: p,
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    numId: /<w:numId w:val="(\d+)"/.exec(p)?.[1] ?? null,
    text: unescapeXml([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  }));
}

/** The number format of a list (`w:num` → abstract numbering → level 0). */
function listFormat(numbering: string, numId: string): string | undefined {
  const abstractId = new RegExp(`<w:num w:numId="${numId}"[^>]*>\\s*<w:abstractNumId w:val="(\\d+)"`).exec(numbering)?.[1];
  const abstract = new RegExp(`<w:abstractNum w:abstractNumId="${abstractId}"[\\s\\S]*?</w:abstractNum>`).exec(numbering)?.[0] ?? '';
  return /<w:lvl w:ilvl="0"[\s\S]*?<w:numFmt w:val="([^"]+)"/.exec(abstract)?.[1];
}

// ---------------------------------------------------------------- PDF helpers

interface PdfPageText {
  height: number;
  items: { str: string; y: number }[];
  text: string;
  fonts: { name: string; missingFile: boolean }[];
}

async function parsePdf(body: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(body), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: PdfPageText[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const items = content.items.flatMap((i) => ('str' in i && i.str.trim() !== '' ? [{ str: i.str, y: i.transform[5] as number }] : []));
    const ops = await page.getOperatorList();
    const fontIds = new Set(ops.fnArray.flatMap((fn, i) => (fn === OPS.setFont ? [String((ops.argsArray[i] as unknown[])[0])] : [])));
    const fonts = [...fontIds].map((id) => {
      const font = page.commonObjs.get(id) as { name: string; missingFile: boolean };
      return { name: font.name, missingFile: font.missingFile };
    });
    pages.push({ height: page.view[3]!, items, text: items.map((i) => i.str).join('\n'), fonts });
  }
  const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, string> };
  await pdf.destroy();
  return { pages, info };
}

// ---------------------------------------------------------------- tests

describe('renderDocument: DOCX', () => {
  let docx: Awaited<ReturnType<typeof unzipDocx>>;
  let contentType: string;
  let extension: string;
  beforeAll(async () => {
    const out = await render(germanModel(), 'docx');
    contentType = out.contentType;
    extension = out.extension;
    docx = await unzipDocx(out.body);
  });

  it('is a Word document', () => {
    expect(contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(extension).toBe('docx');
  });

  it('has the headings in Heading 1–3 styles, in order', () => {
    const headings = paragraphs(docx.document).filter((p) => p.style?.startsWith('Heading'));
    expect(headings.map((h) => [h.style, h.text])).toEqual([
      ['Heading1', 'Zusammenfassung'],
      ['Heading2', 'Maßnahmen'],
      ['Heading3', 'Kostenübersicht'],
      ['Heading1', 'Anhang'],
    ]);
  });

  it('has a title page with title, subtitle, organisation, document id, version, date and marking', () => {
    const all = paragraphs(docx.document);
    const title = all.find((p) => p.style === 'Title');
    expect(title?.text).toBe('Risikobewertung „KI-Assistent für Bürgeranfragen“');
    const beforeToc = docx.document.slice(0, docx.document.indexOf('<w:sdt>'));
    const text = paragraphs(beforeToc).map((p) => p.text);
    for (const expected of ['Prüfung nach Art. 9 KI-Verordnung – Größenordnung & Maßnahmen', 'Bundesamt für Übungszwecke', 'Dokument-ID', 'RISK-KI-ASSIST-2025-03-07', 'Version', '1.2', 'Stand', '07.03.2025', MARKING]) {
      expect(text).toContain(expected);
    }
  });

  it('has a real TOC field over the heading styles, updated by Word on opening', () => {
    expect(docx.document).toMatch(/<w:docPartGallery w:val="Table of Contents"\/>/);
    const instr = [...docx.document.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => unescapeXml(m[1]!));
    expect(instr.some((i) => /^TOC\b.*\\o "1-3"/.test(i))).toBe(true);
    expect(docx.document).toMatch(/<w:fldChar w:fldCharType="begin"[^>]*\/><w:instrText[^>]*>TOC /);
    expect(docx.settings).toContain('<w:updateFields');
    expect(paragraphs(docx.document).some((p) => p.text === 'Inhaltsverzeichnis')).toBe(true);
  });

  it('renders the table with a repeated header row and all figures', () => {
    const tables = [...docx.document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const table = tables.find((t) => t.includes('Kostenübersicht') || t.includes('Schaden (€)'));
    expect(table).toBeDefined();
    const rows = [...table!.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(ROWS + 2);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[1]).not.toContain('<w:tblHeader/>');
    expect(paragraphs(rows[0]!).map((p) => p.text)).toEqual(['Nr.', 'Risiko', 'Wahrscheinlichkeit', 'Schaden (€)']);
    expect(paragraphs(rows[1]!).map((p) => p.text)).toEqual(['1', expect.stringContaining('Risiko Nr. 1: Übermäßige Abhängigkeit') as string, 'hoch', '1.000,00']);
    expect(paragraphs(rows[ROWS]!).map((p) => p.text)).toEqual(['120', expect.stringContaining('Risiko Nr. 120') as string, 'gering', money(ROWS - 1)]);
    // The short last row is padded to four cells; the line break in a cell is a real break.
    const last = paragraphs(rows[ROWS + 1]!);
    expect(last.map((p) => p.text)).toEqual(['Σ', 'Zelle mit a|bund Umbruch', '<b>fett?</b>', '']);
    expect(last[1]!.xml).toContain('<w:br/>');
  });

  it('renders key-value blocks as a two-column table', () => {
    const table = [...docx.document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('Risikostufe'));
    const rows = [...table!.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => paragraphs(m[0]).map((p) => p.text));
    expect(rows).toEqual([
      ['Risikostufe', 'Hoch'],
      ['Verantwortlich', 'Referat Z 3 – Künstliche Intelligenz'],
    ]);
  });

  it('renders lists as Word numbering: decimal for ordered, bullet otherwise, each list restarting', () => {
    const items = paragraphs(docx.document).filter((p) => p.numId);
    expect(items.map((i) => i.text)).toEqual(['Protokollierung einführen', 'Menschliche Aufsicht sicherstellen', 'Schulung der Beschäftigten', 'Datenschutz-Folgenabschätzung', 'Barrierefreiheit prüfen']);
    expect(listFormat(docx.numbering, items[0]!.numId!)).toBe('decimal');
    expect(listFormat(docx.numbering, items[3]!.numId!)).toBe('bullet');
    expect(new Set(items.slice(0, 3).map((i) => i.numId)).size).toBe(1);
    expect(items[3]!.numId).not.toBe(items[0]!.numId);
  });

  it('puts the marking centred and bold in the header and footer, and id · version · date · page X of Y in the footer', () => {
    expect(docx.document).toMatch(/<w:headerReference w:type="default"/);
    expect(docx.document).toMatch(/<w:footerReference w:type="default"/);
    expect(docx.headers).toHaveLength(1);
    expect(docx.footers).toHaveLength(1);
    for (const part of [docx.headers[0]!, docx.footers[0]!]) {
      const marking = paragraphs(part).find((p) => p.text === MARKING);
      expect(marking).toBeDefined();
      expect(marking!.xml).toContain('<w:jc w:val="center"/>');
      expect(marking!.xml).toContain('<w:b/>');
    }
    const footer = paragraphs(docx.footers[0]!).find((p) => p.text.includes('Seite'));
    expect(footer?.text).toBe('RISK-KI-ASSIST-2025-03-07 · Version 1.2 · Stand 07.03.2025 · Seite  von ');
    expect(footer!.xml).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]*<w:t[^>]*> von <\/w:t>[\s\S]*<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
  });

  it('escapes markup and drops characters XML forbids', () => {
    expect(docx.document).toContain('a|b und &lt;script&gt;alert(1)&lt;/script&gt;.');
    expect(docx.document).not.toContain('<script>');
    expect(docx.document).not.toContain('\u0007');
  });

  it('sets the document properties', () => {
    expect(docx.core).toContain('<dc:title>Risikobewertung „KI-Assistent für Bürgeranfragen“</dc:title>');
    expect(docx.core).toContain(MARKING);
  });
});

describe('renderDocument: PDF', () => {
  let body: Buffer;
  let parsed: Awaited<ReturnType<typeof parsePdf>>;
  beforeAll(async () => {
    const out = await render(germanModel(), 'pdf');
    expect(out.contentType).toBe('application/pdf');
    expect(out.extension).toBe('pdf');
    body = out.body;
    parsed = await parsePdf(body);
  });

  it('spans several pages, the long table over more than one', () => {
    expect(parsed.pages.length).toBeGreaterThanOrEqual(6);
    const tablePages = parsed.pages.filter((p) => /Risiko Nr\. \d+/.test(p.text));
    expect(tablePages.length).toBeGreaterThanOrEqual(3);
    // The header row is repeated at the top of every page the table continues on.
    for (const page of tablePages) expect(page.text).toContain('Schaden (€)');
  });

  it('has the marking at the top and the bottom of every page, and "Seite X von N" in every footer', () => {
    const total = parsed.pages.length;
    parsed.pages.forEach((page, i) => {
      const markings = page.items.filter((it) => it.str === MARKING).map((it) => it.y);
      expect(markings.some((y) => y > page.height - 70), `marking at the top of page ${i + 1}`).toBe(true);
      expect(markings.some((y) => y < 70), `marking at the bottom of page ${i + 1}`).toBe(true);
      const footer = page.items.find((it) => it.str.endsWith(`Seite ${i + 1} von ${total}`));
      expect(footer?.str, `footer of page ${i + 1}`).toBe(`RISK-KI-ASSIST-2025-03-07 · Version 1.2 · Stand 07.03.2025 · Seite ${i + 1} von ${total}`);
      expect(footer!.y).toBeLessThan(80);
    });
    expect(parsed.pages[0]!.text).toContain('Seite 1 von');
  });

  it('has a title page and a table of contents with page numbers', () => {
    const [title, toc] = parsed.pages;
    for (const expected of ['Bundesamt für Übungszwecke', 'Dokument-ID', 'RISK-KI-ASSIST-2025-03-07', 'Stand', '07.03.2025', 'Jürgen Weiß']) {
      expect(title!.text).toContain(expected);
    }
    expect(title!.text).toContain('Risikobewertung „KI-Assistent');
    expect(toc!.text).toContain('Inhaltsverzeichnis');
    const annex = parsed.pages.findIndex((p, i) => i > 1 && p.items.some((it) => it.str === 'Anhang'));
    expect(annex).toBeGreaterThan(2);
    const tocLines = toc!.items.map((it) => it.str);
    expect(tocLines[tocLines.indexOf('Anhang') + 1]).toBe(String(annex + 1));
  });

  it('contains the headings, text with umlauts and the table figures', () => {
    const text = parsed.pages.map((p) => p.text).join('\n');
    for (const heading of ['Zusammenfassung', 'Maßnahmen', 'Kostenübersicht', 'Anhang']) expect(text).toContain(heading);
    expect(text).toContain('Straße,');
    expect(text).toContain('Fußgänger: ÄÖÜ äöü ß.');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).not.toContain('\u0007');
    for (const i of [0, 59, ROWS - 1]) {
      expect(text).toContain(money(i));
      expect(text).toContain(`Risiko Nr. ${i + 1}: Übermäßige`);
    }
    expect(text).toContain('Datenschutz-Folgenabschätzung');
    expect(text).toContain('Referat Z 3 – Künstliche Intelligenz');
  });

  it('embeds its fonts, the bundled DejaVu Sans, and no others', () => {
    const fonts = new Map(parsed.pages.flatMap((p) => p.fonts).map((f) => [f.name, f]));
    expect([...fonts.keys()].map((n) => n.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    for (const font of fonts.values()) expect(font.missingFile).toBe(false);
    const raw = body.toString('latin1');
    expect(raw.match(/\/FontFile2 /g)).toHaveLength(2);
    expect(raw).not.toMatch(/\/Subtype \/Type1/);
    expect(PDF_FONT_FILES.regular).toMatch(/assets[\\/]fonts[\\/]DejaVuSans\.ttf$/);
  });

  it('sets the metadata, dated by the model, so rendering is deterministic', async () => {
    expect(parsed.info.Title).toBe('Risikobewertung „KI-Assistent für Bürgeranfragen“');
    expect(parsed.info.Author).toBe('Jürgen Weiß');
    expect(parsed.info.Subject).toBe('Prüfung nach Art. 9 KI-Verordnung – Größenordnung & Maßnahmen');
    expect(parsed.info.Keywords).toContain(MARKING);
    expect(parsed.info.CreationDate).toBe('D:20250307000000Z');
    const again = await render(germanModel(), 'pdf');
    expect(again.body.equals(body)).toBe(true);
  });
});

describe('renderDocument: Markdown', () => {
  let md: string;
  beforeAll(async () => {
    const out = await render(germanModel(), 'md');
    expect(out.contentType).toBe('text/markdown; charset=utf-8');
    expect(out.extension).toBe('md');
    md = out.body.toString('utf8');
  });

  it('opens and closes with the marking and has a front block with id, version and date', () => {
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toBe(`**${MARKING}**`);
    expect(lines.at(-1)).toBe(`**${MARKING}**`);
    expect(md).toContain('# Risikobewertung „KI-Assistent für Bürgeranfragen“\n');
    expect(md).toContain('| Dokument-ID | RISK-KI-ASSIST-2025-03-07 |');
    expect(md).toContain('| Version | 1.2 |');
    expect(md).toContain('| Stand | 07.03.2025 |');
  });

  it('shifts the headings below the title and keeps lists and tables', () => {
    const headings = md.split('\n').filter((l) => /^#{1,6} /.test(l));
    expect(headings).toEqual(['# Risikobewertung „KI-Assistent für Bürgeranfragen“', '## Zusammenfassung', '### Maßnahmen', '#### Kostenübersicht', '## Anhang']);
    expect(md).toContain('1. Protokollierung einführen\n2. Menschliche Aufsicht sicherstellen\n3. Schulung der Beschäftigten');
    expect(md).toContain('- Datenschutz-Folgenabschätzung\n- Barrierefreiheit prüfen');
    expect(md).toContain('| Nr. | Risiko | Wahrscheinlichkeit | Schaden (€) |');
    expect(md).toContain(`| 1 | Risiko Nr. 1: Übermäßige Abhängigkeit von automatisierten Entscheidungen mit einer längeren Begründung, die über mehrere Zeilen umbricht | hoch | 1.000,00 |`);
    expect(md).toContain('| Risikostufe | Hoch |');
  });

  it('keeps every table row to its columns: `|` escaped, line breaks as <br>', () => {
    const tableLines = md.split('\n').filter((l) => l.startsWith('| '));
    const tableStart = tableLines.findIndex((l) => l.startsWith('| Nr. |'));
    const table = tableLines.slice(tableStart, tableStart + ROWS + 3);
    expect(table).toHaveLength(ROWS + 3);
    for (const line of table) expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(6);
    expect(md).toContain('| Σ | Zelle mit a\\|b<br>und Umbruch | &lt;b&gt;fett?&lt;/b&gt; |  |');
  });

  it('escapes user text so it can inject neither HTML nor structure', () => {
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toContain('<b>');
    expect(md).toContain('a\\|b und &lt;script&gt;alert(1)&lt;/script&gt;.');
    expect(md).toContain('\\# keine Überschrift\\\n\\- keine Liste\\\n1\\. keine Aufzählung');
    expect(md).not.toContain('\u0007');
  });
});

describe('renderDocument: English and unmarked documents', () => {
  it('uses English labels in every format', async () => {
    const docx = await unzipDocx((await render(englishModel(), 'docx')).body);
    const footer = paragraphs(docx.footers[0]!).map((p) => p.text).join('\n');
    expect(footer).toContain('CONF-42 · Version 3 · Date 2 November 2025 · Page  of ');
    expect(paragraphs(docx.document).map((p) => p.text)).toEqual(expect.arrayContaining(['Document ID', 'Date', '2 November 2025', 'Contents']));
    expect(docx.document).not.toMatch(/Dokument-ID|Inhaltsverzeichnis|Stand/);

    const pdf = await parsePdf((await render(englishModel(), 'pdf')).body);
    const total = pdf.pages.length;
    expect(pdf.pages[0]!.text).toContain(`CONF-42 · Version 3 · Date 2 November 2025 · Page 1 of ${total}`);
    expect(pdf.pages[1]!.text).toContain('Contents');
    expect(pdf.pages.map((p) => p.text).join('\n')).not.toMatch(/Seite|Stand|Inhaltsverzeichnis/);

    const md = (await render(englishModel(), 'md')).body.toString('utf8');
    expect(md).toContain('| Document ID | CONF-42 |');
    expect(md).toContain('| Date | 2 November 2025 |');
    expect(md).not.toMatch(/Dokument-ID|Stand/);
  });

  it('prints no marking when there is none, but still the footer line', async () => {
    const model = { ...englishModel(), marking: null };
    const docx = await unzipDocx((await render(model, 'docx')).body);
    expect(docx.headers.join('')).not.toContain('RESTRICTED');
    expect(docx.footers.join('')).toContain('CONF-42 · Version 3');
    const pdf = await parsePdf((await render(model, 'pdf')).body);
    for (const page of pdf.pages) {
      expect(page.text).not.toContain('RESTRICTED');
      expect(page.text).toMatch(/Page \d+ of \d+/);
    }
    const md = (await render(model, 'md')).body.toString('utf8');
    expect(md.startsWith('# Conformity report')).toBe(true);
  });

  it('lays out edge cases: a row taller than a page, a very narrow column, empty blocks', async () => {
    const tall = Array.from({ length: 150 }, (_, i) => `Line ${i + 1}`).join('\n');
    const long = 'Donaudampfschifffahrtsgesellschaftskapitänsmütze'.repeat(4);
    const model: DocumentModelInput = {
      ...englishModel(),
      blocks: [
        { type: 'paragraph', text: 'Before the table.' },
        { type: 'table', columns: ['Key', 'Text'], widths: [1, 30], rows: [['A', tall], ['B', long]] },
        { type: 'list', items: [] },
        { type: 'keyValue', items: [] },
        { type: 'paragraph', text: '' },
      ],
    };
    const pdf = await parsePdf((await render(model, 'pdf')).body);
    const lines = pdf.pages.flatMap((p) => p.items.map((i) => i.str)).filter((s) => /^Line \d+$/.test(s));
    expect(lines).toEqual(Array.from({ length: 150 }, (_, i) => `Line ${i + 1}`));
    const tablePages = pdf.pages.filter((p) => p.items.some((i) => /^Line \d+$/.test(i.str)));
    expect(tablePages.length).toBeGreaterThanOrEqual(3);
    for (const page of tablePages) expect(page.items.some((i) => i.str === 'Text')).toBe(true);
    const all = pdf.pages.map((p) => p.items.map((i) => i.str).join('')).join('');
    expect(all).toContain(long);

    const docx = await unzipDocx((await render(model, 'docx')).body);
    expect(docx.document.match(/<w:tbl>/g)).toHaveLength(2); // title page and the data table; no empty key-value table
    const md = (await render(model, 'md')).body.toString('utf8');
    expect(md).toContain('| A | Line 1<br>Line 2<br>');
  });

  it('rejects a model that does not conform to the contract', async () => {
    await expect(render({ ...englishModel(), date: '2.11.2025' }, 'pdf')).rejects.toThrow();
    await expect(render({ ...englishModel(), blocks: [{ type: 'heading', level: 4, text: 'x' }] } as never, 'md')).rejects.toThrow();
  });
});
