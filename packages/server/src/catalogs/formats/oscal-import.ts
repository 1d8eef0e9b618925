import { Catalog, type ImportIssue } from '@konform/core';
import { z } from 'zod';
import { formatIssuePath } from '../load-yaml.js';
import { KONFORM_NAMES, KONFORM_NS, OSCAL_NS } from './oscal-export.js';
import { ImportFormatError, type ImportOptions, type ParsedImport } from './types.js';

// ---------------------------------------------------------------- JSON syntax

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Where JSON text stops being JSON; V8 names the position only for some errors ("Unexpected token" has none). */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const skipSpace = () => {
    while (/[ \t\n\r]/.test(text.charAt(i))) i++;
  };
  const accept = (char: string): boolean => {
    skipSpace();
    if (text.charAt(i) !== char) return false;
    i++;
    return true;
  };
  const token = (pattern: RegExp): boolean => {
    skipSpace();
    pattern.lastIndex = i;
    if (!pattern.test(text)) return false;
    i = pattern.lastIndex;
    return true;
  };
  const members = (close: string, member: () => boolean): boolean => {
    i++; // the opening bracket
    if (accept(close)) return true;
    do if (!member()) return false;
    while (accept(','));
    return accept(close);
  };
  // Like V8, stop at the first character that breaks a literal (`nope` fails at `o`).
  const literal = (word: string): boolean => {
    for (const char of word) {
      if (text.charAt(i) !== char) return false;
      i++;
    }
    return true;
  };
  const value = (): boolean => {
    skipSpace();
    const first = text.charAt(i);
    if (first === '{') return members('}', () => token(JSON_STRING) && accept(':') && value());
    if (first === '[') return members(']', value);
    const word = ['true', 'false', 'null'].find((w) => w.startsWith(first));
    if (first && word) return literal(word);
    return token(first === '"' ? JSON_STRING : JSON_NUMBER);
  };
  if (value()) skipSpace();
  return i;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const reported = / at position (\d+)/.exec(message);
    const { line, column } = lineAndColumn(text, reported ? Number(reported[1]) : jsonErrorOffset(text));
    const reason = message.replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '').replace(/ at position \d+.*$/s, '');
    throw new ImportFormatError([{ path: `line ${line}, column ${column}`, message: `Not valid JSON: ${reason}` }]);
  }
}

// ---------------------------------------------------------------- the document's shape (the parts Konform reads)

const Prop = z.looseObject({ name: z.string(), ns: z.string().optional(), value: z.string(), class: z.string().optional(), remarks: z.string().optional() });
type Prop = z.infer<typeof Prop>;
interface Part {
  name: string;
  ns?: string;
  prose?: string;
  props?: Prop[];
  parts?: Part[];
}
const Part: z.ZodType<Part> = z.lazy(() =>
  z.looseObject({ name: z.string(), ns: z.string().optional(), prose: z.string().optional(), props: z.array(Prop).optional(), parts: z.array(Part).optional() }),
);
const Param = z.looseObject({
  id: z.string(),
  label: z.string().optional(),
  values: z.array(z.string()).optional(),
  select: z.looseObject({ 'how-many': z.string().optional(), choice: z.array(z.string()).optional() }).optional(),
});
type Param = z.infer<typeof Param>;
const Title = z.string().refine((s) => s.trim() !== '', 'The title is empty');
/** A group or a control: controls always have an id and never hold groups. */
interface Node {
  id?: string;
  title: string;
  params?: Param[];
  props?: Prop[];
  parts?: Part[];
  groups?: Node[];
  controls?: Node[];
}
const nodeFields = () => ({ title: Title, params: z.array(Param).optional(), props: z.array(Prop).optional(), parts: z.array(Part).optional() });
const Control: z.ZodType<Node> = z.lazy(() => z.looseObject({ id: z.string().min(1), ...nodeFields(), controls: z.array(Control).optional() }));
const Group: z.ZodType<Node> = z.lazy(() =>
  z.looseObject({ id: z.string().min(1).optional(), ...nodeFields(), groups: z.array(Group).optional(), controls: z.array(Control).optional() }),
);
const Metadata = z.looseObject({
  title: Title,
  version: z.string().min(1),
  'oscal-version': z.string(),
  props: z.array(Prop).optional(),
  links: z.array(z.looseObject({ href: z.string(), rel: z.string().optional(), text: z.string().optional() })).optional(),
  parties: z.array(z.looseObject({ uuid: z.string(), name: z.string().optional() })).optional(),
  'responsible-parties': z.array(z.looseObject({ 'role-id': z.string(), 'party-uuids': z.array(z.string()) })).optional(),
});
type Metadata = z.infer<typeof Metadata>;
const CatalogDocument = z.looseObject({
  catalog: z.looseObject({ uuid: z.string(), metadata: Metadata, params: z.array(Param).optional(), groups: z.array(Group).optional(), controls: z.array(Control).optional() }),
});
type CatalogDocument = z.infer<typeof CatalogDocument>;

