import { createHash } from 'node:crypto';
import type { Catalog, CatalogRequirement } from '@konform/core';

/** Namespace of Konform's own props and parts: an identifier only, nothing is fetched from it. */
export const KONFORM_NS = 'https://konform.dev/ns/oscal';
/** OSCAL's own namespace; props and parts without `ns` belong to it too. */
export const OSCAL_NS = 'http://csrc.nist.gov/ns/oscal';
export const OSCAL_VERSION = '1.2.2';
/**
 * Konform catalogues carry no modification time; a fixed one keeps the export of a catalogue byte-identical.
 * A caller publishing the document may set the real time.
 */
export const FIXED_LAST_MODIFIED = '2000-01-01T00:00:00Z';

/** Names of Konform's props and parts, all in KONFORM_NS. */
export const KONFORM_NAMES = {
  catalogId: 'catalog-id',
  kind: 'kind',
  titleDe: 'title-de',
  source: 'source',
  licence: 'licence',
  act: 'act',
  version: 'version',
  publisher: 'publisher',
  id: 'id',
  ref: 'ref',
  role: 'role',
  appliesWhen: 'applies-when',
  timelineGroup: 'timeline-group',
  appliesFrom: 'applies-from',
  position: 'position',
  statementDe: 'statement-de',
  evidence: 'evidence',
  evidenceDe: 'evidence-de',
} as const;

export interface OscalProp {
  name: string;
  ns?: string;
  value: string;
  class?: string;
  remarks?: string;
}

export interface OscalPart {
  name: string;
  ns?: string;
  prose?: string;
  props?: OscalProp[];
  parts?: OscalPart[];
}

interface OscalNode {
  id: string;
  title: string;
  props?: OscalProp[];
  parts?: OscalPart[];
  groups?: OscalNode[];
  controls?: OscalNode[];
}

const RFC4122_URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based (version 5, SHA-1) UUID per RFC 4122: the same name always gives the same UUID. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const KONFORM_UUID_NAMESPACE = uuidV5(KONFORM_NS, RFC4122_URL_NAMESPACE);

/** OSCAL's string datatype is one line without outer whitespace; collapse anything else. */
export function plainValue(text: string): string {
  return text.replace(/\s+/g, ' ').trim() || '-';
}

/** A Konform prop; when the text had to be collapsed into one line, `remarks` keeps it exactly. */
function textProp(name: string, text: string): OscalProp {
  const value = plainValue(text);
  return value === text ? { name, ns: KONFORM_NS, value } : { name, ns: KONFORM_NS, value, remarks: text };
}

/** A Konform prop for a field the standard place holds only collapsed (metadata.version, party name, label). */
function exactIfCollapsed(name: string, text: string): OscalProp[] {
  return plainValue(text) === text ? [] : [textProp(name, text)];
}

function konformPart(name: string, prose: string, parts: OscalPart[] = []): OscalPart {
  return parts.length ? { name, ns: KONFORM_NS, prose, parts } : { name, ns: KONFORM_NS, prose };
}

/** Drops undefined values and empty arrays, which OSCAL's schema refuses. */
function prune<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

