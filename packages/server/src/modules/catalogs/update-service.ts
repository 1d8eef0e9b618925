import { createHash, randomUUID } from 'node:crypto';
import {
  diffCatalogs,
  type ActInForce,
  type Catalog,
  type CatalogAccept,
  type CatalogAcceptResult,
  type CatalogDiff,
  type CatalogDiffQuery,
  type CatalogImportFormat,
  type CatalogUpdatePreview,
  type CatalogVersionEntry,
  type ImportIssue,
  type ListPage,
} from '@konform/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, conflict, notFound } from '../../http/errors.js';
import type { ImportedCatalog } from '../../catalogs/registry.js';
import { readCatalogFile } from '../../catalogs/formats/read-file.js';
import { catalogToYaml } from '../../catalogs/formats/konform-yaml.js';
import { ImportFormatError, type ParsedImport } from '../../catalogs/formats/types.js';
import { appliesFrom, type CatalogDates } from './presenter.js';
import { computeImpact, type CatalogSide } from './impact.js';
import { bundleOf, presentVersion, type CatalogService } from './service.js';
import * as repo from './repository.js';

/** An uploaded catalogue file. */
export interface CatalogUpload {
  data: Buffer;
  fileName: string | null;
  format?: CatalogImportFormat | undefined;
  catalogId?: string | undefined;
}

const dateReader = (dates: CatalogDates) => (r: Catalog['requirements'][number]) => appliesFrom(r, dates);

function toDiff(catalogId: string, from: Catalog | null, to: Catalog, dates?: { from: CatalogDates; to: CatalogDates }): CatalogDiff {
  const base: Catalog = from ?? { ...to, requirements: [] };
  const result = diffCatalogs(base, to, dates ? { from: dateReader(dates.from), to: dateReader(dates.to) } : undefined);
  return { catalogId, from: from?.version ?? null, to: to.version, ...result };
}

/** Keys of requirements in `from` that `to` no longer has. */
function removedKeys(from: Catalog | null, to: Catalog): string[] {
  if (!from) return [];
  const kept = new Set(to.requirements.map((r) => r.id));
  return from.requirements.filter((r) => !kept.has(r.id)).map((r) => `${from.id}:${r.id}`);
}

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Catalogue updates: importing a file as a proposed version (or only previewing it), the diff and per-system impact
 * of a proposed version, accepting it (one transaction, one audit event) or discarding it, and switching the AI Act
 * text whose dates apply.
 */
export class CatalogUpdateService {
  constructor(
    private readonly database: Database,
    private readonly catalogs: CatalogService,
  ) {}

  private get db() {
    return this.database.db;
  }

  /** Parses a file; problems become the preview's errors (dry run) or a 400 naming each place. */
  private async parse(upload: CatalogUpload): Promise<ParsedImport> {
    const registry = await this.catalogs.current();
    return readCatalogFile(upload.data, upload.format, {
      catalogId: upload.catalogId,
      knownRequirement: (key) => registry.requirement(key) !== undefined,
      activeBundle: (id) => this.catalogs.activeBundle(id),
    });
  }

  /** Problems that keep a readable file from being stored as a version. */
  private async storageIssues(catalog: Catalog): Promise<ImportIssue[]> {
    const issues: ImportIssue[] = [];
    const stored = await repo.findVersion(this.db, catalog.id, catalog.version);
    const shipped = (await this.catalogs.current()).bundledCatalog(catalog.id);
    if (stored || shipped?.version === catalog.version) {
      issues.push({ path: 'version', message: `Version ${catalog.version} of ${catalog.id} exists already; a new version needs a new version string` });
    }
    return issues;
  }

  /** The diff against the active version and the impact on every system in the actor's scope. */
  private async previewOf(actor: Actor, parsed: ParsedImport, issues: ImportIssue[]): Promise<CatalogUpdatePreview> {
    const { catalog, measures, mappings } = parsed.bundle;
    const registry = await this.catalogs.current();
    const active = registry.get(catalog.id)?.catalog ?? null;
    const before: CatalogSide = { registry, dates: this.catalogs.dates };
    const after: CatalogSide = { registry: await this.catalogs.registryWith(parsed.bundle), dates: this.catalogs.dates };
    return {
      catalogId: catalog.id,
      title: catalog.title,
      version: catalog.version,
      format: parsed.format,
      valid: issues.length === 0,
      errors: issues,
      warnings: parsed.warnings,
      requirementCount: catalog.requirements.filter((r) => r.kind === 'requirement').length,
      measureCount: measures?.measures.length ?? 0,
      mappingCount: mappings.reduce((n, s) => n + s.mappings.length, 0),
      diff: toDiff(catalog.id, active, catalog),
      impact: await computeImpact(this.db, actor, { catalogId: catalog.id }, before, after),
    };
  }

