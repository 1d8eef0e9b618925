import { randomUUID } from 'node:crypto';
import {
  addCalendarDays,
  canonicalManifest,
  compareManifests,
  diffRecords,
  digestMatches,
  manifestDigest,
  officeToday,
  type Dataset,
  type DatasetCreate,
  type DatasetUpdate,
  type DatasetVersion,
  type DatasetVersionCreate,
  type ItemListQuery,
  type ListPage,
  type ManifestCompareRequest,
  type ManifestCompareResult,
  type Model,
  type ModelCreate,
  type ModelUpdate,
  type ModelVersion,
  type ModelVersionCreate,
  type TestItemType,
  type VersionNotesUpdate,
  type VersionUsage,
} from '@konform/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, TestItemTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, inScope, systemAllowed, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, invalid, notFound, versionConflict } from '../../http/errors.js';
import { presentDataset, presentDatasetVersion, presentModel, presentModelVersion, type VersionSummary } from './presenter.js';
import * as repo from './repository.js';

export type ItemOf<T extends TestItemType> = T extends 'model' ? Model : Dataset;
export type VersionOf<T extends TestItemType> = T extends 'model' ? ModelVersion : DatasetVersion;
export type CreateOf<T extends TestItemType> = T extends 'model' ? ModelCreate : DatasetCreate;
export type UpdateOf<T extends TestItemType> = T extends 'model' ? ModelUpdate : DatasetUpdate;
export type VersionCreateOf<T extends TestItemType> = T extends 'model' ? ModelVersionCreate : DatasetVersionCreate;

const NAMES: Record<TestItemType, string> = { model: 'Model', dataset: 'Dataset' };

export const itemEntity = (type: TestItemType) => type;
export const versionEntity = (type: TestItemType) => `${type}-version`;

function matchesText(row: TestItemTable, q: string): boolean {
  const term = q.toLocaleLowerCase('de');
  return [row.name, row.provider, row.description].some((s) => s.toLocaleLowerCase('de').includes(term));
}

/** The audit trail records a version's manifest by its digest and number of files (the manifest itself never changes). */
function auditView(v: ModelVersion | DatasetVersion) {
  const { manifest, usedBy: _u, custodyState: _c, createdBy: _b, ...rest } = v;
  return { ...rest, manifestFiles: manifest.length };
}

/**
 * Models or datasets (one instance per type) and their versions: the lab's test items. Read with model.read, changed
 * with model.edit, both in the item's unit. A version's files (its manifest) and facts never change; only its notes.
 */
export class TestItemService<T extends TestItemType> {
  constructor(
    private readonly database: Database,
    readonly type: T,
  ) {}

  private get db() {
    return this.database.db;
  }

  private presentItem(row: TestItemTable, summary: VersionSummary): ItemOf<T> {
    return (this.type === 'model' ? presentModel(row, summary) : presentDataset(row, summary)) as ItemOf<T>;
  }

  private presentVersion(row: repo.VersionRow, usedBy: VersionUsage[]): VersionOf<T> {
    return (this.type === 'model' ? presentModelVersion(row, usedBy) : presentDatasetVersion(row, usedBy)) as VersionOf<T>;
  }

  private async summaries(db: Kysely<DB>, ids: readonly string[]): Promise<(id: string) => VersionSummary> {
    const versions = await repo.versionsOf(db, this.type, ids);
    return (id) => {
      const mine = versions.filter((v) => v.item_id === id);
      return { versionCount: mine.length, latestVersion: mine[0]?.label ?? null };
    };
  }

  /** The systems the reader may see that use each version. */
  private async usage(db: Kysely<DB>, actor: Actor, versionIds: readonly string[]): Promise<(versionId: string) => VersionUsage[]> {
    const [rows, scope] = await Promise.all([repo.usageOf(db, this.type, versionIds), unitScope(db, actor, 'system.read')]);
    const seen = rows.filter((r) => inScope(scope, r.org_unit_id) && systemAllowed(actor, r.system_id));
    return (versionId) => seen.filter((r) => r.version_id === versionId).map((r) => ({ systemId: r.system_id, systemName: r.system_name, role: r.role as VersionUsage['role'] }));
  }

  /** Loads an item and checks the permission in its unit (404 before 403, as elsewhere). */
  private async item(db: Kysely<DB>, actor: Actor, id: string, permission: 'model.read' | 'model.edit'): Promise<TestItemTable> {
    const row = await repo.findItem(db, this.type, id);
    if (!row) throw notFound(NAMES[this.type]);
    await assertInScope(db, actor, permission, row.org_unit_id);
    return row;
  }

