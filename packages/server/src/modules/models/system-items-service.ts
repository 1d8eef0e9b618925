import { diffRecords, type SystemItemLink, type SystemItems, type SystemItemsUpdate, type TestItemType } from '@konform/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, SystemItemLinkTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, inScope, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, conflict, notFound, versionConflict } from '../../http/errors.js';
import { findSystem, findSystemForUpdate } from '../systems/repository.js';
import * as repo from './repository.js';

export const SYSTEM_ITEMS_ENTITY = 'system-items';

/** Runs in the transaction of a change of a system's models and data (release gates invalidate their releases). */
export type SystemItemsChanged = (trx: Transaction<DB>, dialect: DialectName, actor: Actor, systemId: string, now: string) => Promise<void>;

const key = (l: { type: TestItemType; versionId: string; role: string }) => `${l.type}:${l.versionId}:${l.role}`;

/**
 * Which model and dataset versions an AI system uses and how (GET/PUT /api/systems/{id}/models): read with model.read,
 * changed with model.edit, both in the system's unit. A version newly linked must be one the editor may read.
 */
export class SystemItemService {
  constructor(
    private readonly database: Database,
    private readonly onChanged: SystemItemsChanged = async () => {},
  ) {}

  private get db() {
    return this.database.db;
  }

  private async build(db: Kysely<DB>, actor: Actor, systemId: string): Promise<SystemItems> {
    const [header, links, scope] = await Promise.all([repo.itemSet(db, systemId), repo.linksOf(db, systemId), unitScope(db, actor, 'model.read')]);
    const byType = async (type: TestItemType) => new Map((await repo.versionsWithItems(db, type, links.filter((l) => l.item_type === type).map((l) => l.version_id))).map((v) => [v.id, v]));
    const versions = { model: await byType('model'), dataset: await byType('dataset') };
    const items: SystemItemLink[] = links.flatMap((l) => {
      const v = versions[l.item_type as TestItemType].get(l.version_id);
      if (!v) return [];
      return [{
        type: l.item_type as TestItemType, itemId: v.item_id, itemName: v.item_name, versionId: v.id, versionLabel: v.label, manifestDigest: v.manifest_digest,
        role: l.role as SystemItemLink['role'], note: l.note, readable: inScope(scope, v.org_unit_id),
      }];
    });
    return { systemId, version: header ? Number(header.version) : 0, items };
  }

  async get(actor: Actor, systemId: string): Promise<SystemItems> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, 'model.read', system.org_unit_id, system.id);
    return this.build(this.db, actor, systemId);
  }

  async update(actor: Actor, systemId: string, input: SystemItemsUpdate): Promise<SystemItems> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const system = await findSystemForUpdate(trx, this.database.dialect, systemId);
      if (!system) throw notFound('AI system');
      await assertInScope(trx, actor, 'model.edit', system.org_unit_id, system.id);
      if (system.archived_at !== null) throw conflict('archived', 'The models and data of an archived AI system are not changed');
      const before = await this.build(trx, actor, systemId);
      if (before.version !== input.version) throw versionConflict();

      const known = new Set(before.items.map(key));
      const scope = await unitScope(trx, actor, 'model.read');
      const errors: { path: string; message: string }[] = [];
      for (const type of ['model', 'dataset'] as const) {
        const wanted = input.items.map((l, i) => ({ l, i })).filter(({ l }) => l.type === type);
        const found = new Map((await repo.versionsWithItems(trx, type, wanted.map(({ l }) => l.versionId))).map((v) => [v.id, v]));
        for (const { l, i } of wanted) {
          const v = found.get(l.versionId);
          if (!v) errors.push({ path: `items.${i}.versionId`, message: `Unknown ${type} version` });
          else if (!known.has(key(l)) && !inScope(scope, v.org_unit_id)) errors.push({ path: `items.${i}.versionId`, message: `You may not read this ${type}` });
        }
      }
      if (errors.length > 0) throw new HttpProblem(400, 'validation', 'The list of models and data is invalid', errors);

      const rows: SystemItemLinkTable[] = input.items.map((l, position) => ({ system_id: systemId, item_type: l.type, version_id: l.versionId, role: l.role, note: l.note ?? '', position }));
      const view = (items: readonly { type: string; versionId: string; role: string; note: string }[]) => Object.fromEntries(items.map((l) => [key(l as never), l.note]));
      const changes = diffRecords(view(before.items), view(input.items.map((l) => ({ ...l, note: l.note ?? '' }))));
      const order = (items: readonly { type: TestItemType; versionId: string; role: string }[]) => items.map(key).join('|');
      if (changes.length === 0 && order(before.items) === order(input.items) && !input.reason) return;
      const saved = await repo.saveLinks(trx, { system_id: systemId, version: before.version + 1, updated_at: now, updated_by_label: actor.label }, before.version, rows);
      if (!saved) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'system-items.update', entityType: SYSTEM_ITEMS_ENTITY, entityId: systemId, changes, reason: input.reason }, now);
      await this.onChanged(trx, this.database.dialect, actor, systemId, now);
    });
    return this.get(actor, systemId);
  }
}
