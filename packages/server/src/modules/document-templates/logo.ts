import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { LOGO_MAX_BYTES, type LogoMediaType } from '@konform/core';
import { imageSize, JPEG_SIGNATURE, PNG_SIGNATURE } from '../../documents/common.js';
import { invalid } from '../../http/errors.js';

const SIGNATURES: Record<LogoMediaType, Buffer> = { 'image/png': PNG_SIGNATURE, 'image/jpeg': JPEG_SIGNATURE };
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Larger images are refused: a logo is small, and huge dimensions only cost memory when a PDF is rendered. */
const MAX_SIDE = 8000;

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Whether a PNG's chunks and compressed pixel data are sound. pdfkit decodes PNG pixels in a callback where an error
 * would be thrown outside any request, so what it would choke on (bad zlib data, unknown row filters) is found here.
 */
function soundPng(bytes: Buffer): boolean {
  try {
    const idat: Buffer[] = [];
    let i = 8;
    let ended = false;
    while (i + 8 <= bytes.length && !ended) {
      const length = bytes.readUInt32BE(i);
      const type = bytes.toString('latin1', i + 4, i + 8);
      if (i + 12 + length > bytes.length) return false;
      if (type === 'IDAT') idat.push(bytes.subarray(i + 8, i + 8 + length));
      ended = type === 'IEND';
      i += 12 + length;
    }
    if (!ended || idat.length === 0) return false;
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    const [bitDepth, colorType, , , interlace] = [bytes[24]!, bytes[25]!, bytes[26], bytes[27], bytes[28]];
    const channels = CHANNELS[colorType];
    if (!channels || ![1, 2, 4, 8, 16].includes(bitDepth)) return false;
    const pixels = inflateSync(Buffer.concat(idat));
    // Interlaced PNGs are refused: their rows are not checked here.
    if (interlace !== 0) return false;
    const rowBytes = Math.ceil((width * bitDepth * channels) / 8);
    if (pixels.length < height * (rowBytes + 1)) return false;
    for (let row = 0; row < height; row++) if (pixels[row * (rowBytes + 1)]! > 4) return false;
    return true;
  } catch {
    return false;
  }
}

/** Draws the image into a throw-away PDF: what pdfkit cannot embed is refused now rather than when a document is rendered. */
async function embeddable(bytes: Buffer): Promise<boolean> {
  try {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: true });
    const done = new Promise<void>((resolve, reject) => {
      doc.on('data', () => undefined);
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    doc.image(bytes, 0, 0, { width: 50 });
    doc.end();
    await done;
    return true;
  } catch {
    return false;
  }
}

/**
 * The bytes of an uploaded logo, checked: valid base64, at most 512 KiB, the magic bytes of the declared type (PNG or
 * JPEG), a readable size and an image pdfkit can embed. Every refusal names the field.
 */
export async function checkedLogo(mediaType: LogoMediaType, data: string): Promise<Buffer> {
  const compact = data.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 !== 0) throw invalid('data', 'The logo must be sent as base64');
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length === 0) throw invalid('data', 'The logo is empty');
  if (bytes.length > LOGO_MAX_BYTES) throw invalid('data', `The logo is ${Math.ceil(bytes.length / 1024)} KiB; at most ${LOGO_MAX_BYTES / 1024} KiB are accepted`);
  const kind = (Object.entries(SIGNATURES) as [LogoMediaType, Buffer][]).find(([, signature]) => bytes.subarray(0, signature.length).equals(signature))?.[0];
  if (!kind) throw invalid('data', 'The logo must be a PNG or JPEG image');
  if (kind !== mediaType) throw invalid('mediaType', `The image is ${kind}, not ${mediaType}`);
  const size = imageSize(bytes);
  if (!size || size.width < 1 || size.height < 1) throw invalid('data', 'The size of the image cannot be read');
  if (size.width > MAX_SIDE || size.height > MAX_SIDE) throw invalid('data', `The image is ${size.width} × ${size.height} pixels; at most ${MAX_SIDE} per side`);
  if ((kind === 'image/png' && !soundPng(bytes)) || !(await embeddable(bytes))) throw invalid('data', 'The image cannot be read (a PNG must not be interlaced)');
  return bytes;
}
