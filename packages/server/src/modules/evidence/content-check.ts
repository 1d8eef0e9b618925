import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { HttpProblem } from '../../http/errors.js';

/**
 * The file types evidence may have, by extension. Binary types must sniff as what their extension says
 * (`file-type` reads the magic bytes); text types must be valid UTF-8 without NUL bytes. Everything else,
 * executables included, is refused. The stored content type comes from this table, never from the client.
 */
type FileRule = { ext: string; contentType: string } & ({ kind: 'binary'; sniffed: readonly string[] } | { kind: 'text' });

const OOXML = 'application/vnd.openxmlformats-officedocument';
const ODF = 'application/vnd.oasis.opendocument';

const RULES: readonly FileRule[] = [
  { ext: 'pdf', contentType: 'application/pdf', kind: 'binary', sniffed: ['pdf'] },
  { ext: 'png', contentType: 'image/png', kind: 'binary', sniffed: ['png'] },
  { ext: 'jpg', contentType: 'image/jpeg', kind: 'binary', sniffed: ['jpg'] },
  { ext: 'jpeg', contentType: 'image/jpeg', kind: 'binary', sniffed: ['jpg'] },
  { ext: 'gif', contentType: 'image/gif', kind: 'binary', sniffed: ['gif'] },
  { ext: 'webp', contentType: 'image/webp', kind: 'binary', sniffed: ['webp'] },
  { ext: 'tif', contentType: 'image/tiff', kind: 'binary', sniffed: ['tif'] },
  { ext: 'tiff', contentType: 'image/tiff', kind: 'binary', sniffed: ['tif'] },
  // Office documents are zip archives; when the sniffer cannot see far enough to name the format it says zip.
  { ext: 'docx', contentType: `${OOXML}.wordprocessingml.document`, kind: 'binary', sniffed: ['docx', 'zip'] },
  { ext: 'xlsx', contentType: `${OOXML}.spreadsheetml.sheet`, kind: 'binary', sniffed: ['xlsx', 'zip'] },
  { ext: 'pptx', contentType: `${OOXML}.presentationml.presentation`, kind: 'binary', sniffed: ['pptx', 'zip'] },
  { ext: 'odt', contentType: `${ODF}.text`, kind: 'binary', sniffed: ['odt', 'zip'] },
  { ext: 'ods', contentType: `${ODF}.spreadsheet`, kind: 'binary', sniffed: ['ods', 'zip'] },
  { ext: 'odp', contentType: `${ODF}.presentation`, kind: 'binary', sniffed: ['odp', 'zip'] },
  { ext: 'txt', contentType: 'text/plain; charset=utf-8', kind: 'text' },
  { ext: 'log', contentType: 'text/plain; charset=utf-8', kind: 'text' },
  { ext: 'csv', contentType: 'text/csv; charset=utf-8', kind: 'text' },
  { ext: 'md', contentType: 'text/markdown; charset=utf-8', kind: 'text' },
  { ext: 'json', contentType: 'application/json; charset=utf-8', kind: 'text' },
  { ext: 'yaml', contentType: 'application/yaml; charset=utf-8', kind: 'text' },
  { ext: 'yml', contentType: 'application/yaml; charset=utf-8', kind: 'text' },
  { ext: 'xml', contentType: 'application/xml; charset=utf-8', kind: 'text' },
];

/** The extensions accepted, for messages and the user guide. */
export const ACCEPTED_EXTENSIONS = RULES.map((r) => r.ext);

/** How many leading bytes the sniffer sees: enough for the zip directory entries of office documents. */
const HEAD_BYTES = 64 * 1024;

export function unsupportedFile(detail: string): HttpProblem {
  return new HttpProblem(415, 'unsupported-file-type', detail, [{ path: 'file', message: detail }]);
}

/** The rule for a file name's extension, or a 415 naming the field `file`. */
export function ruleFor(filename: string): FileRule {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
  const rule = RULES.find((r) => r.ext === ext);
  if (!rule) throw unsupportedFile(`Files of this type are not accepted; use one of: ${ACCEPTED_EXTENSIONS.join(', ')}`);
  return rule;
}

/**
 * The file name as stored and offered for download: no directories, no control or bidirectional-override
 * characters (which could disguise the extension), Unicode NFC, at most 200 characters, never empty.
 */
export function safeFilename(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (cleaned.length <= 200) return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - ext.length) + ext;
}

/**
 * Passes the content through unchanged while keeping its first bytes for the sniffer and, for text types,
 * checking that it is UTF-8 without NUL bytes, chunk by chunk (nothing is buffered beyond the head).
 */
export class ContentInspector extends Transform {
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private validText: boolean;

  constructor(private readonly checkText: boolean) {
    super();
    this.validText = checkText;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.headChunks.push(part);
      this.headLength += part.length;
    }
    if (this.validText) {
      if (chunk.includes(0)) this.validText = false;
      else {
        try {
          this.decoder.decode(chunk, { stream: true });
        } catch {
          this.validText = false;
        }
      }
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.validText) {
      try {
        this.decoder.decode();
      } catch {
        this.validText = false;
      }
    }
    callback();
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks);
  }

  get isText(): boolean {
    return this.checkText && this.validText;
  }
}

/** Throws 415 unless the received content is what the extension says. */
export async function assertContentMatches(rule: FileRule, inspector: ContentInspector): Promise<void> {
  if (rule.kind === 'text') {
    if (!inspector.isText) throw unsupportedFile(`A .${rule.ext} file must be UTF-8 text; this content is not`);
    return;
  }
  const sniffed = await fileTypeFromBuffer(inspector.head);
  if (!sniffed || !rule.sniffed.includes(sniffed.ext)) {
    throw unsupportedFile(`The content does not match the extension .${rule.ext}${sniffed ? ` (it looks like ${sniffed.ext})` : ''}`);
  }
}

/** `attachment` with an ASCII fallback name and the exact name as RFC 5987 `filename*`. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