/** OSCAL tokens start with a letter or underscore; Konform ids may start with a digit. */
function oscalId(id: string): string {
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

/** The catalogue as a tree: children per parent id, in catalogue order; roots under the key `undefined`. */
function childrenByParent(requirements: CatalogRequirement[]): Map<string | undefined, CatalogRequirement[]> {
  const children = new Map<string | undefined, CatalogRequirement[]>();
  for (const r of requirements) {
    const siblings = children.get(r.parent);
    if (siblings) siblings.push(r);
    else children.set(r.parent, [r]);
  }
  return children;
}

/**
 * The order an importer reads the tree in: each node, then its OSCAL groups, then its controls. A node of kind
 * `group` becomes an OSCAL group only where groups may stand (top level or inside a group).
 */
function readingOrder(children: Map<string | undefined, CatalogRequirement[]>, parent: string | undefined, groupsAllowed: boolean): string[] {
  const list = children.get(parent) ?? [];
  const asGroup = (r: CatalogRequirement) => groupsAllowed && r.kind === 'group';
  return [...list.filter(asGroup), ...list.filter((r) => !asGroup(r))].flatMap((r) => [r.id, ...readingOrder(children, r.id, asGroup(r))]);
}

interface ExportContext {
  children: Map<string | undefined, CatalogRequirement[]>;
  /** Index per requirement id, written only when the tree alone would not restore the catalogue's order. */
  positions: Map<string, number> | undefined;
}

function requirementProps(r: CatalogRequirement, asGroup: boolean, ctx: ExportContext): OscalProp[] {
  const id = oscalId(r.id);
  const position = ctx.positions?.get(r.id);
  return [
    { name: 'label', value: plainValue(r.ref) },
    ...exactIfCollapsed(KONFORM_NAMES.ref, r.ref),
    ...(id === r.id ? [] : [textProp(KONFORM_NAMES.id, r.id)]),
    ...(r.kind === 'group' && !asGroup ? [textProp(KONFORM_NAMES.kind, r.kind)] : []),
    textProp(KONFORM_NAMES.titleDe, r.title.de),
    ...r.roles.map((role) => textProp(KONFORM_NAMES.role, role)),
    ...(r.appliesWhen ? [textProp(KONFORM_NAMES.appliesWhen, JSON.stringify(r.appliesWhen))] : []),
    ...(r.timelineGroup ? [textProp(KONFORM_NAMES.timelineGroup, r.timelineGroup)] : []),
    ...(r.appliesFrom ? [textProp(KONFORM_NAMES.appliesFrom, r.appliesFrom)] : []),
    ...(position === undefined ? [] : [textProp(KONFORM_NAMES.position, String(position))]),
  ];
}

function requirementParts(r: CatalogRequirement): OscalPart[] {
  return [
    ...(r.description ? [{ name: 'statement', prose: r.description.en }, konformPart(KONFORM_NAMES.statementDe, r.description.de)] : []),
    ...r.evidence.map((e) => konformPart(KONFORM_NAMES.evidence, e.en, [konformPart(KONFORM_NAMES.evidenceDe, e.de)])),
  ];
}

function toNode(r: CatalogRequirement, groupsAllowed: boolean, ctx: ExportContext): OscalNode {
  const asGroup = groupsAllowed && r.kind === 'group';
  const children = ctx.children.get(r.id) ?? [];
  const childGroups = asGroup ? children.filter((c) => c.kind === 'group') : [];
  const childControls = children.filter((c) => !childGroups.includes(c));
  return prune({
    id: oscalId(r.id),
    title: r.title.en,
    props: requirementProps(r, asGroup, ctx),
    parts: requirementParts(r),
    groups: childGroups.map((c) => toNode(c, true, ctx)),
    controls: childControls.map((c) => toNode(c, false, ctx)),
  });
}

function metadataOf(catalog: Catalog): Record<string, unknown> {
  const partyUuid = uuidV5(`party:${catalog.publisher}`, KONFORM_UUID_NAMESPACE);
  return {
    title: catalog.title.en,
    'last-modified': FIXED_LAST_MODIFIED,
    version: plainValue(catalog.version),
    'oscal-version': OSCAL_VERSION,
    props: [
      textProp(KONFORM_NAMES.catalogId, catalog.id),
      textProp(KONFORM_NAMES.kind, catalog.kind),
      textProp(KONFORM_NAMES.titleDe, catalog.title.de),
      textProp(KONFORM_NAMES.source, catalog.source),
      textProp(KONFORM_NAMES.licence, catalog.licence),
      ...catalog.acts.map((act) => textProp(KONFORM_NAMES.act, JSON.stringify(act))),
      ...exactIfCollapsed(KONFORM_NAMES.version, catalog.version),
      ...exactIfCollapsed(KONFORM_NAMES.publisher, catalog.publisher),
    ],
    roles: [{ id: 'publisher', title: 'Publisher' }],
    parties: [{ uuid: partyUuid, type: 'organization', name: plainValue(catalog.publisher) }],
    'responsible-parties': [{ 'role-id': 'publisher', 'party-uuids': [partyUuid] }],
  };
}

/**
 * A Konform catalogue as an OSCAL 1.2.2 catalog document. Groups become OSCAL groups, requirements controls, `ref`
 * the `label` prop, the English description the `statement` part; everything else Konform needs to restore the
 * catalogue exactly travels in props and parts of the namespace KONFORM_NS. The same catalogue always gives the
 * same document (name-based UUIDs, fixed last-modified).
 */
export function catalogToOscal(catalog: Catalog): { catalog: Record<string, unknown> } {
  const children = childrenByParent(catalog.requirements);
  const order = readingOrder(children, undefined, true);
  if (order.length !== catalog.requirements.length) {
    throw new Error(`Catalogue ${catalog.id} has requirements whose parents form a cycle; it cannot be written as a tree`);
  }
  const inOrder = order.every((id, i) => catalog.requirements[i]?.id === id);
  const ctx: ExportContext = { children, positions: inOrder ? undefined : new Map(catalog.requirements.map((r, i) => [r.id, i])) };
  const roots = children.get(undefined) ?? [];
  return {
    catalog: prune({
      uuid: uuidV5(`catalog:${catalog.id}@${catalog.version}`, KONFORM_UUID_NAMESPACE),
      metadata: metadataOf(catalog),
      groups: roots.filter((r) => r.kind === 'group').map((r) => toNode(r, true, ctx)),
      controls: roots.filter((r) => r.kind !== 'group').map((r) => toNode(r, false, ctx)),
    }),
  };
}
