import { inflateRawSync } from 'node:zlib';
import { HttpProblem } from './errors.js';

/**
 * What an uploaded ZIP archive (an XLSX workbook, a release bundle or audit package to verify) may unpack to: checked
 * before any library opens it (zip bombs). One helper for every route that unpacks an upload.
 */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed size of an entry larger than 1 MiB. */
  maxRatio: number;
}

/** Workbooks (bulk import, catalogue import): Office writes few parts, and XML compresses at most ~30:1 in practice. */
export const WORKBOOK_LIMITS: ZipLimits = { maxEntries: 500, maxTotalBytes: 100 * 1024 * 1024, maxRatio: 100 };

/** The field the problem names and what the archive is called in its title. */
export interface ZipCheckTarget {
  field: string;
  what: string;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Reads the ZIP central directory and checks entry count, declared sizes and compression ratios; then inflates each
 * entry with an output cap of its declared size, so a lying header cannot unpack more than was declared. ZIP64 and
 * methods other than stored/deflate are refused (neither Office nor Konform's own archives use them at these sizes).
 * Refusals are 400 `unsafe-file` naming the field; more than `maxTotalBytes` unpacked is 413 `zip-too-large`.
 */
export function assertSafeZip(data: Buffer, limits: ZipLimits = WORKBOOK_LIMITS, target: ZipCheckTarget = { field: 'file', what: 'workbook' }): void {
  const refused = (message: string) => new HttpProblem(400, 'unsafe-file', `The ${target.what} cannot be opened safely`, [{ path: target.field, message }]);
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refused('Not a complete ZIP file');
  const entries = data.readUInt16LE(eocd + 10);
  const directoryOffset = data.readUInt32LE(eocd + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff) throw refused('ZIP64 archives are not accepted');
  if (entries > limits.maxEntries) throw refused(`The ${target.what} has ${entries} parts; at most ${limits.maxEntries} are accepted`);
  let offset = directoryOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL) throw refused('The ZIP directory is damaged');
    const method = data.readUInt16LE(offset + 10);
    const compressed = data.readUInt32LE(offset + 20);
    const size = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const headerLength = 46 + nameLength + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
    const local = data.readUInt32LE(offset + 42);
    if (method !== 0 && method !== 8) throw refused(`Compression method ${method} is not accepted`);
    total += size;
    if (total > limits.maxTotalBytes) {
      const mib = Math.round(limits.maxTotalBytes / 1048576);
      throw new HttpProblem(413, 'zip-too-large', `The ${target.what} unpacks to more than ${mib} MiB`, [{ path: target.field, message: `Unpacks to more than ${mib} MiB` }]);
    }
    if (size > 1024 * 1024 && size > compressed * limits.maxRatio) throw refused(`A part is compressed more than ${limits.maxRatio}:1`);
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL) throw refused('The ZIP directory is damaged');
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const body = data.subarray(start, start + compressed);
    if (body.length !== compressed) throw refused('The ZIP file is truncated');
    if (method === 8) {
      let unpacked: number;
      try {
        // Capped at the declared size: the real content may not be larger than the directory says.
        unpacked = inflateRawSync(body, { maxOutputLength: Math.max(1, size) }).length;
      } catch {
        unpacked = -1;
      }
      if (unpacked !== size) throw refused('A part unpacks to more than its declared size, or is damaged');
    } else if (size !== compressed) throw refused('A stored part differs from its declared size');
    offset += headerLength;
  }
}
