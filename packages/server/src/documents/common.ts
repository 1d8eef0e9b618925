import type { DocumentModel } from '@konform/core';

/** The fixed texts the renderers print around the model's own text, in the document's language. */
export interface DocumentLabels {
  documentId: string;
  version: string;
  date: string;
  organisation: string;
  author: string;
  marking: string;
  contents: string;
  field: string;
  value: string;
  /** "Seite" / "Page" and "von" / "of", separate so DOCX can put page-number fields between them. */
  page: string;
  of: string;
}

const LABELS: Record<DocumentModel['language'], DocumentLabels> = {
  de: {
    documentId: 'Dokument-ID',
    version: 'Version',
    date: 'Stand',
    organisation: 'Organisation',
    author: 'Autor',
    marking: 'Einstufung',
    contents: 'Inhaltsverzeichnis',
    field: 'Angabe',
    value: 'Wert',
    page: 'Seite',
    of: 'von',
  },
  en: {
    documentId: 'Document ID',
    version: 'Version',
    date: 'Date',
    organisation: 'Organisation',
    author: 'Author',
    marking: 'Classification',
    contents: 'Contents',
    field: 'Field',
    value: 'Value',
    page: 'Page',
    of: 'of',
  },
};

export function labelsFor(language: DocumentModel['language']): DocumentLabels {
  return LABELS[language];
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-03-07` as `07.03.2025` (de) or `7 March 2025` (en); fixed formats, independent of the server's locale. */
export function formatDate(iso: string, language: DocumentModel['language']): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  if (language === 'de') return `${d}.${m}.${y}`;
  return `${Number(d)} ${EN_MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** The footer line without the page number: `id · Version v · Stand date`. */
export function footerPrefix(model: DocumentModel): string {
  const l = labelsFor(model.language);
  return `${clean(model.id)} · ${l.version} ${clean(model.version)} · ${l.date} ${formatDate(model.date, model.language)}`;
}

/** `Seite 3 von 12` / `Page 3 of 12`. */
export function pageLabel(language: DocumentModel['language'], page: number, total: number): string {
  const l = labelsFor(language);
  return `${l.page} ${page} ${l.of} ${total}`;
}

/** The title page's metadata rows, in print order; optional fields left out when absent. */
export function metadataRows(model: DocumentModel): { key: string; value: string }[] {
  const l = labelsFor(model.language);
  const rows = [
    { key: l.documentId, value: model.id },
    { key: l.version, value: model.version },
    { key: l.date, value: formatDate(model.date, model.language) },
  ];
  if (model.organisation) rows.push({ key: l.organisation, value: model.organisation });
  if (model.author) rows.push({ key: l.author, value: model.author });
  if (model.marking) rows.push({ key: l.marking, value: model.marking });
  return rows.map((r) => ({ key: r.key, value: clean(r.value) }));
}

/**
 * User text made safe for every format: NFC (so umlauts are single glyphs), `\r\n` → `\n`, tabs → space, and
 * characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF) removed, since one of them
 * makes a DOCX unreadable.
 */
export function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** A table's rows with exactly one cell per column: missing cells empty, surplus cells appended to the last column. */
export function normaliseRows(columns: readonly string[], rows: readonly (readonly string[])[]): string[][] {
  const n = columns.length;
  return rows.map((row) => {
    const cells = row.slice(0, n).map(clean);
    while (cells.length < n) cells.push('');
    if (row.length > n) cells[n - 1] = [cells[n - 1], ...row.slice(n).map(clean)].filter((c) => c !== '').join(' · ');
    return cells;
  });
}

/** Relative column widths as fractions summing to 1; equal widths when absent or of the wrong length. */
export function columnFractions(count: number, widths: readonly number[] | undefined): number[] {
  const usable = widths && widths.length === count && widths.every((w) => Number.isFinite(w) && w > 0) ? widths : Array<number>(count).fill(1);
  const sum = usable.reduce((a, b) => a + b, 0);
  return usable.map((w) => w / sum);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

/** Pixel size of a PNG (IHDR) or JPEG (first SOF marker); null when the bytes are neither or cut short. */
export function imageSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    // Start of frame (baseline, progressive, …); C4, C8 and CC are other tables with the same prefix.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
    }
    if ((marker >= 0xd0 && marker <= 0xd9) || marker === 0x01) {
      i += 2;
      continue;
    }
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return null;
}

/** A logo's printed size in points: at most `maxWidth` × `maxHeight`, aspect ratio kept. */
export function logoBox(size: { width: number; height: number }, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(maxWidth / Math.max(size.width, 1), maxHeight / Math.max(size.height, 1), 1);
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}
