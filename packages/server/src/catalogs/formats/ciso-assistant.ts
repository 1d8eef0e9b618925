import { parseDocument } from 'yaml';
import { z } from 'zod';
import { CatalogBundle, type CatalogInput, type ImportIssue, type MappingSet, type Measure, type MeasureCatalog } from '@konform/core';
import { formatIssuePath } from '../load-yaml.js';
import { ImportFormatError, type ImportOptions, type ParsedImport } from './types.js';

/*
 * CISO Assistant (intuitem) library YAML → Konform catalogue bundle.
 *
 * A library carries one framework (`objects.framework` with flat `requirement_nodes` linked by `parent_urn`),
 * optionally `reference_controls` (→ a measure catalogue) and requirement mapping sets (→ mapping sets).
 * Ids are derived from URNs so that a mapping library imported later resolves to the same keys:
 *   catalogue id   = last segment of the framework urn, sanitised (or options.catalogId)
 *   requirement id = node urn after `req_node:<framework>:`, sanitised
 * CISO Assistant lower-cases URNs on import; so do we, which makes the ids lower case.
 */

const FORMAT = 'ciso-assistant-yaml';

// ---------------------------------------------------------------- input shape (only what we read; the rest passes)

const Scalar = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .nullish();
const Urn = z.string().trim().min(1).toLowerCase();
const Localised = z.looseObject({ name: Scalar, description: Scalar, annotation: Scalar, typical_evidence: Scalar });
const Translations = z.record(z.string(), Localised.nullish()).nullish();

const Node = z.looseObject({
  urn: Urn,
  parent_urn: Urn.nullish(),
  assessable: z.boolean().nullish(),
  ref_id: Scalar,
  name: Scalar,
  description: Scalar,
  annotation: Scalar,
  typical_evidence: Scalar,
  reference_controls: z.array(Urn).nullish(),
  translations: Translations,
});
const Control = z.looseObject({
  urn: Urn,
  ref_id: Scalar,
  name: Scalar,
  category: Scalar,
  description: Scalar,
  annotation: Scalar,
  typical_evidence: Scalar,
  translations: Translations,
});
const RELATIONSHIPS = ['equal', 'subset', 'superset', 'intersect', 'not_related'] as const;
const Mapping = z.looseObject({
  source_requirement_urn: Urn,
  target_requirement_urn: Urn,
  relationship: z.string().trim().toLowerCase().pipe(z.enum(RELATIONSHIPS)),
  rationale: Scalar,
  strength_of_relationship: Scalar,
  annotation: Scalar,
  translations: Translations,
});
const MappingSetInput = z.looseObject({
  urn: Urn,
  ref_id: Scalar,
  name: Scalar,
  source_framework_urn: Urn,
  target_framework_urn: Urn,
  requirement_mappings: z.array(Mapping),
  translations: Translations,
});
const Framework = z.looseObject({
  urn: Urn,
  ref_id: Scalar,
  name: Scalar,
  requirement_nodes: z.array(Node).min(1),
  translations: Translations,
});
const Library = z.looseObject({
  urn: Urn,
  // `en-GB` counts as `en`: only the language decides which text goes where.
  locale: z
    .string()
    .trim()
    .toLowerCase()
    .transform((l) => l.split(/[-_]/)[0] ?? l)
    .default('en'),
  ref_id: Scalar,
  name: Scalar,
  copyright: Scalar,
  version: z.union([z.string().trim().min(1), z.number()]).transform(String),
  provider: Scalar,
  packager: Scalar,
  translations: Translations,
  objects: z.looseObject({
    framework: Framework.optional(),
    reference_controls: z.array(Control).nullish(),
    threats: z.array(z.unknown()).nullish(),
    requirement_mapping_set: MappingSetInput.nullish(),
    requirement_mapping_sets: z.array(MappingSetInput).nullish(),
  }),
});
type Library = z.infer<typeof Library>;
type Framework = z.infer<typeof Framework>;
type Node = z.infer<typeof Node>;
type Control = z.infer<typeof Control>;
type MappingSetInput = z.infer<typeof MappingSetInput>;
type TextField = 'name' | 'description' | 'annotation' | 'typical_evidence';
type Texts = Partial<Record<TextField, string | null>>;
interface Localisable extends Texts {
  translations?: Record<string, Texts | null | undefined> | null;
}
interface Text {
  de: string;
  en: string;
}

