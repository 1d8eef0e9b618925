import { randomUUID } from 'node:crypto';
import { KONFORM_NS, OSCAL_VERSION, plainValue, uuidV5 } from '../../catalogs/formats/oscal-export.js';

export { KONFORM_NS, OSCAL_VERSION };

export interface Prop {
  name: string;
  ns?: string;
  value: string;
  remarks?: string;
}

/** The namespace the catalogue export derives its UUIDs from, so a catalogue's UUID is the same in every document. */
const KONFORM_UUID_NAMESPACE = uuidV5(KONFORM_NS, '6ba7b811-9dad-11d1-80b4-00c04fd430c8');

/**
 * UUIDs of parts that stand for a Konform record (system, requirement row, checklist item, finding, non-conformity,
 * action) are name-based (v5): every export of the same record carries the same UUID, so other tools can follow it.
 * The document itself gets a fresh random one (v4) per export: each export is a new document instance.
 */
export const recordUuid = (kind: string, ...ids: string[]) => uuidV5(`${kind}:${ids.join(':')}`, KONFORM_UUID_NAMESPACE);
export const documentUuid = () => randomUUID();

/** The UUID the catalogue export gives a catalogue version (same name as in oscal-export.ts). */
export const catalogUuid = (catalogId: string, version: string) => uuidV5(`catalog:${catalogId}@${version}`, KONFORM_UUID_NAMESPACE);

/** OSCAL tokens start with a letter or underscore; the catalogue export prefixes other ids the same way. */
export function controlId(requirementId: string): string {
  return /^[A-Za-z_]/.test(requirementId) ? requirementId : `_${requirementId}`;
}

/** A Konform prop; text that had to be collapsed into one line travels exactly in `remarks`. */
export function prop(name: string, text: string): Prop {
  const value = plainValue(text);
  return value === text ? { name, ns: KONFORM_NS, value } : { name, ns: KONFORM_NS, value, remarks: text };
}

/** OSCAL's markup-multiline must not be empty; Markdown text passes as it is. */
export const prose = (text: string, fallback = '-') => (text.trim() === '' ? fallback : text);

/** OSCAL's string datatype: one line, no outer whitespace, never empty. */
export const line = (text: string) => plainValue(text);

/** Drops undefined values and empty arrays and objects-without-keys, which OSCAL's schemas refuse. */
export function prune<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

/** Dates of Konform (office dates) as OSCAL date-time with time zone: midnight UTC of that day. */
export const dateTime = (date: string) => (date.length === 10 ? `${date}T00:00:00Z` : date);

export function metadata(title: string, version: string, now: string, props: Prop[] = []) {
  return prune({
    title: line(title),
    'last-modified': now,
    version: line(version),
    'oscal-version': OSCAL_VERSION,
    props,
  });
}

/** The export file: pretty JSON, as other OSCAL tools write it. */
export function jsonFile(document: unknown, fileName: string) {
  return { body: Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8'), contentType: 'application/json; charset=utf-8', fileName };
}