  /** Dry run: what the file holds and what accepting it would change; nothing is written, errors are listed. */
  async previewUpload(actor: Actor, upload: CatalogUpload): Promise<CatalogUpdatePreview> {
    let parsed: ParsedImport;
    try {
      parsed = await this.parse(upload);
    } catch (error) {
      if (!(error instanceof ImportFormatError)) throw error;
      return {
        catalogId: upload.catalogId ?? '', title: null, version: null, format: upload.format ?? 'konform-yaml', valid: false, errors: error.issues, warnings: [],
        requirementCount: 0, measureCount: 0, mappingCount: 0, diff: null, impact: null,
      };
    }
    return this.previewOf(actor, parsed, await this.storageIssues(parsed.bundle.catalog));
  }

  /** Stores the file as a proposed version (one transaction with its audit event); a version string is used once. */
  async importUpload(actor: Actor, upload: CatalogUpload): Promise<{ version: CatalogVersionEntry; preview: CatalogUpdatePreview }> {
    let parsed: ParsedImport;
    try {
      parsed = await this.parse(upload);
    } catch (error) {
      if (error instanceof ImportFormatError) throw new HttpProblem(400, 'validation', 'The catalogue file is invalid', error.issues);
      throw error;
    }
    const { catalog, measures, mappings } = parsed.bundle;
    const issues = await this.storageIssues(catalog);
    if (issues.length > 0) throw new HttpProblem(409, 'version-exists', issues[0]!.message, issues);
    const now = new Date().toISOString();
    const id = randomUUID();
    const text = upload.data.toString('utf8');
    await this.db.transaction().execute(async (trx) => {
      if (await repo.findVersion(trx, catalog.id, catalog.version)) throw conflict('version-exists', `Version ${catalog.version} of ${catalog.id} exists already`);
      await repo.insertVersion(trx, {
        id,
        catalog_id: catalog.id,
        version: catalog.version,
        yaml: parsed.format === 'konform-yaml' ? text.replace(/^\uFEFF/, '') : catalogToYaml(catalog),
        body: JSON.stringify(catalog),
        imported_at: now,
        imported_by_id: actor.userId,
        imported_by_label: actor.label,
        state: 'proposed',
        format: parsed.format,
        file_name: upload.fileName,
        file_sha256: createHash('sha256').update(upload.data).digest('hex'),
        extras: measures || mappings.length > 0 ? JSON.stringify({ measures, mappings }) : null,
        decided_at: null,
        decided_by_id: null,
        decided_by_label: null,
      });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'catalog.import',
        entityType: 'catalog',
        entityId: catalog.id,
        changes: [
          { field: 'version', before: null, after: catalog.version },
          { field: 'state', before: null, after: 'proposed' },
          { field: 'format', before: null, after: parsed.format },
          { field: 'requirements', before: null, after: catalog.requirements.length },
        ],
      }, now);
    });
    const stored = await repo.findVersion(this.db, catalog.id, catalog.version);
    return { version: presentVersion(stored!), preview: await this.previewOf(actor, parsed, []) };
  }

  async proposed(_actor: Actor): Promise<ListPage<CatalogVersionEntry>> {
    const items = (await repo.listProposed(this.db)).map(presentVersion);
    return { items, total: items.length, limit: items.length, offset: 0 };
  }

  private async storedVersion(db: Kysely<DB>, catalogId: string, version: string) {
    const row = await repo.findVersion(db, catalogId, version);
    if (!row) throw notFound(`Version ${version} of catalogue ${catalogId}`);
    return row;
  }

  /** The preview of a stored version against the active one. */
  async versionPreview(actor: Actor, catalogId: string, version: string): Promise<CatalogUpdatePreview> {
    const row = await this.storedVersion(this.db, catalogId, version);
    const bundle = bundleOf(row);
    return this.previewOf(actor, { format: row.format as CatalogImportFormat, bundle: { ...bundle, mappings: bundle.mappings ?? [] }, warnings: [] }, []);
  }

  /** Any two versions of a catalogue (stored or bundled); `from` defaults to the active one, `to` to the newest stored. */
  async diff(_actor: Actor, catalogId: string, query: CatalogDiffQuery): Promise<CatalogDiff> {
    const registry = await this.catalogs.current();
    const active = registry.get(catalogId)?.catalog.version;
    const newest = (await repo.listVersionsOf(this.db, catalogId))[0]?.version;
    const toVersion = query.to ?? newest ?? active;
    if (!toVersion) throw notFound('Catalogue');
    const fromVersion = query.from ?? active;
    const to = await this.catalogs.version(catalogId, toVersion);
    const from = fromVersion ? await this.catalogs.version(catalogId, fromVersion) : null;
    return toDiff(catalogId, from, to, { from: this.catalogs.dates, to: this.catalogs.dates });
  }

  /**
   * Accepts a proposed version: it becomes the active one, the previous one is superseded; matrix rows of requirements
   * it removes are kept read-only (retired) and rows of requirements that return come back. Statuses, evidence and
   * measures stay where they are: they hang on the requirement id. One transaction, one audit event.
   */
  async accept(actor: Actor, catalogId: string, version: string, input: CatalogAccept): Promise<CatalogAcceptResult> {
    const row = await this.storedVersion(this.db, catalogId, version);
    if (row.state !== 'proposed') throw conflict('not-proposed', `Version ${version} is ${row.state}; only a proposed version can be accepted`);
    const bundle = bundleOf(row);
    const registry = await this.catalogs.current();
    const active = registry.get(catalogId)?.catalog ?? null;
    if (input.expectedActive !== undefined && (input.expectedActive ?? null) !== (active?.version ?? null)) {
      throw conflict('active-changed', `The active version is now ${active?.version ?? 'none'}; review the update again`);
    }
    const impact = await computeImpact(this.db, actor, { catalogId }, { registry, dates: this.catalogs.dates }, { registry: await this.catalogs.registryWith(bundle), dates: this.catalogs.dates });
    const diff = toDiff(catalogId, active, bundle.catalog);
    const now = new Date().toISOString();
    const result = await this.db.transaction().execute(async (trx) => {
      await repo.supersedeActive(trx, catalogId);
      const decided = await repo.decideVersion(trx, row.id, 'proposed', { state: 'active', decided_at: now, decided_by_id: actor.userId, decided_by_label: actor.label });
      if (!decided) throw conflict('not-proposed', `Version ${version} was decided meanwhile`);
      const retiredRows = await this.retire(trx, active, bundle, now);
      const restoredRows = await this.restore(trx, bundle.catalog);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'catalog.accept',
        entityType: 'catalog',
        entityId: catalogId,
        changes: [
          { field: 'version', before: active?.version ?? null, after: version },
          { field: 'added', before: null, after: diff.added.length },
          { field: 'removed', before: null, after: diff.removed.length },
          { field: 'changed', before: null, after: diff.changed.length },
          { field: 'systemsAffected', before: null, after: impact.totals.systems },
          { field: 'rowsAppear', before: null, after: impact.totals.appear },
          { field: 'rowsDisappear', before: null, after: impact.totals.disappear },
          { field: 'dueDatesChanged', before: null, after: impact.totals.dueDateChanged },
          { field: 'retiredRows', before: null, after: retiredRows },
          { field: 'restoredRows', before: null, after: restoredRows },
        ],
      }, now);
      return { retiredRows, restoredRows };
    });
    await this.catalogs.current();
    return { catalogId, version, ...result, systemsAffected: impact.totals.systems };
  }

  /** Rows (stored, or implied by linked evidence) of requirements the new version removes: kept, marked retired. */
  private async retire(trx: Transaction<DB>, active: Catalog | null, bundle: ImportedCatalog, now: string): Promise<number> {
    const removed = removedKeys(active, bundle.catalog);
    if (removed.length === 0 || !active) return 0;
    const byKey = new Map(active.requirements.map((r) => [`${active.id}:${r.id}`, r]));
    let count = 0;
    for (const keys of chunks(removed)) {
      const rows = await trx.selectFrom('requirement_row').select(['system_id', 'requirement_key']).where('requirement_key', 'in', keys).where('retired_at', 'is', null).execute();
      const present = new Set(rows.map((r) => `${r.system_id}|${r.requirement_key}`));
      const linked = await trx.selectFrom('evidence_link').select(['system_id', 'requirement_key']).distinct().where('requirement_key', 'in', keys).execute();
      for (const l of linked) {
        if (!l.requirement_key || present.has(`${l.system_id}|${l.requirement_key}`)) continue;
        const existing = await trx.selectFrom('requirement_row').select('system_id').where('system_id', '=', l.system_id).where('requirement_key', '=', l.requirement_key).executeTakeFirst();
        if (existing) continue;
        await trx.insertInto('requirement_row').values({
          system_id: l.system_id, requirement_key: l.requirement_key, status: 'open', owner: null, due_date: null, justification: null,
          implemented_by: null, verified_by: null, version: 1, updated_at: now,
        }).execute();
        rows.push({ system_id: l.system_id, requirement_key: l.requirement_key });
        present.add(`${l.system_id}|${l.requirement_key}`);
      }
      for (const r of rows) {
        const requirement = byKey.get(r.requirement_key)!;
        await trx
          .updateTable('requirement_row')
          .set({ retired_at: now, retired_in_version: bundle.catalog.version, retired_snapshot: JSON.stringify({ ref: requirement.ref, title: requirement.title }) })
          .where('system_id', '=', r.system_id)
          .where('requirement_key', '=', r.requirement_key)
          .execute();
        count++;
      }
    }
    return count;
  }

  /** Retired rows whose requirement the new version has again become ordinary rows. */
  private async restore(trx: Transaction<DB>, catalog: Catalog): Promise<number> {
    const keys = catalog.requirements.map((r) => `${catalog.id}:${r.id}`);
    let count = 0;
    for (const part of chunks(keys)) {
      const result = await trx
        .updateTable('requirement_row')
        .set({ retired_at: null, retired_in_version: null, retired_snapshot: null })
        .where('requirement_key', 'in', part)
        .where('retired_at', 'is not', null)
        .executeTakeFirst();
      count += Number(result.numUpdatedRows);
    }
    return count;
  }

  async discard(actor: Actor, catalogId: string, version: string): Promise<CatalogVersionEntry> {
    const row = await this.storedVersion(this.db, catalogId, version);
    if (row.state !== 'proposed') throw conflict('not-proposed', `Version ${version} is ${row.state}; only a proposed version can be discarded`);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const decided = await repo.decideVersion(trx, row.id, 'proposed', { state: 'discarded', decided_at: now, decided_by_id: actor.userId, decided_by_label: actor.label });
      if (!decided) throw conflict('not-proposed', `Version ${version} was decided meanwhile`);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'catalog.discard',
        entityType: 'catalog',
        entityId: catalogId,
        changes: [{ field: 'state', before: 'proposed', after: 'discarded' }, { field: 'version', before: version, after: version }],
      }, now);
    });
    return presentVersion((await repo.findVersion(this.db, catalogId, version))!);
  }

  async actInForce(_actor: Actor): Promise<ActInForce> {
    await this.catalogs.current();
    const state = this.catalogs.actState;
    return {
      actInForce: state.value,
      acts: this.catalogs.timeline.acts.map((a) => ({ id: a.id, title: a.title, reference: a.reference, certainty: a.certainty })),
      changedAt: state.changedAt,
      changedBy: state.changedBy,
    };
  }

  private datesFor(act: string): CatalogDates {
    if (!this.catalogs.timeline.acts.some((a) => a.id === act)) throw notFound(`Act ${act}`);
    return { timeline: this.catalogs.timeline, actInForce: act };
  }

  /** What switching the AI Act text changes: the requirements whose date moves, and per system the rows that move. */
  async actPreview(actor: Actor, act: string): Promise<CatalogUpdatePreview> {
    const registry = await this.catalogs.current();
    const target = this.datesFor(act);
    const current = this.catalogs.dates;
    const euAiAct = registry.get('eu-ai-act')?.catalog;
    if (!euAiAct) throw notFound('Catalogue eu-ai-act');
    const diff = toDiff('eu-ai-act', euAiAct, euAiAct, { from: current, to: target });
    return {
      catalogId: 'eu-ai-act',
      title: euAiAct.title,
      version: euAiAct.version,
      format: 'konform-yaml',
      valid: true,
      errors: [],
      warnings: [],
      requirementCount: euAiAct.requirements.filter((r) => r.kind === 'requirement').length,
      measureCount: 0,
      mappingCount: 0,
      diff: { ...diff, from: current.actInForce, to: act },
      impact: await computeImpact(this.db, actor, 'all', { registry, dates: current }, { registry, dates: target }),
    };
  }

  /** Makes another act's dates apply; one transaction, one audit event. */
  async acceptAct(actor: Actor, act: string): Promise<ActInForce> {
    const preview = await this.actPreview(actor, act);
    const before = this.catalogs.dates.actInForce;
    if (before === act) throw conflict('unchanged', `The dates of ${act} apply already`);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.upsertSetting(trx, { key: repo.ACT_IN_FORCE_SETTING, value: act, updated_at: now, updated_by_label: actor.label });
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'catalog.act-in-force',
        entityType: 'catalog',
        entityId: 'eu-ai-act',
        changes: [
          { field: 'actInForce', before, after: act },
          { field: 'requirementsWithNewDates', before: null, after: preview.diff?.changed.length ?? 0 },
          { field: 'systemsAffected', before: null, after: preview.impact?.totals.systems ?? 0 },
          { field: 'dueDatesChanged', before: null, after: preview.impact?.totals.dueDateChanged ?? 0 },
        ],
      }, now);
    });
    return this.actInForce(actor);
  }
}