// ---------------------------------------------------------------- ids

/** Konform's id pattern: letters, digits, dot, underscore, hyphen, starting with a letter or digit. */
export function sanitiseId(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '');
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const lastSegment = (urn: string) => urn.split(':').at(-1) ?? urn;

/** `urn:<packager>:risk:req_node:<framework>:<node>` → `<node>`; the node part may itself contain colons. */
function nodeTail(urn: string): string {
  const parts = urn.split(':');
  const at = parts.indexOf('req_node');
  return at >= 0 && parts.length > at + 2 ? parts.slice(at + 2).join(':') : lastSegment(urn);
}

export const requirementIdOfUrn = (nodeUrn: string) => sanitiseId(nodeTail(nodeUrn.toLowerCase()));
export const catalogIdOfFrameworkUrn = (frameworkUrn: string) => sanitiseId(lastSegment(frameworkUrn.toLowerCase()));

// ---------------------------------------------------------------- texts

/**
 * A text in both languages: the library's own language for its locale, `translations.de` / `.en` for the other,
 * and the one that exists for both when only one does (a French library without translations gives French twice).
 */
function bilingual(source: Localisable, field: TextField, locale: string): Text | undefined {
  const base = source[field] || undefined;
  const pick = (lang: string) => (lang === locale ? base : source.translations?.[lang]?.[field] || undefined);
  const de = pick('de') ?? pick('en') ?? base;
  const en = pick('en') ?? pick('de') ?? base;
  return de && en ? { de, en } : undefined;
}

const both = (text: string): Text => ({ de: text, en: text });
const mapText = (text: Text, f: (s: string, lang: 'de' | 'en') => string): Text => ({ de: f(text.de, 'de'), en: f(text.en, 'en') });

/** The first sentence of the first line, short enough for a title. */
function headline(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim())?.trim() ?? text.trim();
  const sentence = /^(.{12,}?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  return sentence.length <= 120 ? sentence : `${sentence.slice(0, 119).replace(/\s+\S*$/, '')}…`;
}

/** One item per line; list markers (`-`, `*`, `•`) are dropped. */
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-*•·]\s*/, '').trim())
    .filter(Boolean);

/** Evidence lists in both languages, paired by position; a missing line takes the other language's. */
function evidenceOf(source: Localisable, locale: string): Text[] {
  const text = bilingual(source, 'typical_evidence', locale);
  if (!text) return [];
  const [de, en] = [lines(text.de), lines(text.en)];
  return Array.from({ length: Math.max(de.length, en.length) }, (_, i) => ({ de: de[i] ?? en[i] ?? '', en: en[i] ?? de[i] ?? '' }));
}

// ---------------------------------------------------------------- parsing

interface Context {
  library: Library;
  locale: string;
  catalogId: string;
  frameworkUrn: string;
  /** node urn → requirement id, for the nodes of this file */
  ids: Map<string, string>;
  issues: ImportIssue[];
  warnings: string[];
  options: ImportOptions;
}

function readYaml(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  const issues = doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : '(root)', message: e.message.split('\n')[0] ?? e.message }));
  if (issues.length) throw new ImportFormatError(issues);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ImportFormatError([{ path: '(root)', message: `The YAML cannot be read: ${(error as Error).message}` }]);
  }
}

function readLibrary(data: unknown): Library {
  const result = Library.safeParse(data);
  if (!result.success) throw new ImportFormatError(result.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })));
  return result.data;
}