const OTHER_MODELS: Record<string, string> = {
  'component-definition': 'component definition',
  'system-security-plan': 'system security plan',
  'assessment-plan': 'assessment plan',
  'assessment-results': 'assessment results document',
  'plan-of-action-and-milestones': 'plan of action and milestones',
  'mapping-collection': 'mapping collection',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (path: string, message: string) => new ImportFormatError([{ path, message }]);

/** Refuses other OSCAL models and versions before the shape is checked: their shapes differ. */
function checkModelAndVersion(data: unknown): void {
  if (!isRecord(data)) throw fail('(root)', 'An OSCAL document is a JSON object');
  if (!('catalog' in data)) {
    if ('profile' in data) {
      throw fail('profile', 'This is an OSCAL profile, not a catalog. Resolve the profile into a catalog (an OSCAL profile resolver does this) and import the resolved catalog.');
    }
    const model = Object.keys(data).find((key) => key in OTHER_MODELS);
    throw model ? fail(model, `This is an OSCAL ${OTHER_MODELS[model]}, not a catalog; only catalogs can be imported.`) : fail('catalog', 'Not an OSCAL catalog: the document has no top-level "catalog"');
  }
  const metadata = isRecord(data.catalog) ? data.catalog.metadata : undefined;
  const version = isRecord(metadata) ? metadata['oscal-version'] : undefined;
  if (typeof version === 'string' && !/^1\.[12]\.\d+(?:[-+].*)?$/.test(version)) {
    throw fail('catalog.metadata.oscal-version', `OSCAL version ${version} is not supported; Konform reads catalogs of OSCAL 1.1.x and 1.2.x`);
  }
}

function readDocument(data: unknown): CatalogDocument {
  checkModelAndVersion(data);
  const result = CatalogDocument.safeParse(data);
  if (result.success) return result.data;
  throw new ImportFormatError(
    result.error.issues.map((i) => ({
      path: formatIssuePath(i.path),
      message: i.code === 'invalid_type' && i.message.endsWith('received undefined') ? `Missing; expected ${i.expected}` : i.message,
    })),
  );
}

// ---------------------------------------------------------------- conversion

interface Row {
  requirement: Record<string, unknown>;
  /** The control's or group's path in the OSCAL document, for messages. */
  origin: string;
  position: number | undefined;
}

interface Conversion {
  /** Written by catalogToOscal: prose is Konform's text as is, not OSCAL markup to flatten. */
  konform: boolean;
  params: Map<string, Param>;
  ids: Set<string>;
  rows: Row[];
  warnings: string[];
  issues: ImportIssue[];
  undefinedParams: Set<string>;
}

type Path = (string | number)[];

const isOscalNs = (ns: string | undefined) => ns === undefined || ns === OSCAL_NS;
const oscalProps = (props: Prop[] | undefined, name: string) => (props ?? []).filter((p) => p.name === name && isOscalNs(p.ns));
const konformParts = (parts: Part[] | undefined, name: string) => (parts ?? []).filter((p) => p.name === name && p.ns === KONFORM_NS);

/** Konform's props of a name; a collapsed value keeps the exact text in `remarks`. */
function konformProps(props: Prop[] | undefined, name: string): { text: string; index: number }[] {
  return (props ?? []).flatMap((p, index) => (p.name === name && p.ns === KONFORM_NS ? [{ text: p.remarks ?? p.value, index }] : []));
}
const konformText = (props: Prop[] | undefined, name: string) => konformProps(props, name)[0]?.text;

/** NIST writes several labels (zero-padded, SP 800-53A); the one without a class is the printed one. */
function labelOf(props: Prop[] | undefined): string | undefined {
  const labels = oscalProps(props, 'label');
  return (labels.find((l) => l.class === undefined) ?? labels[0])?.value;
}

/** Lower-case ASCII words joined by hyphens, cut between words to at most 80 characters. */
function slug(text: string): string {
  const words = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let result = words[0]?.slice(0, 80) ?? '';
  for (const word of words.slice(1)) {
    if (result.length + 1 + word.length > 80) break;
    result = `${result}-${word}`;
  }
  return result;
}

function sanitiseId(raw: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(raw)) return raw;
  const ascii = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'item';
}

