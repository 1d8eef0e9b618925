import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Catalog, MappingSet, MeasureCatalog, type CatalogRequirement, type Measure } from '@konform/core';
import { catalogDir } from './eu-ai-act.js';
import { loadYamlFile } from './load-yaml.js';

export type MappingRelation = MappingSet['mappings'][number]['relation'];
export type Text = { de: string; en: string };

/** A requirement (or group) with its place in the registry. */
export interface IndexedRequirement {
  key: string;
  catalogId: string;
  requirement: CatalogRequirement;
  parentKey: string | null;
  /** The top-level node above it (itself when it has no parent). */
  topKey: string;
}

/** A mapping seen from one requirement: "this requirement is a <relation> of <key>". */
export interface MappingView {
  key: string;
  relation: MappingRelation;
  rationale: Text;
}

export interface RegisteredCatalog {
  catalog: Catalog;
  source: 'bundled' | 'imported';
  /** Bundled: the file it came from. */
  file?: string;
}

/** An accepted catalogue version from the database, with the measures and mappings its file brought. */
export interface ImportedCatalog {
  catalog: Catalog;
  measures?: MeasureCatalog;
  mappings?: MappingSet[];
}

const INVERSE: Record<MappingRelation, MappingRelation> = { equal: 'equal', subset: 'superset', superset: 'subset', intersects: 'intersects' };

interface BundledFiles {
  catalogs: { file: string; catalog: Catalog }[];
  measures: { file: string; set: MeasureCatalog } | null;
  mappings: { file: string; set: MappingSet }[];
}

/** Reads and validates every catalogs/<id>/catalog.yaml, catalogs/measures/measures.yaml and catalogs/mappings/*.yaml. */
function readBundled(root: string): BundledFiles {
  const dirs = existsSync(root) ? readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  const catalogs: BundledFiles['catalogs'] = [];
  for (const dir of dirs) {
    const file = path.join(root, dir, 'catalog.yaml');
    if (!existsSync(file)) continue;
    const catalog = loadYamlFile(file, Catalog);
    if (catalog.id !== dir) throw new Error(`Catalogue file ${file} is invalid:\n  at id: the id must equal the folder name "${dir}", got "${catalog.id}"`);
    catalogs.push({ file, catalog });
  }
  const measuresFile = path.join(root, 'measures', 'measures.yaml');
  const measures = existsSync(measuresFile) ? { file: measuresFile, set: loadYamlFile(measuresFile, MeasureCatalog) } : null;
  const mappingsDir = path.join(root, 'mappings');
  const mappings = existsSync(mappingsDir)
    ? readdirSync(mappingsDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => ({ file: path.join(mappingsDir, f), set: loadYamlFile(path.join(mappingsDir, f), MappingSet) }))
    : [];
  return { catalogs, measures, mappings };
}

let generationCounter = 0;

/**
 * The catalogues in memory with their indexes: bundled files (validated at start) merged with the accepted version of
 * each imported catalogue; an accepted update of a bundled catalogue replaces the shipped version. Immutable:
 * `withImported` returns a new registry with a new `generation`.
 */
export class CatalogRegistry {
  /** Changes whenever the content changes; caches key on it. */
  readonly generation = ++generationCounter;
  private readonly byId = new Map<string, RegisteredCatalog>();
  private readonly requirements = new Map<string, IndexedRequirement>();
  private readonly byCatalog = new Map<string, IndexedRequirement[]>();
  private readonly children = new Map<string, string[]>();
  private readonly measureById = new Map<string, Measure>();
  private readonly measuresByKey = new Map<string, Measure[]>();
  private readonly mappingsByKey = new Map<string, MappingView[]>();

  private constructor(
    readonly root: string,
    private readonly bundled: BundledFiles,
    imported: readonly ImportedCatalog[],
  ) {
    for (const { file, catalog } of bundled.catalogs) {
      if (this.byId.has(catalog.id)) throw new Error(`Catalogue file ${file} is invalid:\n  at id: catalogue ${catalog.id} is defined twice`);
      this.byId.set(catalog.id, { catalog, source: 'bundled', file });
    }
    for (const { catalog } of imported) this.byId.set(catalog.id, { catalog, source: this.byId.has(catalog.id) ? 'bundled' : 'imported' });
    for (const { catalog } of this.byId.values()) this.index(catalog);
    // The shipped files must fit the shipped catalogues (checked at start, without imports); an accepted update may
    // remove a requirement a shipped measure or mapping names: that link is then left out.
    const strict = imported.length === 0;
    if (bundled.measures) this.indexMeasures(bundled.measures.file, bundled.measures.set, strict);
    for (const { file, set } of bundled.mappings) this.indexMappings(file, set, strict);
    for (const bundle of imported) {
      if (bundle.measures) this.indexMeasures(`imported catalogue ${bundle.catalog.id}`, bundle.measures, false);
      for (const set of bundle.mappings ?? []) this.indexMappings(`imported catalogue ${bundle.catalog.id}`, set, false);
    }
  }