/** Reads a CISO Assistant library (YAML) into a catalogue bundle; every problem is reported at once, named by its place. */
export function parseCisoAssistantLibrary(text: string, options: ImportOptions = {}): ParsedImport {
  // A bad override would make every derived key invalid; one issue says it better than dozens.
  if (options.catalogId !== undefined && !ID.test(options.catalogId)) {
    throw new ImportFormatError([{ path: 'catalogId', message: `${options.catalogId} is not a valid catalogue id (letters, digits, dot, underscore, hyphen)` }]);
  }
  const library = readLibrary(readYaml(text));
  const framework = library.objects.framework;
  if (!framework) return parseMappingLibrary(library, options);
  const ctx: Context = {
    library,
    locale: library.locale,
    catalogId: options.catalogId ?? catalogIdOfFrameworkUrn(framework.urn),
    frameworkUrn: framework.urn,
    ids: new Map(framework.requirement_nodes.map((n) => [n.urn, requirementIdOfUrn(n.urn)])),
    issues: [],
    warnings: [],
    options,
  };
  noteSkippedContent(ctx);
  const catalog = toCatalog(framework, ctx);
  const controls = toMeasures(library.objects.reference_controls ?? [], framework.requirement_nodes, catalog.title, ctx);
  const mappings = toMappingSets(mappingSetsOf(library), ctx);

  const bundle = { catalog, measures: controls?.measures, mappings: mappings.map((m) => m.set) };
  const result = CatalogBundle.safeParse(bundle);
  const known = new Set(ctx.issues.map((i) => i.path));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = fileLocation(issue.path, controls?.origins ?? [], mappings);
      if (!known.has(path)) ctx.issues.push({ path, message: `${issue.message} (Konform field ${formatIssuePath(issue.path)})` });
    }
  }
  if (ctx.issues.length || !result.success) throw new ImportFormatError(ctx.issues);
  return { format: FORMAT, bundle: result.data, warnings: ctx.warnings };
}

/**
 * A library with only mapping sets (CISO Assistant ships its mappings this way): the sets are attached to the
 * active version of their source catalogue, as a new version of it with the same requirements.
 */
function parseMappingLibrary(library: Library, options: ImportOptions): ParsedImport {
  const sets = mappingSetsOf(library);
  if (sets.length === 0) {
    throw new ImportFormatError([{ path: 'objects.framework', message: 'The library has neither a framework nor mapping sets: there is nothing to import as a catalogue' }]);
  }
  const source = sets[0]!.input.source_framework_urn;
  const issues = sets
    .filter((s) => s.input.source_framework_urn !== source)
    .map((s) => ({ path: `${s.path}.source_framework_urn`, message: `All mapping sets of one library must start from the same framework (${source})` }));
  if (issues.length) throw new ImportFormatError(issues);
  const catalogId = options.catalogId ?? catalogIdOfFrameworkUrn(source);
  const active = options.activeBundle?.(catalogId);
  if (!active) {
    throw new ImportFormatError([{ path: `${sets[0]!.path}.source_framework_urn`, message: `Konform has no catalogue ${catalogId} (from ${source}): import its framework first` }]);
  }
  // No framework of its own: both ends of every mapping must be requirements Konform already has.
  const ctx: Context = { library, locale: library.locale, catalogId, frameworkUrn: '', ids: new Map(), issues: [], warnings: [], options };
  const mappings = toMappingSets(sets, ctx);
  if (mappings.length === 0) ctx.issues.push({ path: sets[0]!.path, message: 'None of the mapping sets relates any requirements' });
  const added = new Set(mappings.map((m) => m.set.id));
  const version = `${active.catalog.version}+${[...added].join('+')}.${library.version}`;
  const bundle = CatalogBundle.safeParse({
    catalog: { ...active.catalog, version },
    measures: active.measures,
    mappings: [...(active.mappings ?? []).filter((set) => !added.has(set.id)), ...mappings.map((m) => m.set)],
  });
  if (!bundle.success) for (const issue of bundle.error.issues) ctx.issues.push({ path: formatIssuePath(issue.path), message: issue.message });
  if (ctx.issues.length || !bundle.success) throw new ImportFormatError(ctx.issues);
  ctx.warnings.unshift(`A mapping library: its mapping sets are attached to catalogue ${catalogId}, as version ${version} with unchanged requirements.`);
  return { format: FORMAT, bundle: bundle.data, warnings: ctx.warnings };
}

function noteSkippedContent(ctx: Context): void {
  const threats = ctx.library.objects.threats?.length ?? 0;
  if (threats) ctx.warnings.push(`${threats} threat(s) were not imported: Konform has no threat catalogue.`);
  if (ctx.locale !== 'de' && ctx.locale !== 'en') {
    ctx.warnings.push(`The library is written in "${ctx.locale}"; texts without a German or English translation were taken over in that language.`);
  }
}

