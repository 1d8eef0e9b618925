import { randomUUID } from 'node:crypto';
import {
  diffRecords,
  type AiSystem,
  type AiSystemArchive,
  type AiSystemCreate,
  type AiSystemListQuery,
  type AiSystemUpdate,
  type ListPage,
} from '@konform/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, subtreeOf, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findOrgUnit } from '../org-units/repository.js';
import * as repo from './repository.js';
import { presentSystem, toRow } from './presenter.js';

export class SystemService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: AiSystemListQuery): Promise<ListPage<AiSystem>> {
    const scope = await unitScope(this.db, actor, 'system.read');
    // Filtering by a unit includes its sub-units: an Abteilung sees the systems of its Referate.
    const units = query.unit ? [...(await subtreeOf(this.db, query.unit))] : undefined;
    const { rows, total } = await repo.listSystems(this.db, scope, query, units);
    return { items: rows.map(presentSystem), total, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<AiSystem> {
    const row = await repo.findSystem(this.db, id);
    if (!row) throw notFound('AI system');
    await assertInScope(this.db, actor, 'system.read', row.org_unit_id);
    return presentSystem(row);
  }

  async create(actor: Actor, input: AiSystemCreate): Promise<AiSystem> {
    await assertActiveUnit(this.db, input.orgUnitId);
    await assertInScope(this.db, actor, 'system.create', input.orgUnitId);
    const now = new Date().toISOString();
    const row = { id: randomUUID(), ...toRow(input), version: 1, created_at: now, updated_at: now, archived_at: null };
    return this.db.transaction().execute(async (trx) => {
      await repo.insertSystem(trx, row);
      const system = presentSystem(row);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'system.create', entityType: 'system', entityId: system.id, changes: diffRecords(null, system) }, now);
      return system;
    });
  }

  async update(actor: Actor, id: string, input: AiSystemUpdate): Promise<AiSystem> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const currentRow = await repo.findSystem(trx, id);
      if (!currentRow) throw notFound('AI system');
      await assertInScope(trx, actor, 'system.update', currentRow.org_unit_id);
      if (currentRow.archived_at !== null) throw conflict('archived', 'An archived AI system cannot be changed');
      if (currentRow.version !== input.version) throw versionConflict();
      const current = presentSystem(currentRow);
      const { version: _v, reason, ...changes } = input;
      const merged = { ...current, ...stripUndefined(changes) };
      if (merged.orgUnitId !== current.orgUnitId) {
        await assertActiveUnit(trx, merged.orgUnitId);
        await assertInScope(trx, actor, 'system.update', merged.orgUnitId);
      }
      if (merged.sourcing === 'procured' && merged.vendor.trim() === '') throw invalid('vendor', 'A procured system needs the vendor name');
      const values = { ...toRow(merged), version: current.version + 1, updated_at: now };
      if (!(await repo.updateSystemRow(trx, id, input.version, values))) throw versionConflict();
      const after = presentSystem({ ...currentRow, ...values });
      const fieldChanges = diffRecords(current, after);
      if (fieldChanges.length > 0 || reason) {
        await appendAuditEvent(trx, this.database.dialect, actor, { action: 'system.update', entityType: 'system', entityId: id, changes: fieldChanges, reason }, now);
      }
      return after;
    });
  }

  /** Systems are never deleted: archiving keeps the record and its history. */
  async archive(actor: Actor, id: string, input: AiSystemArchive): Promise<AiSystem> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const currentRow = await repo.findSystem(trx, id);
      if (!currentRow) throw notFound('AI system');
      await assertInScope(trx, actor, 'system.archive', currentRow.org_unit_id);
      if (currentRow.archived_at !== null) throw conflict('archived', 'The AI system is archived already');
      if (currentRow.version !== input.version) throw versionConflict();
      const values = { archived_at: now, version: currentRow.version + 1, updated_at: now };
      if (!(await repo.updateSystemRow(trx, id, input.version, values))) throw versionConflict();
      const after = presentSystem({ ...currentRow, ...values });
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'system.archive', entityType: 'system', entityId: id, changes: diffRecords(presentSystem(currentRow), after), reason: input.reason }, now);
      return after;
    });
  }

}

/** Takes the executor explicitly: inside a transaction every query must use it (SQLite has one connection). */
async function assertActiveUnit(db: Kysely<DB>, orgUnitId: string) {
  const unit = await findOrgUnit(db, orgUnitId);
  if (!unit || unit.archived_at !== null) throw invalid('orgUnitId', 'No such organisational unit');
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