  async list(actor: Actor, query: ItemListQuery): Promise<ListPage<ItemOf<T>>> {
    const rows = await repo.listItems(this.db, this.type, await unitScope(this.db, actor, 'model.read'), query.orgUnitId);
    const q = query.q ?? '';
    const matching = q === '' ? rows : rows.filter((r) => matchesText(r, q));
    const page = matching.slice(query.offset, query.offset + query.limit);
    const summary = await this.summaries(this.db, page.map((r) => r.id));
    return { items: page.map((r) => this.presentItem(r, summary(r.id))), total: matching.length, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<ItemOf<T>> {
    const row = await this.item(this.db, actor, id, 'model.read');
    return this.presentItem(row, (await this.summaries(this.db, [id]))(id));
  }

  async create(actor: Actor, input: CreateOf<T>): Promise<ItemOf<T>> {
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const unit = await trx.selectFrom('org_unit').select('id').where('id', '=', input.orgUnitId).executeTakeFirst();
      if (!unit) throw invalid('orgUnitId', 'Unknown organisational unit');
      await assertInScope(trx, actor, 'model.edit', input.orgUnitId);
      const row: TestItemTable = {
        id, org_unit_id: input.orgUnitId, name: input.name, provider: input.provider ?? '', kind: input.kind, description: input.description ?? '',
        licence: input.licence ?? '', gpai: 'gpai' in input && input.gpai ? 1 : 0, version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
      };
      await repo.insertItem(trx, this.type, row);
      const { versionCount: _n, latestVersion: _l, ...after } = this.presentItem(row, { versionCount: 0, latestVersion: null });
      await appendAuditEvent(trx, this.database.dialect, actor, { action: `${this.type}.create`, entityType: itemEntity(this.type), entityId: id, changes: diffRecords(null, after) }, now);
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: UpdateOf<T>): Promise<ItemOf<T>> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findItemForUpdate(trx, this.database.dialect, this.type, id);
      if (!row) throw notFound(NAMES[this.type]);
      await assertInScope(trx, actor, 'model.edit', row.org_unit_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      const next: TestItemTable = { ...row };
      if (input.orgUnitId !== undefined && input.orgUnitId !== row.org_unit_id) {
        const unit = await trx.selectFrom('org_unit').select('id').where('id', '=', input.orgUnitId).executeTakeFirst();
        if (!unit) throw invalid('orgUnitId', 'Unknown organisational unit');
        // Moving an item needs the permission in the unit it goes to as well.
        await assertInScope(trx, actor, 'model.edit', input.orgUnitId);
        next.org_unit_id = input.orgUnitId;
      }
      if (input.name !== undefined) next.name = input.name;
      if (input.provider !== undefined) next.provider = input.provider;
      if (input.kind !== undefined) next.kind = input.kind;
      if (input.description !== undefined) next.description = input.description;
      if (input.licence !== undefined) next.licence = input.licence;
      if ('gpai' in input && input.gpai !== undefined) next.gpai = input.gpai ? 1 : 0;
      const none = { versionCount: 0, latestVersion: null };
      const changes = diffRecords(this.presentItem(row, none), this.presentItem(next, none));
      if (changes.length === 0 && !input.reason) return;
      if (!(await repo.updateItem(trx, this.type, id, Number(row.version), { ...next, version: Number(row.version) + 1, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: `${this.type}.update`, entityType: itemEntity(this.type), entityId: id, changes, reason: input.reason }, now);
    });
    return this.get(actor, id);
  }

  // ---- versions ----------------------------------------------------------------------------------------------------

  async listVersions(actor: Actor, id: string): Promise<VersionOf<T>[]> {
    await this.item(this.db, actor, id, 'model.read');
    const rows = await repo.versionsOf(this.db, this.type, [id]);
    const usage = await this.usage(this.db, actor, rows.map((r) => r.id));
    return rows.map((r) => this.presentVersion(r, usage(r.id)));
  }

  async getVersion(actor: Actor, id: string, versionId: string): Promise<VersionOf<T>> {
    await this.item(this.db, actor, id, 'model.read');
    const row = await repo.findVersion(this.db, this.type, id, versionId);
    if (!row) throw notFound('Version');
    return this.presentVersion(row, (await this.usage(this.db, actor, [versionId]))(versionId));
  }

  async createVersion(actor: Actor, id: string, input: VersionCreateOf<T>): Promise<VersionOf<T>> {
    const now = new Date().toISOString();
    const versionId = randomUUID();
    if (input.receivedOn > addCalendarDays(officeToday(), 1)) throw invalid('receivedOn', 'The date lies in the future');
    const manifest = canonicalManifest(input.manifest.map((e) => (e.size === undefined ? { path: e.path, sha256: e.sha256 } : { path: e.path, sha256: e.sha256, size: e.size })));
    const digest = manifestDigest(manifest);
    await this.db.transaction().execute(async (trx) => {
      const item = await repo.findItemForUpdate(trx, this.database.dialect, this.type, id);
      if (!item) throw notFound(NAMES[this.type]);
      await assertInScope(trx, actor, 'model.edit', item.org_unit_id);
      if (await repo.versionByLabel(trx, this.type, id, input.label)) {
        throw new HttpProblem(409, 'label-taken', 'This version label is recorded already', [{ path: 'label', message: 'This version label is recorded already' }]);
      }
      const same = await repo.versionByDigest(trx, this.type, id, digest);
      if (same) {
        throw new HttpProblem(409, 'same-files', `Version ${same.label} has exactly these files`, [{ path: 'manifest', message: `Version ${same.label} has exactly these files` }]);
      }
      const base = {
        id: versionId, item_id: id, label: input.label, source: input.source ?? '', licence: input.licence ?? '', received_on: input.receivedOn,
        manifest: JSON.stringify(manifest), manifest_digest: digest, notes: input.notes ?? '', custody_state: 'none', version: 1,
        created_at: now, updated_at: now, created_by_label: actor.label,
      };
      if (this.type === 'model') {
        await repo.insertModelVersion(trx, base);
      } else {
        const d = input as DatasetVersionCreate;
        const datasheet = {
          origin: d.origin ?? '', collectionFrom: d.collectionFrom ?? null, collectionTo: d.collectionTo ?? null, personalData: d.personalData,
          legalBasis: d.legalBasis ?? '', gapsAndBiases: d.gapsAndBiases ?? '', intendedUse: d.intendedUse ?? '',
          independentOfTraining: d.independentOfTraining ?? 'unknown', independenceNote: d.independenceNote ?? '',
        };
        await repo.insertDatasetVersion(trx, { ...base, datasheet: JSON.stringify(datasheet) });
      }
      const created = await repo.findVersion(trx, this.type, id, versionId);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: `${versionEntity(this.type)}.create`, entityType: versionEntity(this.type), entityId: versionId, changes: diffRecords(null, auditView(this.presentVersion(created!, []))),
      }, now);
    });
    return this.getVersion(actor, id, versionId);
  }