// ---------------------------------------------------------------- framework → catalogue

const NODES = 'objects.framework.requirement_nodes';

function toCatalog(framework: Framework, ctx: Context): CatalogInput & { title: Text } {
  const { library, locale } = ctx;
  const title = bilingual(framework, 'name', locale) ?? bilingual(library, 'name', locale) ?? both(framework.ref_id || ctx.catalogId);
  checkNodeIds(framework.requirement_nodes, ctx);
  checkLibraryMetadata(ctx);
  return {
    id: ctx.catalogId,
    version: library.version,
    kind: 'framework',
    title,
    publisher: library.provider || library.packager || '',
    source: library.urn,
    licence: library.copyright || '',
    requirements: framework.requirement_nodes.map((node, i) => toRequirement(node, i, ctx)),
  };
}

/** Konform needs a publisher and a licence statement; CISO Assistant requires both, but older files may lack them. */
function checkLibraryMetadata(ctx: Context): void {
  const { provider, packager, copyright } = ctx.library;
  if (!provider && !packager) ctx.issues.push({ path: 'provider', message: 'The library names no provider (nor packager); Konform needs a publisher' });
  if (!copyright) ctx.issues.push({ path: 'copyright', message: 'The library has no copyright notice; Konform needs a licence statement' });
}

/** Sanitising can make two urns collide; CatalogBundle would catch it, but only when nothing else is wrong. */
function checkNodeIds(nodes: Node[], ctx: Context): void {
  const firstIndex = new Map<string, number>();
  nodes.forEach((node, i) => {
    const id = ctx.ids.get(node.urn)!;
    const first = firstIndex.get(id);
    if (!id) ctx.issues.push({ path: `${NODES}[${i}].urn`, message: `No requirement id can be derived from ${node.urn}` });
    else if (first !== undefined) ctx.issues.push({ path: `${NODES}[${i}].urn`, message: `Requirement id ${id} (from ${node.urn}) is already used by ${NODES}[${first}]` });
    else firstIndex.set(id, i);
  });
}

function toRequirement(node: Node, index: number, ctx: Context): CatalogInput['requirements'][number] {
  const id = ctx.ids.get(node.urn)!;
  const description = bilingual(node, 'description', ctx.locale);
  const title = bilingual(node, 'name', ctx.locale) ?? (description && mapText(description, headline)) ?? both(node.ref_id || id);
  const requirement: CatalogInput['requirements'][number] = {
    id,
    ref: node.ref_id || id,
    kind: node.assessable ? 'requirement' : 'group',
    title,
    evidence: evidenceOf(node, ctx.locale),
  };
  if (description) requirement.description = description;
  if (node.parent_urn) {
    const parent = ctx.ids.get(node.parent_urn);
    if (parent === undefined) ctx.issues.push({ path: `${NODES}[${index}].parent_urn`, message: `Unknown parent ${node.parent_urn}: no requirement node of this framework has that urn` });
    else requirement.parent = parent;
  }
  return requirement;
}

// ---------------------------------------------------------------- reference controls → measures

interface MeasureResult {
  measures: MeasureCatalog;
  /** index in `measures.measures` → index in objects.reference_controls */
  origins: number[];
}

function toMeasures(controls: Control[], nodes: Node[], catalogTitle: Text, ctx: Context): MeasureResult | undefined {
  const linked = linkControls(controls, nodes, ctx);
  const unused = controls.filter((c) => !linked.get(c.urn)?.length);
  if (unused.length) {
    ctx.warnings.push(`${unused.length} reference control(s) used by no requirement node were not imported: ${unused.map((c) => c.ref_id || c.urn).join(', ')}.`);
  }
  const origins: number[] = [];
  const measures: Measure[] = [];
  const seen = new Map<string, number>();
  controls.forEach((control, i) => {
    const requirements = linked.get(control.urn);
    if (!requirements?.length) return;
    const measure = toMeasure(control, requirements, ctx);
    const first = seen.get(measure.id);
    if (first !== undefined) ctx.issues.push({ path: `objects.reference_controls[${i}].ref_id`, message: `Measure id ${measure.id} is already used by objects.reference_controls[${first}]` });
    seen.set(measure.id, i);
    measures.push(measure);
    origins.push(i);
  });
  if (!measures.length) return undefined;
  return {
    origins,
    measures: {
      id: `${ctx.catalogId}-controls`,
      version: ctx.library.version,
      title: { de: `Referenzmaßnahmen: ${catalogTitle.de}`, en: `Reference controls: ${catalogTitle.en}` },
      measures,
    },
  };
}

