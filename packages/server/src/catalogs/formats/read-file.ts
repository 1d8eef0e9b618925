import type { CatalogImportFormat } from '@konform/core';
import { parseKonformYaml } from './konform-yaml.js';
import { parseOscalCatalog } from './oscal.js';
import { parseCisoAssistantLibrary } from './ciso-assistant.js';
import { parseCatalogXlsx } from './xlsx-catalog.js';
import { ImportFormatError, type ImportOptions, type ParsedImport } from './types.js';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Text of a file: UTF-8 without BOM and without NUL bytes (never in text); anything else is refused rather than guessed. */
function textOf(data: Buffer): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data).replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD') || text.includes('\0')) throw new ImportFormatError([{ path: 'file', message: 'The file is not UTF-8 text (nor an XLSX workbook)' }]);
  return text;
}

/**
 * Which format a file is in, from its content: a ZIP container is XLSX, a JSON object OSCAL, YAML with the keys of a
 * CISO Assistant library (`objects`, an intuitem `urn`) CISO Assistant, any other YAML Konform's own format.
 */
export function detectFormat(data: Buffer): CatalogImportFormat {
  if (data.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  const head = textOf(data.subarray(0, 64 * 1024)).trimStart();
  if (head.startsWith('{')) return 'oscal-json';
  if (/^objects\s*:/m.test(head) || /^urn\s*:\s*["']?urn:intuitem:/m.test(head)) return 'ciso-assistant-yaml';
  return 'konform-yaml';
}

/** Reads an uploaded catalogue file in the given (or detected) format; problems throw ImportFormatError. */
export async function readCatalogFile(data: Buffer, format: CatalogImportFormat | undefined, options: ImportOptions = {}): Promise<ParsedImport> {
  if (data.length === 0) throw new ImportFormatError([{ path: 'file', message: 'The file is empty' }]);
  const chosen = format ?? detectFormat(data);
  switch (chosen) {
    case 'xlsx':
      return parseCatalogXlsx(data, options);
    case 'oscal-json':
      return parseOscalCatalog(textOf(data), options);
    case 'ciso-assistant-yaml':
      return parseCisoAssistantLibrary(textOf(data), options);
    case 'konform-yaml':
      return parseKonformYaml(textOf(data), options);
  }
}
