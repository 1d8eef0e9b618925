import { mayRead, readableLevels, type OrgSoa, type RequirementStatus, type SoaQuery, type SystemSoa } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { unitScope } from '../../access/scope.js';
import { notFound } from '../../http/errors.js';
import type { CatalogRegistry, IndexedRequirement } from '../../catalogs/registry.js';
import { NO_CLASSIFICATION } from './applicability.js';
import { advancedKeys, basesOf, presentRow, type RequirementService, type SystemState } from './service.js';
import * as repo from './repository.js';

/**
 * The controls a statement of applicability lists: for a catalogue with an annex of controls (references `A.<n>`,
 * as ISO/IEC 42001's Annex A) those, otherwise every requirement.
 */
export function soaControls(registry: CatalogRegistry, catalogId: string): IndexedRequirement[] {
  const all = registry.requirementsOf(catalogId).filter((e) => e.requirement.kind === 'requirement');
  const annex = all.filter((e) => /^A\.\d/.test(e.requirement.ref));
  return annex.length > 0 ? annex : all;
}

const isDone = (status: RequirementStatus) => status === 'implemented' || status === 'verified';

/** Statements of applicability (ISO/IEC 42001 style) per system and for the organisation. */
export class SoaService {
  constructor(
    private readonly database: Database,
    private readonly requirements: RequirementService,
  ) {}

  async forSystem(actor: Actor, systemId: string, query: SoaQuery): Promise<SystemSoa> {
    const state = await this.requirements.state(actor, systemId);
    if (!state.registry.get(query.catalog)) throw notFound('Catalogue');
    return { systemId, catalogId: query.catalog, basis: state.basis.basis, items: soaControls(state.registry, query.catalog).map((e) => soaItem(state, e)) };
  }

  /** Aggregated over every system (not archived) in the reader's scope: a bounded number of queries for the whole portfolio. */
  async forOrganisation(actor: Actor, query: SoaQuery): Promise<OrgSoa> {
    const db = this.database.db;
    const registry = await this.requirements.catalogs.current();
    if (!registry.get(query.catalog)) throw notFound('Catalogue');
    const scope = await unitScope(db, actor, 'requirement.read');
    // Need-to-know: a classified system's rows and justifications stay out of an uncleared reader's aggregate.
    const systems = await repo.listSystemsInScope(db, scope, mayRead(actor.clearance, 'VS-NfD') ? null : readableLevels(actor.clearance));
    const revisions = await repo.revisionsInScope(db, scope);
    const rows = await repo.catalogRowsInScope(db, scope, query.catalog);
    const measures = await repo.systemMeasuresInScope(db, scope);
    const bases = basesOf(revisions);
    const controls = soaControls(registry, query.catalog);
    const agg = new Map(controls.map((c) => [c.key, { applicable: 0, implemented: 0, notApplicable: 0, justifications: new Set<string>(), measures: new Set<string>() }]));
    for (const system of systems) {
      const state: SystemState = {
        system,
        registry,
        basis: bases.get(system.id) ?? NO_CLASSIFICATION,
        derived: { derived: [], byKey: new Map() },
        rows: new Map(rows.filter((r) => r.system_id === system.id).map((r) => [r.requirement_key, r])),
        measures: measures.filter((m) => m.system_id === system.id),
        advancedBy: new Map(),
        evidence: [],
      };
      for (const m of state.measures) for (const key of advancedKeys(registry, m.measure_id)) state.advancedBy.set(key, [...(state.advancedBy.get(key) ?? []), m.measure_id]);
      state.derived = this.requirements.derivedFor(registry, state.basis, system);
      for (const control of controls) {
        const item = soaItem(state, control);
        const a = agg.get(control.key)!;
        if (item.applicable) a.applicable += 1;
        if (item.applicable && item.implemented) a.implemented += 1;
        if (item.status === 'not-applicable') {
          a.notApplicable += 1;
          a.justifications.add(item.justification);
        }
        if (item.applicable) for (const m of item.measures) a.measures.add(m);
      }
    }
    return {
      catalogId: query.catalog,
      systems: systems.length,
      items: controls.map((c) => {
        const a = agg.get(c.key)!;
        const justification =
          a.applicable > 0 ? `Applies to ${a.applicable} of ${systems.length} systems` : a.justifications.size > 0 ? [...a.justifications].join('; ') : 'Applies to no system in scope';
        return {
          requirementId: c.key,
          ref: c.requirement.ref,
          title: c.requirement.title,
          applicable: a.applicable > 0,
          justification,
          systems: { applicable: a.applicable, implemented: a.implemented, notApplicable: a.notApplicable },
          measures: [...a.measures],
        };
      }),
    };
  }
}

function soaItem(state: SystemState, control: IndexedRequirement) {
  const row = presentRow(state, state.derived.byKey.get(control.key)!);
  const applicable = row.applies && row.status !== 'not-applicable';
  const justification = row.status === 'not-applicable' ? (row.justification ?? '') : row.why.join('; ');
  return { requirementId: row.requirementId, ref: row.ref, title: row.title, applicable, justification, status: row.status, implemented: applicable && isDone(row.status), measures: row.measures };
}