/** control urn → keys of the requirements that name it; urns pointing outside this library are counted and left out. */
function linkControls(controls: Control[], nodes: Node[], ctx: Context): Map<string, string[]> {
  const linked = new Map<string, string[]>(controls.map((c) => [c.urn, []]));
  let external = 0;
  for (const node of nodes) {
    for (const urn of node.reference_controls ?? []) {
      const keys = linked.get(urn);
      const key = `${ctx.catalogId}:${ctx.ids.get(node.urn)}`;
      if (!keys) external++;
      else if (!keys.includes(key)) keys.push(key);
    }
  }
  if (external) ctx.warnings.push(`${external} reference-control link(s) point to controls outside this library and were ignored.`);
  return linked;
}

function toMeasure(control: Control, requirements: string[], ctx: Context): Measure {
  const title = bilingual(control, 'name', ctx.locale) ?? both(control.ref_id || lastSegment(control.urn));
  const evidence = evidenceOf(control, ctx.locale);
  return {
    id: `${ctx.catalogId}.${sanitiseId(control.ref_id || lastSegment(control.urn))}`,
    title,
    description: bilingual(control, 'description', ctx.locale) ?? bilingual(control, 'annotation', ctx.locale) ?? title,
    // CISO Assistant's categories: policy, process, procedure (organisational) and technical, physical.
    type: control.category === 'technical' || control.category === 'physical' ? 'technical' : 'organisational',
    evidence: evidence.length ? evidence : [{ de: `Nachweis, dass die Maßnahme „${title.de}“ umgesetzt ist`, en: `Record showing that the control "${title.en}" is in place` }],
    requirements,
  };
}

// ---------------------------------------------------------------- requirement mapping sets → mapping sets

interface SourcedSet {
  input: MappingSetInput;
  path: string;
}

interface MappingResult {
  set: MappingSet;
  path: string;
  /** index in `set.mappings` → index in requirement_mappings */
  origins: number[];
}

function mappingSetsOf(library: Library): SourcedSet[] {
  const { requirement_mapping_set: single, requirement_mapping_sets: list } = library.objects;
  const sets = (list ?? []).map((input, i) => ({ input, path: `objects.requirement_mapping_sets[${i}]` }));
  return single ? [{ input: single, path: 'objects.requirement_mapping_set' }, ...sets] : sets;
}

const RELATION = { equal: 'equal', subset: 'subset', superset: 'superset', intersect: 'intersects' } as const;

const RATIONALE: Record<string, Text> = {
  syntactic: { de: 'Abgleich des Wortlauts (syntaktisch)', en: 'Comparison of the wording (syntactic)' },
  semantic: { de: 'Abgleich der Bedeutung (semantisch)', en: 'Comparison of the meaning (semantic)' },
  functional: { de: 'Abgleich der Wirkung (funktional)', en: 'Comparison of the effect (functional)' },
};

function toMappingSets(sets: SourcedSet[], ctx: Context): MappingResult[] {
  const results: MappingResult[] = [];
  let notRelated = 0;
  for (const { input, path } of sets) {
    const origins: number[] = [];
    const mappings: MappingSet['mappings'] = [];
    input.requirement_mappings.forEach((m, i) => {
      if (m.relationship === 'not_related') {
        notRelated++;
        return;
      }
      const from = resolveKey(input.source_framework_urn, m.source_requirement_urn, `${path}.requirement_mappings[${i}].source_requirement_urn`, ctx);
      const to = resolveKey(input.target_framework_urn, m.target_requirement_urn, `${path}.requirement_mappings[${i}].target_requirement_urn`, ctx);
      mappings.push({ from, to, relation: RELATION[m.relationship], rationale: rationaleOf(m, ctx.locale) });
      origins.push(i);
    });
    if (!mappings.length) {
      ctx.warnings.push(`Mapping set ${input.ref_id || input.urn} has no related requirements and was not imported.`);
      continue;
    }
    const id = sanitiseId(input.ref_id || lastSegment(input.urn));
    const title = bilingual(input, 'name', ctx.locale) ?? both(input.ref_id || id);
    results.push({ set: { id, version: ctx.library.version, title, mappings }, path, origins });
  }
  if (notRelated) ctx.warnings.push(`${notRelated} mapping(s) with relationship not_related were skipped: Konform records only related requirements.`);
  return results;
}

