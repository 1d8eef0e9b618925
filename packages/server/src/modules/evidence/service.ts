import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import {
  diffRecords,
  highestMarking,
  mayRead,
  readableLevels,
  type Evidence,
  type EvidenceDetail,
  type EvidenceLink,
  type EvidenceLinkCreate,
  type EvidenceListQuery,
  type EvidenceUpdate,
  type EvidenceUploadFields,
  type EvidenceUrlCreate,
  type EvidenceVersion,
  type ListPage,
  type Marking,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, EvidenceTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, inScope, systemAllowed, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, forbidden, invalid, notFound, versionConflict } from '../../http/errors.js';
import type { ObjectStorage } from '../../storage/storage.js';
import { findSystem } from '../systems/repository.js';
import { assertCleared, assertMayMark, gateClassifiedRead } from '../../access/clearance.js';
import type { ReceivedFile } from './multipart.js';
import * as repo from './repository.js';
import { auditView, evidenceSearchText, presentEvidence, presentLink, presentVersion, versionAuditChanges } from './presenter.js';

export interface EvidenceServiceOptions {
  /** The marking of evidence created without one (KONFORM_DEFAULT_MARKING). */
  defaultMarking?: Marking;
}

/** A file version ready to stream to a reader. */
export interface EvidenceContent {
  version: EvidenceVersion;
  classification: Marking;
  stream: Readable;
}

type MetadataInput = Pick<EvidenceUploadFields, 'title' | 'description' | 'owner' | 'validUntil' | 'classification'>;

/**
 * The evidence store: files (content-addressed, with versions) and recorded links, each belonging to an AI system
 * whose unit decides who may see and change it; links record where evidence is used, and readers of a system
 * that uses evidence may read it too.
 */
export class EvidenceService {
  private readonly defaultMarking: Marking;