  /** Only the notes of a recorded version change; changed files are a new version. */
  async updateVersionNotes(actor: Actor, id: string, versionId: string, input: VersionNotesUpdate): Promise<VersionOf<T>> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const item = await this.item(trx, actor, id, 'model.edit');
      const row = await repo.findVersionForUpdate(trx, this.database.dialect, this.type, item.id, versionId);
      if (!row) throw notFound('Version');
      if (Number(row.version) !== input.version) throw versionConflict();
      if (row.notes === input.notes) return;
      if (!(await repo.updateVersion(trx, this.type, versionId, input.version, { notes: input.notes, version: input.version + 1, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: `${versionEntity(this.type)}.update`, entityType: versionEntity(this.type), entityId: versionId, changes: diffRecords({ notes: row.notes }, { notes: input.notes }),
      }, now);
    });
    return this.getVersion(actor, id, versionId);
  }

  /** Whether the files (or the digest) a pipeline presents are the registered ones. Records nothing. */
  async compare(actor: Actor, id: string, versionId: string, input: ManifestCompareRequest): Promise<ManifestCompareResult> {
    const version = await this.getVersion(actor, id, versionId);
    if ('manifestDigest' in input) {
      const presented = input.manifestDigest.toLowerCase();
      return { match: digestMatches(version.manifestDigest, presented), registered: version.manifestDigest, presented, missing: [], unexpected: [], changed: [] };
    }
    const result = compareManifests(version.manifest, input.manifest);
    if (result.match) return { match: true, registered: result.digest, presented: result.digest, missing: [], unexpected: [], changed: [] };
    return { match: false, registered: result.expected, presented: result.actual, missing: result.missing, unexpected: result.unexpected, changed: result.changed };
  }
}
