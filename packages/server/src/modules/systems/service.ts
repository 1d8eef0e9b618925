import { randomUUID } from 'node:crypto';
import {
  diffRecords,
  mayRead,
  readableLevels,
  type AiSystem,
  type AiSystemArchive,
  type AiSystemCreate,
  type AiSystemListQuery,
  type AiSystemUpdate,
  type ListPage,
} from '@konform/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, subtreeOf, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import { assertMayMark, gateClassifiedRead, levelOf } from '../../access/clearance.js';
import { findOrgUnit } from '../org-units/repository.js';
import * as repo from './repository.js';
import { presentSystem, SYSTEM_DIFF_IGNORE, toRow, UNCLASSIFIED } from './presenter.js';
import { markClassificationForReview } from '../classification/review.js';
import { resolveVendorLink } from '../vendors/link.js';

export class SystemService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: AiSystemListQuery): Promise<ListPage<AiSystem>> {
    const scope = await unitScope(this.db, actor, 'system.read');
    // Filtering by a unit includes its sub-units: an Abteilung sees the systems of its Referate.
    const units = query.unit ? [...(await subtreeOf(this.db, query.unit))] : undefined;
    const levels = mayRead(actor.clearance, 'VS-NfD') ? null : readableLevels(actor.clearance);
    const { rows, total } = await repo.listSystems(this.database, scope, query, units, tokenSystemIds(actor), levels);
    return { items: rows.map(presentSystem), total, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<AiSystem> {
    const row = await repo.findSystem(this.db, id);
    if (!row) throw notFound('AI system');
    // A classified system's every read (and refused attempt) is written to the audit trail.
    const record = { entityType: 'system' as const, entityId: row.id, level: levelOf(row.classification) };
    await gateClassifiedRead(this.database, actor, record, () => assertInScope(this.db, actor, 'system.read', row.org_unit_id, row));
    return presentSystem(row);
  }

  async create(actor: Actor, input: AiSystemCreate): Promise<AiSystem> {
    const now = new Date().toISOString();
    return this.db.transaction().execute((trx) => this.createInTransaction(trx, actor, input, now));
  }

  /** Registers a system inside the caller's transaction (e.g. an accepted intake), with its audit event. */
  async createInTransaction(trx: Transaction<DB>, actor: Actor, input: AiSystemCreate, now: string): Promise<AiSystem> {
    await assertActiveUnit(trx, input.orgUnitId);
    await assertInScope(trx, actor, 'system.create', input.orgUnitId);
    assertMayMark(actor, input.classification);
    // The vendor: a record by id, or by name (found or created), so clients sending only the name keep working.
    const link = (await resolveVendorLink(trx, this.database.dialect, actor, input, now)) ?? { vendor_id: null, vendor: '' };
    if (input.sourcing === 'procured' && link.vendor_id === null) throw invalid('vendor', 'A procured system needs the vendor name');
    const fields = { ...input, vendor: link.vendor, vendorId: link.vendor_id };
    const row = { id: randomUUID(), ...toRow(fields), ...UNCLASSIFIED, version: 1, created_at: now, updated_at: now, archived_at: null };
    await repo.insertSystem(trx, row);
    const system = presentSystem(row);
    await appendAuditEvent(trx, this.database.dialect, actor, { action: 'system.create', entityType: 'system', entityId: system.id, changes: diffRecords(null, system, SYSTEM_DIFF_IGNORE) }, now);
    return system;
  }

  async update(actor: Actor, id: string, input: AiSystemUpdate): Promise<AiSystem> {
    const now = new Date().toISOString();
    return this.db.transaction().execute((trx) => this.updateInTransaction(trx, actor, id, input, now));
  }

  /** Changes a system inside the caller's transaction (e.g. a bulk import), with its audit event and review marks. */
  async updateInTransaction(trx: Transaction<DB>, actor: Actor, id: string, input: AiSystemUpdate, now: string): Promise<AiSystem> {
    const currentRow = await repo.findSystem(trx, id);
    if (!currentRow) throw notFound('AI system');
    await assertInScope(trx, actor, 'system.update', currentRow.org_unit_id, currentRow);
    if (currentRow.archived_at !== null) throw conflict('archived', 'An archived AI system cannot be changed');
    if (currentRow.version !== input.version) throw versionConflict();
    const current = presentSystem(currentRow);
    const { version: _v, reason, ...changes } = input;
    assertMayMark(actor, changes.classification);
    const merged = { ...current, ...stripUndefined(changes) };
    if (merged.orgUnitId !== current.orgUnitId) {
      await assertActiveUnit(trx, merged.orgUnitId);
      await assertInScope(trx, actor, 'system.update', merged.orgUnitId);
    }
    // The vendor: a record by id, or by name (found or created); a name without a record yet is linked now.
    const vendorInput = changes.vendorId !== undefined || changes.vendor !== undefined ? changes : current.vendorId === null && current.vendor.trim() !== '' ? { vendor: current.vendor } : {};
    const link = await resolveVendorLink(trx, this.database.dialect, actor, vendorInput, now);
    if (link) Object.assign(merged, { vendor: link.vendor, vendorId: link.vendor_id });
    if (merged.sourcing === 'procured' && merged.vendorId === null) throw invalid('vendor', 'A procured system needs the vendor name');
    const values = { ...toRow(merged), version: current.version + 1, updated_at: now };
    if (!(await repo.updateSystemRow(trx, id, input.version, values))) throw versionConflict();
    let after = presentSystem({ ...currentRow, ...values });
    const fieldChanges = diffRecords(current, after, SYSTEM_DIFF_IGNORE);
    if (fieldChanges.length > 0 || reason) {
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'system.update', entityType: 'system', entityId: id, changes: fieldChanges, reason }, now);
    }
    // A classification rests on what the system is for, the organisation's roles and where it runs.
    if (changesClassificationBasis(current, after)) {
      const status = await markClassificationForReview(trx, this.database.dialect, actor, id, now);
      if (status) after = { ...after, classificationStatus: status };
    }
    return after;
  }

  /** Systems are never deleted: archiving keeps the record and its history. */
  async archive(actor: Actor, id: string, input: AiSystemArchive): Promise<AiSystem> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const currentRow = await repo.findSystem(trx, id);
      if (!currentRow) throw notFound('AI system');
      await assertInScope(trx, actor, 'system.archive', currentRow.org_unit_id, currentRow);
      if (currentRow.archived_at !== null) throw conflict('archived', 'The AI system is archived already');
      if (currentRow.version !== input.version) throw versionConflict();
      const values = { archived_at: now, version: currentRow.version + 1, updated_at: now };
      if (!(await repo.updateSystemRow(trx, id, input.version, values))) throw versionConflict();
      const after = presentSystem({ ...currentRow, ...values });
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'system.archive', entityType: 'system', entityId: id, changes: diffRecords(presentSystem(currentRow), after, SYSTEM_DIFF_IGNORE), reason: input.reason }, now);
      return after;
    });
  }

}

/** Takes the executor explicitly: inside a transaction every query must use it (SQLite has one connection). */
async function assertActiveUnit(db: Kysely<DB>, orgUnitId: string) {
  const unit = await findOrgUnit(db, orgUnitId);
  if (!unit || unit.archived_at !== null) throw invalid('orgUnitId', 'No such organisational unit');
}

function changesClassificationBasis(before: AiSystem, after: AiSystem): boolean {
  const roles = (s: AiSystem) => JSON.stringify([...new Set(s.roles)].sort());
  return before.purpose !== after.purpose || before.deploymentContext !== after.deploymentContext || roles(before) !== roles(after);
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