  constructor(
    private readonly database: Database,
    /** Where the files are; the upload routes stream into it before calling the service. */
    readonly storage: ObjectStorage,
    options: EvidenceServiceOptions = {},
  ) {
    this.defaultMarking = options.defaultMarking ?? 'offen';
  }

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: EvidenceListQuery): Promise<ListPage<Evidence>> {
    const scope = await unitScope(this.db, actor, 'evidence.read');
    const levels = mayRead(actor.clearance, 'VS-NfD') ? null : readableLevels(actor.clearance);
    const { rows, total } = await repo.listEvidence(this.db, scope, query, tokenSystemIds(actor), levels);
    const latest = new Map((await repo.latestVersions(this.db, rows.map((r) => r.id))).map((v) => [v.evidence_id, v]));
    return { items: rows.map((r) => presentEvidence(r, latest.get(r.id))), total, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<EvidenceDetail> {
    const row = await repo.findEvidence(this.db, id);
    if (!row) throw notFound('Evidence');
    await gateClassifiedRead(this.database, actor, { entityType: 'evidence', entityId: id, level: levelOfEvidence(row) }, () =>
      this.assertMayRead(this.db, actor, id, row.org_unit_id, row.system_id),
    );
    return this.detail(this.db, row);
  }

  /** A new file: the evidence record and its first version, stored content-addressed. */
  async upload(actor: Actor, input: EvidenceUploadFields, file: ReceivedFile): Promise<EvidenceDetail> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row = await this.newEvidenceRow(trx, actor, input.systemId, input, { kind: 'file', url: null }, now);
      await repo.insertEvidence(trx, row);
      const version = await this.addFileVersion(trx, actor, row.id, 1, file, now);
      const evidence = presentEvidence(row, version);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'evidence.create',
        entityType: 'evidence',
        entityId: row.id,
        changes: [...diffRecords(null, auditView(evidence)), ...versionAuditChanges(presentVersion(version))],
      }, now);
      // The content becomes visible last: if the transaction fails before, nothing refers to it.
      await file.staged.commit();
      return { ...evidence, versions: [presentVersion(version)], links: [] };
    });
  }

  /** Records a link to a document held elsewhere (http or https), instead of a file. */
  async recordLink(actor: Actor, input: EvidenceUrlCreate): Promise<EvidenceDetail> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row = await this.newEvidenceRow(trx, actor, input.systemId, input, { kind: 'link', url: input.url }, now);
      await repo.insertEvidence(trx, row);
      const evidence = presentEvidence(row, null);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'evidence.create', entityType: 'evidence', entityId: row.id, changes: diffRecords(null, auditView(evidence)) }, now);
      return { ...evidence, versions: [], links: [] };
    });
  }

  /** A new upload to file evidence is a new version; the old versions stay. */
  async addVersion(actor: Actor, id: string, file: ReceivedFile): Promise<EvidenceDetail> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      // Locks the row on PostgreSQL, so two uploads cannot take the same version number.
      await repo.findEvidenceForUpdate(trx, this.database.dialect, id);
      const current = await repo.findEvidence(trx, id);
      if (!current) throw notFound('Evidence');
      await assertInScope(trx, actor, 'evidence.write', current.org_unit_id, current.system_id);
      assertCleared(actor, levelOfEvidence(current));
      if (current.kind !== 'file') throw conflict('evidence-kind', 'A recorded link has no file versions; record a new link instead');
      const number = (await repo.lastVersionNumber(trx, id)) + 1;
      const version = await this.addFileVersion(trx, actor, id, number, file, now);
      await repo.touchEvidence(trx, id, now);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'evidence.version', entityType: 'evidence', entityId: id, changes: versionAuditChanges(presentVersion(version)) }, now);
      await file.staged.commit();
      return this.detail(trx, { ...current, updated_at: now });
    });
  }

  async update(actor: Actor, id: string, input: EvidenceUpdate): Promise<EvidenceDetail> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const current = await repo.findEvidence(trx, id);
      if (!current) throw notFound('Evidence');
      await assertInScope(trx, actor, 'evidence.write', current.org_unit_id, current.system_id);
      assertCleared(actor, levelOfEvidence(current));
      assertMayMark(actor, input.classification);
      if (current.version !== input.version) throw versionConflict();
      const { org_unit_id: unit, system_classification: _level, ...currentRow } = current;
      const fields = {
        title: input.title ?? current.title,
        description: input.description ?? current.description,
        owner: input.owner ?? current.owner,
        valid_until: input.validUntil === undefined ? current.valid_until : input.validUntil,
        classification: input.classification ?? current.classification,
      };
      const values = { ...fields, search_text: evidenceSearchText(fields), version: current.version + 1, updated_at: now };
      if (!(await repo.updateEvidenceRow(trx, id, input.version, values))) throw versionConflict();
      const changes = diffRecords(auditView(presentEvidence(currentRow, null)), auditView(presentEvidence({ ...currentRow, ...values }, null)));
      if (changes.length > 0 || input.reason) {
        await appendAuditEvent(trx, this.database.dialect, actor, { action: 'evidence.update', entityType: 'evidence', entityId: id, changes, reason: input.reason }, now);
      }
      return this.detail(trx, { ...currentRow, ...values, org_unit_id: unit });
    });
  }

  /**
   * Uses the evidence for a system (optionally one of its requirement rows or a measure). Needs evidence.write both
   * where the evidence belongs and where it is used: readers of the using system may read it from then on.
   */
  async link(actor: Actor, id: string, input: EvidenceLinkCreate): Promise<EvidenceLink> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const evidence = await repo.findEvidence(trx, id);
      if (!evidence) throw notFound('Evidence');
      await assertInScope(trx, actor, 'evidence.write', evidence.org_unit_id, evidence.system_id);
      assertCleared(actor, levelOfEvidence(evidence));
      const system = await findSystem(trx, input.systemId);
      if (!system) throw invalid('systemId', 'No such AI system');
      await assertInScope(trx, actor, 'evidence.write', system.org_unit_id, system.id);
      if (system.archived_at !== null) throw conflict('archived', 'An archived AI system cannot take new evidence');
      const requirementKey = input.requirementKey ?? null;
      const measureId = input.measureId ?? null;
      await repo.findEvidenceForUpdate(trx, this.database.dialect, id);
      if (await repo.findSameLink(trx, id, input.systemId, requirementKey, measureId)) {
        throw conflict('link-exists', 'The evidence is linked there already');
      }
      const row = {
        id: randomUUID(),
        evidence_id: id,
        system_id: input.systemId,
        requirement_key: requirementKey,
        measure_id: measureId,
        created_at: now,
        created_by: actor.userId,
        created_by_label: actor.label,
      };
      await repo.insertLink(trx, row);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'evidence.link', entityType: 'evidence', entityId: id, changes: linkChanges(row, 'added') }, now);
      return presentLink(row);
    });
  }

  /** Removes a use; allowed with evidence.write where the evidence belongs or where it is used. */
  async unlink(actor: Actor, id: string, linkId: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const evidence = await repo.findEvidence(trx, id);
      if (!evidence) throw notFound('Evidence');
      const link = await repo.findLink(trx, id, linkId);
      if (!link) throw notFound('Evidence link');
      const scope = await unitScope(trx, actor, 'evidence.write');
      if (!inScope(scope, evidence.org_unit_id) && !inScope(scope, link.org_unit_id)) {
        throw forbidden('Your roles do not grant evidence.write in this organisational unit');
      }
      if (!systemAllowed(actor, evidence.system_id) && !systemAllowed(actor, link.system_id)) throw forbidden('This API token is limited to other AI systems');
      await repo.deleteLink(trx, linkId);
      const { org_unit_id: _unit, ...row } = link;
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'evidence.unlink', entityType: 'evidence', entityId: id, changes: linkChanges(row, 'removed') }, now);
    });
  }

  /** One stored version for download, for those who may read the evidence. */
  async content(actor: Actor, id: string, number: number): Promise<EvidenceContent> {
    const row = await repo.findEvidence(this.db, id);
    if (!row) throw notFound('Evidence');
    const level = levelOfEvidence(row);
    await gateClassifiedRead(this.database, actor, { entityType: 'evidence', entityId: id, level, what: `content v${number}` }, () =>
      this.assertMayRead(this.db, actor, id, row.org_unit_id, row.system_id),
    );
    const version = await repo.findVersion(this.db, id, number);
    if (!version) throw notFound('Evidence version');
    const stream = await this.storage.get(version.sha256);
    if (!stream) throw notFound('Stored content of the evidence version');
    return { version: presentVersion(version), classification: level, stream };
  }

  private async newEvidenceRow(
    trx: Transaction<DB>,
    actor: Actor,
    systemId: string,
    input: MetadataInput,
    kind: Pick<EvidenceTable, 'kind' | 'url'>,
    now: string,
  ): Promise<EvidenceTable> {
    const system = await findSystem(trx, systemId);
    if (!system) throw invalid('systemId', 'No such AI system');
    await assertInScope(trx, actor, 'evidence.write', system.org_unit_id, system.id);
    assertMayMark(actor, input.classification);
    if (system.archived_at !== null) throw conflict('archived', 'An archived AI system cannot take new evidence');
    const fields = { title: input.title, description: input.description, owner: input.owner };
    return {
      id: randomUUID(),
      system_id: systemId,
      ...fields,
      valid_until: input.validUntil ? input.validUntil : null,
      classification: input.classification ?? this.defaultMarking,
      ...kind,
      search_text: evidenceSearchText(fields),
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: actor.userId,
      created_by_label: actor.label,
      lab_run_id: null,
    };
  }

  private async addFileVersion(trx: Transaction<DB>, actor: Actor, evidenceId: string, number: number, file: ReceivedFile, now: string) {
    const row = {
      evidence_id: evidenceId,
      number,
      sha256: file.staged.sha256,
      size: file.staged.size,
      filename: file.filename,
      content_type: file.contentType,
      uploaded_at: now,
      uploaded_by: actor.userId,
      uploaded_by_label: actor.label,
    };
    await repo.insertVersion(trx, row);
    return row;
  }

  /** Readable with evidence.read where the evidence belongs, or where a system that uses it belongs. */
  private async assertMayRead(db: Kysely<DB>, actor: Actor, id: string, ownerUnit: string, ownerSystem: string): Promise<void> {
    // An API token limited to AI systems reads evidence of those systems or used by them.
    if (!systemAllowed(actor, ownerSystem) && !(await repo.linksOf(db, id)).some((l) => systemAllowed(actor, l.system_id))) {
      throw forbidden('This API token is limited to other AI systems');
    }
    const scope = await unitScope(db, actor, 'evidence.read');
    if (inScope(scope, ownerUnit)) return;
    const units = await repo.linkedUnits(db, id);
    if (!units.some((u) => inScope(scope, u))) throw forbidden('Your roles do not grant evidence.read for this evidence');
  }

  private async detail(db: Kysely<DB>, row: EvidenceTable & { org_unit_id?: string }): Promise<EvidenceDetail> {
    const { org_unit_id: _unit, ...evidenceRow } = row;
    const versions = await repo.versionsOf(db, row.id);
    const links = await repo.linksOf(db, row.id);
    return { ...presentEvidence(evidenceRow, versions[0]), versions: versions.map(presentVersion), links: links.map(presentLink) };
  }
}

/** An evidence item's level for need-to-know: its own, or its system's where that is higher. */
function levelOfEvidence(row: { classification: string; system_classification?: string | undefined }): Marking {
  return highestMarking([row.classification, row.system_classification]);
}

/** The audit change of a link added or removed (also written when a lab run's evidence is linked or unlinked). */
export function linkChanges(row: { system_id: string; requirement_key: string | null; measure_id: string | null }, change: 'added' | 'removed') {
  const value = { systemId: row.system_id, requirementKey: row.requirement_key, measureId: row.measure_id };
  return [{ field: 'link', before: change === 'removed' ? value : null, after: change === 'added' ? value : null }];
}