/** `catalogId:requirementId` of a node urn; it must be in this file or in a catalogue Konform already has. */
function resolveKey(frameworkUrn: string, nodeUrn: string, path: string, ctx: Context): string {
  const own = frameworkUrn === ctx.frameworkUrn;
  const key = `${own ? ctx.catalogId : catalogIdOfFrameworkUrn(frameworkUrn)}:${requirementIdOfUrn(nodeUrn)}`;
  const known = own ? ctx.ids.has(nodeUrn) : ctx.options.knownRequirement?.(key) === true;
  if (!known) {
    ctx.issues.push({
      path,
      message: own ? `Unknown requirement ${nodeUrn}: no requirement node of this framework has that urn` : `Unknown requirement ${nodeUrn} (Konform key ${key}): import its framework first`,
    });
  }
  return key;
}

function rationaleOf(mapping: z.infer<typeof Mapping>, locale: string): Text {
  const stated = bilingual(mapping, 'annotation', locale) ?? (mapping.rationale ? (RATIONALE[mapping.rationale.toLowerCase()] ?? both(mapping.rationale)) : undefined);
  const text = stated ?? { de: 'Zuordnung laut CISO-Assistant-Bibliothek', en: 'Relationship as stated in the CISO Assistant library' };
  const strength = mapping.strength_of_relationship;
  return strength ? mapText(text, (s, lang) => `${s} (${lang === 'de' ? 'Stärke' : 'strength'} ${strength})`) : text;
}

// ---------------------------------------------------------------- issue paths back into the file

const REQUIREMENT_FIELDS: Record<string, string> = { id: 'urn', parent: 'parent_urn', ref: 'ref_id', kind: 'assessable', title: 'name', description: 'description', evidence: 'typical_evidence' };
const MEASURE_FIELDS: Record<string, string> = { id: 'ref_id', title: 'name', description: 'description', type: 'category', evidence: 'typical_evidence' };
const MAPPING_FIELDS: Record<string, string> = { from: 'source_requirement_urn', to: 'target_requirement_urn', relation: 'relationship', rationale: 'annotation' };
const CATALOG_FIELDS: Record<string, string> = { id: 'objects.framework.urn', version: 'version', title: 'objects.framework.name', publisher: 'provider', source: 'urn', licence: 'copyright' };

const field = (table: Record<string, string>, key: PropertyKey | undefined) => (typeof key === 'string' && table[key] ? `.${table[key]}` : '');

/** Where in the CISO Assistant file a problem of the converted bundle comes from. */
function fileLocation(path: readonly PropertyKey[], measureOrigins: number[], mappings: MappingResult[]): string {
  const [section, a, b, c, d] = path;
  if (section === 'catalog' && a === 'requirements' && typeof b === 'number') return `${NODES}[${b}]${field(REQUIREMENT_FIELDS, c)}`;
  if (section === 'catalog' && typeof a === 'string' && CATALOG_FIELDS[a]) return CATALOG_FIELDS[a];
  if (section === 'measures' && a === 'measures' && typeof b === 'number') return `objects.reference_controls[${measureOrigins[b]}]${field(MEASURE_FIELDS, c)}`;
  if (section === 'mappings' && typeof a === 'number' && mappings[a]) {
    const set = mappings[a];
    if (b === 'mappings' && typeof c === 'number') return `${set.path}.requirement_mappings[${set.origins[c]}]${field(MAPPING_FIELDS, d)}`;
    return `${set.path}${field({ id: 'ref_id', title: 'name', version: 'version' }, b)}`;
  }
  return formatIssuePath(path);
}
