import { Catalog, CatalogBundle } from '@konform/core';
import { parseDocument, stringify, isMap, isSeq, type Node } from 'yaml';
import { formatIssuePath } from '../load-yaml.js';
import { ImportFormatError, type ImportOptions, type ParsedImport } from './types.js';

/** The line (1-based) of the node at a path inside a parsed YAML document, when it can be found. */
function lineOf(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[], lineStarts: number[]): number | null {
  let node: unknown = doc.contents;
  let found: Node | null = null;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
    else break;
    if (node && typeof node === 'object' && 'range' in node) found = node as Node;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return null;
  let line = 0;
  while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
  return line + 1;
}

/**
 * A catalogue in Konform's own YAML format (the format of catalogs/<id>/catalog.yaml). Every problem names its path
 * and, where the YAML has it, its line.
 */
export function parseKonformYaml(text: string, options: ImportOptions = {}): ParsedImport {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ImportFormatError(doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : 'yaml', message: e.message.split('\n')[0]! })));
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (options.catalogId && data && typeof data === 'object') (data as Record<string, unknown>).id = options.catalogId;
  const result = Catalog.safeParse(data);
  if (!result.success) {
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
    throw new ImportFormatError(
      result.error.issues.map((i) => {
        const line = lineOf(doc, i.path, lineStarts);
        return { path: `${formatIssuePath(i.path)}${line ? ` (line ${line})` : ''}`, message: i.message };
      }),
    );
  }
  return { format: 'konform-yaml', bundle: CatalogBundle.parse({ catalog: result.data }), warnings: [] };
}

/** Konform's YAML format of a catalogue, as catalogs/<id>/catalog.yaml holds it. */
export function catalogToYaml(catalog: Catalog): string {
  return stringify(catalog, { lineWidth: 0 });
}