function requirementId(node: Node, where: string, cv: Conversion): string {
  // Konform documents keep ids that OSCAL tokens cannot hold (a leading digit) in a prop.
  const own = konformText(node.props, KONFORM_NAMES.id);
  const base = own ?? sanitiseId(node.id ?? slug(node.title));
  let id = base;
  for (let n = 2; cv.ids.has(id); n++) id = `${base}-${n}`;
  cv.ids.add(id);
  if (own === undefined && id !== node.id) {
    cv.warnings.push(node.id === undefined ? `The group at ${where} has no id; it was imported as ${id}.` : `The id ${node.id} at ${where} is not a valid Konform id or occurs twice; it was imported as ${id}.`);
  }
  return id;
}

const INSERT_PARAM = /\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g;

/** A parameter as NIST prints it: its values, else `[Selection: …]` or `[Assignment: label]`. */
function renderParam(id: string, cv: Conversion, depth: number): string {
  const param = cv.params.get(id);
  if (!param) cv.undefinedParams.add(id);
  if (!param || depth > 4) return `[Assignment: ${id}]`;
  if (param.values?.length) return param.values.join(', ');
  if (param.select?.choice?.length) {
    const kind = param.select['how-many'] === 'one-or-more' ? 'Selection (one or more)' : 'Selection';
    return `[${kind}: ${param.select.choice.map((c) => substituteParams(c, cv, depth + 1)).join('; ')}]`;
  }
  return `[Assignment: ${param.label ?? id}]`;
}

function substituteParams(prose: string, cv: Conversion, depth = 0): string {
  return prose.replace(INSERT_PARAM, (_match, id: string) => renderParam(id, cv, depth));
}

/** A statement as lines: its prose, then each item as `label prose`, depth first. */
function flattenPart(part: Part, cv: Conversion): string[] {
  const prose = part.prose === undefined ? '' : substituteParams(part.prose, cv).trim();
  const own = [labelOf(part.props), prose].filter((s) => s).join(' ');
  return [...(own ? [own] : []), ...(part.parts ?? []).flatMap((p) => flattenPart(p, cv))];
}

function descriptionOf(parts: Part[] | undefined, cv: Conversion): { de: string; en: string } | undefined {
  const statement = parts?.find((p) => p.name === 'statement' && isOscalNs(p.ns));
  if (!statement) return undefined;
  const en = cv.konform ? (statement.prose ?? '') : flattenPart(statement, cv).join('\n');
  if (!en.trim()) return undefined;
  return { de: konformParts(parts, KONFORM_NAMES.statementDe)[0]?.prose ?? en, en };
}

function evidenceOf(parts: Part[] | undefined): { de: string; en: string }[] {
  return konformParts(parts, KONFORM_NAMES.evidence).map((p) => {
    const en = p.prose ?? '';
    return { de: konformParts(p.parts, KONFORM_NAMES.evidenceDe)[0]?.prose ?? en, en };
  });
}

