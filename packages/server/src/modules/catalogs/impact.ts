import type { CatalogImpact, ImpactRow, RequirementStatus, SystemImpact } from '@konform/core';
import type { Kysely } from 'kysely';
import type { DB, RequirementRowTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { unitScope } from '../../access/scope.js';
import { hiddenSystemIds } from '../../access/clearance.js';
import type { CatalogRegistry } from '../../catalogs/registry.js';
import { deriveAll, NO_CLASSIFICATION, type Derived } from '../requirements/applicability.js';
import { basesOf } from '../requirements/service.js';
import * as requirementRepo from '../requirements/repository.js';
import type { CatalogDates } from './presenter.js';

/** One side of a comparison: the catalogues and the dates they are read with. */
export interface CatalogSide {
  registry: CatalogRegistry;
  dates: CatalogDates;
}

/** Which catalogues' rows the comparison looks at: one catalogue (an update) or all (the act in force changes). */
export type ImpactScope = { catalogId: string } | 'all';

function derivedMap(side: CatalogSide, scope: ImpactScope, basis: Parameters<typeof deriveAll>[1], system: Parameters<typeof deriveAll>[2]) {
  // Only the updated catalogue's conditions are evaluated: most of the cost of an impact analysis is evaluation.
  const derived = deriveAll(side.registry, basis, system, side.dates, scope === 'all' ? undefined : [scope.catalogId]);
  return new Map(derived.map((d) => [d.entry.key, d]));
}

/**
 * What an update changes in each system's matrix (systems in the actor's scope, archived ones left out): rows that
 * become applicable, rows that stop applying (or whose requirement leaves the catalogue), and rows whose due date
 * moves. A row's due date is its own when someone set one, else the date its requirement applies from. Systems
 * classified above the actor's clearance are left out.
 */
export async function computeImpact(db: Kysely<DB>, actor: Actor, scope: ImpactScope, before: CatalogSide, after: CatalogSide): Promise<CatalogImpact> {
  const units = await unitScope(db, actor, 'requirement.read');
  const hidden = await hiddenSystemIds(db, actor);
  const systems = (await requirementRepo.listSystemsInScope(db, units)).filter((s) => !hidden.has(s.id));
  const bases = basesOf(await requirementRepo.revisionsInScope(db, units));
  const rows = new Map<string, RequirementRowTable>();
  for (const r of await requirementRepo.rowsInScope(db, units)) rows.set(`${r.system_id}|${r.requirement_key}`, r);
  const evidence = new Map<string, number>();
  for (const l of await requirementRepo.requirementLinksInScope(db, units)) evidence.set(`${l.system_id}|${l.requirement_key}`, (evidence.get(`${l.system_id}|${l.requirement_key}`) ?? 0) + 1);
  const unitNames = new Map((await db.selectFrom('org_unit').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));

  const result: SystemImpact[] = [];
  for (const system of systems) {
    const basis = bases.get(system.id) ?? NO_CLASSIFICATION;
    const old = derivedMap(before, scope, basis, system);
    const next = derivedMap(after, scope, basis, system);
    const impactRow = (d: Derived, from: string | null, to: string | null): ImpactRow => {
      const id = `${system.id}|${d.entry.key}`;
      const row = rows.get(id);
      return {
        requirementId: d.entry.key,
        ref: d.entry.requirement.ref,
        title: d.entry.requirement.title,
        status: (row?.status ?? 'open') as RequirementStatus,
        evidenceCount: evidence.get(id) ?? 0,
        before: from,
        after: to,
      };
    };
    const impact: SystemImpact = { systemId: system.id, name: system.name, orgUnitName: unitNames.get(system.org_unit_id) ?? '', appear: [], disappear: [], dueDateChanged: [] };
    for (const [key, d] of next) {
      const was = old.get(key);
      const ownDate = rows.get(`${system.id}|${key}`)?.due_date ?? null;
      if (d.applies && !was?.applies) impact.appear.push(impactRow(d, null, ownDate ?? d.appliesFrom));
      else if (d.applies && was?.applies) {
        const from = ownDate ?? was.appliesFrom;
        const to = ownDate ?? d.appliesFrom;
        if (from !== to) impact.dueDateChanged.push(impactRow(d, from, to));
      }
    }
    for (const [key, d] of old) {
      if (!d.applies) continue;
      const now = next.get(key);
      if (now?.applies) continue;
      const ownDate = rows.get(`${system.id}|${key}`)?.due_date ?? null;
      impact.disappear.push({ ...impactRow(d, ownDate ?? d.appliesFrom, null), removed: !now });
    }
    if (impact.appear.length + impact.disappear.length + impact.dueDateChanged.length > 0) result.push(impact);
  }
  return {
    systems: result,
    totals: {
      systems: result.length,
      appear: result.reduce((n, s) => n + s.appear.length, 0),
      disappear: result.reduce((n, s) => n + s.disappear.length, 0),
      dueDateChanged: result.reduce((n, s) => n + s.dueDateChanged.length, 0),
    },
  };
}
