import type { SystemMeasure, SystemMeasureApply } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AiSystemTable, SystemMeasureTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound } from '../../http/errors.js';
import type { CatalogRegistry } from '../../catalogs/registry.js';
import { findSystem, findSystemForUpdate } from '../systems/repository.js';
import type { CatalogService } from '../catalogs/service.js';
import { advancedKeys } from './service.js';
import * as repo from './repository.js';

function present(registry: CatalogRegistry, row: SystemMeasureTable): SystemMeasure {
  const measure = registry.measure(row.measure_id);
  return {
    systemId: row.system_id,
    measureId: row.measure_id,
    // A measure dropped from the catalogue since it was applied keeps its id as title, so it can still be removed.
    title: measure?.title ?? { de: row.measure_id, en: row.measure_id },
    type: measure?.type ?? 'organisational',
    status: row.status as SystemMeasure['status'],
    note: row.note,
    advances: advancedKeys(registry, row.measure_id),
    appliedBy: row.applied_by_label,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Measures of the measures catalogue applied to one system. */
export class SystemMeasureService {
  constructor(
    private readonly database: Database,
    private readonly catalogs: CatalogService,
  ) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, systemId: string): Promise<{ items: SystemMeasure[] }> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, 'requirement.read', system.org_unit_id, system.id);
    const registry = await this.catalogs.current();
    return { items: (await repo.listSystemMeasures(this.db, systemId)).map((r) => present(registry, r)) };
  }

  /** Applies a measure, or changes status and note of one applied already. */
  async apply(actor: Actor, systemId: string, input: SystemMeasureApply): Promise<{ created: boolean; measure: SystemMeasure }> {
    const registry = await this.catalogs.current();
    if (!registry.measure(input.measureId)) throw invalid('measureId', `Unknown measure ${input.measureId}`);
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      await this.lockSystem(trx, actor, systemId);
      const existing = await repo.findSystemMeasure(trx, systemId, input.measureId);
      const row: SystemMeasureTable = existing
        ? { ...existing, status: input.status, note: input.note, updated_at: now }
        : {
            system_id: systemId, measure_id: input.measureId, status: input.status, note: input.note,
            applied_by_id: actor.userId, applied_by_label: actor.label, created_at: now, updated_at: now,
          };
      const changes = (['status', 'note'] as const)
        .filter((f) => existing?.[f] !== row[f])
        .map((f) => ({ field: `measure:${input.measureId}.${f}`, before: existing?.[f] ?? null, after: row[f] }));
      if (existing) {
        if (changes.length === 0) return { created: false, measure: present(registry, existing) };
        await repo.updateSystemMeasure(trx, systemId, input.measureId, { status: row.status, note: row.note, updated_at: now });
      } else {
        await repo.insertSystemMeasure(trx, row);
      }
      await appendAuditEvent(trx, this.database.dialect, actor, { action: existing ? 'measure.update' : 'measure.apply', entityType: 'system', entityId: systemId, changes }, now);
      return { created: !existing, measure: present(registry, row) };
    });
  }

  async remove(actor: Actor, systemId: string, measureId: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.lockSystem(trx, actor, systemId);
      const existing = await repo.findSystemMeasure(trx, systemId, measureId);
      if (!existing) throw notFound('Applied measure');
      await repo.deleteSystemMeasure(trx, systemId, measureId);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'measure.remove',
        entityType: 'system',
        entityId: systemId,
        changes: [{ field: `measure:${measureId}.status`, before: existing.status, after: null }],
      }, now);
    });
  }

  private async lockSystem(trx: Parameters<typeof findSystemForUpdate>[0], actor: Actor, systemId: string): Promise<AiSystemTable> {
    const system = await findSystemForUpdate(trx, this.database.dialect, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(trx, actor, 'requirement.edit', system.org_unit_id, system.id);
    if (system.archived_at !== null) throw conflict('archived', 'The measures of an archived AI system cannot be changed');
    return system;
  }
}