/** Parses a JSON-valued Konform prop; a broken one is an issue at the prop. */
function jsonProp(props: Prop[] | undefined, name: string, path: Path, cv: Conversion): unknown[] {
  return konformProps(props, name).flatMap(({ text, index }) => {
    try {
      return [JSON.parse(text) as unknown];
    } catch (error) {
      cv.issues.push({ path: formatIssuePath([...path, 'props', index, 'value']), message: `${name} is not valid JSON: ${(error as Error).message}` });
      return [];
    }
  });
}

function positionOf(node: Node, path: Path, cv: Conversion): number | undefined {
  const found = konformProps(node.props, KONFORM_NAMES.position)[0];
  if (!found) return undefined;
  const position = Number(found.text);
  if (Number.isInteger(position) && position >= 0) return position;
  cv.issues.push({ path: formatIssuePath([...path, 'props', found.index, 'value']), message: `position must be a whole number, not ${found.text}` });
  return undefined;
}

const withoutUndefined = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

function requirementOf(node: Node, id: string, isGroup: boolean, parent: string | undefined, path: Path, cv: Conversion): Record<string, unknown> {
  const text = (name: string) => konformText(node.props, name);
  return withoutUndefined({
    id,
    ref: text(KONFORM_NAMES.ref) ?? labelOf(node.props) ?? node.id?.toUpperCase() ?? node.title,
    parent,
    kind: text(KONFORM_NAMES.kind) ?? (isGroup ? 'group' : 'requirement'),
    title: { de: text(KONFORM_NAMES.titleDe) ?? node.title, en: node.title },
    description: descriptionOf(node.parts, cv),
    roles: konformProps(node.props, KONFORM_NAMES.role).map((p) => p.text),
    appliesWhen: jsonProp(node.props, KONFORM_NAMES.appliesWhen, path, cv)[0],
    timelineGroup: text(KONFORM_NAMES.timelineGroup),
    appliesFrom: text(KONFORM_NAMES.appliesFrom),
    evidence: evidenceOf(node.parts),
  });
}

const countControls = (nodes: Node[] | undefined): number => (nodes ?? []).reduce((n, c) => n + 1 + countControls(c.controls), 0);
const isWithdrawn = (node: Node) => oscalProps(node.props, 'status').some((p) => p.value.trim().toLowerCase() === 'withdrawn');

function convertNode(node: Node, isGroup: boolean, parent: string | undefined, path: Path, cv: Conversion): void {
  const where = formatIssuePath(path);
  if (isWithdrawn(node)) {
    const nested = countControls(node.controls);
    cv.warnings.push(`${node.id ?? node.title} at ${where} is withdrawn and was skipped${nested ? `, with ${nested} nested controls` : ''}.`);
    return;
  }
  const id = requirementId(node, where, cv);
  cv.rows.push({ requirement: requirementOf(node, id, isGroup, parent, path, cv), origin: where, position: positionOf(node, path, cv) });
  node.groups?.forEach((g, i) => convertNode(g, true, id, [...path, 'groups', i], cv));
  node.controls?.forEach((c, i) => convertNode(c, false, id, [...path, 'controls', i], cv));
}

/** Parameter ids are unique in a document; inserts may name parameters of an enclosing control or the catalog. */
function collectParams(nodes: Node[] | undefined, into: Map<string, Param>): void {
  for (const node of nodes ?? []) {
    for (const param of node.params ?? []) into.set(param.id, param);
    collectParams(node.groups, into);
    collectParams(node.controls, into);
  }
}

function publisherOf(metadata: Metadata): string | undefined {
  const names = new Map((metadata.parties ?? []).map((p) => [p.uuid, p.name?.trim()]));
  for (const role of ['publisher', 'creator']) {
    const party = metadata['responsible-parties']?.find((r) => r['role-id'] === role)?.['party-uuids'].find((uuid) => names.get(uuid));
    if (party) return names.get(party);
  }
  return undefined;
}

function licenceOf(metadata: Metadata): string | undefined {
  const isLicence = (name: string | undefined) => ['license', 'licence', 'rights'].includes(name?.toLowerCase() ?? '');
  const prop = metadata.props?.find((p) => isLicence(p.name) && p.ns !== KONFORM_NS);
  if (prop) return prop.value;
  const link = metadata.links?.find((l) => isLicence(l.rel));
  return link && (link.text ? `${link.text} (${link.href})` : link.href);
}

