import {
  Catalog,
  CatalogBundle,
  type CatalogDetail,
  type CatalogImportFormat,
  type CatalogRequirementItem,
  type CatalogRequirementQuery,
  type CatalogSummary,
  type CatalogVersionEntry,
  type CatalogVersionQuery,
  type CatalogVersionState,
  type ListPage,
  type MeasureItem,
  type MeasureListQuery,
  type Timeline,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { notFound } from '../../http/errors.js';
import type { CatalogRegistry, ImportedCatalog, RegisteredCatalog } from '../../catalogs/registry.js';
import * as repo from './repository.js';
import { admitsRiskClass, presentCatalogRequirement, requirementSearchText, type CatalogDates } from './presenter.js';

function summary(entry: RegisteredCatalog): CatalogSummary {
  const c = entry.catalog;
  return {
    id: c.id,
    title: c.title,
    version: c.version,
    kind: c.kind,
    publisher: c.publisher,
    requirementCount: c.requirements.filter((r) => r.kind === 'requirement').length,
    source: entry.source,
  };
}

function page<T>(all: readonly T[], limit: number, offset: number): ListPage<T> {
  return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
}

type VersionHead = Awaited<ReturnType<typeof repo.listVersionsOf>>[number];

export function presentVersion(row: VersionHead): CatalogVersionEntry {
  const catalog = JSON.parse(row.body) as Catalog;
  return {
    catalogId: row.catalog_id,
    version: row.version,
    title: catalog.title,
    state: row.state as CatalogVersionState,
    format: row.format as CatalogImportFormat,
    fileName: row.file_name,
    importedAt: row.imported_at,
    importedBy: row.imported_by_label,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by_label,
  };
}

/** A stored version's catalogue with the measures and mappings of its file. */
export function bundleOf(row: { body: string; extras: string | null }): ImportedCatalog {
  const extras = row.extras ? (JSON.parse(row.extras) as Omit<CatalogBundle, 'catalog'>) : { mappings: [] };
  return CatalogBundle.parse({ catalog: JSON.parse(row.body) as unknown, ...extras });
}

interface ActState {
  value: string;
  changedAt: string | null;
  changedBy: string | null;
}

/**
 * The catalogues: the bundled files (loaded once at start) merged with the accepted versions stored in the database,
 * and the AI Act text whose dates apply. Every read checks the database's catalogue stamp, so an update accepted on
 * another instance shows up on the next read here.
 */
export class CatalogService {
  private registry: CatalogRegistry;
  private imported: ImportedCatalog[] = [];
  private stamp: string | null = null;
  private act: ActState;

  constructor(
    private readonly database: Database,
    readonly bundled: CatalogRegistry,
    readonly timeline: Timeline,
    readonly defaultAct: string,
  ) {
    this.registry = bundled;
    this.act = { value: defaultAct, changedAt: null, changedBy: null };
  }

  private get db() {
    return this.database.db;
  }

  /** The timeline and the act whose dates apply, as of the last `current()`. */
  get dates(): CatalogDates {
    return { timeline: this.timeline, actInForce: this.act.value };
  }

  get actState(): Readonly<ActState> {
    return this.act;
  }

  /** The registry as of the database's latest decision; reloads the accepted versions when they changed. */
  async current(): Promise<CatalogRegistry> {
    const stamp = await repo.catalogStamp(this.db);
    if (stamp === this.stamp) return this.registry;
    const active = await repo.listActiveVersions(this.db);
    this.imported = active.map(bundleOf);
    this.registry = this.bundled.withImported(this.imported);
    const act = await repo.findSetting(this.db, repo.ACT_IN_FORCE_SETTING);
    const known = this.timeline.acts.some((a) => a.id === act?.value);
    this.act = act && known ? { value: act.value, changedAt: act.updated_at, changedBy: act.updated_by_label } : { value: this.defaultAct, changedAt: null, changedBy: null };
    this.stamp = stamp;
    return this.registry;
  }

  /** The active version of a catalogue with the measures and mapping sets its file brought (as of the last `current()`). */
  activeBundle(id: string): ImportedCatalog | undefined {
    const entry = this.registry.get(id);
    if (!entry) return undefined;
    return this.imported.find((b) => b.catalog.id === id) ?? { catalog: entry.catalog, mappings: [] };
  }

  /** The current registry with one catalogue replaced (or added): what the registry would be after accepting it. */
  async registryWith(bundle: ImportedCatalog): Promise<CatalogRegistry> {
    await this.current();
    return this.bundled.withImported([...this.imported.filter((b) => b.catalog.id !== bundle.catalog.id), bundle]);
  }

  async list(_actor: Actor): Promise<ListPage<CatalogSummary>> {
    const items = (await this.current()).list().map(summary);
    return { items, total: items.length, limit: items.length, offset: 0 };
  }

  /** A catalogue in one of its versions: stored (any state) or the bundled one. */
  async version(id: string, version: string | undefined): Promise<Catalog> {
    const registry = await this.current();
    const entry = registry.get(id);
    if (version === undefined) {
      if (!entry) throw notFound('Catalogue');
      return entry.catalog;
    }
    if (entry?.catalog.version === version) return entry.catalog;
    const stored = await repo.findVersion(this.db, id, version);
    if (stored) return Catalog.parse(JSON.parse(stored.body));
    const shipped = registry.bundledCatalog(id);
    if (shipped?.version === version) return shipped;
    throw notFound(entry ? `Version ${version} of the catalogue` : 'Catalogue');
  }

  async get(_actor: Actor, id: string, query: CatalogVersionQuery): Promise<CatalogDetail> {
    const registry = await this.current();
    const entry = registry.get(id);
    const versions = (await repo.listVersionsOf(this.db, id)).map(presentVersion);
    if (!entry && versions.length === 0) throw notFound('Catalogue');
    const catalog = await this.version(id, query.version ?? entry?.catalog.version ?? versions[0]!.version);
    return { catalog, source: entry?.source ?? 'imported', activeVersion: entry?.catalog.version ?? null, versions };
  }

  async requirements(_actor: Actor, id: string, query: CatalogRequirementQuery): Promise<ListPage<CatalogRequirementItem>> {
    const registry = await this.current();
    if (!registry.get(id)) throw notFound('Catalogue');
    const q = query.q?.toLocaleLowerCase('de');
    const matches = registry.requirementsOf(id).filter(({ requirement: r }) => {
      if (q && !requirementSearchText(r).includes(q)) return false;
      if (query.role && !r.roles.includes(query.role)) return false;
      if (query.riskClass && r.kind === 'requirement' && !admitsRiskClass(r.appliesWhen, query.riskClass)) return false;
      return true;
    });
    const result = page(matches, query.limit, query.offset);
    return { ...result, items: result.items.map((e) => presentCatalogRequirement(registry, e, this.dates)) };
  }

  async measures(_actor: Actor, query: MeasureListQuery): Promise<ListPage<MeasureItem>> {
    const registry = await this.current();
    const q = query.q?.toLocaleLowerCase('de');
    const matches = registry.measures().filter((m) => {
      if (query.requirement && !m.requirements.includes(query.requirement)) return false;
      if (q && ![m.id, m.title.de, m.title.en, m.description.de, m.description.en].join('\n').toLocaleLowerCase('de').includes(q)) return false;
      return true;
    });
    return page(matches, query.limit, query.offset);
  }
}
