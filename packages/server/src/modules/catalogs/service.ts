import { randomUUID } from 'node:crypto';
import {
  Catalog,
  type CatalogDetail,
  type CatalogImport,
  type CatalogRequirementItem,
  type CatalogRequirementQuery,
  type CatalogSummary,
  type CatalogVersionQuery,
  type ListPage,
  type MeasureItem,
  type MeasureListQuery,
} from '@konform/core';
import { parse } from 'yaml';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, conflict, invalid, notFound } from '../../http/errors.js';
import type { CatalogRegistry, RegisteredCatalog } from '../../catalogs/registry.js';
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

/**
 * The catalogues: the bundled files (loaded once at start) merged with the imported internal catalogues from the
 * database. Every read checks the database's import stamp (count and newest import), so an import on another
 * instance shows up on the next read here.
 */
export class CatalogService {
  private registry: CatalogRegistry;
  private stamp: string | null = null;

  constructor(
    private readonly database: Database,
    private readonly bundled: CatalogRegistry,
    readonly dates: CatalogDates,
  ) {
    this.registry = bundled;
  }

  private get db() {
    return this.database.db;
  }

  /** The registry as of the database's latest import; reloads the imported catalogues when they changed. */
  async current(): Promise<CatalogRegistry> {
    const stamp = await repo.importStamp(this.db);
    if (stamp === this.stamp) return this.registry;
    const heads = await repo.listVersionHeads(this.db);
    const latest = new Map<string, string>();
    for (const h of heads) if (!latest.has(h.catalog_id)) latest.set(h.catalog_id, h.id);
    const bodies = await repo.findVersionBodies(this.db, [...latest.values()]);
    const imported = bodies.map((b) => ({ catalog: Catalog.parse(JSON.parse(b.body)) }));
    this.registry = this.bundled.withImported(imported);
    this.stamp = stamp;
    return this.registry;
  }

  async list(_actor: Actor): Promise<ListPage<CatalogSummary>> {
    const items = (await this.current()).list().map(summary);
    return { items, total: items.length, limit: items.length, offset: 0 };
  }

  async get(_actor: Actor, id: string, query: CatalogVersionQuery): Promise<CatalogDetail> {
    const registry = await this.current();
    const entry = registry.get(id);
    if (!entry) throw notFound('Catalogue');
    const versions =
      entry.source === 'imported'
        ? (await repo.listVersionsOf(this.db, id)).map((v) => ({ version: v.version, importedAt: v.imported_at, importedBy: v.imported_by_label }))
        : [];
    if (query.version === undefined || query.version === entry.catalog.version) return { catalog: entry.catalog, source: entry.source, versions };
    const stored = entry.source === 'imported' ? await repo.findVersion(this.db, id, query.version) : undefined;
    if (!stored) throw notFound(`Version ${query.version} of the catalogue`);
    return { catalog: Catalog.parse(JSON.parse(stored.body)), source: entry.source, versions };
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

  /**
   * Imports an internal catalogue (YAML in the catalogue format) as a new version: kind `internal`, an id that no
   * bundled catalogue has, and a version string not imported before. One transaction with its audit event.
   */
  async import(actor: Actor, input: CatalogImport): Promise<CatalogSummary> {
    const catalog = parseCatalogYaml(input.yaml);
    const registry = await this.current();
    if (registry.isBundled(catalog.id)) throw conflict('catalog-bundled', `The catalogue id ${catalog.id} belongs to a bundled catalogue; choose another id`);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const previous = await repo.listVersionsOf(trx, catalog.id);
      if (previous.some((v) => v.version === catalog.version)) {
        throw conflict('version-exists', `Version ${catalog.version} of ${catalog.id} was imported already; a new version needs a new version string`);
      }
      await repo.insertVersion(trx, {
        id: randomUUID(),
        catalog_id: catalog.id,
        version: catalog.version,
        yaml: input.yaml,
        body: JSON.stringify(catalog),
        imported_at: now,
        imported_by_id: actor.userId,
        imported_by_label: actor.label,
      });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'catalog.import',
        entityType: 'catalog',
        entityId: catalog.id,
        changes: [
          { field: 'version', before: previous[0]?.version ?? null, after: catalog.version },
          { field: 'requirements', before: null, after: catalog.requirements.length },
        ],
      }, now);
    });
    const entry = (await this.current()).get(catalog.id);
    if (!entry) throw new Error(`Imported catalogue ${catalog.id} is missing from the registry`);
    return summary(entry);
  }
}

/** Parses and validates an imported catalogue; every problem is a 400 naming its path inside the YAML (`yaml.<path>`). */
export function parseCatalogYaml(text: string): Catalog {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw invalid('yaml', `Not valid YAML: ${(error as Error).message}`);
  }
  const result = Catalog.safeParse(data);
  if (!result.success) {
    const errors = result.error.issues.map((i) => ({ path: ['yaml', ...i.path.map(String)].join('.'), message: i.message }));
    throw new HttpProblem(400, 'validation', 'The catalogue is invalid', errors);
  }
  if (result.data.kind !== 'internal') throw invalid('yaml.kind', 'Only internal catalogues (kind: internal) can be imported');
  return result.data;
}
