import { randomUUID } from 'node:crypto';
import { diffRecords, type ListPage, type OrgUnit, type OrgUnitCreate, type OrgUnitUpdate } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { invalid, notFound, versionConflict } from '../../http/errors.js';
import * as repo from './repository.js';

export class OrgUnitService {
  constructor(private readonly database: Database) {}

  /** The unit tree is organisational structure, readable in full by anyone holding orgunit.read. */
  async list(_actor: Actor, limit: number, offset: number): Promise<ListPage<OrgUnit>> {
    const all = (await repo.listOrgUnits(this.database.db)).map(repo.presentOrgUnit);
    return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
  }

  async get(_actor: Actor, id: string): Promise<OrgUnit> {
    const row = await repo.findOrgUnit(this.database.db, id);
    if (!row) throw notFound('Organisational unit');
    return repo.presentOrgUnit(row);
  }

  async create(actor: Actor, input: OrgUnitCreate): Promise<OrgUnit> {
    const now = new Date().toISOString();
    return this.database.db.transaction().execute(async (trx) => {
      if (input.parentId && !(await repo.findOrgUnit(trx, input.parentId))) throw invalid('parentId', 'No such organisational unit');
      const row = { id: randomUUID(), name: input.name, short_name: input.shortName, parent_id: input.parentId, version: 1, created_at: now, updated_at: now, archived_at: null };
      await repo.insertOrgUnit(trx, row);
      const unit = repo.presentOrgUnit(row);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'orgunit.create', entityType: 'org_unit', entityId: unit.id, changes: diffRecords(null, unit) }, now);
      return unit;
    });
  }

  async update(actor: Actor, id: string, input: OrgUnitUpdate): Promise<OrgUnit> {
    const now = new Date().toISOString();
    return this.database.db.transaction().execute(async (trx) => {
      const current = await repo.findOrgUnit(trx, id);
      if (!current) throw notFound('Organisational unit');
      if (current.version !== input.version) throw versionConflict();
      if (input.parentId !== undefined && input.parentId !== null) {
        const units = await repo.listOrgUnits(trx);
        if (!units.some((u) => u.id === input.parentId)) throw invalid('parentId', 'No such organisational unit');
        if (createsCycle(units, id, input.parentId)) throw invalid('parentId', 'A unit cannot be placed below itself');
      }
      const next = {
        name: input.name ?? current.name,
        short_name: input.shortName ?? current.short_name,
        parent_id: input.parentId !== undefined ? input.parentId : current.parent_id,
        version: current.version + 1,
        updated_at: now,
      };
      if (!(await repo.updateOrgUnitRow(trx, id, input.version, next))) throw versionConflict();
      const before = repo.presentOrgUnit(current);
      const after = repo.presentOrgUnit({ ...current, ...next });
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'orgunit.update', entityType: 'org_unit', entityId: id, changes: diffRecords(before, after), reason: input.reason }, now);
      return after;
    });
  }
}

/** True when `parentId` is `id` itself or one of its descendants. */
export function createsCycle(units: readonly { id: string; parent_id: string | null }[], id: string, parentId: string): boolean {
  const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
  let cursor: string | null | undefined = parentId;
  for (let guard = 0; cursor && guard <= units.length; guard++) {
    if (cursor === id) return true;
    cursor = parentOf.get(cursor);
  }
  return false;
}