  /** Loads the bundled catalogues under the catalogue root (argument, KONFORM_CATALOG_DIR or the repository's catalogs/). */
  static load(dir?: string, imported: readonly ImportedCatalog[] = []): CatalogRegistry {
    const root = catalogDir(dir);
    return new CatalogRegistry(root, readBundled(root), imported);
  }

  /** The same bundled catalogues with another set of imported ones. */
  withImported(imported: readonly ImportedCatalog[]): CatalogRegistry {
    return new CatalogRegistry(this.root, this.bundled, imported);
  }

  private index(catalog: Catalog) {
    const list: IndexedRequirement[] = [];
    const parents = new Map(catalog.requirements.map((r) => [r.id, r.parent ?? null]));
    const top = (id: string): string => {
      let current = id;
      for (let guard = 0; guard < 100; guard++) {
        const parent = parents.get(current);
        if (!parent) return current;
        current = parent;
      }
      return current;
    };
    for (const requirement of catalog.requirements) {
      const key = `${catalog.id}:${requirement.id}`;
      const parentKey = requirement.parent ? `${catalog.id}:${requirement.parent}` : null;
      const entry: IndexedRequirement = { key, catalogId: catalog.id, requirement, parentKey, topKey: `${catalog.id}:${top(requirement.id)}` };
      list.push(entry);
      this.requirements.set(key, entry);
      if (parentKey) this.children.set(parentKey, [...(this.children.get(parentKey) ?? []), key]);
    }
    this.byCatalog.set(catalog.id, list);
  }

  private indexMeasures(file: string, set: MeasureCatalog, strict: boolean) {
    set.measures.forEach((measure, i) => {
      if (this.measureById.has(measure.id)) {
        if (strict) throw new Error(`Catalogue file ${file} is invalid:\n  at measures[${i}].id: duplicate measure id ${measure.id}`);
        return;
      }
      const known = measure.requirements.filter((key, j) => {
        if (this.requirements.has(key)) return true;
        if (strict) throw new Error(`Catalogue file ${file} is invalid:\n  at measures[${i}].requirements[${j}]: unknown requirement ${key}`);
        return false;
      });
      const kept = known.length === measure.requirements.length ? measure : { ...measure, requirements: known };
      this.measureById.set(measure.id, kept);
      for (const key of known) this.measuresByKey.set(key, [...(this.measuresByKey.get(key) ?? []), kept]);
    });
  }

  private indexMappings(file: string, set: MappingSet, strict: boolean) {
    set.mappings.forEach((m, i) => {
      const unknown = (['from', 'to'] as const).find((side) => !this.requirements.has(m[side]));
      if (unknown) {
        if (strict) throw new Error(`Catalogue file ${file} is invalid:\n  at mappings[${i}].${unknown}: unknown requirement ${m[unknown]}`);
        return;
      }
      this.mappingsByKey.set(m.from, [...(this.mappingsByKey.get(m.from) ?? []), { key: m.to, relation: m.relation, rationale: m.rationale }]);
      this.mappingsByKey.set(m.to, [...(this.mappingsByKey.get(m.to) ?? []), { key: m.from, relation: INVERSE[m.relation], rationale: m.rationale }]);
    });
  }

  list(): RegisteredCatalog[] {
    return [...this.byId.values()];
  }

  get(id: string): RegisteredCatalog | undefined {
    return this.byId.get(id);
  }

  isBundled(id: string): boolean {
    return this.bundled.catalogs.some((c) => c.catalog.id === id);
  }

  /** The version shipped in catalogs/, whatever update was accepted since. */
  bundledCatalog(id: string): Catalog | undefined {
    return this.bundled.catalogs.find((c) => c.catalog.id === id)?.catalog;
  }

  requirement(key: string): IndexedRequirement | undefined {
    return this.requirements.get(key);
  }

  /** A catalogue's nodes in document order. */
  requirementsOf(catalogId: string): readonly IndexedRequirement[] {
    return this.byCatalog.get(catalogId) ?? [];
  }

  childrenOf(key: string): readonly string[] {
    return this.children.get(key) ?? [];
  }

  measures(): Measure[] {
    return [...this.measureById.values()];
  }

  measure(id: string): Measure | undefined {
    return this.measureById.get(id);
  }

  /** Measures that link the requirement directly. */
  measuresFor(key: string): readonly Measure[] {
    return this.measuresByKey.get(key) ?? [];
  }

  /** Mappings in both directions, each seen from this requirement. */
  mappingsOf(key: string): readonly MappingView[] {
    return this.mappingsByKey.get(key) ?? [];
  }

  /**
   * The requirements that work on `key` also meets: `key` itself and every requirement X such that `key` is equal to
   * or a superset of X (one mapping step, not transitive).
   */
  coveredBy(key: string): string[] {
    const covered = [key];
    for (const m of this.mappingsOf(key)) if (m.relation === 'equal' || m.relation === 'superset') covered.push(m.key);
    return covered;
  }
}