function catalogOf(doc: CatalogDocument, options: ImportOptions, cv: Conversion): Record<string, unknown> {
  const { metadata, uuid } = doc.catalog;
  const text = (name: string) => konformText(metadata.props, name);
  const publisher = text(KONFORM_NAMES.publisher) ?? publisherOf(metadata) ?? metadata.title;
  return {
    id: options.catalogId ?? text(KONFORM_NAMES.catalogId) ?? (slug(metadata.title) || 'oscal-catalog'),
    version: text(KONFORM_NAMES.version) ?? metadata.version,
    kind: text(KONFORM_NAMES.kind) ?? 'framework',
    title: { de: text(KONFORM_NAMES.titleDe) ?? metadata.title, en: metadata.title },
    publisher,
    source: text(KONFORM_NAMES.source) ?? `OSCAL catalog ${uuid}`,
    licence: text(KONFORM_NAMES.licence) ?? licenceOf(metadata) ?? `As stated by the publisher (${publisher}); the OSCAL document names no licence.`,
    acts: jsonProp(metadata.props, KONFORM_NAMES.act, ['catalog', 'metadata'], cv),
  };
}

/** Rows in the order of their position props where the exporter wrote them, else in document order. */
function inCatalogueOrder(rows: Row[]): Row[] {
  if (!rows.some((r) => r.position !== undefined)) return rows;
  const key = (r: Row) => r.position ?? Number.MAX_SAFE_INTEGER;
  return [...rows].sort((a, b) => key(a) - key(b));
}

/**
 * Reads an OSCAL catalog (JSON, OSCAL 1.1.x or 1.2.x). A document written by catalogToOscal gives back the catalogue
 * exactly; any other catalog becomes a `framework` catalogue of groups and requirements in its single language.
 * Every problem throws ImportFormatError with the JSON path of its place.
 */
export function parseOscalCatalog(text: string, options: ImportOptions = {}): ParsedImport {
  const doc = readDocument(parseJson(text.replace(/^\uFEFF/, '')));
  const { catalog } = doc;
  const cv: Conversion = {
    konform: konformText(catalog.metadata.props, KONFORM_NAMES.catalogId) !== undefined,
    params: new Map((catalog.params ?? []).map((p) => [p.id, p])),
    ids: new Set(),
    rows: [],
    warnings: [],
    issues: [],
    undefinedParams: new Set(),
  };
  collectParams(catalog.groups, cv.params);
  collectParams(catalog.controls, cv.params);
  const header = catalogOf(doc, options, cv);
  catalog.groups?.forEach((g, i) => convertNode(g, true, undefined, ['catalog', 'groups', i], cv));
  catalog.controls?.forEach((c, i) => convertNode(c, false, undefined, ['catalog', 'controls', i], cv));
  for (const id of cv.undefinedParams) cv.warnings.push(`The parameter ${id} is inserted but not defined; it reads [Assignment: ${id}].`);

  const rows = inCatalogueOrder(cv.rows);
  const result = Catalog.safeParse({ ...header, requirements: rows.map((r) => r.requirement) });
  const issues = [...cv.issues, ...(result.success ? [] : result.error.issues.map((i) => convertedIssue(i.path, i.message, rows)))];
  if (issues.length > 0 || !result.success) throw new ImportFormatError(issues);
  return { format: 'oscal-json', bundle: { catalog: result.data, mappings: [] }, warnings: cv.warnings };
}

/** An issue of the produced catalogue, with the OSCAL place it came from. */
function convertedIssue(path: readonly PropertyKey[], message: string, rows: Row[]): ImportIssue {
  const origin = path[0] === 'requirements' && typeof path[1] === 'number' ? rows[path[1]]?.origin : undefined;
  return {
    path: path.length ? `catalog (converted).${formatIssuePath(path)}` : 'catalog (converted)',
    message: origin ? `${message} (from ${origin})` : message,
  };
}
